package bibname

import (
	"strings"
	"testing"

	"github.com/citekit/citekit/internal/latex"
)

// The functions below are Split and Parse as they were before their fast
// paths (each byte looked at by one switch): the reference for
// FuzzSplitParse.

func SplitRef(s string) []string {
	var names []string
	level := 0
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			if level > 0 {
				level--
			}
		case 'a', 'A':
			if level == 0 && i > 0 && isSpaceRef(s[i-1]) && i+3 < len(s) && isSpaceRef(s[i+3]) &&
				(s[i+1] == 'n' || s[i+1] == 'N') && (s[i+2] == 'd' || s[i+2] == 'D') {
				if n := strings.TrimSpace(s[start:i]); n != "" {
					names = append(names, n)
				}
				start = i + 3
				i += 2
			}
		}
	}
	if n := strings.TrimSpace(s[start:]); n != "" {
		names = append(names, n)
	}
	return names
}

func isSpaceRef(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '~'
}

func ParseRef(name string) Parts {
	name = trimJunk(name)
	if strings.EqualFold(name, "others") {
		return Parts{Others: true}
	}
	if isOneGroupRef(name) {
		return Parts{Literal: name[1 : len(name)-1]}
	}
	// SplitRef into comma-separated parts, each into tokens. Tokens are
	// separated by white space, ties (~) and hyphens at brace level 0, as in
	// BibTeX; a tokenRef keeps the first separator after the word before
	// it, and a part is rejoined as written ("Jean-Paul"). The tokens of all parts share one
	// array, on the stack for the names of real files; ends[k] is the end of
	// part k in it.
	var tokArr [16]tokenRef
	var endArr [4]int
	toks, ends := tokArr[:0], endArr[:0]
	level := 0
	start := -1
	var sep byte
	for i := 0; i <= len(name); i++ {
		var ch byte
		if i < len(name) {
			ch = name[i]
		}
		split, comma := i == len(name), false
		switch {
		case i == len(name):
		case ch == '{':
			level++
		case ch == '}':
			if level > 0 {
				level--
			}
		case level == 0 && ch == ',':
			split, comma = true, true
		case level == 0 && (isSpaceRef(ch) && !(ch == '~' && i > 0 && name[i-1] == '\\') || ch == '-'):
			split = true
		}
		if !split {
			if start < 0 {
				start = i
			}
			continue
		}
		switch {
		case comma || i == len(name):
			if start >= 0 {
				toks = append(toks, tokenRef{sep: sep, start: start, end: i})
				start = -1
			}
			ends = append(ends, len(toks))
			sep = 0
		case start >= 0:
			toks = append(toks, tokenRef{sep: sep, start: start, end: i})
			start = -1
			sep = ' '
			if ch == '-' {
				sep = '-'
			}
		}
	}
	part := func(k int) []tokenRef {
		if k == 0 {
			return toks[:ends[0]]
		}
		return toks[ends[k-1]:ends[k]]
	}

	var p Parts
	switch len(ends) {
	case 1:
		t := part(0)
		n := len(t)
		if n == 0 {
			return p
		}
		if n == 1 {
			p.Last = t[0].text(name)
			return p
		}
		vs := -1
		for i := 0; i < n-1; i++ {
			if isLowerRef(t[i].text(name)) {
				vs = i
				break
			}
		}
		if vs < 0 {
			// The last name is the last word, with the parts hyphens joinRef
			// to it ("John Smith-Jones").
			ls := n - 1
			for ls > 0 && t[ls].sep == '-' {
				ls--
			}
			p.First = joinRef(name, t[:ls])
			p.Last = joinRef(name, t[ls:])
			return p
		}
		ve := vs
		for i := n - 2; i > vs; i-- {
			if isLowerRef(t[i].text(name)) {
				ve = i
				break
			}
		}
		p.First = joinRef(name, t[:vs])
		p.Von = joinRef(name, t[vs:ve+1])
		p.Last = joinRef(name, t[ve+1:])
	default:
		vonLast := part(0)
		switch len(ends) {
		case 2:
			p.First = joinRef(name, part(1))
		default:
			p.Jr = joinRef(name, part(1))
			// BibTeX reports more than two commas; keep the rest as given
			// names (the tokens of parts 2 and on follow each other).
			p.First = joinRef(name, toks[ends[1]:])
		}
		n := len(vonLast)
		ve := -1
		for i := n - 2; i >= 0; i-- {
			if isLowerRef(vonLast[i].text(name)) {
				ve = i
				break
			}
		}
		p.Von = joinRef(name, vonLast[:ve+1])
		p.Last = joinRef(name, vonLast[ve+1:])
	}
	return p
}

type tokenRef struct {
	start, end int
	sep        byte
}

func (t tokenRef) text(name string) string { return name[t.start:t.end] }

func joinRef(name string, t []tokenRef) string {
	switch len(t) {
	case 0:
		return ""
	case 1:
		return t[0].text(name)
	}
	contiguous := true
	for i := 1; i < len(t); i++ {
		if t[i].sep == 0 {
			contiguous = false
			break
		}
	}
	if contiguous {
		return name[t[0].start:t[len(t)-1].end]
	}
	var b strings.Builder
	for i, x := range t {
		switch {
		case i == 0:
		case x.sep == 0:
			b.WriteByte(' ') // the first tokenRef of another part
		default:
			b.WriteString(name[t[i-1].end:x.start])
		}
		b.WriteString(x.text(name))
	}
	return b.String()
}

func isLowerRef(tok string) bool {
	upper, ok := latex.IsUpperStart(tok)
	return ok && !upper
}

func isOneGroupRef(s string) bool {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return false
	}
	level := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
			if level == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return level == 0
}

var splitParseSeeds = []string{
	"Donald E. Knuth", "Knuth, Donald E.", "Brinch Hansen, Per", "King, Jr, Martin Luther",
	"Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin", "{World Health Organization}",
	"M{\\\"u}ller, J{\\\"o}rg and Smith, John A. and van der Berg, Anna and Garc{\\'\\i}a, Mar{\\'\\i}a",
	"Jean-Paul Sartre", "Smith-Jones, A.-B.", "a and b AND c", "others", "{\\L}ukasz", "x~y\\~z", "A  B", "A-  -B",
	"von, , ,", ",", "-", "a{,}b, c", "{a and b} and c", "A and\nB and\tothers", "  and  ", "{", "}}", "\xff and \xfe",
}

func FuzzSplitParse(f *testing.F) {
	for _, s := range splitParseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := Split(s), SplitRef(s)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Fatalf("Split(%q) = %q, want %q", s, got, want)
		}
		for _, n := range append(want, s) {
			if got, want := Parse(n), ParseRef(n); got != want {
				t.Fatalf("Parse(%q) = %+v, want %+v", n, got, want)
			}
		}
	})
}

func TestSplitParseSeeds(t *testing.T) {
	for _, s := range splitParseSeeds {
		for _, n := range append(SplitRef(s), s) {
			if got, want := Parse(n), ParseRef(n); got != want {
				t.Fatalf("Parse(%q) = %+v, want %+v", n, got, want)
			}
		}
	}
}
