package csl

import (
	"fmt"
	"io"
	"strings"
)

// A Locale is a parsed CSL locale: terms, date formats and options for one
// language. It is immutable once parsed and safe for concurrent use.
type Locale struct {
	Lang string // xml:lang, such as "en-US"; "" for a style's catch-all locale

	terms      map[termKey]*term
	dates      map[string]*node // "text", "numeric"
	options    map[string]string
	hasOptions map[string]bool
}

type termKey struct {
	name, form, gender string // gender: the gender-form of an ordinal term
}

type term struct {
	single, multiple string
	gender           string // the gender of a noun term: masculine, feminine
	match            string // ordinals: last-digit, last-two-digits, whole-number
}

// ParseLocale reads a CSL locale file. Errors are [*SyntaxError] values
// with the line of the offending element, and wrap [ErrStyle].
func ParseLocale(r io.Reader) (*Locale, error) {
	root, err := readTree(r, "locale")
	if err != nil {
		return nil, err
	}
	if root.name != "locale" {
		return nil, &SyntaxError{File: "locale", Line: root.line, Msg: fmt.Sprintf("root element is <%s>, want <locale>", root.name)}
	}
	return compileLocale(root)
}

func compileLocale(n *node) (*Locale, error) {
	l := &Locale{
		Lang:       n.attr("xml:lang"),
		terms:      map[termKey]*term{},
		dates:      map[string]*node{},
		options:    map[string]string{},
		hasOptions: map[string]bool{},
	}
	for _, k := range n.kids {
		switch k.name {
		case "style-options":
			for a, v := range k.attrs {
				l.options[a] = v
				l.hasOptions[a] = true
			}
		case "date":
			form := k.attr("form")
			if form != "text" && form != "numeric" {
				return nil, &SyntaxError{File: "locale", Line: k.line, Msg: fmt.Sprintf("<date> form %q, want text or numeric", form)}
			}
			compileDateNode(k)
			l.dates[form] = k
		case "terms":
			for _, t := range k.kids {
				if t.name != "term" {
					continue
				}
				name := t.attr("name")
				if name == "" {
					return nil, &SyntaxError{File: "locale", Line: t.line, Msg: "<term> without a name"}
				}
				form := t.attr("form")
				if form == "" {
					form = "long"
				}
				tm := &term{gender: t.attr("gender"), match: t.attr("match")}
				if s := t.child("single"); s != nil {
					tm.single = s.text
					if m := t.child("multiple"); m != nil {
						tm.multiple = m.text
					} else {
						tm.multiple = s.text
					}
				} else {
					tm.single = t.text
					tm.multiple = t.text
				}
				l.terms[termKey{name, form, t.attr("gender-form")}] = tm
			}
		}
	}
	return l, nil
}

func compileDateNode(n *node) {
	n.f = compileFormat(n)
	for _, k := range n.kids {
		k.f = compileFormat(k)
	}
}

// locales is the chain of locales a rendering consults, most specific first.
type locales []*Locale

// chainFor builds the lookup chain for lang from the style's inline
// locales and the base locale file.
func chainFor(s *Style, base *Locale, lang string) locales {
	var c locales
	primary := lang
	if i := strings.IndexByte(lang, '-'); i > 0 {
		primary = lang[:i]
	}
	for _, l := range s.locales {
		if l.Lang != "" && strings.EqualFold(l.Lang, lang) {
			c = append(c, l)
		}
	}
	for _, l := range s.locales {
		if l.Lang != "" && !strings.EqualFold(l.Lang, lang) && strings.EqualFold(l.Lang, primary) {
			c = append(c, l)
		}
	}
	for _, l := range s.locales {
		if l.Lang == "" {
			c = append(c, l)
		}
	}
	if base != nil {
		c = append(c, base)
	}
	return c
}

// term looks up a term with the CSL form fallbacks: verb-short -> verb ->
// long, symbol -> short -> long, short -> long.
func (c locales) term(name, form string, plural bool, gender string) (string, bool) {
	if form == "" {
		form = "long"
	}
	for {
		for _, l := range c {
			t := l.terms[termKey{name, form, gender}]
			if t == nil && gender != "" {
				t = l.terms[termKey{name, form, ""}]
			}
			if t != nil {
				if plural {
					return t.multiple, true
				}
				return t.single, true
			}
		}
		switch form {
		case "verb-short":
			form = "verb"
		case "symbol":
			form = "short"
		case "verb", "short":
			form = "long"
		default:
			return "", false
		}
	}
}

func (c locales) termInfo(name, form, gender string) *term {
	for _, l := range c {
		if t := l.terms[termKey{name, form, gender}]; t != nil {
			return t
		}
	}
	return nil
}

func (c locales) date(form string) *node {
	for _, l := range c {
		if d := l.dates[form]; d != nil {
			return d
		}
	}
	return nil
}

func (c locales) option(name string) string {
	for _, l := range c {
		if l.hasOptions[name] {
			return l.options[name]
		}
	}
	return ""
}

// nounGender returns the grammatical gender of a noun term ("month-03").
func (c locales) nounGender(name string) string {
	for _, l := range c {
		if t := l.terms[termKey{name, "long", ""}]; t != nil {
			return t.gender
		}
	}
	return ""
}
