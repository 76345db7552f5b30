package csl

import (
	"fmt"
	"io"
	"strings"
)

// A Style is a parsed CSL 1.0.2 style. It is immutable once parsed and safe
// for concurrent use by any number of goroutines.
//
// A dependent style has no layout of its own: [Style.Parent] names the
// style it borrows from, and [ResolveStyle] combines the two.
type Style struct {
	root    *node
	ID      string // info/id
	Title   string // info/title
	Class   string // "in-text" or "note"
	Version string // the version attribute, "1.0"
	// DefaultLocale is the style's default-locale attribute, or "".
	DefaultLocale string
	// Parent is the URI of the independent parent of a dependent style, or "".
	Parent string

	macros  map[string]*node
	cit     *node // citation
	bib     *node // bibliography
	locales []*Locale

	usesYearSuffix bool // the style renders the year-suffix variable itself
}

// IsDependent reports whether s is a dependent style, with no layout of its own.
func (s *Style) IsDependent() bool { return s.Parent != "" && s.cit == nil }

// HasBibliography reports whether the style defines a bibliography.
func (s *Style) HasBibliography() bool { return s.bib != nil }

// ParseStyle reads a CSL style. Errors are [*SyntaxError] values with the
// line of the offending element, and wrap [ErrStyle].
func ParseStyle(r io.Reader) (*Style, error) {
	root, err := readTree(r, "style")
	if err != nil {
		return nil, err
	}
	if root.name != "style" {
		return nil, &SyntaxError{File: "style", Line: root.line, Msg: fmt.Sprintf("root element is <%s>, want <style>", root.name)}
	}
	s := &Style{
		root:          root,
		Class:         root.attr("class"),
		Version:       root.attr("version"),
		DefaultLocale: root.attr("default-locale"),
		macros:        map[string]*node{},
	}
	if info := root.child("info"); info != nil {
		if n := info.child("id"); n != nil {
			s.ID = strings.TrimSpace(n.text)
		}
		if n := info.child("title"); n != nil {
			s.Title = strings.TrimSpace(n.text)
		}
		for _, l := range info.kids {
			if l.name == "link" && l.attr("rel") == "independent-parent" {
				s.Parent = l.attr("href")
			}
		}
	}
	for _, k := range root.kids {
		switch k.name {
		case "macro":
			name := k.attr("name")
			if name == "" {
				return nil, &SyntaxError{File: "style", Line: k.line, Msg: "<macro> without a name"}
			}
			s.macros[name] = k
		case "citation":
			s.cit = k
		case "bibliography":
			s.bib = k
		case "locale":
			l, err := compileLocale(k)
			if err != nil {
				return nil, err
			}
			s.locales = append(s.locales, l)
		}
	}
	if s.cit == nil {
		if s.Parent != "" {
			return s, nil
		}
		return nil, &SyntaxError{File: "style", Line: root.line, Msg: "no <citation> element"}
	}
	for _, ctx := range []*node{s.cit, s.bib} {
		if ctx != nil && ctx.child("layout") == nil {
			return nil, &SyntaxError{File: "style", Line: ctx.line, Msg: fmt.Sprintf("<%s> without <layout>", ctx.name)}
		}
	}
	if err := s.compile(root, 0); err != nil {
		return nil, err
	}
	return s, nil
}

// compile prepares every rendering element below n.
func (s *Style) compile(n *node, depth int) error {
	n.f = compileFormat(n)
	if v := n.attr("variable"); v != "" {
		n.vars = strings.Fields(v)
		for _, x := range n.vars {
			if x == "year-suffix" {
				s.usesYearSuffix = true
			}
		}
	}
	switch n.name {
	case "text":
		if m := n.attr("macro"); m != "" {
			n.macro = s.macros[m]
			if n.macro == nil {
				return &SyntaxError{File: "style", Line: n.line, Msg: fmt.Sprintf("macro %q is not defined", m)}
			}
		}
	case "key":
		if m := n.attr("macro"); m != "" {
			n.macro = s.macros[m]
			if n.macro == nil {
				return &SyntaxError{File: "style", Line: n.line, Msg: fmt.Sprintf("macro %q is not defined", m)}
			}
		}
	case "if", "else-if":
		n.conds = compileConds(n)
		n.match = n.attr("match")
		if n.match == "" {
			n.match = "all"
		}
	case "locale", "info":
		return nil
	}
	for _, k := range n.kids {
		if err := s.compile(k, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// ResolveStyle returns the style to render with: s itself when it is
// independent, or, for a dependent style, its parent found by lookup (which
// receives the parent's URI, such as "http://www.zotero.org/styles/apa")
// with s's default locale and locale overrides applied.
func ResolveStyle(s *Style, lookup func(uri string) (*Style, error)) (*Style, error) {
	if !s.IsDependent() {
		return s, nil
	}
	if lookup == nil {
		return nil, fmt.Errorf("csl: dependent style %q needs its parent %q: %w", s.ID, s.Parent, ErrStyle)
	}
	p, err := lookup(s.Parent)
	if err != nil {
		return nil, fmt.Errorf("csl: parent %q of style %q: %w", s.Parent, s.ID, err)
	}
	if p == nil || p.IsDependent() {
		return nil, fmt.Errorf("csl: parent %q of style %q is not an independent style: %w", s.Parent, s.ID, ErrStyle)
	}
	c := *p
	if s.DefaultLocale != "" {
		c.DefaultLocale = s.DefaultLocale
	}
	c.locales = append(append([]*Locale(nil), p.locales...), s.locales...)
	c.ID, c.Title, c.Parent = s.ID, s.Title, ""
	return &c, nil
}

// cond is one test of cs:if.
type cond struct {
	kind string // the attribute: type, variable, is-numeric, ...
	vals []string
}

func compileConds(n *node) []cond {
	var cs []cond
	for _, k := range []string{"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate"} {
		if v, ok := n.attrs[k]; ok {
			cs = append(cs, cond{kind: k, vals: strings.Fields(v)})
		}
	}
	return cs
}
