package csl

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/citekit/citekit/citation"
)

// position is a cite's position in a document, for cs:if position tests.
type position int

// The positions a cite can have.
const (
	posFirst position = iota
	posSubsequent
	posIbid
	posIbidWithLocator
)

// rctx is the state of rendering one item, in one mode.
type rctx struct {
	e     *engine
	item  *citation.Citation
	st    *itemState
	cite  *CiteItem
	ctx   *node // the citation or bibliography element
	bib   bool
	pos   position
	near  bool
	sort  bool // rendering a sort key
	depth int

	// name list overrides, from a sort key or disambiguation
	namesMin, namesUseFirst int
	namesUseLast            *bool

	steps          int
	suppressed     map[string]bool
	called, filled int
	subsParent     *node // the cs:names whose cs:substitute is being rendered
	yearSuffixDone bool
	disambigNames  bool // apply st's name disambiguation
}

func (r *rctx) renderKids(n *node) []*piece {
	out := make([]*piece, 0, len(n.kids))
	for _, k := range n.kids {
		if k.name == "choose" {
			// the children of the branch taken join the parent's children
			if b := r.branch(k); b != nil {
				out = append(out, r.renderKids(b)...)
			}
			continue
		}
		if p := r.render(k); !p.empty() {
			out = append(out, p)
		}
	}
	return out
}

func (r *rctx) render(n *node) *piece {
	// a budget of elements per item, so that macros calling macros
	// several times cannot take exponential time
	r.steps++
	if r.steps > maxSteps {
		return nil
	}
	switch n.name {
	case "text":
		return r.text(n)
	case "number":
		return r.number(n)
	case "label":
		return r.label(n, "")
	case "names":
		return r.names(n)
	case "date":
		return r.date(n)
	case "group":
		return r.group(n)
	case "choose":
		return r.choose(n)
	}
	return nil
}

// decorate applies n's text-case, strip-periods, affixes and formatting to p.
func (r *rctx) decorate(n *node, p *piece) *piece {
	if p.empty() {
		return nil
	}
	if n == nil {
		return p
	}
	f := &n.f
	if f.textCase != "" {
		r.applyCase(p, f.textCase)
	}
	if f.stripPeriods {
		p.eachRun(func(run *citation.Run) { run.Text = strings.ReplaceAll(run.Text, ".", "") })
	}
	if f.prefix == "" && f.suffix == "" && !hasFont(f) && p.prefix == "" && p.suffix == "" && p.f == nil {
		return p
	}
	w := &piece{kids: []*piece{p}, prefix: f.prefix, suffix: f.suffix, kind: p.kind}
	if hasFont(f) {
		w.f = f
	}
	return w
}

func hasFont(f *format) bool {
	return f.fontStyle != "" || f.fontVariant != "" || f.fontWeight != "" || f.textDecoration != "" ||
		f.verticalAlign != "" || f.display != "" || f.quotes
}

func (r *rctx) group(n *node) *piece {
	c0, f0 := r.called, r.filled
	r.called, r.filled = 0, 0
	kids := r.renderKids(n)
	called, filled := r.called, r.filled
	r.called, r.filled = c0, f0
	if called > 0 && filled == 0 {
		r.called++
		return nil
	}
	p := group(kids, n.f.delim)
	if p.empty() {
		if called > 0 {
			r.called++
		}
		return nil
	}
	// a non-empty nested group counts as a non-empty variable, as in citeproc-js
	r.called++
	r.filled++
	return r.decorate(n, p)
}

func (r *rctx) choose(n *node) *piece {
	if b := r.branch(n); b != nil {
		return group(r.renderKids(b), "")
	}
	return nil
}

// branch returns the cs:if, cs:else-if or cs:else of n that applies.
func (r *rctx) branch(n *node) *node {
	for _, k := range n.kids {
		switch k.name {
		case "if", "else-if":
			if r.test(k) {
				return k
			}
		case "else":
			return k
		}
	}
	return nil
}

func (r *rctx) test(n *node) bool {
	var results []bool
	for _, c := range n.conds {
		for _, v := range c.vals {
			results = append(results, r.cond1(c.kind, v))
		}
	}
	switch n.match {
	case "any":
		for _, b := range results {
			if b {
				return true
			}
		}
		return false
	case "none":
		for _, b := range results {
			if b {
				return false
			}
		}
		return true
	}
	for _, b := range results {
		if !b {
			return false
		}
	}
	return len(results) > 0
}

func (r *rctx) cond1(kind, v string) bool {
	switch kind {
	case "type":
		return string(r.item.Type) == v
	case "variable":
		return r.hasVar(v)
	case "is-numeric":
		s := r.varValue(v)
		return s != "" && isNumeric(s)
	case "is-uncertain-date":
		d := r.item.Date(v)
		return d != nil && d.Circa
	case "locator":
		if r.cite == nil || r.cite.Locator == "" {
			return false
		}
		l := r.cite.Label
		if l == "" {
			l = "page"
		}
		return l == v || (v == "sub-verbo" && l == "sub verbo") || (v == "sub verbo" && l == "sub-verbo")
	case "position":
		if r.bib || r.sort {
			return false
		}
		switch v {
		case "first":
			return r.pos == posFirst
		case "subsequent":
			return r.pos != posFirst
		case "ibid":
			return r.pos == posIbid || r.pos == posIbidWithLocator
		case "ibid-with-locator":
			return r.pos == posIbidWithLocator
		case "near-note":
			return r.pos != posFirst && r.near
		}
	case "disambiguate":
		return (v == "true") == (r.st != nil && r.st.condDisambig)
	}
	return false
}

// hasVar reports whether variable v has a value for the item.
func (r *rctx) hasVar(v string) bool {
	if r.suppressed[v] {
		return false
	}
	if citation.Role(v).Valid() {
		return len(r.item.Names(citation.Role(v))) > 0
	}
	if d := r.item.Date(v); d != nil {
		return !d.IsZero()
	}
	return r.varValue(v) != ""
}

// varValue returns the value of a string or number variable.
func (r *rctx) varValue(v string) string {
	if r.suppressed[v] {
		return ""
	}
	switch v {
	case "locator":
		if r.cite != nil {
			return r.cite.Locator
		}
		return ""
	case "citation-number":
		if r.st != nil && r.st.number > 0 {
			return strconv.Itoa(r.st.number)
		}
		return ""
	case "first-reference-note-number":
		if r.cite != nil && r.cite.firstNote > 0 && !r.bib {
			return strconv.Itoa(r.cite.firstNote)
		}
		return ""
	case "year-suffix":
		if r.st != nil && r.st.yearSuffix > 0 {
			return suffixLetters(r.st.yearSuffix)
		}
		return ""
	case "page-first":
		if s := r.item.Var(v); s != "" {
			return s
		}
		if m := firstNumberRE.FindString(r.item.Pages); m != "" {
			return m
		}
		return ""
	case "citation-label":
		if s := r.item.Var(v); s != "" {
			return s
		}
		return ""
	}
	return r.item.Var(v)
}

func suffixLetters(n int) string {
	// 1 -> a, 26 -> z, 27 -> aa
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

func (r *rctx) text(n *node) *piece {
	switch {
	case n.macro != nil:
		if r.depth >= maxMacroDepth {
			return nil
		}
		r.depth++
		c0, f0 := r.called, r.filled
		r.called, r.filled = 0, 0
		kids := r.renderKids(n.macro)
		called, filled := r.called, r.filled
		r.called, r.filled = c0+called, f0+filled
		r.depth--
		if called > 0 && filled == 0 {
			// a macro whose variables are all empty renders nothing, as
			// a group would (citeproc-js)
			return nil
		}
		p := r.decorate(n, group(kids, ""))
		if !p.empty() {
			// and a macro that renders counts as a non-empty variable
			r.called++
			r.filled++
		}
		return p
	case len(n.vars) > 0:
		v := n.vars[0]
		r.called++
		p := r.variable(v, n.attr("form"))
		if p.empty() {
			return nil
		}
		r.filled++
		return r.decorate(n, p)
	case n.has("term"):
		plural := n.attr("plural") == "true"
		t, _ := r.e.loc.term(n.attr("term"), n.attr("form"), plural, "")
		p := leaf(t)
		if p != nil {
			p.kind = kindTerm
		}
		return r.decorate(n, p)
	case n.has("value"):
		return r.decorate(n, markupLeaf(smartQuotes(n.attr("value"))))
	}
	return nil
}

// variable renders a string variable as cs:text does.
func (r *rctx) variable(v, form string) *piece {
	switch v {
	case "citation-number":
		s := r.varValue(v)
		if s == "" {
			return nil
		}
		p := leaf(s)
		p.kind = kindCitationNumber
		return p
	case "year-suffix":
		s := r.varValue(v)
		if s == "" {
			return nil
		}
		p := leaf(s)
		p.kind = kindYearSuffix
		return p
	case "page":
		return leaf(r.pageRange(r.varValue(v)))
	case "issue", "volume", "number", "collection-number", "number-of-volumes", "chapter-number", "part-number", "supplement-number":
		if s := r.varValue(v); s != "" && isNumeric(s) {
			return leaf(r.rangeDash(s))
		}
	case "locator":
		s := r.varValue(v)
		if r.cite != nil && (r.cite.Label == "" || r.cite.Label == "page") {
			s = r.pageRange(s)
		} else {
			s = r.rangeDash(s)
		}
		p := markupLeaf(smartQuotes(s))
		if p != nil {
			p.kind = kindLocator
		}
		return p
	}
	s := ""
	if form == "short" {
		s = r.varValue(v + "-short")
		if s == "" && v == "title" {
			s = r.varValue("shortTitle")
		}
		if s == "" && v == "container-title" {
			s = r.varValue("journalAbbreviation")
		}
	}
	if s == "" {
		s = r.varValue(v)
	}
	if s == "" {
		return nil
	}
	if v == "URL" || v == "DOI" || v == "PMID" || v == "PMCID" {
		return leaf(s)
	}
	return markupLeaf(smartQuotes(s))
}

var firstNumberRE = regexp.MustCompile(`^[A-Za-z]*\d+`)

// Quote markers: smartQuotes writes these private-use runes for quotes
// found in field values, and the writer turns them into the locale's outer
// or inner quotes by nesting depth.
const (
	qOpenDouble  = '\uE000'
	qCloseDouble = '\uE001'
	qOpenSingle  = '\uE002'
	qCloseSingle = '\uE003'
)

// smartQuotes turns straight apostrophes into typographic ones and quoted
// passages ("...", '...', “...”) into quote markers.
func smartQuotes(s string) string {
	if !strings.ContainsAny(s, "'\"\u201c\u201d\u2018") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	inTag := false
	var stack []rune // open markers
	letter := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	for i, c := range rs {
		switch {
		case c == '<':
			inTag = true
			b.WriteRune(c)
		case c == '>' && inTag:
			inTag = false
			b.WriteRune(c)
		case inTag:
			b.WriteRune(c)
		case c == '"' || c == '\u201c' || c == '\u201d':
			if len(stack) > 0 && stack[len(stack)-1] == qOpenDouble && c != '\u201c' {
				stack = stack[:len(stack)-1]
				b.WriteRune(qCloseDouble)
			} else if c != '\u201d' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
				stack = append(stack, qOpenDouble)
				b.WriteRune(qOpenDouble)
			} else {
				b.WriteRune(c)
			}
		case c == '\'' || c == '\u2018' || c == '\u2019':
			switch {
			case letter(i-1) && letter(i+1):
				b.WriteRune('\u2019')
			case len(stack) > 0 && stack[len(stack)-1] == qOpenSingle && !letter(i+1) && c != '\u2018':
				stack = stack[:len(stack)-1]
				b.WriteRune(qCloseSingle)
			case !letter(i-1) && letter(i+1) && c != '\u2019' && hasCloseSingle(rs[i+1:]):
				stack = append(stack, qOpenSingle)
				b.WriteRune(qOpenSingle)
			default:
				b.WriteRune('\u2019')
			}
		default:
			b.WriteRune(c)
		}
	}
	out := b.String()
	// unbalanced openings stay straight
	for len(stack) > 0 {
		m := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k := strings.LastIndex(out, string(m))
		lit := "\""
		if m == qOpenSingle {
			lit = "\u2019"
		}
		out = out[:k] + lit + out[k+len(string(m)):]
	}
	return out
}

func hasCloseSingle(rs []rune) bool {
	for i, c := range rs {
		if (c == '\'' || c == '\u2019') && (i+1 == len(rs) || !unicode.IsLetter(rs[i+1])) && i > 0 && !unicode.IsSpace(rs[i-1]) {
			return true
		}
	}
	return false
}

func (r *rctx) label(n *node, forVar string) *piece {
	v := forVar
	if v == "" && len(n.vars) > 0 {
		v = n.vars[0]
	}
	if v == "" {
		return nil
	}
	val := r.varValue(v)
	if val == "" {
		return nil
	}
	name := v
	if v == "locator" {
		name = "page"
		if r.cite != nil && r.cite.Label != "" {
			name = r.cite.Label
		}
		if name == "sub verbo" {
			name = "sub-verbo"
		}
	}
	plural := false
	switch n.attr("plural") {
	case "always":
		plural = true
	case "never":
	default:
		if v == "number-of-pages" || v == "number-of-volumes" {
			plural = atoiDefault(strings.TrimSpace(val), 1) > 1
		} else {
			plural = isPluralNumber(val)
		}
	}
	t, ok := r.e.loc.term(name, n.attr("form"), plural, "")
	if !ok && name == "sub-verbo" {
		t, _ = r.e.loc.term("sub verbo", n.attr("form"), plural, "")
	}
	return r.decorate(n, leaf(t))
}
