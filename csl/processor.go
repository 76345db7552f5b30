package csl

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/citekit/citekit/citation"
)

// A CiteItem is one cite of an item within a [Cluster].
type CiteItem struct {
	ID             string // the Citation.ID cited
	Locator        string // "12-15"
	Label          string // the locator's kind: "page" (default), "chapter", "figure", ...
	Prefix, Suffix string // text before and after the cite
	SuppressAuthor bool   // leave out the author: "(2019)"
	AuthorOnly     bool   // only the author, for narrative cites

	pos       position
	near      bool
	firstNote int
}

// A Cluster is one citation in a document: one or more cites rendered
// together, such as "(Doe 2019; Roe 2020)".
type Cluster struct {
	Items     []CiteItem
	NoteIndex int // the footnote number for note styles; 0 in the text
}

// An Entry is one rendered bibliography entry or citation. Format it with
// [Entry.Format], or [Entry.String] for plain text.
type Entry struct {
	ID   string // the Citation.ID of a bibliography entry; "" for a citation
	toks []tok
}

// Format returns the entry in the output format f.
func (e Entry) Format(f OutputFormat) string {
	var b strings.Builder
	formatToks(&b, e.toks, f)
	return b.String()
}

// String returns the entry as plain text.
func (e Entry) String() string { return e.Format(Text) }

// HTML returns the entry as HTML.
func (e Entry) HTML() string { return e.Format(HTML) }

// Markdown returns the entry as Markdown.
func (e Entry) Markdown() string { return e.Format(Markdown) }

func (e Entry) hasBlocks() bool {
	for _, t := range e.toks {
		if t.tag == tagBlock {
			return true
		}
	}
	return false
}

// A Processor renders citations and bibliographies in one style and
// locale. It is immutable and safe for concurrent use; each call keeps its
// own state.
type Processor struct {
	e *engine
}

type engine struct {
	style *Style
	loc   locales
	lang  language.Tag
}

// An Option configures a [Processor].
type Option func(*procConfig)

type procConfig struct {
	locale *Locale
	lang   string
}

// WithLocale sets the locale file the processor uses for terms and dates.
// The default is [BuiltinLocale]("en-US"). The style's own cs:locale
// elements override it.
func WithLocale(l *Locale) Option { return func(c *procConfig) { c.locale = l } }

// WithLanguage sets the language of the output, a BCP 47 tag such as
// "en-GB", which selects the style's inline locale overrides and the sort
// order. The default is the style's default-locale, else the locale's own
// language, else "en-US".
func WithLanguage(tag string) Option { return func(c *procConfig) { c.lang = tag } }

// NewProcessor returns a processor for style s, which must be independent
// (see [ResolveStyle] for dependent styles).
func NewProcessor(s *Style, opts ...Option) (*Processor, error) {
	if s == nil || s.IsDependent() || s.cit == nil {
		return nil, fmt.Errorf("csl: a processor needs an independent style: %w", ErrStyle)
	}
	var c procConfig
	for _, o := range opts {
		o(&c)
	}
	if c.locale == nil {
		l, err := BuiltinLocale("en-US")
		if err != nil {
			return nil, err
		}
		c.locale = l
	}
	lang := c.lang
	if lang == "" {
		lang = s.DefaultLocale
	}
	if lang == "" {
		lang = c.locale.Lang
	}
	if lang == "" {
		lang = "en-US"
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.AmericanEnglish
	}
	return &Processor{e: &engine{style: s, loc: chainFor(s, c.locale, lang), lang: tag}}, nil
}

// Style returns the processor's style.
func (p *Processor) Style() *Style { return p.e.style }

// A Result holds rendered citations and bibliography.
type Result struct {
	Citations    []Entry // one per Cluster, in order
	Bibliography []Entry // sorted; nil when the style has none
}

// Bibliography renders the reference list of items, sorted as the style
// says. Items without a bibliography in the style give nil.
func (p *Processor) Bibliography(items []*citation.Citation) []Entry {
	return p.Render(items, nil).Bibliography
}

// Citations renders clusters of cites of items.
func (p *Processor) Citations(items []*citation.Citation, clusters []Cluster) []Entry {
	return p.Render(items, clusters).Citations
}

// WriteBibliography writes the sorted reference list of items to w in
// format f: one entry a line for text, a paragraph each for Markdown, and a
// <div class="csl-bib-body"> for HTML, whose style attribute carries the
// style's hanging indent and line spacing (as citeproc-js writes them).
func (p *Processor) WriteBibliography(w io.Writer, items []*citation.Citation, f OutputFormat) error {
	bib := p.Bibliography(items)
	var b strings.Builder
	if f == HTML {
		lay := p.e.style.BibliographyLayout()
		var css []string
		if lay.LineSpacing > 1 {
			css = append(css, fmt.Sprintf("line-height: %d;", lay.LineSpacing))
		}
		if lay.HangingIndent {
			css = append(css, "padding-left: 1em; text-indent: -1em;")
		}
		if len(css) > 0 {
			b.WriteString(`<div class="csl-bib-body" style="` + strings.Join(css, " ") + "\">\n")
		} else {
			b.WriteString("<div class=\"csl-bib-body\">\n")
		}
	}
	for i, e := range bib {
		switch f {
		case HTML:
			s := e.Format(HTML)
			if e.hasBlocks() {
				s = "\n    " + s + "\n  "
			}
			b.WriteString("  <div class=\"csl-entry\">" + s + "</div>\n")
		case Markdown:
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(e.Format(Markdown) + "\n")
		default:
			b.WriteString(e.Format(Text) + "\n")
		}
	}
	if f == HTML {
		b.WriteString("</div>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// itemState is the per-item state of one rendering.
type itemState struct {
	item         *citation.Citation
	index        int // registration order
	number       int // citation-number
	yearSuffix   int
	addNames     int
	givenLevel   []int
	primaryVar   string
	condDisambig bool
	id           string // the item's Citation.ID as given, before uniqueIDs
}

type run struct {
	e      *engine
	states []*itemState
	byID   map[string]*itemState
	coll   *collate.Collator
	buf    collate.Buffer
}

// uniqueIDs returns items without nils, every one with an ID of its own:
// an item whose ID (empty included) was seen before is replaced by a shallow
// copy with a generated ID, so that no item is lost from the bibliography.
// Cites name the first item of an ID. given maps each returned item to the ID it
// was given.
func uniqueIDs(items []*citation.Citation) (out []*citation.Citation, given map[*citation.Citation]string) {
	out = make([]*citation.Citation, 0, len(items))
	given = make(map[*citation.Citation]string, len(items))
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		if it != nil {
			seen[it.ID] = true
		}
	}
	used := make(map[string]bool, len(items))
	n := 0
	for _, it := range items {
		if it == nil {
			continue
		}
		orig := it.ID
		if used[orig] {
			c := *it
			for {
				n++
				c.ID = fmt.Sprintf("\x00item-%d", n)
				if !seen[c.ID] {
					break
				}
			}
			it = &c
		}
		used[it.ID] = true
		given[it] = orig
		out = append(out, it)
	}
	return out, given
}

// Render renders clusters of cites and the bibliography of items.
func (p *Processor) Render(items []*citation.Citation, clusters []Cluster) *Result {
	e := p.e
	ru := &run{e: e, byID: map[string]*itemState{}, coll: collate.New(e.lang)}
	items, given := uniqueIDs(items)
	// registration: cited items first, in order of first cite
	var order []*citation.Citation
	byID := map[string]*citation.Citation{}
	for _, it := range items {
		byID[it.ID] = it
	}
	seen := map[string]bool{}
	for _, cl := range clusters {
		for _, ci := range cl.Items {
			if it := byID[ci.ID]; it != nil && !seen[ci.ID] {
				seen[ci.ID] = true
				order = append(order, it)
			}
		}
	}
	for _, it := range items {
		if it != nil && !seen[it.ID] {
			seen[it.ID] = true
			order = append(order, it)
		}
	}
	for i, it := range order {
		st := &itemState{item: it, index: i, number: i + 1, primaryVar: primaryNames(it), id: given[it]}
		ru.states = append(ru.states, st)
		ru.byID[it.ID] = st
	}
	clusters = ru.positions(clusters)

	// bibliography order and citation numbers
	bibOrder := append([]*itemState(nil), ru.states...)
	if e.style.bib != nil {
		if srt := e.style.bib.child("sort"); srt != nil {
			usesNumber := false
			for _, k := range srt.kids {
				if k.attr("variable") == "citation-number" {
					usesNumber = true
				}
			}
			ru.sortStates(bibOrder, srt, e.style.bib)
			if !usesNumber {
				for i, st := range bibOrder {
					st.number = i + 1
				}
			}
		}
	}
	ru.disambiguate(bibOrder)

	res := &Result{}
	for _, cl := range clusters {
		res.Citations = append(res.Citations, ru.cluster(cl))
	}
	if e.style.bib != nil {
		res.Bibliography = ru.bibliography(bibOrder)
	}
	return res
}

func primaryNames(it *citation.Citation) string {
	for _, r := range it.Roles() {
		return string(r)
	}
	return ""
}

// positions computes each cite's position and first note number.
func (ru *run) positions(clusters []Cluster) []Cluster {
	out := make([]Cluster, len(clusters))
	first := map[string]int{}
	lastNote := map[string]int{}
	var prev []CiteItem
	near := 5
	if s := ru.e.style.cit.attr("near-note-distance"); s != "" {
		near = atoiDefault(s, 5)
	}
	for i, cl := range clusters {
		items := append([]CiteItem(nil), cl.Items...)
		note := cl.NoteIndex
		if note == 0 {
			note = i + 1
		}
		for j := range items {
			ci := &items[j]
			n, seen := first[ci.ID]
			if !seen {
				ci.pos = posFirst
				first[ci.ID] = note
			} else {
				ci.firstNote = n
				ci.pos = posSubsequent
				var p *CiteItem
				if j > 0 {
					p = &items[j-1]
				} else if len(prev) > 0 && allSame(prev) {
					p = &prev[len(prev)-1]
				}
				if p != nil && p.ID == ci.ID {
					switch {
					case ci.Locator == p.Locator:
						ci.pos = posIbid
					case ci.Locator != "":
						ci.pos = posIbidWithLocator
					}
				}
				if ln, ok := lastNote[ci.ID]; ok && note-ln <= near {
					ci.near = true
				}
			}
			if !seen {
				ci.firstNote = 0
			}
			lastNote[ci.ID] = note
		}
		prev = items
		out[i] = Cluster{Items: items, NoteIndex: cl.NoteIndex}
	}
	return out
}

func allSame(items []CiteItem) bool {
	for _, c := range items {
		if c.ID != items[0].ID {
			return false
		}
	}
	return true
}

func (ru *run) newCtx(st *itemState, ctx *node, bib bool) *rctx {
	return &rctx{e: ru.e, item: st.item, st: st, ctx: ctx, bib: bib, disambigNames: !bib}
}

// sortStates sorts states by the keys of a cs:sort.
func (ru *run) sortStates(states []*itemState, srt *node, ctx *node) {
	keys := make([][]sortKey, len(states))
	for i, st := range states {
		keys[i] = ru.sortKeys(st, srt, ctx, nil)
	}
	idx := make([]int, len(states))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return ru.lessKeys(keys[idx[a]], keys[idx[b]], srt) < 0
	})
	cp := append([]*itemState(nil), states...)
	for i, j := range idx {
		states[i] = cp[j]
	}
}

// sortKey is one key of an item: its text and its collation key.
type sortKey struct {
	s   string
	col []byte
}

func (ru *run) lessKeys(a, b []sortKey, srt *node) int {
	i := 0
	for _, k := range srt.kids {
		if k.name != "key" {
			continue
		}
		if i >= len(a) || i >= len(b) {
			break
		}
		x, y := a[i], b[i]
		i++
		if x.s == y.s {
			continue
		}
		// empty keys last, whatever the direction
		if x.s == "" {
			return 1
		}
		if y.s == "" {
			return -1
		}
		c := 0
		if len(x.s) == len(y.s) || !isDigitKey(x.s) || !isDigitKey(y.s) {
			c = bytes.Compare(x.col, y.col)
		}
		if c == 0 {
			c = strings.Compare(x.s, y.s)
		}
		if k.attr("sort") == "descending" {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func (ru *run) sortKeys(st *itemState, srt *node, ctx *node, cite *CiteItem) []sortKey {
	strs := ru.sortStrings(st, srt, ctx, cite)
	out := make([]sortKey, len(strs))
	for i, s := range strs {
		out[i] = sortKey{s: s, col: append([]byte(nil), ru.coll.KeyFromString(&ru.buf, sortText(s))...)}
	}
	ru.buf.Reset()
	return out
}

func (ru *run) sortStrings(st *itemState, srt *node, ctx *node, cite *CiteItem) []string {
	var out []string
	for _, k := range srt.kids {
		if k.name != "key" {
			continue
		}
		r := ru.newCtx(st, ctx, ctx == ru.e.style.bib)
		r.sort = true
		r.cite = cite
		r.disambigNames = false
		r.namesMin = atoiDefault(k.attr("names-min"), 0)
		r.namesUseFirst = atoiDefault(k.attr("names-use-first"), 0)
		if s := k.attr("names-use-last"); s != "" {
			b := s == "true"
			r.namesUseLast = &b
		}
		if k.macro != nil {
			p := group(r.renderKids(k.macro), "")
			out = append(out, strings.TrimSpace(citation.PlainText(p.plain())))
			continue
		}
		v := k.attr("variable")
		switch {
		case citation.Role(v).Valid():
			var ns []string
			for _, n := range st.item.Names(citation.Role(v)) {
				ns = append(ns, sortName(n, r.demote()))
			}
			out = append(out, strings.Join(ns, "  "))
		case st.item.Date(v) != nil:
			out = append(out, dateKey(st.item.Date(v), nil))
		case v == "citation-number":
			out = append(out, fmt.Sprintf("%010d", st.number))
		default:
			s := citation.PlainText(r.varValue(v))
			if isNumeric(s) {
				s = numKey(s)
			}
			out = append(out, s)
		}
	}
	return out
}

func isDigitKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sortText drops the punctuation and markup that sorting ignores.
func sortText(s string) string {
	s = citation.PlainText(s)
	return strings.Map(func(r rune) rune {
		if (unicode.IsPunct(r) && r != '-') || (r >= qOpenDouble && r <= qCloseSingle) {
			return -1
		}
		return r
	}, s)
}

// bibliography renders the entries in order.
func (ru *run) bibliography(states []*itemState) []Entry {
	bib := ru.e.style.bib
	lay := bib.child("layout")
	sas, hasSAS := bib.attrs["subsequent-author-substitute"]
	sasRule := bib.attr("subsequent-author-substitute-rule")
	var prevNames string
	out := make([]Entry, 0, len(states))
	for _, st := range states {
		r := ru.newCtx(st, bib, true)
		kids := r.renderKids(lay)
		if hasSAS {
			if np := findKind(kids, kindNames); np != nil {
				s := np.plainNoLabels()
				if s == prevNames && s != "" {
					substitute(np, sas, sasRule)
				} else {
					prevNames = s
				}
			}
		}
		var p *piece
		if bib.attr("second-field-align") != "" && len(kids) > 1 {
			left := &piece{kids: []*piece{kids[0]}, f: &format{display: "left-margin"}}
			right := &piece{kids: kids[1:], f: &format{display: "right-inline"}}
			p = &piece{kids: []*piece{left, right}}
			// layout affixes go inside the blocks
			lf := lay.f
			left.prefix = lf.prefix
			right.suffix = lf.suffix
			if hasFont(&lf) {
				p.f = &lf
			}
		} else {
			p = r.decorate(lay, group(kids, ""))
		}
		if p.empty() {
			continue
		}
		w := newWriter(ru.e.loc)
		w.piece(p)
		out = append(out, Entry{ID: st.id, toks: w.toks})
	}
	return out
}

// substitute replaces the name lists of a names piece with the
// subsequent-author-substitute text, keeping their labels. complete-all
// (the default) and the other rules replace whole lists.
func substitute(np *piece, sas, rule string) {
	_ = rule
	var lists []*piece
	var walk func(p *piece)
	walk = func(p *piece) {
		if p == nil {
			return
		}
		if p.kind == kindNameList {
			lists = append(lists, p)
			return
		}
		for _, k := range p.kids {
			walk(k)
		}
	}
	walk(np)
	if len(lists) == 0 {
		lists = []*piece{np}
	}
	for i, l := range lists {
		l.kids = nil
		l.runs = nil
		if i == 0 && sas != "" {
			l.runs = []citation.Run{{Text: sas}}
		}
	}
	if sas == "" && np.plainNoLabels() == "" {
		np.kids, np.runs = nil, nil
	}
}

func findKind(ps []*piece, k pieceKind) *piece {
	for _, p := range ps {
		if p == nil {
			continue
		}
		if p.kind == k && !p.empty() {
			return p
		}
		if f := findKind(p.kids, k); f != nil {
			return f
		}
	}
	return nil
}

// trimToks drops leading and trailing spaces of the output.
func trimToks(t []tok) []tok {
	for i := range t {
		if t[i].tag == 0 {
			t[i].text = strings.TrimLeft(t[i].text, " ")
			if t[i].text != "" {
				break
			}
		} else if t[i].tag == tagBlock {
			break
		}
	}
	for i := len(t) - 1; i >= 0; i-- {
		if t[i].tag == 0 {
			t[i].text = strings.TrimRight(t[i].text, " ")
			if t[i].text != "" {
				break
			}
		} else if t[i].tag == tagBlock {
			break
		}
	}
	return t
}
