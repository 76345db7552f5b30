package csl

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var numericRE = regexp.MustCompile(`^\s*[A-Za-z]?\d+[A-Za-z]?(\s*(?:[-\x{2013},&]|and)\s*[A-Za-z]?\d+[A-Za-z]?)*\s*$`)

// isNumeric reports whether s is a number as CSL's is-numeric sees it:
// digits, with an optional letter before or after, or a list or range of them.
func isNumeric(s string) bool { return numericRE.MatchString(s) }

var pluralRE = regexp.MustCompile(`\d\s*(?:[-\x{2013},&]|and|et|und|y)\s*\S`)

func isPluralNumber(s string) bool {
	return pluralRE.MatchString(strings.ReplaceAll(s, `\-`, ""))
}

var romanRangeRE = regexp.MustCompile(`\b([ivxlcdm]+)\s*-+\s*([ivxlcdm]+)\b`)

var digitRangeRE = regexp.MustCompile(`(\d)\s*-+\s*(\d)`)

// rangeDash sets a range in a locator or number with the range delimiter.
func (r *rctx) rangeDash(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	if strings.Contains(s, `\-`) {
		return strings.ReplaceAll(s, `\-`, "-")
	}
	return digitRangeRE.ReplaceAllString(s, "$1\u2013$2")
}

var numTokenRE = regexp.MustCompile(`\d+|[^\d]+`)

func (r *rctx) number(n *node) *piece {
	if len(n.vars) == 0 {
		return nil
	}
	v := n.vars[0]
	r.called++
	s := r.varValue(v)
	if s == "" {
		return nil
	}
	r.filled++
	if r.sort {
		return leaf(numKey(s))
	}
	if v == "page" {
		s = r.pageRange(s)
	}
	if !isNumeric(s) {
		return r.decorate(n, markupLeaf(s))
	}
	form := n.attr("form")
	var b strings.Builder
	for _, t := range numTokenRE.FindAllString(strings.TrimSpace(s), -1) {
		if t[0] >= '0' && t[0] <= '9' {
			x, err := strconv.Atoi(t)
			if err != nil {
				b.WriteString(t)
				continue
			}
			switch form {
			case "ordinal":
				b.WriteString(r.ordinal(x, r.e.loc.nounGender(v)))
			case "long-ordinal":
				b.WriteString(r.longOrdinal(x, r.e.loc.nounGender(v)))
			case "roman":
				b.WriteString(roman(x))
			default:
				b.WriteString(t)
			}
			continue
		}
		// separators: "-" to en dash, ", " and " & " normalized
		tt := strings.TrimSpace(t)
		switch tt {
		case "-", "\u2013":
			b.WriteString("\u2013")
		case ",":
			b.WriteString(", ")
		case "&":
			b.WriteString(" & ")
		case "and":
			b.WriteString(" and ")
		default:
			b.WriteString(t)
		}
	}
	return r.decorate(n, leaf(b.String()))
}

func numKey(s string) string {
	m := regexp.MustCompile(`\d+`).FindString(s)
	if m == "" {
		return s
	}
	x, _ := strconv.Atoi(m)
	return fmt.Sprintf("%010d", x)
}

func (r *rctx) ordinal(x int, gender string) string {
	// CSL 1.0.1+ ordinals: ordinal-00..99 with match, falling back to "ordinal"
	try := func(name string) (string, bool) {
		for _, g := range []string{gender, ""} {
			for _, l := range r.e.loc {
				if t := l.terms[termKey{name, "long", g}]; t != nil {
					return t.single, true
				}
			}
		}
		return "", false
	}
	found := false
	suffix := ""
	if x%100 >= 10 && x%100 <= 99 {
		name := fmt.Sprintf("ordinal-%02d", x%100)
		if t := r.e.loc.termInfo(name, "long", gender); t != nil || r.e.loc.termInfo(name, "long", "") != nil {
			ti := t
			if ti == nil {
				ti = r.e.loc.termInfo(name, "long", "")
			}
			if ti.match == "" || ti.match == "last-two-digits" || (ti.match == "whole-number" && x < 100) {
				suffix, found = ti.single, true
			}
		}
	}
	if !found {
		name := fmt.Sprintf("ordinal-%02d", x%10)
		ti := r.e.loc.termInfo(name, "long", gender)
		if ti == nil {
			ti = r.e.loc.termInfo(name, "long", "")
		}
		if ti != nil && (ti.match == "" || ti.match == "last-digit") && !(x%10 == 0 && x > 0 && false) {
			suffix, found = ti.single, true
		}
	}
	if !found {
		suffix, found = try("ordinal")
	}
	if !found {
		suffix, _ = try("ordinal-00")
	}
	return strconv.Itoa(x) + suffix
}

func (r *rctx) longOrdinal(x int, gender string) string {
	if x >= 1 && x <= 10 {
		name := fmt.Sprintf("long-ordinal-%02d", x)
		for _, g := range []string{gender, ""} {
			if t := r.e.loc.termInfo(name, "long", g); t != nil {
				return t.single
			}
		}
	}
	return r.ordinal(x, gender)
}

func roman(x int) string {
	if x <= 0 || x >= 4000 {
		return strconv.Itoa(x)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for x >= v {
			b.WriteString(syms[i])
			x -= v
		}
	}
	return b.String()
}

var rangeRE = regexp.MustCompile(`([A-Za-z]*)(\d+)\s*(?:-+|\x{2013})\s*([A-Za-z]*)(\d+)`)

// pageRange applies the style's page-range-format and the range delimiter.
func (r *rctx) pageRange(s string) string {
	if s == "" || !strings.ContainsAny(s, "-\u2013") {
		return s
	}
	if strings.Contains(s, `\-`) {
		// an escaped hyphen is not a range
		return strings.ReplaceAll(s, `\-`, "-")
	}
	format := r.e.style.root.attr("page-range-format")
	delim, ok := r.e.loc.term("page-range-delimiter", "long", false, "")
	if !ok || delim == "" {
		delim = "\u2013"
	}
	s = romanRangeRE.ReplaceAllString(s, "${1}"+delim+"${2}")
	return rangeRE.ReplaceAllStringFunc(s, func(m string) string {
		sm := rangeRE.FindStringSubmatch(m)
		p1, a, p2, b := sm[1], sm[2], sm[3], sm[4]
		if p1 != p2 {
			return m
		}
		if format == "" {
			return p1 + a + delim + p2 + b
		}
		return p1 + a + delim + p2 + formatRange(a, b, format)
	})
}

func formatRange(a, b, format string) string {
	if len(b) < len(a) {
		// expand "321-28" to "321-328"
		b = a[:len(a)-len(b)] + b
	}
	if len(a) != len(b) {
		return b
	}
	switch format {
	case "expanded":
		return b
	case "minimal", "minimal-two":
		i := 0
		for i < len(a)-1 && a[i] == b[i] {
			i++
		}
		out := b[i:]
		if format == "minimal-two" && len(out) < 2 && len(b) >= 2 {
			out = b[len(b)-2:]
		}
		return out
	case "chicago", "chicago-15", "chicago-16":
		x, _ := strconv.Atoi(a)
		switch {
		case x < 100 || x%100 == 0:
			return b
		case x%100 < 10:
			return formatRange(a, b, "minimal")
		default:
			if len(a) == 4 && format != "chicago-16" {
				// chicago-15: four-digit numbers keep all digits if more than one changes
				m := formatRange(a, b, "minimal")
				if len(m) > 2 {
					return b
				}
			}
			return formatRange(a, b, "minimal-two")
		}
	}
	return b
}
