package export

import (
	"bufio"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/bibname"
	"github.com/citekit/citekit/internal/bibvars"
	"github.com/citekit/citekit/internal/latex"
	"github.com/nickng/bibtex"
	"golang.org/x/text/unicode/norm"
)

// A BibTeXDialect selects the fields and entry types a [BibTeXEncoder]
// writes.
type BibTeXDialect int

const (
	// BibTeX writes classic BibTeX for bibtex and its .bst styles: journal,
	// year and month (a month macro), address, school and institution,
	// archiveprefix. Types without a classic equivalent keep their BibLaTeX
	// name (@online), which classic styles format as @misc, with a warning.
	BibTeX BibTeXDialect = iota
	// BibLaTeX writes for biber and biblatex: journaltitle, date (ISO
	// 8601-2), location, institution, eprinttype, the BibLaTeX entry types.
	BibLaTeX
)

// A BibTeXEncoder writes citations as BibTeX or BibLaTeX entries.
//
// Every value is brace-delimited except month macros (month = mar);
// characters special to BibTeX and LaTeX are escaped ([{}] \ $ % & # _ ~ ^
// and more), so no value can end its entry or start another and braces
// always balance. Rich text in titles is written as LaTeX (\textit{},
// \textbf{}, \textsc{}, \textsuperscript{}, \textsubscript{}) and text whose
// case must be kept (<span class="nocase">) in braces. Fields come in a
// fixed order: names, titles, container, numbers, dates, publisher,
// identifiers, links, texts, then the Extra fields labelled "bibtex:<field>"
// by name. Output is deterministic.
//
// Extra "bibtex:<field>" values are raw BibTeX and are written as read, so
// they round-trip exactly, with one exception: a value whose braces do not
// balance or that ends in a backslash is written as text (its braces and
// backslashes escaped). BibTeX reads "{...\}" as a value ending in a
// backslash, but biber and LaTeX take "\}" for an escaped brace, so such a
// value reads back as its escaped form.
//
// URLs, DOIs and the other identifiers are written verbatim, but for a
// backslash that a reader would take for an escape (before one of
// _ % & # $ ~ { }, or at the end), written %5C, and a brace that does not
// balance, written %7B or %7D: such a value reads back percent-encoded.
//
// Names are written "von Last, Jr, First", braced where BibTeX would read
// them otherwise. BibTeX takes a word for von by the case of its first
// letter, and a von part ends with such a word, so a von part whose last
// word has no lower-case letter (read from "\b0 Smith", where the letter
// that made it von is a LaTeX command's) cannot be written as von: it is
// folded into the last name ("{0̱ Smith}"). So is a von part with math
// ($...$), whose braces and commas cannot be escaped.
//
// Citation keys are the citation's ID, with the characters BibTeX does not
// allow in a key (white space, , { } ( ) " # % = \ ~) removed; a citation
// without one gets family name + year + first title word, ASCII-folded
// ("gogh1890starry"). A key already written gets "a", "b", ... appended.
//
// What the model holds beyond BibTeX's fields is written where BibLaTeX
// has a field: translator, bookauthor (container-author), ORCID iDs
// (author+an:orcid), eventtitle, venue, origdate, eventdate, urldate,
// pubstate, pagetotal, chapter, volumes, version, origtitle,
// origpublisher, origlocation, annote/annotation, entrysubtype (magazine,
// newspaper). Not written: other name roles, the dates submitted and
// available-date, Source, License, Related, the CSL variables in Vars
// other than chapter-number, number-of-volumes, version, original-title,
// original-publisher, original-publisher-place and annote, and Extra
// fields of other formats ("ris:..."). A collection number of an article
// has no field either.
//
// The nickng/bibtex document model: [BibTeXEncoder.Entry] builds the
// *bibtex.BibEntry that Encode writes, and [WriteBibEntry] writes any
// entry in this layout (nickng's own PrettyString writes Go escapes into
// values, so it is not used).
//
// Set the exported fields before the first Encode. An encoder serves one
// goroutine; separate encoders may run in parallel.
type BibTeXEncoder struct {
	// Dialect is BibTeX (the default) or BibLaTeX.
	Dialect BibTeXDialect
	// ASCII writes non-ASCII characters as LaTeX commands ({\"o}, {\ss}),
	// as classic BibTeX needs; the default writes UTF-8.
	ASCII bool
	// KeepFieldNames writes the names of fields kept from a BibTeX source
	// (Extra "bibtex:<field>") exactly as read. By default a character
	// other than a letter, digit, "_", ":", "+" or "-" in such a name
	// becomes "-" ("dc.date" is written "dc-date"), because pandoc rejects
	// a whole file over one such name; BibTeX and biber read them all.
	KeepFieldNames bool

	w    *bufio.Writer
	err  error
	used map[string]bool
	n    int
}

// NewBibTeXEncoder returns an encoder of BibTeX entries to w.
func NewBibTeXEncoder(w io.Writer) *BibTeXEncoder {
	return &BibTeXEncoder{w: bufio.NewWriterSize(w, 64<<10), used: make(map[string]bool)}
}

// NewBibLaTeXEncoder returns an encoder of BibLaTeX entries to w.
func NewBibLaTeXEncoder(w io.Writer) *BibTeXEncoder {
	e := NewBibTeXEncoder(w)
	e.Dialect = BibLaTeX
	return e
}

// Encode writes c as one entry.
func (e *BibTeXEncoder) Encode(c *citation.Citation) error {
	if e.err != nil {
		return e.err
	}
	entry := e.Entry(c)
	if e.n > 0 {
		e.w.WriteByte('\n')
	}
	e.n++
	var extra []string
	for _, f := range c.Extra {
		if name, ok := strings.CutPrefix(f.Name, "bibtex:"); ok {
			name = strings.ToLower(name)
			if !e.KeepFieldNames {
				name = portableName(name)
			}
			extra = append(extra, name)
		}
	}
	writeEntry(e.w, entry, extra)
	if e.w.Buffered() > 32<<10 {
		e.err = e.w.Flush()
	}
	return e.err
}

// Close flushes the output.
func (e *BibTeXEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	e.err = e.w.Flush()
	return e.err
}

// fieldOrder is the order fields are written in; other fields follow in
// alphabetical order.
var fieldOrder = func() map[string]int {
	names := []string{
		"author", "editor", "bookauthor", "translator",
		"title", "shorttitle", "booktitle", "journal", "journaltitle", "shortjournal",
		"series", "volume", "number", "issue", "eid", "pages", "pagetotal", "chapter",
		"edition", "volumes", "version", "year", "month", "day", "date", "eventtitle", "eventdate",
		"venue", "origtitle", "origdate", "origpublisher", "origlocation", "publisher", "organization", "institution", "school",
		"address", "location", "type", "howpublished", "pubstate", "language",
		"doi", "issn", "isbn", "pmid", "pmcid", "eprint", "eprinttype", "archiveprefix",
		"url", "urldate", "keywords", "abstract", "note", "annote", "annotation",
	}
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i + 1
	}
	return m
}()

// WriteBibEntry writes a nickng/bibtex entry in citekit's layout:
// "@type{key," then one "  field = {value}," line per field in the
// encoder's field order, then "}". Values are written as they are held:
// a BibConst in braces, a *BibVar as its macro name, a *BibComposite as its
// parts joined with " # ". BibConst text must already be escaped and
// balanced, as [BibTeXEncoder.Entry] makes it.
func WriteBibEntry(w io.Writer, entry *bibtex.BibEntry) error {
	return writeEntry(w, entry, nil)
}

// writeEntry writes entry with the fields in fieldOrder, then those named
// in extra in that order, then the rest alphabetically.
func writeEntry(w io.Writer, entry *bibtex.BibEntry, extra []string) error {
	keys := make([]string, 0, len(entry.Fields))
	for k := range entry.Fields {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		for i, x := range extra {
			if x == k {
				return len(fieldOrder) + 1 + i
			}
		}
		if o := fieldOrder[k]; o > 0 {
			return o
		}
		return len(fieldOrder) + len(extra) + 1
	}
	sort.Slice(keys, func(i, j int) bool {
		oi, oj := rank(keys[i]), rank(keys[j])
		if oi != oj {
			return oi < oj
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	b.WriteString("@")
	b.WriteString(entry.Type)
	b.WriteString("{")
	b.WriteString(entry.CiteName)
	if len(keys) == 0 {
		// pandoc needs the comma after the key of an empty entry.
		b.WriteByte(',')
	}
	for _, k := range keys {
		b.WriteString(",\n  ")
		b.WriteString(k)
		b.WriteString(" = ")
		writeBibString(&b, entry.Fields[k])
	}
	b.WriteString("\n}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeBibString(b *strings.Builder, s bibtex.BibString) {
	switch v := s.(type) {
	case bibtex.BibConst:
		b.WriteByte('{')
		b.WriteString(string(v))
		b.WriteByte('}')
	case *bibtex.BibConst:
		b.WriteByte('{')
		b.WriteString(string(*v))
		b.WriteByte('}')
	case *bibtex.BibVar:
		b.WriteString(v.Key)
	case *bibtex.BibComposite:
		for i, p := range *v {
			if i > 0 {
				b.WriteString(" # ")
			}
			writeBibString(b, p)
		}
	default:
		b.WriteByte('{')
		b.WriteString(balance(s.String()))
		b.WriteByte('}')
	}
}

var monthMacro = [...]string{"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
var monthName = [...]string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Entry builds the nickng/bibtex entry that Encode writes for c, and
// reserves its key. Values are BibConst text already escaped for BibTeX; a
// month is a *BibVar (the month macro).
func (e *BibTeXEncoder) Entry(c *citation.Citation) *bibtex.BibEntry {
	bl := e.Dialect == BibLaTeX
	typ := e.entryType(c)
	entry := &bibtex.BibEntry{Type: typ, CiteName: e.key(c), Fields: make(map[string]bibtex.BibString)}
	set := func(name, value string) {
		if value != "" {
			entry.Fields[name] = bibtex.BibConst(value)
		}
	}
	text := func(s string) string { return latex.FromUnicode(s, latex.Options{ASCII: e.ASCII}) }
	rich := func(s string) string { return latex.FromUnicode(s, latex.Options{ASCII: e.ASCII, Markup: true}) }

	// Names.
	set("author", e.names(c.Authors))
	set("editor", e.names(c.Editors))
	set("translator", e.names(c.Names(citation.RoleTranslator)))
	set("bookauthor", e.names(c.Names(citation.RoleContainerAuthor)))
	set("author+an:orcid", orcids(c.Authors))
	set("editor+an:orcid", orcids(c.Editors))

	// Titles.
	set("title", rich(c.Title))
	set("shorttitle", rich(c.TitleShort))
	article := isArticle(c.Type)
	if c.ContainerTitle != "" {
		journal := "journal"
		if bl {
			journal = "journaltitle"
		}
		// The reader takes the first of these fields it finds; a source
		// that had more than one keeps the others as Extra. The
		// container goes in the dialect's field unless an Extra would
		// come first, and then in the reader's first choice.
		order := [...]string{"booktitle", "journaltitle", "journal"}
		name := "booktitle"
		if article {
			order = [...]string{"journaltitle", "journal", "booktitle"}
			name = journal
		}
		for _, f := range order {
			if _, taken := c.ExtraValue("bibtex:" + f); taken {
				if f != order[0] {
					name = order[0]
				}
				break
			}
			if f == name {
				break
			}
		}
		set(name, rich(c.ContainerTitle))
	}
	switch c.Type {
	case citation.TypeArticleMagazine:
		set("entrysubtype", "magazine")
	case citation.TypeArticleNewspaper:
		set("entrysubtype", "newspaper")
	}
	set("shortjournal", rich(c.ContainerTitleShort))
	set("series", rich(c.CollectionTitle))
	set("eventtitle", rich(c.EventTitle))

	// Numbers.
	set("volume", text(c.Volume))
	switch {
	case article:
		set("number", text(c.Issue))
		set("eid", text(c.Number))
	case seriesNumber(c.Type):
		set("issue", text(c.Issue))
		if c.CollectionNumber != "" {
			set("number", text(c.CollectionNumber))
		} else {
			set("number", text(c.Number))
		}
	default:
		set("issue", text(c.Issue))
		set("number", text(c.Number))
	}
	if c.Pages != "" {
		set("pages", pages(text(c.Pages)))
	}
	set("pagetotal", text(c.NumberOfPages))
	set("edition", text(c.Edition))
	for _, f := range bibvars.Vars {
		if f.Rich {
			set(f.Field, rich(c.Var(f.CSL)))
		} else {
			set(f.Field, text(c.Var(f.CSL)))
		}
	}

	// Dates.
	e.dates(entry, c, text)

	// Publisher and places.
	if c.Publisher != "" {
		name := "publisher"
		switch c.Type {
		case citation.TypeThesis:
			name = "school"
			if bl {
				name = "institution"
			}
		case citation.TypeReport:
			name = "institution"
			if typ == "manual" {
				name = "organization"
			}
		}
		// With another of these kept from the source, only "publisher"
		// reads back as the publisher.
		for _, f := range [...]string{"school", "institution", "organization"} {
			if _, taken := c.ExtraValue("bibtex:" + f); taken {
				name = "publisher"
			}
		}
		set(name, text(c.Publisher))
	}
	if c.PublisherPlace != "" {
		_, xl := c.ExtraValue("bibtex:location")
		// The reader takes address before location.
		if bl && !xl {
			set("location", text(c.PublisherPlace))
		} else {
			set("address", text(c.PublisherPlace))
		}
	}
	set("venue", text(c.EventPlace))
	genre := c.Genre
	if c.Type == citation.TypeThesis {
		switch {
		case isPhD(genre):
			genre = ""
			if bl {
				genre = "phdthesis"
			}
		case isMasters(genre):
			genre = ""
			if bl {
				genre = "mathesis"
			}
		}
	}
	set("type", text(genre))
	set("howpublished", text(c.Medium))
	set("pubstate", text(c.Status))
	set("language", text(c.Language))

	// Identifiers and links: verbatim, with braces kept balanced.
	set("doi", verbatim(c.DOI))
	set("issn", verbatim(strings.Join(c.ISSN, ", ")))
	set("isbn", verbatim(strings.Join(c.ISBN, ", ")))
	set("pmid", verbatim(c.PMID))
	set("pmcid", verbatim(c.PMCID))
	if c.ArXiv != "" {
		set("eprint", verbatim(c.ArXiv))
		_, xa := c.ExtraValue("bibtex:archiveprefix")
		_, xe := c.ExtraValue("bibtex:eprinttype")
		if bl && !xe || xa {
			set("eprinttype", "arxiv")
		} else {
			set("archiveprefix", "arXiv")
		}
	}
	set("url", verbatim(c.URL))

	// Texts.
	kw := make([]string, 0, len(c.Keywords))
	for _, k := range c.Keywords {
		kw = append(kw, text(strings.ReplaceAll(k, ",", ";")))
	}
	set("keywords", strings.Join(kw, ", "))
	set("abstract", rich(c.Abstract))
	set("note", rich(c.Note))
	if bl {
		set("annotation", text(c.Var("annote")))
	} else {
		set("annote", text(c.Var("annote")))
	}

	// Fields kept from a BibTeX source, as written.
	for _, f := range c.Extra {
		name, ok := strings.CutPrefix(f.Name, "bibtex:")
		if !ok || name == "entrytype" && isTypeName(f.Value) || !validFieldName(name) {
			// An entry type that pandoc and biber would not read stays a
			// field of a @misc.
			continue
		}
		name = strings.ToLower(name)
		if !e.KeepFieldNames {
			name = portableName(name)
		}
		if _, dup := entry.Fields[name]; dup || f.Value == "" {
			continue
		}
		v := f.Value
		if !balanced(v) {
			v = text(v)
		}
		entry.Fields[name] = bibtex.BibConst(v)
	}
	return entry
}

func (e *BibTeXEncoder) dates(entry *bibtex.BibEntry, c *citation.Citation, text func(string) string) {
	bl := e.Dialect == BibLaTeX
	d := c.Issued
	switch {
	case d.IsZero():
	case d.Literal != "" || d.Year == 0:
		// A date that cannot be structured goes in year, which both
		// dialects take as a literal; in date when a year is kept as
		// written (Extra), as it was read from a date field then.
		field := "year"
		if _, xy := c.ExtraValue("bibtex:year"); xy {
			if _, xd := c.ExtraValue("bibtex:date"); !xd {
				field = "date"
			}
		}
		entry.Fields[field] = bibtex.BibConst(text(d.Literal))
	case bl:
		entry.Fields["date"] = bibtex.BibConst(formatEDTF(d))
	default:
		// A source with a date and a year or month that disagree with it
		// keeps them as written (Extra); the date is the date.
		_, xy := c.ExtraValue("bibtex:year")
		_, xm := c.ExtraValue("bibtex:month")
		_, xd := c.ExtraValue("bibtex:day")
		if !xy && !xm && !xd {
			entry.Fields["year"] = bibtex.BibConst(strconv.Itoa(d.Year))
			if d.Month >= 1 && d.Month <= 12 && !d.IsRange() {
				entry.Fields["month"] = &bibtex.BibVar{Key: monthMacro[d.Month], Value: bibtex.BibConst(monthName[d.Month])}
			}
		}
		// What year and month cannot say goes in a BibLaTeX date too,
		// which classic styles ignore.
		if d.Day != 0 || d.IsRange() || d.Circa || d.Season != 0 || xy || xm || xd {
			entry.Fields["date"] = bibtex.BibConst(formatEDTF(d))
		}
	}
	for _, df := range [...]struct {
		field string
		date  citation.Date
	}{{"urldate", c.Accessed}, {"eventdate", c.EventDate}, {"origdate", c.OriginalDate}} {
		if s := formatEDTF(df.date); s != "" {
			entry.Fields[df.field] = bibtex.BibConst(s)
		}
	}
}

// formatEDTF writes a structured date in ISO 8601-2 (EDTF), as BibLaTeX
// reads it, or "" for a date without a year or with only a literal.
func formatEDTF(d citation.Date) string {
	if d.Year == 0 || d.Literal != "" {
		return ""
	}
	return d.String()
}

// pages writes a page range with BibTeX's en dash: "1-10" as "1--10".
func pages(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '-' {
			// Skip "-{}-" escapes written by FromUnicode for "--".
			j := i
			for j < len(s) && (s[j] == '-' || strings.HasPrefix(s[j:], "{}")) {
				if s[j] == '-' {
					j++
				} else {
					j += 2
				}
			}
			b.WriteString("--")
			i = j - 1
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isPhD(g string) bool {
	g = strings.ToLower(g)
	return g == "phd thesis" || g == "phdthesis"
}

func isMasters(g string) bool {
	g = strings.ToLower(g)
	return g == "master's thesis" || g == "mastersthesis" || g == "mathesis"
}

func isArticle(t citation.ItemType) bool {
	switch t {
	case citation.TypeArticle, citation.TypeArticleJournal, citation.TypeArticleMagazine,
		citation.TypeArticleNewspaper, citation.TypeReview, citation.TypeReviewBook:
		return true
	}
	return false
}

func seriesNumber(t citation.ItemType) bool {
	switch t {
	case citation.TypeBook, citation.TypeChapter, citation.TypePaperConference, citation.TypeCollection,
		citation.TypeEntry, citation.TypeEntryDictionary, citation.TypeEntryEncyclopedia:
		return true
	}
	return false
}

// entryType picks the entry type for c (specs/bibtex.md §6).
func (e *BibTeXEncoder) entryType(c *citation.Citation) string {
	bl := e.Dialect == BibLaTeX
	if t, ok := c.ExtraValue("bibtex:entrytype"); ok && c.Type == citation.TypeDocument && isTypeName(t) {
		return strings.ToLower(t)
	}
	switch c.Type {
	case citation.TypeArticleJournal, citation.TypeArticle, citation.TypeArticleMagazine,
		citation.TypeArticleNewspaper, citation.TypeReviewBook:
		return "article"
	case citation.TypeReview:
		if bl {
			return "review"
		}
		return "article"
	case citation.TypeBook, citation.TypeCollection:
		return "book"
	case citation.TypeChapter:
		if c.ContainerTitle != "" {
			return "incollection"
		}
		return "inbook"
	case citation.TypePaperConference:
		return "inproceedings"
	case citation.TypeReport:
		if bl {
			return "report"
		}
		return "techreport"
	case citation.TypeThesis:
		if bl {
			return "thesis"
		}
		switch {
		case isMasters(c.Genre):
			return "mastersthesis"
		case c.Genre == "":
			// @phdthesis would read back as a PhD thesis.
			return "thesis"
		}
		return "phdthesis"
	case citation.TypeManuscript:
		return "unpublished"
	case citation.TypeWebpage, citation.TypePost, citation.TypePostWeblog:
		return "online"
	case citation.TypeDataset:
		return "dataset"
	case citation.TypeSoftware:
		return "software"
	case citation.TypePatent:
		return "patent"
	case citation.TypeStandard:
		return "standard"
	case citation.TypePeriodical:
		return "periodical"
	case citation.TypeEntry, citation.TypeEntryDictionary, citation.TypeEntryEncyclopedia:
		return "inreference"
	case citation.TypeMotionPicture:
		return "movie"
	case citation.TypeSong:
		return "audio"
	case citation.TypePersonalCommunication:
		return "letter"
	case citation.TypeGraphic:
		return "artwork"
	case citation.TypePerformance:
		return "performance"
	case citation.TypeLegislation:
		return "legislation"
	case citation.TypeLegalCase:
		return "jurisdiction"
	}
	return "misc"
}

// orcids writes the ORCID iDs of a name list as a BibLaTeX name
// annotation: 1="0000-0002-1825-0097"; 3="...".
func orcids(ns []citation.Name) string {
	var parts []string
	for i, n := range ns {
		if n.ORCID != "" && !strings.ContainsAny(n.ORCID, "\"{}\\") {
			parts = append(parts, strconv.Itoa(i+1)+`="`+n.ORCID+`"`)
		}
	}
	return strings.Join(parts, "; ")
}

// names writes a name list.
func (e *BibTeXEncoder) names(ns []citation.Name) string {
	if len(ns) == 0 {
		return ""
	}
	text := func(s string) string {
		o := latex.Options{ASCII: e.ASCII}
		if !strings.Contains(s, "=") {
			return latex.FromUnicode(s, o)
		}
		// "=" in braces: a name such as "given=0" must not read back as
		// BibLaTeX's extended name format. (Not in the LaTeX written:
		// \=u is a macron.)
		parts := strings.Split(s, "=")
		for i, p := range parts {
			parts[i] = latex.FromUnicode(p, o)
		}
		return strings.Join(parts, "{=}")
	}
	parts := make([]string, 0, len(ns))
	for _, n := range ns {
		var p bibname.Parts
		switch {
		case n.Others:
			p.Others = true
		case n.Literal != "":
			p.Literal = text(n.Literal)
		default:
			p.First = text(n.Given)
			von := n.DroppingParticle
			if n.NonDroppingParticle != "" {
				if von != "" {
					von += " "
				}
				von += n.NonDroppingParticle
			}
			p.Von = text(von)
			p.Last = text(n.Family)
			p.Jr = text(n.Suffix)
			if p.Last == "" && p.Von == "" && p.First == "" && p.Jr == "" {
				continue
			}
		}
		parts = append(parts, bibname.Format(p))
	}
	return strings.Join(parts, " and ")
}

// verbatim writes a URL, DOI or identifier unchanged but for braces,
// written \{ and \}, so the value stays balanced, and a backslash before a
// character the reader unescapes (or at the end), written %5C.
func verbatim(s string) string {
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "{}\\\n\r") {
		return s
	}
	braces := balanced(strings.NewReplacer(`\{`, "", `\}`, "").Replace(s))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{', '}':
			// \{ reads back as a brace, but BibTeX counts it: only when
			// the braces balance.
			if braces {
				b.WriteByte('\\')
				b.WriteByte(c)
			} else if c == '{' {
				b.WriteString("%7B")
			} else {
				b.WriteString("%7D")
			}
		case '\\':
			// Only a backslash that the reader would take for an escape:
			// one at the end or before a character the reader unescapes,
			// and so every backslash of a run that ends so (the next is
			// written "%5C", which starts with such a character).
			j := i + 1
			for j < len(s) && s[j] == '\\' {
				j++
			}
			if j == len(s) || strings.IndexByte(`_%&#$~{}`, s[j]) >= 0 {
				b.WriteString("%5C")
			} else {
				b.WriteByte(c)
			}
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// balanced reports whether braces balance in s, never going below zero,
// and s does not end in a backslash.
func balanced(s string) bool {
	level := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
			if level < 0 {
				return false
			}
		}
	}
	return level == 0 && !strings.HasSuffix(s, "\\")
}

// balance escapes braces so a string of unknown origin is balanced.
func balance(s string) string {
	if balanced(s) {
		return s
	}
	return latex.FromUnicode(s, latex.Options{})
}

// portableName replaces the characters of a field name that pandoc does
// not read with "-".
func portableName(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if !portableByte(s[i]) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	b := []byte(s)
	for i := range b {
		if !portableByte(b[i]) {
			b[i] = '-'
		}
	}
	return string(b)
}

func portableByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '+' || c == '-'
}

// isTypeName reports whether s can be written as an entry type: a letter,
// then letters and digits.
func isTypeName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func validFieldName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"#%'(),={}@\\", c) >= 0 {
			return false
		}
	}
	return true
}

// key returns the citation key for c, unique among those written.
func (e *BibTeXEncoder) key(c *citation.Citation) string {
	k := cleanKey(c.ID)
	if k == "" {
		k = GenerateBibTeXKey(c)
	}
	if !e.used[strings.ToLower(k)] {
		e.used[strings.ToLower(k)] = true
		return k
	}
	for n := 1; ; n++ {
		cand := k + suffix(n)
		if !e.used[strings.ToLower(cand)] {
			e.used[strings.ToLower(cand)] = true
			return cand
		}
	}
}

// suffix returns "a" ... "z", "aa", "ab", ... for n = 1, 2, ...
func suffix(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// cleanKey removes what a BibTeX key cannot hold.
func cleanKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r < ' ' || strings.ContainsRune(",{}()\"#%=\\~", r) || r == utf8.RuneError {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// GenerateBibTeXKey makes a citation key from the first author's (or
// editor's) family name, the year and the first significant word of the
// title, folded to lower-case ASCII letters and digits: "gogh1890starry".
// It never returns "": a citation with none of these gets "ref".
func GenerateBibTeXKey(c *citation.Citation) string {
	var who string
	for _, ns := range [][]citation.Name{c.Authors, c.Editors} {
		for _, n := range ns {
			switch {
			case n.Family != "":
				who = n.Family
			case n.Literal != "":
				who = firstWord(n.Literal)
			}
			if who != "" {
				break
			}
		}
		if who != "" {
			break
		}
	}
	var b strings.Builder
	b.WriteString(foldASCII(who))
	if c.Issued.Year > 0 {
		b.WriteString(strconv.Itoa(c.Issued.Year))
	}
	for _, w := range strings.Fields(citation.PlainText(c.Title)) {
		f := foldASCII(w)
		if f == "" || stopWords[f] {
			continue
		}
		b.WriteString(f)
		break
	}
	if b.Len() == 0 {
		return "ref"
	}
	return b.String()
}

var stopWords = map[string]bool{"a": true, "an": true, "the": true, "on": true, "of": true, "in": true,
	"and": true, "for": true, "to": true, "at": true, "der": true, "die": true, "das": true, "le": true,
	"la": true, "les": true, "el": true, "los": true, "un": true, "une": true, "ein": true, "eine": true}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// foldASCII lower-cases s and folds it to ASCII letters and digits: accents
// removed by decomposition (golang.org/x/text/unicode/norm), special letters
// spelt out (ß ss, æ ae, ø o, ł l), anything else dropped.
func foldASCII(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < utf8.RuneSelf:
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			} else if r >= 'A' && r <= 'Z' {
				b.WriteRune(r + 'a' - 'A')
			}
		case unicode.Is(unicode.Mn, r):
		default:
			if f, ok := foldSpecial[unicode.ToLower(r)]; ok {
				b.WriteString(f)
			}
		}
	}
	return b.String()
}

var foldSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th",
	'ı': "i", 'ȷ': "j", 'ŋ': "ng", 'ħ': "h", 'ĳ': "ij",
}
