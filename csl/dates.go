package csl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
)

// datePart is a cs:date-part with its effective attributes.
type datePart struct {
	name   string
	form   string
	rdelim string
	hasRD  bool
	f      format
	n      *node
}

func (r *rctx) date(n *node) *piece {
	if len(n.vars) == 0 {
		return nil
	}
	v := n.vars[0]
	r.called++
	if r.suppressed[v] {
		return nil
	}
	d := r.item.Date(v)
	if d == nil || d.IsZero() {
		return nil
	}
	if r.sort {
		r.filled++
		return leaf(dateKey(d, n))
	}
	if d.Literal != "" && d.Year == 0 {
		r.filled++
		return r.decorate(n, markupLeaf(d.Literal))
	}
	parts, delim := r.dateParts(n)
	p := r.renderDateParts(d, parts, delim, v)
	if p.empty() {
		return nil
	}
	r.filled++
	p.kind = kindDate
	// a localized date keeps its own affixes; the style's cs:date adds its own
	return r.decorate(n, p)
}

// dateParts returns the parts to render, in order, and the delimiter.
func (r *rctx) dateParts(n *node) ([]datePart, string) {
	form := n.attr("form")
	if form == "" {
		var ps []datePart
		for _, k := range n.kids {
			if k.name == "date-part" {
				rd, has := k.attrs["range-delimiter"]
				ps = append(ps, datePart{name: k.attr("name"), form: k.attr("form"), rdelim: rd, hasRD: has, f: k.f, n: k})
			}
		}
		return ps, n.f.delim
	}
	loc := r.e.loc.date(form)
	if loc == nil {
		return nil, ""
	}
	want := n.attr("date-parts")
	if want == "" {
		want = "year-month-day"
	}
	var ps []datePart
	for _, k := range loc.kids {
		if k.name != "date-part" {
			continue
		}
		name := k.attr("name")
		if (name == "month" && want == "year") || (name == "day" && want != "year-month-day") {
			continue
		}
		dp := datePart{name: name, form: k.attr("form"), f: k.f, n: k}
		dp.rdelim, dp.hasRD = k.attrs["range-delimiter"]
		// the style may override the locale's date-parts, except affixes
		for _, o := range n.kids {
			if o.name == "date-part" && o.attr("name") == name {
				if o.has("form") {
					dp.form = o.attr("form")
				}
				if o.has("range-delimiter") {
					dp.rdelim, dp.hasRD = o.attr("range-delimiter"), true
				}
				of := o.f
				of.prefix, of.suffix = dp.f.prefix, dp.f.suffix
				if of.fontStyle == "" {
					of.fontStyle = dp.f.fontStyle
				}
				if of.fontWeight == "" {
					of.fontWeight = dp.f.fontWeight
				}
				if of.textCase == "" {
					of.textCase = dp.f.textCase
				}
				dp.f = of
				dp.n = o
			}
		}
		ps = append(ps, dp)
	}
	return ps, loc.f.delim
}

type ymd struct{ y, m, d int }

func (r *rctx) renderDateParts(d *citation.Date, parts []datePart, delim, v string) *piece {
	start := ymd{d.Year, d.Month, d.Day}
	end := ymd{d.EndYear, d.EndMonth, d.EndDay}
	isRange := d.EndYear != 0 && end != start
	if end.y != 0 && end.m == 0 && start.m != 0 && end.y == start.y {
		isRange = false
	}
	if !isRange {
		return r.datePartsPiece(start, d, parts, delim, v, true, -1, -1, false)
	}
	// the largest part that differs
	diff := "day"
	switch {
	case start.y != end.y:
		diff = "year"
	case start.m != end.m:
		diff = "month"
	}
	rank := map[string]int{"year": 3, "month": 2, "day": 1}
	lo, hi := -1, -1
	rdelim := "\u2013"
	for i, p := range parts {
		if rank[p.name] <= rank[diff] {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
		if p.name == diff && p.hasRD {
			rdelim = p.rdelim
		}
	}
	if lo < 0 {
		return r.datePartsPiece(start, d, parts, delim, v, true, -1, -1, false)
	}
	out := &piece{}
	var kids []*piece
	if lo > 0 {
		kids = append(kids, r.datePartsPiece(start, d, parts[:lo], delim, v, false, -1, -1, true))
	}
	a := r.datePartsPiece(start, d, parts[lo:hi+1], delim, v, false, -1, hi-lo, true)
	b := r.datePartsPiece(end, d, parts[lo:hi+1], delim, v, hi+1 >= len(parts), 0, -1, hi+1 >= len(parts))
	kids = append(kids, &piece{kids: []*piece{a, b}, delim: rdelim})
	if hi+1 < len(parts) {
		kids = append(kids, r.datePartsPiece(start, d, parts[hi+1:], delim, v, true, -1, -1, false))
	}
	out.kids = kids
	out.delim = delim
	return out
}

// datePartsPiece renders parts of one date. noPrefix and noSuffix name a
// part index whose prefix or suffix is dropped at a range delimiter.
func (r *rctx) datePartsPiece(t ymd, d *citation.Date, parts []datePart, delim, v string, last bool, noPrefix, noSuffix int, _ bool) *piece {
	var kids []*piece
	for i, p := range parts {
		s := ""
		switch p.name {
		case "year":
			if t.y == 0 {
				continue
			}
			y := t.y
			if y < 0 {
				y = -y
			}
			s = strconv.Itoa(y)
			if p.form == "short" {
				s = fmt.Sprintf("%02d", y%100)
			}
			if t.y < 0 {
				bc, _ := r.e.loc.term("bc", "long", false, "")
				s += bc
			} else if t.y < 1000 {
				ad, _ := r.e.loc.term("ad", "long", false, "")
				s += ad
			}
		case "month":
			if t.m == 0 {
				if d.Season != 0 && t.y != 0 {
					s, _ = r.e.loc.term(fmt.Sprintf("season-%02d", int(d.Season)), "long", false, "")
				}
				if s == "" {
					continue
				}
				break
			}
			if t.m < 1 || t.m > 12 {
				continue
			}
			switch p.form {
			case "numeric":
				s = strconv.Itoa(t.m)
			case "numeric-leading-zeros":
				s = fmt.Sprintf("%02d", t.m)
			case "short":
				s, _ = r.e.loc.term(fmt.Sprintf("month-%02d", t.m), "short", false, "")
			default:
				s, _ = r.e.loc.term(fmt.Sprintf("month-%02d", t.m), "long", false, "")
			}
		case "day":
			if t.d == 0 || t.m == 0 {
				continue
			}
			switch p.form {
			case "numeric-leading-zeros":
				s = fmt.Sprintf("%02d", t.d)
			case "ordinal":
				if t.d != 1 && r.e.loc.option("limit-day-ordinals-to-day-1") == "true" {
					s = strconv.Itoa(t.d)
				} else {
					s = r.ordinal(t.d, r.e.loc.nounGender(fmt.Sprintf("month-%02d", t.m)))
				}
			default:
				s = strconv.Itoa(t.d)
			}
		default:
			continue
		}
		f := p.f
		if i == noPrefix {
			f.prefix = ""
		}
		if i == noSuffix {
			f.suffix = ""
		}
		lp := leaf(s)
		if f.textCase != "" {
			r.applyCase(lp, f.textCase)
		}
		if f.stripPeriods {
			lp.eachRun(func(run *citation.Run) { run.Text = strings.ReplaceAll(run.Text, ".", "") })
		}
		pp := &piece{kids: []*piece{lp}, prefix: f.prefix, suffix: f.suffix}
		if hasFont(&f) {
			ff := f
			pp.f = &ff
		}
		if p.name == "year" && v == "issued" && !r.yearSuffixDone && !r.e.style.usesYearSuffix && r.st != nil && r.st.yearSuffix > 0 {
			ys := leaf(suffixLetters(r.st.yearSuffix))
			ys.kind = kindYearSuffix
			lp2 := &piece{kids: []*piece{lp, ys}}
			pp.kids = []*piece{lp2}
			r.yearSuffixDone = true
		}
		kids = append(kids, pp)
	}
	if len(kids) == 0 {
		return nil
	}
	return &piece{kids: kids, delim: delim}
}

// dateKey is a sortable text form of a date.
func dateKey(d *citation.Date, n *node) string {
	if d == nil || d.IsZero() {
		return ""
	}
	y := d.Year + 10000
	want := "year-month-day"
	if n != nil {
		if s := n.attr("date-parts"); s != "" {
			want = s
		} else if n.attr("form") == "" && n.name == "date" {
			var names []string
			for _, k := range n.kids {
				if k.name == "date-part" {
					names = append(names, k.attr("name"))
				}
			}
			j := strings.Join(names, " ")
			switch {
			case strings.Contains(j, "day"):
			case strings.Contains(j, "month"):
				want = "year-month"
			case len(names) > 0:
				want = "year"
			}
		}
	}
	m, day := d.Month, d.Day
	if m == 0 && d.Season != 0 {
		m = 12 + int(d.Season)
	}
	switch want {
	case "year":
		m, day = 0, 0
	case "year-month":
		day = 0
	}
	s := fmt.Sprintf("%05d%02d%02d", y, m, day)
	if d.EndYear != 0 {
		s += fmt.Sprintf("-%05d%02d%02d", d.EndYear+10000, d.EndMonth, d.EndDay)
	}
	if d.Year == 0 && d.Literal != "" {
		return "~" + d.Literal
	}
	return s
}
