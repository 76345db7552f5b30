package parse

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/bibname"
	"github.com/citekit/citekit/internal/bibvars"
	"github.com/citekit/citekit/internal/latex"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// bibTypes maps BibTeX and BibLaTeX entry types to CSL item types
// (specs/bibtex.md §6, citation-js's bibtexTypes/biblatexTypes).
var bibTypes = map[string]citation.ItemType{
	"article": citation.TypeArticleJournal, "suppperiodical": citation.TypeArticleJournal,
	"book": citation.TypeBook, "mvbook": citation.TypeBook, "booklet": citation.TypeBook,
	"collection": citation.TypeBook, "mvcollection": citation.TypeBook,
	"proceedings": citation.TypeBook, "mvproceedings": citation.TypeBook,
	"reference": citation.TypeBook, "mvreference": citation.TypeBook, "commentary": citation.TypeBook,
	"inbook": citation.TypeChapter, "bookinbook": citation.TypeChapter, "suppbook": citation.TypeChapter,
	"incollection": citation.TypeChapter, "suppcollection": citation.TypeChapter,
	"inproceedings": citation.TypePaperConference, "conference": citation.TypePaperConference,
	"manual": citation.TypeReport, "techreport": citation.TypeReport, "report": citation.TypeReport,
	"mastersthesis": citation.TypeThesis, "phdthesis": citation.TypeThesis, "thesis": citation.TypeThesis,
	"misc": citation.TypeDocument, "unpublished": citation.TypeManuscript,
	"online": citation.TypeWebpage, "electronic": citation.TypeWebpage, "www": citation.TypeWebpage,
	"dataset": citation.TypeDataset, "software": citation.TypeSoftware, "patent": citation.TypePatent,
	"periodical": citation.TypePeriodical, "standard": citation.TypeStandard, "review": citation.TypeReview,
	"inreference": citation.TypeEntry, "movie": citation.TypeMotionPicture, "video": citation.TypeMotionPicture,
	"audio": citation.TypeSong, "music": citation.TypeSong, "letter": citation.TypePersonalCommunication,
	"artwork": citation.TypeGraphic, "image": citation.TypeGraphic, "performance": citation.TypePerformance,
	"legislation": citation.TypeLegislation, "jurisdiction": citation.TypeLegalCase, "legal": citation.TypeLegalCase,
}

// ExtraEntryType labels the Extra field that keeps an entry type with no
// CSL equivalent (the citation's Type is then "document").
const ExtraEntryType = "bibtex:entrytype"

// richFields hold CSL rich text (titles).
func isSeriesNumberType(t citation.ItemType) bool {
	switch t {
	case citation.TypeBook, citation.TypeChapter, citation.TypePaperConference, citation.TypeCollection,
		citation.TypeEntry, citation.TypeEntryDictionary, citation.TypeEntryEncyclopedia:
		return true
	}
	return false
}

func isArticleType(t citation.ItemType) bool {
	switch t {
	case citation.TypeArticle, citation.TypeArticleJournal, citation.TypeArticleMagazine,
		citation.TypeArticleNewspaper, citation.TypeReview, citation.TypeReviewBook:
		return true
	}
	return false
}

// validUTF8 returns v, read as Windows-1252 when it is not UTF-8 (a
// Latin-1 .bib file; BibTeX itself works on bytes).
func validUTF8(v string) string {
	if utf8.ValidString(v) {
		return v
	}
	s, err := charmap.Windows1252.NewDecoder().String(v)
	if err != nil {
		return strings.ToValidUTF8(v, "\uFFFD")
	}
	return s
}

// A bibConv converts field values to Unicode, with one buffer for all
// the values it converts. The zero value is ready to use; it is not safe
// for concurrent use.
type bibConv struct {
	buf      []byte
	nameList []string // the names of a list
}

// plainText reports whether v is already the text that text and rich
// make of it (ASCII without LaTeX, control characters or white space to
// fold: latex.IsPlain and normalize return it unchanged), and whether it
// holds a "<". It reads v once, where the general path reads it four
// times.
func plainText(v string) (ok, lt bool) {
	n := len(v)
	if n == 0 {
		return true, false
	}
	if v[0] == ' ' || v[n-1] == ' ' {
		return false, false // white space to fold
	}
	if n >= 32 {
		if strings.Contains(v, "  ") {
			return false, false
		}
	} else {
		// Shorter than strings.Contains is worth calling.
		for i := 1; i < n-1; i++ {
			if v[i] == ' ' && v[i+1] == ' ' {
				return false, false
			}
		}
	}
	for i := 0; ; i++ {
		// Skip ordinary bytes (and single spaces), eight at a time.
		for i+8 <= n && plainClass[v[i]]|plainClass[v[i+1]]|plainClass[v[i+2]]|plainClass[v[i+3]]|
			plainClass[v[i+4]]|plainClass[v[i+5]]|plainClass[v[i+6]]|plainClass[v[i+7]] == 0 {
			i += 8
		}
		for i < n && plainClass[v[i]] == 0 {
			i++
		}
		if i == n {
			return true, lt
		}
		switch c := v[i]; plainClass[c] {
		case pcTwice:
			// "--" and "''" are a dash and a quote; one alone is itself.
			if i+1 < n && v[i+1] == c {
				return false, false
			}
		case pcLT:
			lt = true
		default:
			return false, false
		}
	}
}

// Classes of bytes for plainText.
const (
	pcOrdinary = iota // and ' '
	pcOther           // LaTeX, control characters, non-ASCII: not plain
	pcTwice           // '-' and '\'': not plain when doubled
	pcLT              // '<'
)

var plainClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c < ' ' || c >= utf8.RuneSelf:
			t[c] = pcOther
		case c == '-' || c == '\'':
			t[c] = pcTwice
		case c == '<':
			t[c] = pcLT
		case strings.IndexByte("\\{}$~`", byte(c)) >= 0:
			t[c] = pcOther
		}
	}
	return t
}()

// text converts a value to plain Unicode text.
func (bc *bibConv) text(v string) string {
	if ok, _ := plainText(v); ok {
		return v
	}
	return bc.textSlow(v)
}

// textSlow is text without its fast path for plain values.
func (bc *bibConv) textSlow(v string) string {
	v = validUTF8(v)
	if latex.IsPlain(v) {
		return normalize(v)
	}
	bc.buf = latex.AppendUnicode(bc.buf[:0], v, false)
	return bibFolded(bc.buf)
}

// rich converts a value to CSL rich text in canonical form.
func (bc *bibConv) rich(v string) string {
	if ok, lt := plainText(v); ok {
		if lt && !simpleMarkup(v) {
			return canonicalMarkup(v)
		}
		return v
	}
	v = validUTF8(v)
	var s string
	if latex.IsPlain(v) {
		s = normalize(v)
	} else {
		bc.buf = latex.AppendUnicode(bc.buf[:0], v, true)
		s = bibFolded(bc.buf)
	}
	if strings.Contains(s, "<") && !simpleMarkup(s) {
		s = canonicalMarkup(s)
	}
	return s
}

// bibFolded returns text converted from LaTeX (NFC already) as a string,
// with its white space folded as citation.NormalizeText folds it.
func bibFolded(b []byte) string {
	prevSpace := true
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == ' ':
			if prevSpace {
				return citation.NormalizeText(string(b))
			}
			prevSpace = true
			continue
		case c < ' ':
			return citation.NormalizeText(string(b))
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(b[i:])
			if unicode.IsSpace(r) {
				return citation.NormalizeText(string(b))
			}
			i += n - 1
		}
		prevSpace = false
	}
	if prevSpace && len(b) > 0 {
		return citation.NormalizeText(string(b))
	}
	return string(b)
}

// normalize is citation.NormalizeText, without its allocations for text
// that is already normal (NFC, single spaces, nothing to trim).
func normalize(s string) string {
	prevSpace := true
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return citation.NormalizeText(s)
			}
			prevSpace = true
			continue
		case c > ' ' && c < utf8.RuneSelf:
		case c >= utf8.RuneSelf:
			ascii = false
		default:
			return citation.NormalizeText(s)
		}
		prevSpace = false
	}
	if prevSpace && s != "" {
		return citation.NormalizeText(s)
	}
	if !ascii {
		for _, r := range s {
			if r >= utf8.RuneSelf && unicode.IsSpace(r) {
				return citation.NormalizeText(s)
			}
		}
		if !norm.NFC.IsNormalString(s) {
			return citation.NormalizeText(s)
		}
	}
	return s
}

// simpleMarkup reports whether rich text is already canonical because its
// tags neither nest nor touch: every run has one style and differs from
// its neighbours by plain text.
func simpleMarkup(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				break
			}
			i += j
		}
		if strings.HasPrefix(s[i:], "</") {
			depth--
			j := strings.IndexByte(s[i:], '>')
			if j < 0 || depth < 0 {
				return false
			}
			if k := i + j + 1; k < len(s) && s[k] == '<' {
				return false // </i><i>: adjacent runs
			}
			i += j
			continue
		}
		depth++
		if depth > 1 {
			return false
		}
	}
	return depth == 0
}

// canonicalMarkup rewrites rich text in one form, so that equal rich text
// compares equal: runs without a cased letter lose the nocase style, and
// adjacent runs of one style are joined.
func canonicalMarkup(s string) string {
	runs := citation.ParseMarkup(s)
	out := runs[:0]
	for _, r := range runs {
		if r.Style&citation.NoCase != 0 && !hasCasedLetter(r.Text) {
			r.Style &^= citation.NoCase
		}
		if n := len(out); n > 0 && out[n-1].Style == r.Style {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return citation.FormatMarkup(out)
}

func hasCasedLetter(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// BibTeXNames converts a BibTeX name list ("Knuth, Donald E. and others")
// to names, by BibTeX's rules: see internal/bibname. A name that is one
// brace group is a Literal; "others" gives a Name with Others set.
func BibTeXNames(v string) []citation.Name {
	var bc bibConv
	return bc.names(v)
}

func (bc *bibConv) names(v string) []citation.Name {
	bc.nameList = bibname.AppendSplit(bc.nameList[:0], validUTF8(v))
	list := bc.nameList
	if len(list) == 0 {
		return nil
	}
	names := make([]citation.Name, 0, len(list))
	for _, s := range list {
		if n, ok := bc.keyValueName(s); ok {
			names = append(names, n)
			continue
		}
		p := bibname.Parse(s)
		var n citation.Name
		switch {
		case p.Others:
			n.Others = true
		case p.Literal != "":
			n.Literal = bc.text(p.Literal)
		default:
			n.Given = bc.text(p.First)
			n.NonDroppingParticle = bc.text(p.Von)
			n.Family = bc.text(p.Last)
			n.Suffix = bc.text(p.Jr)
		}
		if !n.IsZero() {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return names
}

// keyValueName reads BibLaTeX's extended name format:
// "family=Gogh, given=Vincent, prefix=van, useprefix=true".
func (bc *bibConv) keyValueName(s string) (citation.Name, bool) {
	if !strings.Contains(s, "=") {
		return citation.Name{}, false
	}
	var n citation.Name
	for rest, more := s, true; more; {
		// The parts between commas outside braces.
		p := rest
		if c := indexLevel0(rest, ','); c >= 0 {
			p, rest = rest[:c], rest[c+1:]
		} else {
			more = false
		}
		// "key=value" with the "=" outside braces and a key of letters,
		// digits and "-" ("given-i"); anything else is a BibTeX name.
		eq := indexLevel0(p, '=')
		if eq < 0 || !isNameKey(strings.TrimSpace(p[:eq])) {
			return citation.Name{}, false
		}
		k, v := p[:eq], strings.TrimSpace(p[eq+1:])
		if len(v) >= 2 && v[0] == '{' && v[len(v)-1] == '}' {
			v = v[1 : len(v)-1]
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "family":
			n.Family = bc.text(v)
		case "given":
			n.Given = bc.text(v)
		case "prefix":
			n.NonDroppingParticle = bc.text(v)
		case "suffix":
			n.Suffix = bc.text(v)
		default:
			// useprefix, given-i and biber's per-name options.
		}
	}
	return n, n.Family != "" || n.Given != ""
}

// indexLevel0 returns the index of the first c in s outside braces, or -1.
func indexLevel0(s string, c byte) int {
	level := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
		case c:
			if level == 0 {
				return i
			}
		}
	}
	return -1
}

// isNameKey reports whether k can be a key of BibLaTeX's extended name
// format: a letter, then letters, digits and "-".
func isNameKey(k string) bool {
	if k == "" || !('a' <= k[0]|0x20 && k[0]|0x20 <= 'z') {
		return false
	}
	for i := 1; i < len(k); i++ {
		c := k[i]
		if !('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// convert maps an entry, with its inherited fields, to a citation.
func (d *BibTeXDecoder) convert(it *bibRecord) (*citation.Citation, error) {
	fields, errs := d.inherit(it)
	c, convErrs := d.conv.citation(it.typ, it.key, fields)
	var problems []*ParseError
	if it.readErr != nil {
		var pe *ParseError
		if errors.As(it.readErr, &pe) {
			problems = append(problems, pe)
		}
	}
	for _, e := range errs {
		problems = append(problems, &ParseError{Format: "bibtex", Line: it.line, Column: it.col,
			Record: it.key, Field: "crossref", Err: e})
	}
	problems = append(problems, convErrs...)
	if len(problems) > 0 {
		return c, combine(problems)
	}
	return c, nil
}

// citation maps the fields of one entry.
func (bc *bibConv) citation(typ, key string, fields []BibTeXField) (*citation.Citation, []*ParseError) {
	c := &citation.Citation{ID: key}
	if t, ok := bibTypes[typ]; ok {
		c.Type = t
	} else {
		c.Type = citation.TypeDocument
		c.AddExtra(ExtraEntryType, typ)
	}
	var used fieldSet
	used.init(fields)
	get := func(name string) (string, bool) {
		if i := used.find(name); i >= 0 {
			return fields[i].Value, true
		}
		return "", false
	}
	if sub, ok := get("entrysubtype"); ok && c.Type == citation.TypeArticleJournal {
		switch strings.ToLower(strings.TrimSpace(sub)) {
		case "magazine":
			c.Type = citation.TypeArticleMagazine
		case "newspaper":
			c.Type = citation.TypeArticleNewspaper
		}
	}
	var problems []*ParseError
	use := func(name string) (string, bool) {
		if i := used.find(name); i >= 0 {
			used.setFlag(i, true)
			return fields[i].Value, true
		}
		return "", false
	}
	used.set("crossref", true)
	used.set("xdata", true)
	if c.Type == citation.TypeArticleMagazine || c.Type == citation.TypeArticleNewspaper {
		used.set("entrysubtype", true)
	}

	// Names.
	for _, nf := range [...]struct {
		field string
		role  citation.Role
	}{
		{"author", citation.RoleAuthor}, {"editor", citation.RoleEditor},
		{"translator", citation.RoleTranslator}, {"bookauthor", citation.RoleContainerAuthor},
	} {
		if v, ok := use(nf.field); ok {
			c.SetNames(nf.role, bc.names(v))
		}
	}

	// BibLaTeX name annotations: author+an:orcid = {1="0000-..."; 2="..."}.
	for _, nf := range [...]struct {
		field string
		role  citation.Role
	}{{"author+an:orcid", citation.RoleAuthor}, {"editor+an:orcid", citation.RoleEditor}} {
		if v, ok := get(nf.field); ok {
			if names := c.Names(nf.role); applyORCIDs(names, v) {
				used.set(nf.field, true)
			}
		}
	}

	// Titles.
	joinSub := func(title, sub, addon string) string {
		t := bc.rich(title)
		if s := bc.rich(sub); s != "" {
			if t != "" {
				t += ": " + s
			} else {
				t = s
			}
		}
		if a := bc.rich(addon); a != "" {
			if t != "" {
				t += ". " + a
			} else {
				t = a
			}
		}
		return t
	}
	{
		t, _ := use("title")
		s, _ := use("subtitle")
		a, _ := use("titleaddon")
		c.Title = citation.NormalizeTitle(joinSub(t, s, a))
	}
	if v, ok := use("shorttitle"); ok {
		c.TitleShort = bc.rich(v)
	}
	journal := func() {
		for _, jf := range [...]string{"journaltitle", "journal"} {
			if v, ok := get(jf); ok && c.ContainerTitle == "" {
				used.set(jf, true)
				s, _ := use("journalsubtitle")
				c.ContainerTitle = joinSub(v, s, "")
			}
		}
	}
	booktitle := func() {
		if v, ok := get("booktitle"); ok && c.ContainerTitle == "" {
			used.set("booktitle", true)
			s, _ := use("booksubtitle")
			a, _ := use("booktitleaddon")
			c.ContainerTitle = joinSub(v, s, a)
		}
	}
	if isArticleType(c.Type) {
		journal()
		booktitle()
	} else {
		booktitle()
		journal()
	}
	if v, ok := use("shortjournal"); ok {
		c.ContainerTitleShort = bc.rich(v)
	}
	if v, ok := use("series"); ok {
		c.CollectionTitle = bc.rich(v)
	}
	if v, ok := use("eventtitle"); ok {
		c.EventTitle = bc.rich(v)
	}

	// Numbers.
	if v, ok := use("volume"); ok {
		c.Volume = bc.text(v)
	}
	number, hasNumber := get("number")
	switch {
	case !hasNumber:
	case isArticleType(c.Type):
		used.set("number", true)
		c.Issue = bc.text(number)
	case isSeriesNumberType(c.Type):
		used.set("number", true)
		c.CollectionNumber = bc.text(number)
	default:
		used.set("number", true)
		c.Number = bc.text(number)
	}
	if v, ok := get("issue"); ok && c.Issue == "" {
		used.set("issue", true)
		c.Issue = bc.text(v)
	}
	if v, ok := get("eid"); ok && c.Number == "" {
		used.set("eid", true)
		c.Number = bc.text(v)
	}
	if v, ok := use("pages"); ok {
		c.Pages = bc.pages(v)
	}
	for _, f := range [...]string{"pagetotal", "numpages"} {
		if v, ok := get(f); ok && c.NumberOfPages == "" {
			used.set(f, true)
			c.NumberOfPages = bc.text(v)
		}
	}
	if v, ok := use("edition"); ok {
		c.Edition = bc.text(v)
	}
	// Fields that are CSL variables of Vars.
	for _, f := range bibvars.Vars {
		if v, ok := use(f.Field); ok {
			if f.Rich {
				c.SetVar(f.CSL, bc.rich(v))
			} else {
				c.SetVar(f.CSL, bc.text(v))
			}
		}
	}

	// Publisher and places.
	if v, ok := use("publisher"); ok {
		c.Publisher = bc.text(v)
	}
	if c.Publisher == "" {
		order := []string{"organization", "institution", "school"}
		switch typ {
		case "mastersthesis", "phdthesis", "thesis":
			order = []string{"school", "institution", "organization"}
		case "techreport", "report":
			order = []string{"institution", "organization", "school"}
		}
		for _, f := range order {
			if v, ok := get(f); ok {
				used.set(f, true)
				// An empty one ("organization = {}") gives way to the next.
				if c.Publisher = bc.text(v); c.Publisher != "" {
					break
				}
			}
		}
	}
	for _, f := range [...]string{"address", "location"} {
		if v, ok := get(f); ok && c.PublisherPlace == "" {
			used.set(f, true)
			c.PublisherPlace = bc.text(v)
		}
	}
	if v, ok := use("venue"); ok {
		c.EventPlace = bc.text(v)
	}
	if v, ok := get("location"); ok && !used.has("location") && c.EventPlace == "" && c.Type == citation.TypePaperConference {
		// ACM and others write both: address for the publisher,
		// location for the conference.
		used.set("location", true)
		c.EventPlace = bc.text(v)
	}

	// Kind and state.
	if v, ok := use("type"); ok {
		c.Genre = bc.text(v)
		if c.Type == citation.TypeThesis {
			switch strings.ToLower(c.Genre) {
			case "phdthesis":
				c.Genre = "PhD thesis"
			case "mathesis", "mastersthesis":
				c.Genre = "Master's thesis"
			}
		}
	} else {
		switch typ {
		case "phdthesis":
			c.Genre = "PhD thesis"
		case "mastersthesis":
			c.Genre = "Master's thesis"
		}
	}
	if v, ok := use("pubstate"); ok {
		c.Status = bc.text(v)
	}
	for _, f := range [...]string{"language", "langid"} {
		if v, ok := get(f); ok && c.Language == "" {
			used.set(f, true)
			c.Language = bc.text(v)
		}
	}

	// Dates.
	problems = append(problems, bc.dates(c, get, &used, key)...)

	// Identifiers and links.
	if v, ok := use("doi"); ok {
		c.DOI = cleanDOI(verbatimText(v))
	}
	if v, ok := use("issn"); ok {
		c.ISSN = splitIdentifiers(verbatim(v), normISSN)
	}
	if v, ok := use("isbn"); ok {
		c.ISBN = splitIdentifiers(verbatim(v), normISBN)
	}
	if v, ok := use("pmid"); ok {
		c.PMID = normPMID(verbatim(v))
	}
	if v, ok := use("pmcid"); ok {
		c.PMCID = normPMCID(verbatim(v))
	}
	if v, ok := get("eprint"); ok {
		kind := ""
		for _, f := range [...]string{"eprinttype", "archiveprefix"} {
			if t, ok := get(f); ok && kind == "" {
				kind = strings.ToLower(strings.TrimSpace(bc.text(t)))
				used.set(f, true)
			}
		}
		e := strings.TrimSpace(verbatim(v))
		if kind == "" && strings.HasPrefix(strings.ToLower(e), "arxiv:") {
			kind, e = "arxiv", e[len("arxiv:"):]
		}
		used.set("eprint", true)
		switch {
		case kind == "arxiv" && c.ArXiv == "":
			c.ArXiv = normArXiv(e)
		case kind == "pubmed" && c.PMID == "":
			c.PMID = normPMID(e)
		case (kind == "pmc" || kind == "pmcid") && c.PMCID == "":
			c.PMCID = normPMCID(e)
		case kind == "doi" && c.DOI == "":
			c.DOI = cleanDOI(e)
		default:
			used.set("eprint", false)
			for _, f := range [...]string{"eprinttype", "archiveprefix"} {
				used.set(f, false)
			}
		}
	}
	if v, ok := use("url"); ok {
		c.URL = verbatimText(v)
	}
	if v, ok := get("howpublished"); ok {
		u := bc.text(v)
		used.set("howpublished", true)
		if lu := strings.ToLower(u); (strings.HasPrefix(lu, "http://") || strings.HasPrefix(lu, "https://")) && !strings.ContainsAny(u, " ") {
			if c.URL == "" {
				c.URL = u
			} else if c.URL != u {
				used.set("howpublished", false)
			}
		} else if c.Publisher == "" {
			// How it was published, as citation-js reads it.
			c.Publisher = u
		} else {
			c.Medium = u
		}
	}

	// Texts.
	if v, ok := use("keywords"); ok {
		c.Keywords = splitKeywords(bc.text(v))
	}
	if v, ok := use("abstract"); ok {
		c.Abstract = bc.rich(v)
	}
	if v, ok := use("note"); ok {
		c.Note = bc.rich(v)
	}
	for _, f := range [...]string{"annote", "annotation"} {
		if v, ok := get(f); ok && c.Var("annote") == "" {
			used.set(f, true)
			c.SetVar("annote", bc.text(v))
		}
	}

	// Everything else, as written.
	for i, f := range fields {
		if used.flag(i) {
			continue
		}
		c.AddExtra("bibtex:"+f.Name, validUTF8(f.Value))
	}
	c.Normalize()
	return c, problems
}

// verbatim returns a value read verbatim: latex.Verbatim, with invalid
// UTF-8 read as Windows-1252.
func verbatim(v string) string {
	if ok, _ := plainText(v); ok {
		// No LaTeX, nothing to trim: latex.Verbatim would return v.
		return v
	}
	return latex.Verbatim(validUTF8(v))
}

// verbatimText is verbatim with the white space folded
// (citation.NormalizeText).
func verbatimText(v string) string {
	if ok, _ := plainText(v); ok {
		return v // normal already
	}
	return citation.NormalizeText(latex.Verbatim(validUTF8(v)))
}

// pages converts a page range: "--" and en dashes become "-".
func (bc *bibConv) pages(v string) string {
	if isPlainPages(v) {
		// "97--111": nothing to convert.
		for strings.Contains(v, "--") {
			v = strings.ReplaceAll(v, "--", "-")
		}
		return v
	}
	s := bc.text(v)
	s = strings.ReplaceAll(s, "–", "-")
	s = strings.ReplaceAll(s, "—", "-")
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return s
}

// splitKeywords splits a keywords field on commas and semicolons.
func isPlainPages(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == ',' || c == '+') {
			return false
		}
	}
	return v != "" && v[0] != '-' && v[len(v)-1] != '-'
}

func splitKeywords(s string) []string {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' || s[i] == ';' {
			n++
		}
	}
	if n == 0 {
		// One keyword (strings.FieldsFunc and TrimSpace, without their
		// allocations).
		if k := strings.TrimSpace(s); k != "" {
			return []string{k}
		}
		return nil
	}
	out := make([]string, 0, n+1)
	for rest := s; ; {
		i := strings.IndexAny(rest, ",;")
		k := rest
		if i >= 0 {
			k = rest[:i]
		}
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
		if i < 0 {
			break
		}
		rest = rest[i+1:]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// cleanDOI strips a resolver or "doi:" prefix (citation.ParseDOI); a value
// that is not a DOI is kept as it is.
func cleanDOI(s string) string {
	s = strings.TrimSpace(s)
	if d, err := citation.ParseDOI(s); err == nil {
		return d.String()
	}
	return s
}

func normPMID(s string) string {
	s = strings.TrimSpace(s)
	if p, err := citation.ParsePMID(s); err == nil {
		return p.String()
	}
	return citation.NormalizeText(s)
}

func normPMCID(s string) string {
	s = strings.TrimSpace(s)
	if p, err := citation.ParsePMCID(s); err == nil {
		return p.String()
	}
	if p, err := citation.ParsePMCID("PMC" + s); err == nil {
		return p.String()
	}
	return citation.NormalizeText(s)
}

func normArXiv(s string) string {
	s = strings.TrimSpace(s)
	if a, err := citation.ParseArXiv(s); err == nil {
		return a.String()
	}
	return citation.NormalizeText(s)
}

// splitIdentifiers splits a list of ISSNs or ISBNs ("a, b", "a; b", "a b")
// and normalizes each one that norm recognizes; when none is recognized the
// value is kept whole.
func splitIdentifiers(s string, norm func(string) (string, bool)) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var out []string
	for rest := s; rest != ""; {
		// The pieces between commas and semicolons (strings.FieldsFunc,
		// without its allocation).
		piece := rest
		if i := strings.IndexAny(rest, ",;"); i >= 0 {
			piece, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if piece == "" {
			continue
		}
		if n, ok := norm(piece); ok {
			out = append(out, n)
			continue
		}
		for _, t := range strings.Fields(piece) {
			if n, ok := norm(t); ok {
				out = append(out, n)
			}
		}
	}
	if len(out) == 0 {
		return []string{citation.NormalizeText(s)}
	}
	return out
}

// normISSN checks an ISSN and writes it as "1234-567X".
func normISSN(s string) (string, bool) {
	n, err := citation.ParseISSN(s)
	if err != nil {
		return "", false
	}
	return n.String(), true
}

// normISBN checks an ISBN-10 or ISBN-13 and writes it as ISBN-13 digits.
func normISBN(s string) (string, bool) {
	n, err := citation.ParseISBN(s)
	if err != nil {
		return "", false
	}
	return n.ISBN13().String(), true
}

// applyORCIDs sets the ORCID iDs of a BibLaTeX name annotation
// (1="0000-0002-1825-0097"; 2="...") on names, reporting whether the whole
// annotation was understood.
func applyORCIDs(names []citation.Name, v string) bool {
	ok := false
	for _, item := range strings.Split(v, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		k, id, found := strings.Cut(item, "=")
		n, err := strconv.Atoi(strings.TrimSpace(k))
		if !found || err != nil || n < 1 || n > len(names) {
			return false
		}
		id = strings.Trim(strings.TrimSpace(id), `"`)
		if o, err := citation.ParseORCID(id); err == nil {
			id = o.String()
		}
		names[n-1].ORCID = id
		ok = true
	}
	return ok
}

// fieldSet marks the fields of an entry that the mapping used; the rest go
// to Extra. Field names are unique in an entry.
type fieldSet struct {
	fields []BibTeXField
	flags  [32]bool // the flags of the first 32 fields
	more   []bool   // and of the others
	// slots is a hash table of the fields by name (fieldHash, linear
	// probing): 1 + the index of a field, 0 for none. With more fields
	// than fit, find scans them.
	slots  [64]int32
	linear bool
	mask   uint64 // 1 << fieldHash of every field name: most names looked up are absent
}

func (u *fieldSet) init(fields []BibTeXField) {
	u.fields = fields
	if len(fields) > len(u.flags) {
		u.more = make([]bool, len(fields)-len(u.flags))
	}
	if len(fields) > 3*len(u.slots)/4 {
		u.linear = true
		return
	}
	for i := range fields {
		h := fieldHash(fields[i].Name)
		u.mask |= 1 << h
		for u.slots[h] != 0 {
			h = (h + 1) & (len(u.slots) - 1)
		}
		u.slots[h] = int32(i + 1)
	}
}

// flag reports whether field i is marked used.
func (u *fieldSet) flag(i int) bool {
	if i < len(u.flags) {
		return u.flags[i]
	}
	return u.more[i-len(u.flags)]
}

// setFlag marks field i used or not.
func (u *fieldSet) setFlag(i int, v bool) {
	if i < len(u.flags) {
		u.flags[i] = v
	} else {
		u.more[i-len(u.flags)] = v
	}
}

// fieldHash hashes a field name to a slot of fieldSet.slots.
func fieldHash(name string) int {
	if name == "" {
		return 0
	}
	return int((uint(len(name))*7 + uint(name[0]) + uint(name[len(name)-1])*3) & 63)
}

// fieldBit hashes a field name to one bit of 64.
func fieldBit(name string) uint64 { return 1 << fieldHash(name) }

// find returns the index of the field named name, or -1.
func (u *fieldSet) find(name string) int {
	if u.linear {
		for i := range u.fields {
			if u.fields[i].Name == name {
				return i
			}
		}
		return -1
	}
	h := fieldHash(name)
	if u.mask&(1<<h) == 0 {
		return -1
	}
	for ; ; h = (h + 1) & (len(u.slots) - 1) {
		s := u.slots[h]
		if s == 0 {
			return -1
		}
		if u.fields[s-1].Name == name {
			return int(s - 1)
		}
	}
}

func (u *fieldSet) set(name string, v bool) {
	if i := u.find(name); i >= 0 {
		u.setFlag(i, v)
	}
}

func (u *fieldSet) has(name string) bool {
	if i := u.find(name); i >= 0 {
		return u.flag(i)
	}
	return false
}
