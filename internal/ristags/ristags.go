// Package ristags holds the RIS tables shared by the RIS decoder and
// encoder: reference types and their CSL item types, and the tags whose
// meaning depends on the type.
package ristags

import (
	"strings"
	"sync"

	"github.com/citekit/citekit/citation"
)

// readTypes maps every RIS type code of the 2001 and 2011 specifications,
// and the codes exporters are seen to emit, to a CSL item type.
var readTypes = map[string]citation.ItemType{
	"ABST": citation.TypeArticleJournal, "INPR": citation.TypeArticleJournal,
	"JFULL": citation.TypeArticleJournal, "JOUR": citation.TypeArticleJournal,
	"EJOUR": citation.TypeArticleJournal, "JOURN": citation.TypeArticleJournal,
	"MGZN": citation.TypeArticleMagazine, "NEWS": citation.TypeArticleNewspaper,
	"PRESS": citation.TypeArticleNewspaper,
	"BOOK":  citation.TypeBook, "EBOOK": citation.TypeBook, "EDBOOK": citation.TypeBook,
	"CTLG": citation.TypeBook,
	"CHAP": citation.TypeChapter, "ECHAP": citation.TypeChapter,
	"CONF": citation.TypePaperConference, "CPAPER": citation.TypePaperConference,
	"THES": citation.TypeThesis,
	"RPRT": citation.TypeReport, "GOVDOC": citation.TypeReport,
	"STAND": citation.TypeStandard,
	"ELEC":  citation.TypeWebpage, "WEB": citation.TypeWebpage, "ICOMM": citation.TypeWebpage,
	"BLOG": citation.TypePostWeblog,
	"DATA": citation.TypeDataset, "DBASE": citation.TypeDataset, "AGGR": citation.TypeDataset,
	"GEN": citation.TypeDocument, "OTHER": citation.TypeDocument,
	"EQUA": citation.TypeDocument, "GRANT": citation.TypeDocument, "MULTI": citation.TypeDocument,
	"COMP": citation.TypeSoftware,
	"PAT":  citation.TypePatent, "CASE": citation.TypeLegalCase,
	"BILL": citation.TypeBill, "UNBILL": citation.TypeBill,
	"STAT": citation.TypeLegislation, "HEAR": citation.TypeHearing, "LEGAL": citation.TypeRegulation,
	"MPCT": citation.TypeMotionPicture, "VIDEO": citation.TypeMotionPicture, "ADVS": citation.TypeMotionPicture,
	"SOUND": citation.TypeSong, "POD": citation.TypeBroadcast, "SLIDE": citation.TypeSpeech,
	"MANSCPT": citation.TypeManuscript, "UNPB": citation.TypeManuscript, "UNPD": citation.TypeManuscript,
	"ART": citation.TypeGraphic, "CHART": citation.TypeGraphic, "FIGURE": citation.TypeFigure,
	"MAP": citation.TypeMap, "MUSIC": citation.TypeMusicalScore, "PAMP": citation.TypePamphlet,
	"PCOMM": citation.TypePersonalCommunication, "SER": citation.TypePeriodical,
	"ENCYC": citation.TypeEntryEncyclopedia, "DICT": citation.TypeEntryDictionary,
	"CLSWK": citation.TypeClassic, "ANCIENT": citation.TypeClassic,
}

// writeTypes maps each CSL item type to the RIS code written for it. Types
// missing here are written as GEN (see [WriteType]).
var writeTypes = map[citation.ItemType]string{
	citation.TypeArticle:               "JOUR",
	citation.TypeArticleJournal:        "JOUR",
	citation.TypeArticleMagazine:       "MGZN",
	citation.TypeArticleNewspaper:      "NEWS",
	citation.TypeBill:                  "BILL",
	citation.TypeBook:                  "BOOK",
	citation.TypeBroadcast:             "POD",
	citation.TypeChapter:               "CHAP",
	citation.TypeClassic:               "CLSWK",
	citation.TypeDataset:               "DATA",
	citation.TypeDocument:              "GEN",
	citation.TypeEntryDictionary:       "DICT",
	citation.TypeEntryEncyclopedia:     "ENCYC",
	citation.TypeFigure:                "FIGURE",
	citation.TypeGraphic:               "ART",
	citation.TypeHearing:               "HEAR",
	citation.TypeLegalCase:             "CASE",
	citation.TypeLegislation:           "STAT",
	citation.TypeManuscript:            "MANSCPT",
	citation.TypeMap:                   "MAP",
	citation.TypeMotionPicture:         "MPCT",
	citation.TypeMusicalScore:          "MUSIC",
	citation.TypePamphlet:              "PAMP",
	citation.TypePaperConference:       "CONF",
	citation.TypePatent:                "PAT",
	citation.TypePeriodical:            "SER",
	citation.TypePersonalCommunication: "PCOMM",
	citation.TypePostWeblog:            "BLOG",
	citation.TypeRegulation:            "LEGAL",
	citation.TypeReport:                "RPRT",
	citation.TypeReview:                "JOUR",
	citation.TypeReviewBook:            "JOUR",
	citation.TypeSoftware:              "COMP",
	citation.TypeSong:                  "SOUND",
	citation.TypeSpeech:                "SLIDE",
	citation.TypeStandard:              "STAND",
	citation.TypeThesis:                "THES",
	citation.TypeWebpage:               "ELEC",
}

// ReadType returns the CSL item type of a RIS type code, and false for a
// code it does not know.
func ReadType(code string) (citation.ItemType, bool) {
	t, ok := readTypes[code]
	return t, ok
}

// WriteType returns the RIS code for a CSL item type, GEN when RIS has
// none. The second result is false when reading the code back gives a
// different type (RIS cannot hold the type).
func WriteType(t citation.ItemType) (string, bool) {
	code, ok := writeTypes[t]
	if !ok {
		code = "GEN"
	}
	back, _ := ReadType(code)
	if t == "" {
		t = citation.TypeDocument
	}
	return code, back == t
}

// Journal reports whether items of type t are periodical articles, whose
// tags follow the JOUR sheet: ET an e-pub date, C7 an article number, M1 an
// issue.
func Journal(t citation.ItemType) bool {
	switch t {
	case citation.TypeArticleJournal, citation.TypeArticle, citation.TypeArticleMagazine,
		citation.TypeArticleNewspaper, citation.TypeReview, citation.TypeReviewBook:
		return true
	}
	return false
}

// Whole reports whether items of type t are whole works (books, reports,
// theses), whose T2 is a series title (CSL collection-title) and whose SP
// alone is a number of pages.
func Whole(t citation.ItemType) bool {
	switch t {
	case citation.TypeBook, citation.TypeReport, citation.TypeThesis:
		return true
	}
	return false
}

// Tag reports whether s has the form of a RIS tag: an upper-case letter and
// an upper-case letter or a digit.
func Tag(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' &&
		(s[1] >= 'A' && s[1] <= 'Z' || s[1] >= '0' && s[1] <= '9')
}

// Codes returns the RIS type codes citekit reads, for tests.
var Codes = sync.OnceValue(func() []string {
	out := make([]string, 0, len(readTypes))
	for k := range readTypes {
		out = append(out, k)
	}
	return out
})

// NoteLabel splits an N1 value of the form "label:name: value", where label
// is a word (letters, digits, "_" and "-") and name has no white space: the
// form citekit writes for values that have no RIS tag ("csl:publisher-place:
// Paris", "bibtex:owner: jdoe").
func NoteLabel(v string) (label, name, value string, ok bool) {
	colon := strings.IndexByte(v, ':')
	if colon < 1 || colon+1 >= len(v) || v[colon+1] == ' ' {
		return "", "", "", false
	}
	for i := 0; i < colon; i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return "", "", "", false
		}
	}
	rest := v[colon+1:]
	sep := strings.Index(rest, ": ")
	if sep < 1 || strings.ContainsAny(rest[:sep], " \t\n") {
		return "", "", "", false
	}
	return v[:colon], rest[:sep], rest[sep+2:], true
}

// Var returns the CSL variable that tag holds whatever the item type, and
// false for the tags with more to them (names, dates, pages, identifiers,
// type-dependent tags). The decoder fills the variable from the first such
// tag and keeps the others as Extra; the encoder writes an Extra value of
// such a tag as the tag only when the variable holds another value, so
// that it reads back as Extra.
func Var(tag string) (string, bool) {
	v, ok := vars[tag]
	return v, ok
}

var vars = map[string]string{
	"TI": "title", "T1": "title", "CT": "title", "ST": "title-short",
	"T3": "collection-title", "JF": "container-title", "JO": "container-title",
	"JA": "container-title-short", "J1": "container-title-short", "J2": "container-title-short",
	"VL": "volume", "IS": "issue", "CP": "issue", "AB": "abstract", "N2": "abstract",
	"PB": "publisher", "CY": "publisher-place", "AV": "archive_location",
	"CN": "call-number", "DB": "archive", "DP": "source", "LA": "language",
	"NV": "number-of-volumes", "SV": "collection-number", "SE": "section",
	"OP": "original-title", "RI": "reviewed-title", "RN": "annote",
}
