package parse

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/pagemeta"
)

// Limits of the Markdown decoder.
const (
	// MaxFrontMatter is the largest front matter, in bytes, that a
	// [MarkdownDecoder] parses.
	MaxFrontMatter = 1 << 20
	// MaxFrontMatterNodes bounds the YAML nodes of a front matter counted
	// with every alias expanded, which refuses alias bombs ("billion
	// laughs") before anything is expanded.
	MaxFrontMatterNodes = 100000
	// MaxMarkdownBody is the most of the body kept as the note when
	// [MarkdownDecoder.KeepBody] is set; the rest is read and dropped.
	MaxMarkdownBody = 1 << 20
)

// A MarkdownDecoder reads the citation of a Markdown page from its YAML
// front matter: the block between a first line "---" and the next line
// "---" (or "..."), parsed with go.yaml.in/yaml/v3. One input is one page
// and gives one record.
//
// # Keys
//
// Keys are matched exactly, as the generators write them. Each CSL value
// takes the first key present, in this order:
//
//   - title: title, else article_title; subtitle is appended after ": ".
//   - type: type (a CSL type), else publication_types (Hugo Academic /
//     Wowchemy: a CSL type, or the legacy numbers "1" conference paper, "2"
//     journal article, "3" preprint, "4" report, "5" book, "6" book section,
//     "7" thesis, "8" patent), else article-journal when a container or a
//     DOI is given and webpage otherwise. A container literally named
//     "Preprint" makes an article (CSL's preprint type) without a container.
//   - issued: date (a time after it is dropped), else date-meta (Manubot),
//     else year; date_format and publishDate are display and scheduling
//     hints, not the publication date.
//   - author: authors, else author, else author-meta; a string (one name, or
//     several joined by " and " or ";"), a list of strings, or a list of
//     maps with name or given/family or literal (Pandoc, Quarto), with
//     affiliation(s) and orcid. A one-word name, or one with an organization
//     word (Inc, University, …), is an organization (Name.Literal); Wowchemy
//     profile names ("admin") are replaced from [MarkdownDecoder.Profiles],
//     and "author N of M", "authors N, M of K", "N others" or "et al."
//     mark the list as truncated (a final Name with Others set).
//     editor(s) likewise.
//   - keywords: keywords, tags, categories, seo.page_keywords — lists or
//     comma/semicolon strings, merged in that order without duplicates.
//   - abstract: abstract, else summary, else description, else
//     seo.page_description; Markdown emphasis becomes <i> and <b>.
//   - container-title: publication, container-title, journal, venue;
//     publication_short gives container-title-short. Markdown emphasis
//     around the whole value ("*New Phytologist*") is dropped; inner
//     emphasis becomes <i>.
//   - DOI: doi, else a doi.org URL in url_pdf, links[].url or url.
//   - URL: url, else permalink, joined to [MarkdownDecoder.BaseURL] when
//     relative; kept as given when BaseURL is empty.
//   - ID: id. publisher, volume, issue, page(s), ISSN, ISBN, PMID, language,
//     note as named. A Quarto/Pandoc "citation" map is read with the same
//     keys (container-title, volume, issue, page, doi, url, type, ...); an
//     academicpages "citation" string is kept as Extra "markdown:citation".
//   - related_article1..N (maps of id, title, url, subject): Related items
//     in number order, their URLs joined to BaseURL.
//   - subject: Extra "markdown:subject"; url_pdf, url_code, url_dataset,
//     url_slides, url_video, url_poster, url_project, url_source, paperurl,
//     slidesurl: Extra "markdown:<key>".
//
// Other keys are page presentation (featured, image, projects, draft,
// layout, seo.title, …) and are ignored, unless [MarkdownDecoder.KeepUnknown]
// is set.
//
// # Errors and limits
//
// Input without front matter, or whose front matter is not a YAML mapping,
// is reported with an error wrapping [ErrSyntax]; broken YAML likewise, with
// the line in the file. Front matter over [MaxFrontMatter] bytes, or over
// [MaxFrontMatterNodes] nodes once aliases are counted as expanded, is
// refused with an error wrapping [ErrTooLarge] before any alias is
// expanded. A UTF-8 BOM, UTF-16 and CRLF line ends are handled.
//
// A decoder serves one goroutine.
type MarkdownDecoder struct {
	// BaseURL, when set, is the site's address; relative url, permalink and
	// related-article URLs are resolved against it. Default: none, relative
	// URLs are kept as given.
	BaseURL string
	// Profiles maps the author profile names of Hugo Academic / Wowchemy
	// sites ("admin", "dwang329": folders under content/authors) to the
	// people's names. Default: none; such names are kept as literal names.
	Profiles map[string]string
	// KeepBody keeps the Markdown body (at most MaxMarkdownBody bytes) as
	// the note, its white space folded as in every Citation field. Default:
	// the body is ignored.
	KeepBody bool
	// KeepUnknown keeps the scalar values of keys the decoder does not map
	// as Extra "markdown:<key>". Default: they are ignored.
	KeepUnknown bool

	in      io.Reader     // the input, until Decode
	r       *bufio.Reader // the input read through a buffer, or nil
	src     string        // the input read whole, when r is nil
	done    bool
	recLine int
}

// NewMarkdownDecoder returns a decoder of the Markdown page in r.
func NewMarkdownDecoder(r io.Reader) *MarkdownDecoder {
	return &MarkdownDecoder{in: r}
}

// mdReadWhole is the largest input held in memory (a bytes.Reader,
// strings.Reader or bytes.Buffer) that a MarkdownDecoder copies in one
// piece, to take the front matter from without copying it again.
const mdReadWhole = 64 << 10

// start sets up the reading of d.in: a small page held in memory is copied
// whole to d.src, other input is read through a buffer.
func (d *MarkdownDecoder) start() {
	d.src, d.r = openPage(d.in, mdReadWhole)
	d.in = nil
}

// RecordPos returns the position of the page's front matter: line 1.
func (d *MarkdownDecoder) RecordPos() (line, column int) {
	if d.recLine == 0 {
		return 0, 0
	}
	return d.recLine, 1
}

func mdErr(line int, field string, err error) *ParseError {
	return &ParseError{Format: "markdown", Line: line, Column: 1, Field: field, Err: err}
}

// Decode returns the page's record, then io.EOF.
func (d *MarkdownDecoder) Decode() (*citation.Citation, error) {
	if d.done {
		return nil, io.EOF
	}
	d.done = true
	if d.in != nil {
		d.start()
	}
	var fm string
	var fmLine int
	var err error
	if d.r == nil {
		fm, fmLine, err = d.frontMatterInSrc()
	} else {
		fm, fmLine, err = d.readFrontMatter()
	}
	if err != nil {
		return nil, err
	}
	d.recLine = 1
	m, ok := fastFrontMatter(fm)
	if !ok {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
			return nil, mdErr(fmLine+yamlErrLine(err)-1, "", fmt.Errorf("front matter: %v: %w", err, ErrSyntax))
		}
		if n := countExpanded(&root, MaxFrontMatterNodes); n > MaxFrontMatterNodes {
			return nil, mdErr(fmLine, "", fmt.Errorf("front matter has over %d YAML nodes with aliases expanded: %w", MaxFrontMatterNodes, ErrTooLarge))
		}
		if len(root.Content) == 0 {
			return nil, mdErr(fmLine, "", fmt.Errorf("front matter is empty: %w", ErrSyntax))
		}
		m = lightTree(root.Content[0])
	}
	if m == nil || m.kind != fmMapping {
		return nil, mdErr(fmLine, "", fmt.Errorf("front matter is not a mapping: %w", ErrSyntax))
	}
	c := d.convert(m)
	if d.KeepBody {
		if d.r == nil {
			body := d.src
			if len(body) > MaxMarkdownBody {
				body = body[:MaxMarkdownBody]
			}
			c.Note = strings.TrimSpace(body)
		} else {
			body, err := io.ReadAll(io.LimitReader(d.r, MaxMarkdownBody))
			if err != nil {
				return nil, err
			}
			c.Note = strings.TrimSpace(string(body))
		}
	}
	c.Normalize()
	var perr error
	if c.Title == "" {
		e := mdErr(fmLine, "title", fmt.Errorf("no title: %w", ErrMissingField))
		e.Record = c.ID
		perr = e
	}
	return c, perr
}

// readFrontMatter reads the front matter's text, its line ends made "\n",
// and returns it with the line of its first line.
func (d *MarkdownDecoder) readFrontMatter() (string, int, error) {
	first, err := d.r.ReadSlice('\n')
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return "", 0, err
	}
	if string(bytes.TrimRight(first, " \t\r\n")) != "---" || err == bufio.ErrBufferFull {
		return "", 0, mdErr(1, "", fmt.Errorf("no YAML front matter: the first line is not \"---\": %w", ErrSyntax))
	}
	var b strings.Builder
	b.Grow(d.r.Buffered())
	var long []byte // a line longer than the buffer
	line := 1
	for {
		chunk, err := d.r.ReadSlice('\n')
		if b.Len()+len(long)+len(chunk) > MaxFrontMatter+4 {
			return "", 0, mdErr(2, "", fmt.Errorf("front matter over %d bytes: %w", MaxFrontMatter, ErrTooLarge))
		}
		if err == bufio.ErrBufferFull {
			long = append(long, chunk...)
			continue
		}
		if err != nil && err != io.EOF {
			return "", 0, err
		}
		if len(long) > 0 {
			long = append(long, chunk...)
			chunk, long = long, long[:0]
		}
		l := trimRightBytes(chunk, "\r\n")
		line++
		if t := string(trimRightBytes(l, " \t")); t == "---" || t == "..." {
			return b.String(), 2, nil
		}
		if err == io.EOF {
			return "", 0, mdErr(line, "", fmt.Errorf("front matter not closed by \"---\": %w", ErrSyntax))
		}
		// keep the line with a bare "\n" end
		b.Write(l)
		b.WriteByte('\n')
	}
}

// frontMatterInSrc is readFrontMatter for an input read whole: it takes
// the front matter from d.src, which it leaves at the body.
func (d *MarkdownDecoder) frontMatterInSrc() (string, int, error) {
	s := d.src
	i := strings.IndexByte(s, '\n')
	first := s
	if i >= 0 {
		first, s = s[:i+1], s[i+1:]
	} else {
		s = ""
	}
	// readFrontMatter reads the first line through a buffer of 2 KiB, the
	// size it has for a page this long, and refuses a longer line.
	if strings.TrimRight(first, " \t\r\n") != "---" || len(d.src) >= 2048 && (i < 0 || i >= 2048) {
		return "", 0, mdErr(1, "", fmt.Errorf("no YAML front matter: the first line is not \"---\": %w", ErrSyntax))
	}
	start := s
	line := 1
	for {
		j := strings.IndexByte(s, '\n')
		l := s
		if j >= 0 {
			l = s[:j]
		}
		line++
		if len(l) >= 3 && (l[:3] == "---" || l[:3] == "...") && isFMEnd(l[3:]) {
			fm := start[:len(start)-len(s)]
			if j >= 0 {
				d.src = s[j+1:]
			} else {
				d.src = ""
			}
			if strings.Contains(fm, "\r\n") {
				// lines end with "\n" alone, as readFrontMatter makes them
				var b strings.Builder
				b.Grow(len(fm))
				for fm != "" {
					k := strings.IndexByte(fm, '\n') // each line of fm has one
					b.WriteString(strings.TrimRight(fm[:k], "\r"))
					b.WriteByte('\n')
					fm = fm[k+1:]
				}
				fm = b.String()
			}
			return fm, 2, nil
		}
		if j < 0 {
			return "", 0, mdErr(line, "", fmt.Errorf("front matter not closed by \"---\": %w", ErrSyntax))
		}
		s = s[j+1:]
	}
}

// isFMEnd reports whether the rest of a line after "---" or "..." lets it
// end the front matter: spaces and tabs, then CRs.
func isFMEnd(rest string) bool {
	rest = strings.TrimRight(rest, "\r")
	return strings.TrimRight(rest, " \t") == ""
}

// trimRightBytes is bytes.TrimRight for a cutset of two ASCII bytes.
func trimRightBytes(b []byte, cutset string) []byte {
	for len(b) > 0 && (b[len(b)-1] == cutset[0] || b[len(b)-1] == cutset[1]) {
		b = b[:len(b)-1]
	}
	return b
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// yamlErrLine returns the 1-based line a yaml error names, or 1.
func yamlErrLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
	}
	return 1
}

// countExpanded counts the nodes of the tree under n with every alias
// expanded, stopping once the count is over limit. Counts of anchored nodes
// are memoized, so the walk is linear in the size of the text.
func countExpanded(n *yaml.Node, limit int) int {
	memo := make(map[*yaml.Node]int)
	var walk func(n *yaml.Node, depth int) int
	walk = func(n *yaml.Node, depth int) int {
		if n == nil {
			return 0
		}
		if depth > 1000 {
			return limit + 1
		}
		if v, ok := memo[n]; ok {
			return v
		}
		total := 1
		if n.Kind == yaml.AliasNode {
			memo[n] = limit + 1 // a cycle counts as too many
			total += walk(n.Alias, depth+1)
		} else {
			for _, c := range n.Content {
				total += walk(c, depth+1)
				if total > limit {
					break
				}
			}
		}
		if total > limit {
			total = limit + 1
		}
		if n.Anchor != "" || n.Kind == yaml.AliasNode {
			memo[n] = total
		}
		return total
	}
	return walk(n, 0)
}

// get returns the value of key in mapping m, or nil.
func get(m *fmNode, key string) *fmNode {
	if m == nil || m.kind != fmMapping || m.keys&keyBit(key) == 0 {
		return nil
	}
	for i := 0; i+1 < len(m.content); i += 2 {
		if k := m.content[i]; k != nil && k.kind == fmScalar && k.value == key {
			v := m.content[i+1]
			if v == nil || (v.kind == fmScalar && v.null) {
				return nil
			}
			return v
		}
	}
	return nil
}

// str returns a scalar's text, normalized; "" for other nodes.
func str(n *fmNode) string {
	if n == nil || n.kind != fmScalar || n.null {
		return ""
	}
	return citation.NormalizeText(n.value)
}

// strs returns a list of strings: a sequence of scalars, or a scalar split
// on commas and semicolons.
func strs(n *fmNode) []string {
	if n == nil {
		return nil
	}
	switch n.kind {
	case fmScalar:
		return pagemeta.SplitList(str(n))
	case fmSequence:
		var out []string
		for _, c := range n.content {
			if s := str(c); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// firstStr returns the first non-empty scalar of the keys.
func firstStr(m *fmNode, keys ...string) string {
	for _, k := range keys {
		if s := str(get(m, k)); s != "" {
			return s
		}
	}
	return ""
}

// markdownKnown are the keys the decoder maps or deliberately ignores.
var markdownKnown = map[string]bool{
	"title": true, "article_title": true, "subtitle": true, "type": true, "publication_types": true,
	"date": true, "date-meta": true, "year": true, "date_format": true, "publishDate": true,
	"authors": true, "author": true, "author-meta": true, "editor": true, "editors": true,
	"keywords": true, "tags": true, "categories": true, "abstract": true, "summary": true,
	"description": true, "seo": true, "publication": true, "container-title": true, "journal": true,
	"venue": true, "publication_short": true, "doi": true, "url": true, "permalink": true, "id": true,
	"publisher": true, "volume": true, "issue": true, "page": true, "pages": true, "issn": true,
	"isbn": true, "pmid": true, "language": true, "lang": true, "note": true, "citation": true,
	"subject": true, "links": true,
}

var markdownLinkKeys = []string{"url_pdf", "url_code", "url_dataset", "url_slides", "url_video",
	"url_poster", "url_project", "url_source", "paperurl", "slidesurl"}

// convert maps the front matter mapping m.
func (d *MarkdownDecoder) convert(m *fmNode) *citation.Citation {
	c := &citation.Citation{}
	cit := get(m, "citation") // Quarto/Pandoc CSL map, or an academicpages string
	if cit != nil && cit.kind != fmMapping {
		c.AddExtra("markdown:citation", str(cit))
		cit = nil
	}
	c.ID = firstStr(m, "id")
	c.Title = citation.NormalizeTitle(mdInline(firstStr(m, "title", "article_title")))
	if c.Title == "" && cit != nil {
		c.Title = citation.NormalizeTitle(mdInline(firstStr(cit, "title")))
	}
	if sub := citation.NormalizeTitle(mdInline(firstStr(m, "subtitle"))); sub != "" {
		if c.Title != "" {
			c.Title += ": " + sub
		} else {
			c.Title = sub
		}
	}
	// dates
	if ds := firstStr(m, "date", "date-meta", "year"); ds != "" {
		if dt, err := pagemeta.ParseDate(ds, citation.OrderUnspecified); err == nil {
			c.Issued = dt
		} else {
			c.Issued = citation.Date{Literal: ds}
		}
	} else if cit != nil {
		if ds := firstStr(cit, "issued", "date"); ds != "" {
			if dt, err := pagemeta.ParseDate(ds, citation.OrderUnspecified); err == nil {
				c.Issued = dt
			} else {
				c.Issued = citation.Date{Literal: ds}
			}
		}
	}
	// names
	for _, k := range []string{"authors", "author", "author-meta"} {
		if n := get(m, k); n != nil {
			c.Authors = d.names(n)
			break
		}
	}
	for _, k := range []string{"editors", "editor"} {
		if n := get(m, k); n != nil {
			c.Editors = d.names(n)
			break
		}
	}
	// keywords
	for _, n := range []*fmNode{get(m, "keywords"), get(m, "tags"), get(m, "categories"), get(get(m, "seo"), "page_keywords")} {
		c.Keywords = appendNew(c.Keywords, strs(n)...)
	}
	c.Abstract = firstStr(m, "abstract", "summary", "description")
	if c.Abstract == "" {
		c.Abstract = str(get(get(m, "seo"), "page_description"))
	}
	if c.Abstract == "" && cit != nil {
		c.Abstract = firstStr(cit, "abstract")
	}
	c.Abstract = mdInline(c.Abstract)
	// container
	cont := firstStr(m, "publication", "container-title", "journal", "venue")
	if cont == "" && cit != nil {
		cont = firstStr(cit, "container-title", "journal")
	}
	preprint := strings.EqualFold(strings.Trim(cont, "*_ "), "preprint")
	if !preprint {
		c.ContainerTitle = citation.NormalizeTitle(mdInline(cont))
	}
	c.ContainerTitleShort = citation.NormalizeText(mdInline(firstStr(m, "publication_short")))
	// identifiers and numbers, from the page and then from a citation map
	for _, src := range []*fmNode{m, cit} {
		if src == nil {
			continue
		}
		set := func(p *string, keys ...string) {
			if *p == "" {
				*p = firstStr(src, keys...)
			}
		}
		set(&c.Publisher, "publisher")
		set(&c.Volume, "volume")
		set(&c.Issue, "issue")
		set(&c.Pages, "page", "pages")
		set(&c.Language, "language", "lang")
		set(&c.PMID, "pmid", "PMID")
		if c.DOI == "" {
			c.DOI = pagemeta.CleanDOI(firstStr(src, "doi", "DOI"))
		}
		c.ISSN = appendNew(c.ISSN, pagemeta.ISSNs(strings.Join(strs(get(src, "issn")), " "))...)
		c.ISSN = appendNew(c.ISSN, pagemeta.ISSNs(strings.Join(strs(get(src, "ISSN")), " "))...)
		for _, k := range []string{"isbn", "ISBN"} {
			c.ISBN = appendNew(c.ISBN, strs(get(src, k))...)
		}
	}
	if n := firstStr(m, "note"); n != "" {
		c.Note = n
	}
	// URL
	if u := firstStr(m, "url", "permalink"); u != "" {
		c.URL = d.joinURL(u)
	} else if cit != nil {
		c.URL = firstStr(cit, "url", "URL")
	}
	// links: DOI from a doi.org link, the rest kept
	for _, k := range markdownLinkKeys {
		if v := str(get(m, k)); v != "" {
			if c.DOI == "" && isDOIURL(v) {
				c.DOI = pagemeta.CleanDOI(v)
			}
			c.AddExtra("markdown:"+k, v)
		}
	}
	if links := get(m, "links"); links != nil && links.kind == fmSequence {
		for _, l := range links.content {
			u := str(get(l, "url"))
			if u == "" {
				continue
			}
			if c.DOI == "" && isDOIURL(u) {
				c.DOI = pagemeta.CleanDOI(u)
			}
			name := str(get(l, "name"))
			if name == "" {
				name = "link"
			}
			c.AddExtra("markdown:links:"+name, u)
		}
	}
	if c.DOI == "" && isDOIURL(c.URL) {
		c.DOI = pagemeta.CleanDOI(c.URL)
	}
	// related articles
	c.Related = d.related(m)
	if s := firstStr(m, "subject"); s != "" {
		c.AddExtra("markdown:subject", s)
	}
	// type
	c.Type = d.itemType(m, cit, c, preprint)
	if d.KeepUnknown {
		for i := 0; i+1 < len(m.content); i += 2 {
			k := str(m.content[i])
			if markdownKnown[k] || strings.HasPrefix(k, "related_article") || containsStr(markdownLinkKeys, k) {
				continue
			}
			if v := str(m.content[i+1]); v != "" {
				c.AddExtra("markdown:"+k, v)
			}
		}
	}
	return c
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isDOIURL(u string) bool {
	for i := 0; i < len(u); i++ {
		if u[i] >= utf8.RuneSelf {
			// ToLower may make ASCII of other text (İ is i)
			return strings.Contains(strings.ToLower(u), "doi.org/10.")
		}
	}
	return containsFoldASCII(u, "doi.org/10.")
}

// joinURL resolves a relative URL against BaseURL.
func (d *MarkdownDecoder) joinURL(u string) string {
	if d.BaseURL == "" || u == "" {
		return u
	}
	ref, err := url.Parse(u)
	if err != nil || ref.IsAbs() {
		return u
	}
	base, err := url.Parse(d.BaseURL)
	if err != nil {
		return u
	}
	if !strings.HasSuffix(base.Path, "/") && !strings.HasPrefix(u, "/") {
		base.Path += "/"
	}
	return base.ResolveReference(ref).String()
}

// related reads related_article1..N in number order.
func (d *MarkdownDecoder) related(m *fmNode) []citation.Related {
	type rel struct {
		n int
		r citation.Related
	}
	var rs []rel
	for i := 0; i+1 < len(m.content); i += 2 {
		// NormalizeText makes no "related_article" that was not there
		if kn := m.content[i]; kn == nil || !strings.Contains(kn.value, "related_article") {
			continue
		}
		k := str(m.content[i])
		num, ok := strings.CutPrefix(k, "related_article")
		if !ok || num == "" || len(num) > 6 || strings.Trim(num, "0123456789") != "" {
			continue
		}
		n, _ := strconv.Atoi(num)
		v := m.content[i+1]
		r := citation.Related{Type: "related"}
		if v != nil && v.kind == fmMapping {
			r.ID = str(get(v, "id"))
			r.Title = citation.NormalizeTitle(str(get(v, "title")))
			r.URL = d.joinURL(str(get(v, "url")))
		} else {
			r.URL = d.joinURL(str(v))
		}
		if r.ID == "" && r.Title == "" && r.URL == "" {
			continue
		}
		rs = append(rs, rel{n, r})
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].n < rs[j].n })
	out := make([]citation.Related, len(rs))
	for i, r := range rs {
		out[i] = r.r
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// hugoLegacyTypes are Hugo Academic's numeric publication types.
var hugoLegacyTypes = map[string]citation.ItemType{
	"0": citation.TypeArticle, "1": citation.TypePaperConference, "2": citation.TypeArticleJournal,
	"3": citation.TypeArticle, "4": citation.TypeReport, "5": citation.TypeBook, "6": citation.TypeChapter,
	"7": citation.TypeThesis, "8": citation.TypePatent,
}

func (d *MarkdownDecoder) itemType(m, cit *fmNode, c *citation.Citation, preprint bool) citation.ItemType {
	var cands []string
	cands = append(cands, str(get(m, "type")))
	cands = append(cands, strs(get(m, "publication_types"))...)
	if cit != nil {
		cands = append(cands, str(get(cit, "type")))
	}
	for _, t := range cands {
		if it := citation.ItemType(strings.ToLower(t)); it.Valid() {
			if preprint && it == citation.TypeArticleJournal {
				return citation.TypeArticle
			}
			return it
		}
		if it, ok := hugoLegacyTypes[t]; ok {
			return it
		}
	}
	switch {
	case preprint:
		return citation.TypeArticle
	case c.ContainerTitle != "" || c.DOI != "":
		return citation.TypeArticleJournal
	}
	return citation.TypeWebpage
}

var (
	othersRE = regexp.MustCompile(`(?i)^(?:authors? \d+(?:\s*(?:,|&|-|and)\s*\d+)* of \d+|(?:and )?\d+ (?:more|others?)(?: authors)?|et al\.?|others)$`)
)

// mayBeOthers reports whether s starts as othersRE's matches do: "author",
// "and ", a digit, "et al" or "other", in any case. None of these letters
// has a non-ASCII case variant (s has ſ, so "others" is cut short).
func mayBeOthers(s string) bool {
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return true
	}
	for _, p := range [...]string{"author", "and ", "et al", "other"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// othersMatch is othersRE.MatchString(s), without the regular expression
// for ASCII text: no other character folds to the pattern's letters but ſ
// to s, and \d and \s are ASCII.
func othersMatch(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return othersRE.MatchString(s)
		}
	}
	lit := func(i int, w string) bool { return len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) }
	digits := func(i int) int {
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i
	}
	spaces := func(i int) int {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
			i++
		}
		return i
	}
	// authors? \d+(?:\s*(?:,|&|-|and)\s*\d+)* of \d+
	if lit(0, "author") {
		i := len("author")
		if lit(i, "s") {
			i++
		}
		if lit(i, " ") {
			if j := digits(i + 1); j > i+1 {
				i = j
				for {
					// a separator and a number; where that fails, " of "
					// is tried, which no separator starts as
					k := spaces(i)
					switch {
					case k < len(s) && (s[k] == ',' || s[k] == '&' || s[k] == '-'):
						k++
					case lit(k, "and"):
						k += len("and")
					default:
						k = -1
					}
					if k < 0 {
						break
					}
					k = spaces(k)
					j := digits(k)
					if j == k {
						break
					}
					i = j
				}
				if lit(i, " of ") {
					if j := digits(i + len(" of ")); j > i+len(" of ") && j == len(s) {
						return true
					}
				}
			}
		}
	}
	// (?:and )?\d+ (?:more|others?)(?: authors)?
	i := 0
	if lit(0, "and ") {
		i = len("and ")
	}
	if j := digits(i); j > i && lit(j, " ") {
		i = j + 1
		ok := true
		switch {
		case lit(i, "more"):
			i += len("more")
		case lit(i, "other"):
			i += len("other")
			if lit(i, "s") {
				i++
			}
		default:
			ok = false
		}
		if ok {
			if lit(i, " authors") {
				i += len(" authors")
			}
			if i == len(s) {
				return true
			}
		}
	}
	// et al\.?|others
	if lit(0, "et al") {
		i := len("et al")
		if lit(i, ".") {
			i++
		}
		if i == len(s) {
			return true
		}
	}
	return strings.EqualFold(s, "others")
}

// names reads an author or editor value.
func (d *MarkdownDecoder) names(n *fmNode) []citation.Name {
	if n == nil {
		return nil
	}
	var out []citation.Name
	if n.kind == fmSequence {
		out = make([]citation.Name, 0, len(n.content))
	}
	others := false
	add := func(nm citation.Name) {
		if nm.IsZero() {
			return
		}
		out = append(out, nm)
	}
	addString := func(s string) {
		s = citation.NormalizeText(s)
		if s == "" {
			return
		}
		if mayBeOthers(s) && othersMatch(s) {
			others = true
			return
		}
		add(d.nameFromString(s))
	}
	switch n.kind {
	case fmScalar:
		s := str(n)
		parts := []string{s}
		if strings.Contains(s, ";") {
			parts = strings.Split(s, ";")
		} else if strings.Contains(s, " and ") {
			parts = strings.Split(s, " and ")
		}
		for _, p := range parts {
			addString(p)
		}
	case fmSequence:
		for _, e := range n.content {
			if e == nil {
				continue
			}
			switch e.kind {
			case fmScalar:
				addString(e.value)
			case fmMapping:
				add(d.nameFromMap(e))
			}
		}
	case fmMapping:
		// a single author as a map, or Quarto's {name: ...}
		add(d.nameFromMap(n))
	}
	if others {
		out = append(out, citation.Name{Others: true})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (d *MarkdownDecoder) nameFromString(s string) citation.Name {
	if p, ok := d.Profiles[s]; ok && p != "" {
		s = p
	}
	if isOrgName(s) {
		return citation.Name{Literal: s}
	}
	return pagemeta.SplitName(s)
}

// isOrgName reports whether a name string is an organization's: one word,
// or a word such as "University" or "Inc" in it.
func isOrgName(s string) bool {
	if !strings.ContainsAny(s, " ,") {
		return true
	}
	low := " " + strings.ToLower(s) + " "
	for _, w := range []string{" university", " institute", " inc", " ltd", " llc", " consortium", " group",
		" association", " society", " organization", " organisation", " committee", " council", " team",
		" laboratory", " foundation", " network", " project", " collaboration", " center", " centre"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// nameFromMap reads a Pandoc/Quarto author map.
func (d *MarkdownDecoder) nameFromMap(m *fmNode) citation.Name {
	var n citation.Name
	nameNode := get(m, "name")
	if nameNode != nil && nameNode.kind == fmMapping {
		// Quarto: name: {given, family, literal}
		n = d.nameFromMap(nameNode)
	} else if s := str(nameNode); s != "" {
		n = d.nameFromString(s)
	} else {
		n.Given = firstStr(m, "given", "given-names", "first")
		n.Family = firstStr(m, "family", "family-names", "last")
		n.Literal = firstStr(m, "literal")
		n.NonDroppingParticle = firstStr(m, "non-dropping-particle")
		n.DroppingParticle = firstStr(m, "dropping-particle")
		n.Suffix = firstStr(m, "suffix")
	}
	n.ORCID = firstStr(m, "orcid", "ORCID")
	for _, k := range []string{"affiliation", "affiliations", "institute"} {
		a := get(m, k)
		if a == nil {
			continue
		}
		switch a.kind {
		case fmScalar:
			n.Affiliations = append(n.Affiliations, str(a))
		case fmSequence:
			for _, e := range a.content {
				if s := str(e); s != "" {
					n.Affiliations = append(n.Affiliations, s)
				} else if s := str(get(e, "name")); s != "" {
					n.Affiliations = append(n.Affiliations, s)
				}
			}
		case fmMapping:
			if s := str(get(a, "name")); s != "" {
				n.Affiliations = append(n.Affiliations, s)
			}
		}
	}
	return n
}

// mdInline turns Markdown emphasis into CSL markup: emphasis around the
// whole value is dropped (a journal name set in italics), inner *x* and _x_
// become <i>x</i>, **x** <b>x</b>.
func mdInline(s string) string {
	if s == "" || !strings.ContainsAny(s, "*_") {
		return s
	}
	for _, w := range []string{"***", "**", "*", "__", "_"} {
		if len(s) > 2*len(w) && strings.HasPrefix(s, w) && strings.HasSuffix(s, w) &&
			!strings.Contains(s[len(w):len(s)-len(w)], w) {
			s = s[len(w) : len(s)-len(w)]
			break
		}
	}
	s = replacePairs(s, "**", "<b>", "</b>")
	s = replacePairs(s, "*", "<i>", "</i>")
	return s
}

// replacePairs replaces pairs of delimiter with open and close tags.
func replacePairs(s, delim, open, close string) string {
	if strings.Count(s, delim) < 2 {
		return s
	}
	var b strings.Builder
	in := false
	for {
		i := strings.Index(s, delim)
		if i < 0 {
			b.WriteString(s)
			break
		}
		if !in && !strings.Contains(s[i+len(delim):], delim) {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		if in {
			b.WriteString(close)
		} else {
			b.WriteString(open)
		}
		in = !in
		s = s[i+len(delim):]
	}
	return b.String()
}

// sniffMarkdown reports whether a prefix is a page with YAML front matter:
// a first line "---" followed by a "key:" line (or a comment). A first key
// "references" marks a CSL YAML bibliography, which is left to cslyaml.
func sniffMarkdown(p []byte) bool {
	if !bytes.HasPrefix(p, []byte("---")) {
		return false
	}
	rest := p[3:]
	rest = bytes.TrimLeft(rest, " \t")
	switch {
	case bytes.HasPrefix(rest, []byte("\r\n")):
		rest = rest[2:]
	case bytes.HasPrefix(rest, []byte("\n")):
		rest = rest[1:]
	default:
		return false
	}
	// skip blank and comment lines
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		var l []byte
		if i < 0 {
			l, rest = rest, nil
		} else {
			l, rest = rest[:i], rest[i+1:]
		}
		t := bytes.TrimSpace(l)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		// "key:" with a plain or quoted key
		if t[0] == '"' || t[0] == '\'' {
			return bytes.Contains(t, []byte(":"))
		}
		k := bytes.IndexByte(t, ':')
		if k <= 0 {
			return false
		}
		if bytes.ContainsAny(t[:k], " \t") || t[0] == '-' {
			return false
		}
		if string(t[:k]) == "references" {
			// a CSL YAML bibliography (Pandoc's references block), not a page
			return false
		}
		return k+1 == len(t) || t[k+1] == ' ' || t[k+1] == '\t'
	}
	return true
}

// MarkdownFormat is the registry entry of Markdown pages with YAML front
// matter.
func MarkdownFormat() Format {
	return Format{
		Name:        "markdown",
		Description: "Markdown page with YAML front matter (Jekyll, Hugo, Quarto, Pandoc)",
		Extensions:  []string{".md", ".markdown", ".qmd", ".rmd"},
		Sniff:       sniffMarkdown,
		NewDecoder:  func(r io.Reader) Decoder { return NewMarkdownDecoder(r) },
	}
}
