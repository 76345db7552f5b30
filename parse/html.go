package parse

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/pagemeta"
)

// MaxHTMLInput is the most of an HTML page, in bytes, that an
// [HTMLDecoder] reads. A longer page is read up to the limit: its records
// come back with an error wrapping [ErrTooLarge].
const MaxHTMLInput = 16 << 20

// An HTMLDecoder reads the citation metadata embedded in an HTML page: the
// meta tags that Google Scholar, Zotero and repositories read, and COinS
// spans. The page is parsed with golang.org/x/net/html's tokenizer.
//
// # Sources and precedence
//
// Meta tags are matched by name (or property), ignoring case; the content
// attribute (or "contents") is the value; repeated tags give repeated
// values. The families, from the most to the least trusted:
//
//  1. Highwire Press citation_* (Google Scholar's preferred set);
//  2. bepress_citation_* (Digital Commons);
//  3. EPrints eprints.*;
//  4. PRISM prism.*;
//  5. Dublin Core dc.*, dcterms.* (also DC., DCTERMS., dc:);
//  6. a COinS span (class Z3988) describing the same work;
//  7. the page's own tags: <title>, meta description, keywords and author,
//     Open Graph og:* and article:*, <link rel="canonical">, <html lang>.
//
// Each value is taken from the most trusted family that has it; lists of
// people and of keywords are taken whole from one family, never mixed.
// Dates follow web-metadata.md: citation_publication_date, then
// citation_cover_date, citation_date, citation_year; citation_online_date
// gives the available-date (and the issued date when no other exists).
// A citation_author_institution or citation_author_orcid belongs to the
// author before it. Numeric dates like "01/02/2007" are read in
// [HTMLDecoder.DateOrder]. citation_reference tags become Related items of
// type "references"; citation_pdf_url and other citation_* tags with no CSL
// variable are kept as Extra "html:<tag>"; e-mail addresses are not kept.
//
// The item type comes from the most trusted evidence: citation_journal_title
// (article-journal), citation_conference_title (paper-conference),
// citation_inbook_title or citation_book_title (chapter),
// citation_dissertation_* (thesis), citation_technical_report_* (report),
// prism.aggregationType, dc.type, the COinS format and genre, og:type; a
// page with only citation_isbn is a book, and a page with none of these a
// webpage (with og:site_name as its container title).
//
// # Records
//
// The page itself is one record when it has scholarly meta tags, or when it
// has no COinS span. Each COinS span is a record of its own (a reference
// list page has many), except one with the page record's DOI or title,
// which only fills the page record's gaps. A page with no title from any
// source is reported with an error wrapping [ErrMissingField].
//
// # Character sets
//
// The encoding is the one given by [HTMLDecoder.ContentType] (the HTTP
// header), else a byte order mark, else a <meta charset> or http-equiv
// Content-Type declaration anywhere in the first 64 KiB (even after
// <title>), else UTF-8 when the page is valid UTF-8 and windows-1252
// otherwise, as the WHATWG encoding sniffing algorithm does. Names are
// resolved with golang.org/x/text/encoding/htmlindex.
//
// # Limits and concurrency
//
// At most [MaxHTMLInput] bytes are read. A decoder serves one goroutine.
type HTMLDecoder struct {
	// ContentType is the page's HTTP Content-Type header, whose charset
	// parameter overrides any declaration in the page. Default: none.
	ContentType string
	// DateOrder is the field order of all-numeric dates ("01/02/2007").
	// Default: citation.OrderUnspecified, which reads such a date only when
	// one order alone gives a valid date.
	DateOrder citation.DateOrder

	r       io.Reader
	started bool
	recs    []*citation.Citation
	lines   []int
	errs    []error
	recLine int
}

// NewHTMLDecoder returns a decoder of the HTML page in r.
func NewHTMLDecoder(r io.Reader) *HTMLDecoder { return &HTMLDecoder{r: r} }

// RecordPos returns the line of the meta tag or COinS span that began the
// last record.
func (d *HTMLDecoder) RecordPos() (line, column int) {
	if d.recLine == 0 {
		return 0, 0
	}
	return d.recLine, 1
}

// Decode returns the next record of the page.
func (d *HTMLDecoder) Decode() (*citation.Citation, error) {
	if !d.started {
		d.started = true
		if err := d.read(); err != nil {
			return nil, err
		}
	}
	if len(d.recs) == 0 {
		return nil, io.EOF
	}
	c, line, err := d.recs[0], d.lines[0], d.errs[0]
	d.recs, d.lines, d.errs = d.recs[1:], d.lines[1:], d.errs[1:]
	d.recLine = line
	if c == nil {
		return nil, err
	}
	return c, err
}

// htmlMeta is one meta tag.
type htmlMeta struct {
	name, value string
	orig        string // the name as written, lower case
	line        int
}

// htmlPage is what the tokenizer collects.
type htmlPage struct {
	metas     []htmlMeta
	coins     []htmlMeta // name unused; value is the KEV string
	title     string
	lang      string
	canonical string
}

func (d *HTMLDecoder) read() error {
	raw, err := io.ReadAll(io.LimitReader(d.r, MaxHTMLInput+1))
	if err != nil {
		return err
	}
	var tooLarge error
	if len(raw) > MaxHTMLInput {
		raw = raw[:MaxHTMLInput]
		tooLarge = &ParseError{Format: "html", Err: fmt.Errorf("page over %d bytes; read up to the limit: %w", MaxHTMLInput, ErrTooLarge)}
	}
	text := decodeHTMLCharset(raw, d.ContentType)
	p := scanHTML(text)
	d.build(p)
	if tooLarge != nil {
		for i := range d.errs {
			if d.errs[i] == nil {
				d.errs[i] = tooLarge
			}
		}
		if len(d.recs) == 0 {
			d.recs, d.lines, d.errs = []*citation.Citation{nil}, []int{0}, []error{tooLarge}
		}
	}
	return nil
}

// decodeHTMLCharset returns the page as UTF-8.
func decodeHTMLCharset(raw []byte, contentType string) []byte {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return raw[3:]
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return transcode(raw, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM))
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return transcode(raw, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM))
	}
	if cs := contentTypeCharset(contentType); cs != "" {
		if e, err := htmlindex.Get(cs); err == nil {
			return transcode(raw, e)
		}
	}
	if cs := findMetaCharset(raw); cs != "" {
		if e, err := htmlindex.Get(cs); err == nil {
			// a page that declares UTF-16 in ASCII is not UTF-16 (WHATWG)
			if n, _ := htmlindex.Name(e); n != "utf-16le" && n != "utf-16be" {
				return transcode(raw, e)
			}
		}
	}
	if utf8.Valid(raw) {
		return raw
	}
	return transcode(raw, charmap.Windows1252)
}

// contentTypeCharset returns the charset parameter of a Content-Type.
func contentTypeCharset(ct string) string {
	low := strings.ToLower(ct)
	i := strings.Index(low, "charset=")
	if i < 0 {
		return ""
	}
	v := strings.Trim(strings.TrimSpace(ct[i+8:]), `"'`)
	if j := strings.IndexAny(v, "; \"'"); j >= 0 {
		v = v[:j]
	}
	return v
}

func transcode(raw []byte, e encoding.Encoding) []byte {
	if n, _ := htmlindex.Name(e); n == "utf-8" {
		return raw
	}
	out, err := e.NewDecoder().Bytes(raw)
	if err != nil {
		return raw
	}
	return bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF})
}

// findMetaCharset looks for a charset declaration in the first 64 KiB: a
// meta charset attribute or an http-equiv Content-Type.
func findMetaCharset(raw []byte) string {
	if len(raw) > 64<<10 {
		raw = raw[:64<<10]
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if atom.Lookup(name) == atom.Body {
				return ""
			}
			if atom.Lookup(name) != atom.Meta || !hasAttr {
				continue
			}
			var cs, equiv, content string
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					equiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
				if !more {
					break
				}
			}
			if cs != "" {
				return strings.TrimSpace(cs)
			}
			if equiv == "content-type" {
				if v := contentTypeCharset(content); v != "" {
					return v
				}
			}
		}
	}
}

// scanHTML tokenizes the page and collects meta tags, COinS spans, the
// title, the language and the canonical link.
func scanHTML(b []byte) *htmlPage {
	p := &htmlPage{}
	z := html.NewTokenizer(bytes.NewReader(b))
	z.SetMaxBuf(MaxHTMLInput)
	line := 1
	inTitle := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p
		}
		raw := z.Raw()
		start := line
		line += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.TextToken:
			if inTitle && p.title == "" {
				p.title = citation.NormalizeText(string(z.Text()))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if atom.Lookup(name) == atom.Title {
				inTitle = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Title && tt == html.StartTagToken {
				inTitle = true
				continue
			}
			if !hasAttr {
				continue
			}
			attrs := map[string]string{}
			for {
				k, v, more := z.TagAttr()
				key := string(k)
				if _, ok := attrs[key]; !ok {
					attrs[key] = string(v)
				}
				if !more {
					break
				}
			}
			switch a {
			case atom.Meta:
				n := attrs["name"]
				if n == "" {
					n = attrs["property"]
				}
				if n == "" {
					n = attrs["itemprop"]
				}
				v, ok := attrs["content"]
				if !ok {
					v = attrs["contents"]
				}
				if n == "" {
					continue
				}
				if v = citation.NormalizeText(v); v != "" {
					n = strings.ToLower(strings.TrimSpace(n))
					p.metas = append(p.metas, htmlMeta{name: n, value: v, orig: n, line: start})
				}
			case atom.Html:
				if p.lang == "" {
					p.lang = strings.TrimSpace(attrs["lang"])
				}
				if p.lang == "" {
					p.lang = strings.TrimSpace(attrs["xml:lang"])
				}
			case atom.Link:
				if strings.EqualFold(strings.TrimSpace(attrs["rel"]), "canonical") && p.canonical == "" {
					p.canonical = strings.TrimSpace(attrs["href"])
				}
			}
			if cls, ok := attrs["class"]; ok && hasClass(cls, "Z3988") {
				if t := attrs["title"]; t != "" {
					p.coins = append(p.coins, htmlMeta{value: t, line: start})
				}
			}
		}
	}
}

func hasClass(attr, class string) bool {
	for _, c := range strings.Fields(attr) {
		if c == class {
			return true
		}
	}
	return false
}

// htmlCand is what one family of tags says about the work.
type htmlCand struct {
	c         *citation.Citation
	siteName  string            // og:site_name: the container when no family names one
	line      int               // first tag of the family
	scholarly bool              // from scholarly meta tags
	weakType  citation.ItemType // a guess used when no family gives a type
}

// build makes the records of a page.
func (d *HTMLDecoder) build(p *htmlPage) {
	var hw, bp, ep, pr, dc, gen []htmlMeta
	for _, m := range p.metas {
		n := m.name
		switch {
		case strings.HasPrefix(n, "citation_"):
			hw = append(hw, m)
		case strings.HasPrefix(n, "bepress_citation_"):
			m.name = strings.TrimPrefix(n, "bepress_")
			bp = append(bp, m)
		case strings.HasPrefix(n, "eprints."):
			ep = append(ep, m)
		case strings.HasPrefix(n, "prism."), strings.HasPrefix(n, "prism:"):
			m.name = "prism." + n[6:]
			pr = append(pr, m)
		case strings.HasPrefix(n, "dc.") || strings.HasPrefix(n, "dc:") || strings.HasPrefix(n, "dcterms.") || strings.HasPrefix(n, "dcterms:"):
			i := strings.IndexAny(n, ".:")
			m.name = "dc." + n[i+1:]
			dc = append(dc, m)
		default:
			gen = append(gen, m)
		}
	}
	var cands []htmlCand
	scholarly := false
	for _, fam := range [][]htmlMeta{hw, bp} {
		if len(fam) > 0 {
			cands = append(cands, d.fromHighwire(fam))
			scholarly = true
		}
	}
	if len(ep) > 0 {
		cands = append(cands, d.fromEprints(ep))
		scholarly = true
	}
	if len(pr) > 0 {
		cands = append(cands, d.fromPRISM(pr))
		scholarly = true
	}
	if len(dc) > 0 {
		cand := d.fromDC(dc)
		cands = append(cands, cand)
		scholarly = scholarly || cand.c.Title != ""
	}
	var coins []htmlCand
	for _, s := range p.coins {
		coins = append(coins, d.fromCOinS(s))
	}
	generic := d.fromGeneric(gen, p)

	if scholarly || len(coins) == 0 {
		page := mergeCands(cands)
		// COinS of the same work fill gaps; others are records of their own
		var rest []htmlCand
		for _, k := range coins {
			if sameWork(page.c, k.c) {
				page = mergeCands([]htmlCand{page, k})
			} else {
				rest = append(rest, k)
			}
		}
		page = mergeCands([]htmlCand{page, generic})
		page.scholarly = scholarly
		coins = rest
		d.add(finishHTML(page), page.line)
	}
	for _, k := range coins {
		if k.c.Title == "" && !scholarly && len(p.coins) == 1 {
			k = mergeCands([]htmlCand{k, generic})
		}
		d.add(finishHTML(k), k.line)
	}
}

func (d *HTMLDecoder) add(c *citation.Citation, line int) {
	var err error
	if line == 0 {
		line = 1
	}
	if c.Title == "" {
		err = &ParseError{Format: "html", Line: line, Column: 1, Field: "title", Err: fmt.Errorf("no title in any meta tag, COinS span or <title>: %w", ErrMissingField)}
		if isEmptyCitation(c) {
			c = nil
		}
	}
	d.recs = append(d.recs, c)
	d.lines = append(d.lines, line)
	d.errs = append(d.errs, err)
}

func isEmptyCitation(c *citation.Citation) bool {
	return c.Title == "" && len(c.Authors) == 0 && c.DOI == "" && c.ContainerTitle == "" && c.Issued.IsZero() && c.URL == ""
}

// sameWork reports whether a COinS record describes the page's work.
func sameWork(a, b *citation.Citation) bool {
	if a.DOI != "" && b.DOI != "" {
		return strings.EqualFold(a.DOI, b.DOI)
	}
	return a.Title != "" && strings.EqualFold(citation.PlainText(a.Title), citation.PlainText(b.Title))
}

// finishHTML sets the default type and the web page container.
func finishHTML(k htmlCand) *citation.Citation {
	c := k.c
	if c.Type == "" {
		c.Type = k.weakType
	}
	if c.Type == "" {
		switch {
		case c.ContainerTitle != "", k.scholarly && c.DOI != "":
			c.Type = citation.TypeArticleJournal
		default:
			c.Type = citation.TypeWebpage
		}
	}
	if c.ContainerTitle == "" {
		c.ContainerTitle = k.siteName
	}
	return c
}

// mergeCands merges candidates, the first the most trusted.
func mergeCands(cs []htmlCand) htmlCand {
	out := htmlCand{c: &citation.Citation{}}
	for _, k := range cs {
		if k.c == nil {
			continue
		}
		if out.line == 0 {
			out.line = k.line
		}
		if out.siteName == "" {
			out.siteName = k.siteName
		}
		if out.weakType == "" {
			out.weakType = k.weakType
		}
		c, o := k.c, out.c
		if o.Type == "" {
			o.Type = c.Type
		}
		if len(o.Authors) == 0 {
			o.Authors = c.Authors
		}
		if len(o.Editors) == 0 {
			o.Editors = c.Editors
		}
		for r, ns := range c.Contributors {
			if len(o.Names(r)) == 0 {
				o.SetNames(r, ns)
			}
		}
		for _, v := range citation.FieldVars() {
			if o.Var(v) == "" && c.Var(v) != "" {
				o.SetVar(v, c.Var(v))
			}
		}
		for _, v := range citation.DateVars() {
			od, cd := o.Date(v), c.Date(v)
			switch {
			case od.IsZero():
				*od = *cd
			case od.Year == cd.Year && !od.IsRange() && !cd.IsRange() && od.Season == 0 &&
				(od.Month == 0 && cd.Month != 0 || od.Month == cd.Month && od.Day == 0 && cd.Day != 0):
				// the same date given more precisely by a less trusted family
				*od = *cd
			}
		}
		if len(o.Keywords) == 0 {
			o.Keywords = c.Keywords
		}
		o.ISSN = appendNew(o.ISSN, c.ISSN...)
		o.ISBN = appendNew(o.ISBN, c.ISBN...)
		if o.ID == "" {
			o.ID = c.ID
		}
		if o.ArXiv == "" {
			o.ArXiv = c.ArXiv
		}
		for k, v := range c.Vars {
			if o.Vars[k] == "" {
				o.SetVar(k, v)
			}
		}
		if len(o.Related) == 0 {
			o.Related = c.Related
		}
		for _, f := range c.Extra {
			if _, ok := o.ExtraValue(f.Name); !ok {
				o.Extra = append(o.Extra, f)
			}
		}
	}
	return out
}

func (d *HTMLDecoder) date(s string) citation.Date {
	if dt, err := pagemeta.ParseDate(s, d.DateOrder); err == nil {
		return dt
	}
	return citation.Date{}
}

// personList adds names, skipping adjacent duplicates.
func addPerson(list []citation.Name, n citation.Name) []citation.Name {
	if n.IsZero() {
		return list
	}
	if len(list) > 0 {
		l := list[len(list)-1]
		if l.Family == n.Family && l.Given == n.Given && l.Literal == n.Literal {
			return list
		}
	}
	return append(list, n)
}

// htmlName reads one person: "Last, First" or "First Last"; ALL-CAPS
// names are re-cased.
func htmlName(s string) citation.Name {
	s = citation.NormalizeText(s)
	if s == "" || strings.Contains(s, "://") || strings.Contains(s, "@") {
		return citation.Name{}
	}
	if strings.ToUpper(s) == s && strings.ToLower(s) != s {
		s = titleCaseWords(s)
	}
	return pagemeta.SplitName(s)
}

func titleCaseWords(s string) string {
	w := strings.Fields(strings.ToLower(s))
	for i, x := range w {
		r := []rune(x)
		if len(r) > 0 {
			r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		}
		// hyphenated parts
		for j := 1; j < len(r); j++ {
			if r[j-1] == '-' || r[j-1] == '\'' {
				r[j] = []rune(strings.ToUpper(string(r[j])))[0]
			}
		}
		w[i] = string(r)
	}
	return strings.Join(w, " ")
}

// fromHighwire reads citation_* tags (bepress tags arrive with the
// "bepress_" prefix removed).
func (d *HTMLDecoder) fromHighwire(ms []htmlMeta) htmlCand {
	c := &citation.Citation{}
	k := htmlCand{c: c, line: ms[0].line}
	var pubDate, coverDate, date, year, online string
	var first, last string
	lastAuthor := -1
	for _, m := range ms {
		v := m.value
		switch name := strings.TrimPrefix(m.name, "citation_"); name {
		case "title":
			if c.Title == "" {
				c.Title = citation.NormalizeTitle(v)
			}
		case "author", "authors":
			parts := []string{v}
			if strings.Contains(v, ";") {
				parts = strings.Split(v, ";")
			}
			for _, p := range parts {
				n := len(c.Authors)
				c.Authors = addPerson(c.Authors, htmlName(p))
				if len(c.Authors) > n {
					lastAuthor = len(c.Authors) - 1
				}
			}
		case "author_institution", "author_affiliation":
			if lastAuthor >= 0 {
				c.Authors[lastAuthor].Affiliations = append(c.Authors[lastAuthor].Affiliations, v)
			}
		case "author_orcid":
			if lastAuthor >= 0 {
				c.Authors[lastAuthor].ORCID = strings.TrimPrefix(strings.TrimPrefix(v, "https://orcid.org/"), "http://orcid.org/")
			}
		case "author_email":
			// personal data: not kept
		case "editor", "editors":
			for _, p := range strings.Split(v, ";") {
				c.Editors = addPerson(c.Editors, htmlName(p))
			}
		case "publication_date":
			pubDate = firstNonEmpty(pubDate, v)
		case "cover_date":
			coverDate = firstNonEmpty(coverDate, v)
		case "date":
			date = firstNonEmpty(date, v)
		case "year":
			year = firstNonEmpty(year, v)
		case "online_date":
			online = firstNonEmpty(online, v)
		case "journal_title":
			c.ContainerTitle = firstNonEmpty(c.ContainerTitle, citation.NormalizeTitle(v))
			setType(c, citation.TypeArticleJournal)
		case "journal_abbrev":
			c.ContainerTitleShort = firstNonEmpty(c.ContainerTitleShort, v)
		case "volume":
			c.Volume = firstNonEmpty(c.Volume, v)
		case "issue":
			c.Issue = firstNonEmpty(c.Issue, v)
		case "firstpage":
			first = firstNonEmpty(first, v)
		case "lastpage":
			last = firstNonEmpty(last, v)
		case "issn", "eissn", "pissn":
			c.ISSN = appendNew(c.ISSN, pagemeta.ISSNs(v)...)
		case "isbn":
			c.ISBN = appendNew(c.ISBN, v)
		case "doi":
			if c.DOI == "" {
				c.DOI = pagemeta.CleanDOI(v)
			}
		case "pmid":
			c.PMID = firstNonEmpty(c.PMID, v)
		case "pmcid":
			c.PMCID = firstNonEmpty(c.PMCID, v)
		case "arxiv_id":
			c.ArXiv = firstNonEmpty(c.ArXiv, v)
		case "keywords", "keyword":
			c.Keywords = appendNew(c.Keywords, pagemeta.SplitList(strings.ReplaceAll(v, ",", ";"))...)
		case "abstract":
			c.Abstract = firstNonEmpty(c.Abstract, v)
		case "language":
			c.Language = firstNonEmpty(c.Language, v)
		case "publisher":
			c.Publisher = firstNonEmpty(c.Publisher, v)
		case "abstract_html_url", "fulltext_html_url", "public_url":
			c.URL = firstNonEmpty(c.URL, v)
		case "conference_title", "conference":
			c.EventTitle = firstNonEmpty(c.EventTitle, v)
			setType(c, citation.TypePaperConference)
		case "inbook_title", "book_title":
			c.ContainerTitle = firstNonEmpty(c.ContainerTitle, citation.NormalizeTitle(v))
			setType(c, citation.TypeChapter)
		case "series_title":
			c.CollectionTitle = firstNonEmpty(c.CollectionTitle, citation.NormalizeTitle(v))
		case "dissertation_institution":
			c.Publisher = firstNonEmpty(c.Publisher, v)
			setType(c, citation.TypeThesis)
		case "dissertation_name":
			c.Genre = firstNonEmpty(c.Genre, v)
			setType(c, citation.TypeThesis)
		case "technical_report_institution":
			c.Publisher = firstNonEmpty(c.Publisher, v)
			setType(c, citation.TypeReport)
		case "technical_report_number":
			c.Number = firstNonEmpty(c.Number, v)
			setType(c, citation.TypeReport)
		case "reference":
			c.Related = append(c.Related, htmlReference(v))
		default:
			c.AddExtra("html:"+m.orig, v)
		}
	}
	for _, s := range []string{pubDate, coverDate, date, year} {
		if s == "" {
			continue
		}
		if dt := d.date(s); !dt.IsZero() {
			c.Issued = dt
			break
		}
	}
	if online != "" {
		c.AvailableDate = d.date(online)
		if c.Issued.IsZero() {
			c.Issued = c.AvailableDate
		}
	}
	c.Pages = joinPages(first, last)
	// Zotero's guesses, weaker than any family's evidence
	switch {
	case len(c.ISBN) > 0:
		k.weakType = citation.TypeBook
	case c.Title != "":
		k.weakType = citation.TypeArticleJournal
	}
	return k
}

func setType(c *citation.Citation, t citation.ItemType) {
	if c.Type == "" || c.Type == citation.TypeArticleJournal && t != citation.TypeArticleJournal {
		c.Type = t
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// joinPages builds a page range from a first and a last page; a first
// page that holds a range already is used as is.
func joinPages(first, last string) string {
	first = strings.ReplaceAll(first, "\u2013", "-")
	last = strings.ReplaceAll(last, "\u2013", "-")
	switch {
	case first == "":
		return last
	case strings.Contains(first, "-") || last == "" || last == first:
		return first
	}
	return first + "-" + last
}

// htmlReference reads a citation_reference value: either free text or
// "citation_title=…; citation_doi=…" pairs.
func htmlReference(v string) citation.Related {
	r := citation.Related{Type: "references", Title: v}
	if !strings.Contains(v, "citation_") {
		return r
	}
	for _, part := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(k) {
		case "citation_title":
			r.Title = citation.NormalizeTitle(val)
		case "citation_doi":
			r.ID = pagemeta.CleanDOI(val)
		case "citation_pmid":
			if r.ID == "" {
				r.ID = "pmid:" + val
			}
		}
	}
	return r
}

// fromEprints reads eprints.* tags.
func (d *HTMLDecoder) fromEprints(ms []htmlMeta) htmlCand {
	c := &citation.Citation{}
	k := htmlCand{c: c, line: ms[0].line}
	for _, m := range ms {
		v := m.value
		switch strings.TrimPrefix(m.name, "eprints.") {
		case "title":
			c.Title = firstNonEmpty(c.Title, citation.NormalizeTitle(v))
		case "creators_name":
			c.Authors = addPerson(c.Authors, htmlName(v))
		case "editors_name":
			c.Editors = addPerson(c.Editors, htmlName(v))
		case "abstract":
			c.Abstract = firstNonEmpty(c.Abstract, v)
		case "date":
			if c.Issued.IsZero() {
				c.Issued = d.date(v)
			}
		case "publication":
			c.ContainerTitle = firstNonEmpty(c.ContainerTitle, citation.NormalizeTitle(v))
		case "volume":
			c.Volume = firstNonEmpty(c.Volume, v)
		case "number":
			c.Issue = firstNonEmpty(c.Issue, v)
		case "pagerange":
			c.Pages = firstNonEmpty(c.Pages, strings.ReplaceAll(v, "\u2013", "-"))
		case "issn":
			c.ISSN = appendNew(c.ISSN, pagemeta.ISSNs(v)...)
		case "isbn":
			c.ISBN = appendNew(c.ISBN, v)
		case "publisher":
			c.Publisher = firstNonEmpty(c.Publisher, v)
		case "official_url":
			c.URL = firstNonEmpty(c.URL, v)
		case "id_number":
			if c.DOI == "" {
				c.DOI = pagemeta.CleanDOI(v)
			}
		case "type":
			switch strings.ToLower(v) {
			case "article":
				setType(c, citation.TypeArticleJournal)
			case "book_section":
				setType(c, citation.TypeChapter)
			case "book":
				setType(c, citation.TypeBook)
			case "thesis":
				setType(c, citation.TypeThesis)
			case "conference_item":
				setType(c, citation.TypePaperConference)
			case "monograph":
				setType(c, citation.TypeReport)
			}
		}
	}
	return k
}

// fromPRISM reads prism.* tags.
func (d *HTMLDecoder) fromPRISM(ms []htmlMeta) htmlCand {
	c := &citation.Citation{}
	k := htmlCand{c: c, line: ms[0].line}
	var first, last string
	for _, m := range ms {
		v := m.value
		switch strings.TrimPrefix(m.name, "prism.") {
		case "publicationname":
			c.ContainerTitle = firstNonEmpty(c.ContainerTitle, citation.NormalizeTitle(v))
		case "volume":
			c.Volume = firstNonEmpty(c.Volume, v)
		case "number", "issueidentifier":
			c.Issue = firstNonEmpty(c.Issue, v)
		case "startingpage":
			first = firstNonEmpty(first, v)
		case "endingpage":
			last = firstNonEmpty(last, v)
		case "pagerange":
			c.Pages = firstNonEmpty(c.Pages, strings.ReplaceAll(v, "\u2013", "-"))
		case "issn", "eissn":
			c.ISSN = appendNew(c.ISSN, pagemeta.ISSNs(v)...)
		case "isbn":
			c.ISBN = appendNew(c.ISBN, v)
		case "doi":
			if c.DOI == "" {
				c.DOI = pagemeta.CleanDOI(v)
			}
		case "url":
			c.URL = firstNonEmpty(c.URL, v)
		case "publicationdate", "coverdate":
			if c.Issued.IsZero() {
				c.Issued = d.date(v)
			}
		case "edition":
			c.Edition = firstNonEmpty(c.Edition, v)
		case "copyright":
			c.License = firstNonEmpty(c.License, v)
		case "teaser":
			c.Abstract = firstNonEmpty(c.Abstract, v)
		case "keyword":
			c.Keywords = appendNew(c.Keywords, pagemeta.SplitList(v)...)
		case "aggregationtype":
			switch strings.ToLower(v) {
			case "journal":
				setType(c, citation.TypeArticleJournal)
			case "book":
				setType(c, citation.TypeChapter)
			case "magazine":
				setType(c, citation.TypeArticleMagazine)
			case "newspaper":
				setType(c, citation.TypeArticleNewspaper)
			}
		}
	}
	if c.Pages == "" {
		c.Pages = joinPages(first, last)
	}
	return k
}

// fromDC reads Dublin Core tags (names given as "dc.<element>").
func (d *HTMLDecoder) fromDC(ms []htmlMeta) htmlCand {
	c := &citation.Citation{}
	k := htmlCand{c: c, line: ms[0].line}
	var issued, date, first, last string
	var contrib []citation.Name
	for _, m := range ms {
		v := m.value
		switch strings.TrimPrefix(m.name, "dc.") {
		case "title":
			c.Title = firstNonEmpty(c.Title, citation.NormalizeTitle(v))
		case "creator", "creator.personalname":
			c.Authors = addPerson(c.Authors, htmlName(v))
		case "contributor", "contributor.author":
			contrib = addPerson(contrib, htmlName(v))
		case "date.issued", "issued":
			issued = firstNonEmpty(issued, v)
		case "date":
			date = firstNonEmpty(date, v)
		case "identifier", "identifier.doi", "identifier.uri", "identifier.url":
			low := strings.ToLower(v)
			switch {
			case pagemeta.CleanDOI(v) != "" && c.DOI == "":
				c.DOI = pagemeta.CleanDOI(v)
			case strings.HasPrefix(low, "issn"):
				c.ISSN = appendNew(c.ISSN, pagemeta.ISSNs(v)...)
			case strings.HasPrefix(low, "isbn"):
				c.ISBN = appendNew(c.ISBN, strings.TrimSpace(v[4:]))
			case strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://"):
				c.URL = firstNonEmpty(c.URL, v)
			}
		case "source", "ispartof", "relation.ispartof":
			if strings.HasPrefix(v, "http") {
				continue
			}
			c.ContainerTitle = firstNonEmpty(c.ContainerTitle, citation.NormalizeTitle(v))
		case "publisher":
			c.Publisher = firstNonEmpty(c.Publisher, v)
		case "language":
			c.Language = firstNonEmpty(c.Language, v)
		case "subject":
			c.Keywords = appendNew(c.Keywords, pagemeta.SplitList(v)...)
		case "description", "abstract":
			c.Abstract = firstNonEmpty(c.Abstract, v)
		case "rights":
			c.License = firstNonEmpty(c.License, v)
		case "type":
			switch low := strings.ToLower(v); {
			case strings.Contains(low, "article"):
				setType(c, citation.TypeArticleJournal)
			case strings.Contains(low, "thesis"), strings.Contains(low, "dissertation"):
				setType(c, citation.TypeThesis)
			case strings.Contains(low, "book"):
				setType(c, citation.TypeBook)
			case strings.Contains(low, "dataset"):
				setType(c, citation.TypeDataset)
			case strings.Contains(low, "moving"), strings.Contains(low, "video"):
				setType(c, citation.TypeMotionPicture)
			case strings.Contains(low, "image"):
				setType(c, citation.TypeGraphic)
			case strings.Contains(low, "sound"):
				setType(c, citation.TypeSong)
			case strings.Contains(low, "software"):
				setType(c, citation.TypeSoftware)
			}
		case "citation.volume":
			c.Volume = firstNonEmpty(c.Volume, v)
		case "citation.issue":
			c.Issue = firstNonEmpty(c.Issue, v)
		case "citation.spage":
			first = firstNonEmpty(first, v)
		case "citation.epage":
			last = firstNonEmpty(last, v)
		case "source.issn":
			c.ISSN = appendNew(c.ISSN, pagemeta.ISSNs(v)...)
		}
	}
	for _, s := range []string{issued, date} {
		if s != "" {
			if dt := d.date(s); !dt.IsZero() {
				c.Issued = dt
				break
			}
		}
	}
	c.Pages = joinPages(first, last)
	// Many sites (eLife, OJS) give the authors as dc.contributor only.
	if len(c.Authors) == 0 {
		c.Authors = contrib
	} else {
		c.SetNames(citation.RoleContributor, contrib)
	}
	return k
}

// fromCOinS reads a COinS span's KEV string.
func (d *HTMLDecoder) fromCOinS(s htmlMeta) htmlCand {
	c := &citation.Citation{}
	k := htmlCand{c: c, line: s.line}
	var fmtName, genre, spage, epage, pages, artnum, aulast, aufirst, auinit, ausuffix, aucorp string
	var aus []string
	for _, pair := range strings.Split(s.value, "&") {
		key, val, _ := strings.Cut(pair, "=")
		key = strings.ToLower(key)
		if u, err := url.QueryUnescape(val); err == nil {
			val = u
		}
		val = citation.NormalizeText(val)
		if val == "" {
			continue
		}
		switch key {
		case "rft_val_fmt":
			fmtName = val
		case "rft_id":
			low := strings.ToLower(val)
			switch {
			case strings.HasPrefix(low, "info:doi/"):
				c.DOI = firstNonEmpty(c.DOI, pagemeta.CleanDOI(val))
			case strings.HasPrefix(low, "info:pmid/"):
				c.PMID = firstNonEmpty(c.PMID, val[len("info:pmid/"):])
			case strings.HasPrefix(low, "urn:isbn:"):
				c.ISBN = appendNew(c.ISBN, val[len("urn:isbn:"):])
			case strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://"):
				if doi := pagemeta.CleanDOI(val); doi != "" {
					c.DOI = firstNonEmpty(c.DOI, doi)
				} else {
					c.URL = firstNonEmpty(c.URL, val)
				}
			}
		case "rft.genre":
			genre = strings.ToLower(val)
		case "rft.atitle":
			c.Title = citation.NormalizeTitle(val)
		case "rft.title":
			// journal title in KEV 0.1 journals, the title otherwise
			if strings.HasSuffix(fmtName, ":journal") {
				c.ContainerTitle = firstNonEmpty(c.ContainerTitle, citation.NormalizeTitle(val))
			} else {
				c.Vars = setMapDefault(c.Vars, "coins:title", val)
			}
		case "rft.btitle":
			c.Vars = setMapDefault(c.Vars, "coins:btitle", val)
		case "rft.jtitle":
			c.ContainerTitle = citation.NormalizeTitle(val)
		case "rft.stitle":
			c.ContainerTitleShort = val
		case "rft.date":
			c.Issued = d.date(val)
		case "rft.volume":
			c.Volume = val
		case "rft.issue":
			c.Issue = val
		case "rft.spage":
			spage = val
		case "rft.epage":
			epage = val
		case "rft.pages":
			pages = val
		case "rft.artnum":
			artnum = val
		case "rft.issn", "rft.eissn":
			if is := pagemeta.ISSNs(val); len(is) > 0 {
				c.ISSN = appendNew(c.ISSN, is...)
			} else if len(val) == 8 {
				c.ISSN = appendNew(c.ISSN, pagemeta.ISSNs(val[:4]+"-"+val[4:])...)
			}
		case "rft.isbn":
			c.ISBN = appendNew(c.ISBN, val)
		case "rft.aulast":
			aulast = val
		case "rft.aufirst":
			aufirst = val
		case "rft.auinit", "rft.auinit1":
			auinit = val
		case "rft.ausuffix":
			ausuffix = val
		case "rft.aucorp":
			aucorp = val
		case "rft.au", "rft.creator":
			aus = append(aus, val)
		case "rft.place":
			c.PublisherPlace = val
		case "rft.pub", "rft.publisher", "rft.inst":
			c.Publisher = firstNonEmpty(c.Publisher, val)
		case "rft.degree":
			c.Genre = val
		case "rft.edition":
			c.Edition = val
		case "rft.series":
			c.CollectionTitle = citation.NormalizeTitle(val)
		case "rft.tpages":
			c.NumberOfPages = val
		case "rft.description":
			c.Abstract = val
		case "rft.subject":
			c.Keywords = appendNew(c.Keywords, val)
		case "rft.language":
			c.Language = val
		case "rft.rights":
			c.License = val
		case "rft.source":
			c.ContainerTitle = firstNonEmpty(c.ContainerTitle, citation.NormalizeTitle(val))
		case "rft.identifier":
			if doi := pagemeta.CleanDOI(val); doi != "" {
				c.DOI = firstNonEmpty(c.DOI, doi)
			} else if strings.HasPrefix(val, "http") {
				c.URL = firstNonEmpty(c.URL, val)
			}
		case "rft.type":
			c.Vars = setMapDefault(c.Vars, "coins:type", val)
		}
	}
	// titles by format
	title, btitle := c.Vars["coins:title"], c.Vars["coins:btitle"]
	typ := c.Vars["coins:type"]
	delete(c.Vars, "coins:title")
	delete(c.Vars, "coins:btitle")
	delete(c.Vars, "coins:type")
	if len(c.Vars) == 0 {
		c.Vars = nil
	}
	switch {
	case strings.HasSuffix(fmtName, ":journal"):
		switch genre {
		case "proceeding", "conference":
			c.Type = citation.TypePaperConference
		case "book":
			c.Type = citation.TypeBook
		case "bookitem":
			c.Type = citation.TypeChapter
		default:
			c.Type = citation.TypeArticleJournal
		}
	case strings.HasSuffix(fmtName, ":book"):
		switch genre {
		case "bookitem":
			c.Type = citation.TypeChapter
		case "proceeding", "conference":
			c.Type = citation.TypePaperConference
		case "report":
			c.Type = citation.TypeReport
		case "document", "unknown":
			c.Type = citation.TypeDocument
		default:
			c.Type = citation.TypeBook
		}
		if c.Title == "" && c.Type == citation.TypeBook {
			c.Title = citation.NormalizeTitle(firstNonEmpty(btitle, title))
		} else {
			c.ContainerTitle = firstNonEmpty(c.ContainerTitle, citation.NormalizeTitle(btitle))
		}
	case strings.HasSuffix(fmtName, ":dissertation"):
		c.Type = citation.TypeThesis
	case strings.HasSuffix(fmtName, ":patent"):
		c.Type = citation.TypePatent
	case strings.HasSuffix(fmtName, ":dc"):
		c.Type = citation.TypeWebpage
		switch strings.ToLower(typ) {
		case "blogpost":
			c.Type = citation.TypePostWeblog
		case "journalarticle", "article":
			c.Type = citation.TypeArticleJournal
		case "book":
			c.Type = citation.TypeBook
		}
	}
	if c.Title == "" {
		c.Title = citation.NormalizeTitle(firstNonEmpty(title, btitle))
	}
	// pages
	switch {
	case pages != "":
		c.Pages = strings.ReplaceAll(pages, "\u2013", "-")
	case spage != "":
		c.Pages = joinPages(spage, epage)
	case artnum != "":
		c.Pages = artnum
	}
	// authors: the first author's parts, then every rft.au
	var firstName citation.Name
	switch {
	case aulast != "":
		firstName = citation.Name{Family: aulast, Given: firstNonEmpty(aufirst, auinit), Suffix: ausuffix}
	case aucorp != "":
		firstName = citation.Name{Literal: aucorp}
	}
	for i, a := range aus {
		n := htmlName(a)
		if i == 0 && !firstName.IsZero() && (n.Family == firstName.Family || n.Literal == firstName.Literal) {
			n = firstName
			firstName = citation.Name{}
		}
		c.Authors = addPerson(c.Authors, n)
	}
	if !firstName.IsZero() {
		c.Authors = append([]citation.Name{firstName}, c.Authors...)
	}
	return k
}

func setMapDefault(m map[string]string, k, v string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	if m[k] == "" {
		m[k] = v
	}
	return m
}

// fromGeneric reads the page's own tags.
func (d *HTMLDecoder) fromGeneric(ms []htmlMeta, p *htmlPage) htmlCand {
	c := &citation.Citation{}
	k := htmlCand{c: c}
	var ogTitle, ogURL, ogDesc, desc, published string
	for _, m := range ms {
		if k.line == 0 {
			k.line = m.line
		}
		v := m.value
		switch m.name {
		case "og:title", "twitter:title":
			ogTitle = firstNonEmpty(ogTitle, v)
		case "og:url":
			ogURL = firstNonEmpty(ogURL, v)
		case "og:description", "twitter:description":
			ogDesc = firstNonEmpty(ogDesc, v)
		case "og:site_name":
			k.siteName = firstNonEmpty(k.siteName, v)
		case "og:type":
			switch strings.ToLower(v) {
			case "video.movie", "video.episode", "video.other", "video.tv_show":
				c.Type = citation.TypeMotionPicture
			case "book":
				c.Type = citation.TypeBook
			case "music.song":
				c.Type = citation.TypeSong
			}
		case "description":
			desc = firstNonEmpty(desc, v)
		case "keywords":
			c.Keywords = appendNew(c.Keywords, pagemeta.SplitList(v)...)
		case "author":
			c.Authors = addPerson(c.Authors, htmlName(v))
		case "article:published_time", "datepublished", "date":
			published = firstNonEmpty(published, v)
		}
	}
	if len(c.Keywords) == 0 {
		for _, m := range ms {
			if m.name == "article:tag" {
				c.Keywords = appendNew(c.Keywords, m.value)
			}
		}
	}
	c.Title = citation.NormalizeTitle(firstNonEmpty(ogTitle, p.title))
	c.Abstract = firstNonEmpty(desc, ogDesc)
	c.URL = firstNonEmpty(p.canonical, ogURL)
	if c.URL != "" && ogURL != "" {
		// a relative canonical link, resolved against og:url
		if ref, err := url.Parse(c.URL); err == nil && !ref.IsAbs() {
			if base, err := url.Parse(ogURL); err == nil && base.IsAbs() {
				c.URL = base.ResolveReference(ref).String()
			}
		}
	}
	c.Language = p.lang
	if published != "" {
		c.Issued = d.date(published)
	}
	return k
}

// sniffHTML reports whether a prefix is an HTML page or fragment.
func sniffHTML(p []byte) bool {
	t := bytes.TrimLeft(p, " \t\r\n\f")
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	low := bytes.ToLower(t)
	for _, pre := range []string{"<!doctype html", "<html", "<head", "<meta", "<title", "<body", "<span", "<div", "<p>", "<p ", "<link", "<article"} {
		if bytes.HasPrefix(low, []byte(pre)) {
			return true
		}
	}
	if bytes.HasPrefix(low, []byte("<?xml")) || bytes.HasPrefix(low, []byte("<!--")) {
		// XHTML, or a comment before the page
		return bytes.Contains(low, []byte("<html")) || bytes.Contains(low, []byte("<!doctype html"))
	}
	return false
}

// HTMLFormat is the registry entry of HTML pages.
func HTMLFormat() Format {
	return Format{
		Name:        "html",
		Description: "HTML page with citation meta tags (Highwire, bepress, Dublin Core, PRISM) or COinS",
		Extensions:  []string{".html", ".htm", ".xhtml"},
		Sniff:       sniffHTML,
		NewDecoder:  func(r io.Reader) Decoder { return NewHTMLDecoder(r) },
	}
}
