package parse

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/latex"
)

// The fast paths of the BibTeX conversion are checked here against the
// plain code they replace, kept as the reference.

// parseBibMonthFields is parseBibMonth as it was first written, with
// strings.FieldsFunc and strings.ToLower.
func parseBibMonthFields(s string) (month, endMonth, day int, season citation.Season, ok bool) {
	toks := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '-' || r == '–' || r == '/' || r == ',' || r == '\u00A0'
	})
	if len(toks) == 0 || len(toks) > 3 {
		return 0, 0, 0, 0, false
	}
	monthNumber := func(tok string) int {
		tok = strings.TrimSuffix(strings.ToLower(tok), ".")
		if len(tok) < 3 {
			return 0
		}
		for i, m := range monthNames {
			if strings.HasPrefix(m, tok) {
				return i + 1
			}
		}
		return 0
	}
	var nums []int
	for _, t := range toks {
		if n, ok := bibAtoi(strings.TrimSuffix(t, ".")); ok {
			nums = append(nums, n)
			continue
		}
		if m := monthNumber(t); m > 0 {
			if month == 0 {
				month = m
			} else if endMonth == 0 {
				endMonth = m
			} else {
				return 0, 0, 0, 0, false
			}
			continue
		}
		if se, isSeason := seasonNames[strings.ToLower(t)]; isSeason && season == 0 {
			season = se
			continue
		}
		return 0, 0, 0, 0, false
	}
	switch {
	case season != 0:
		if month != 0 || len(nums) > 0 {
			return 0, 0, 0, 0, false
		}
		return 0, 0, 0, season, true
	case month == 0 && len(nums) == 1 && nums[0] >= 1 && nums[0] <= 12:
		return nums[0], 0, 0, 0, true
	case month != 0 && len(nums) == 0:
		return month, endMonth, 0, 0, true
	case month != 0 && endMonth == 0 && len(nums) == 1 && nums[0] >= 1 && nums[0] <= 31:
		return month, 0, nums[0], 0, true
	}
	return 0, 0, 0, 0, false
}

// splitKeywordsFields is splitKeywords as it was first written.
func splitKeywordsFields(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// splitIdentifiersFields is splitIdentifiers as it was first written
// (with the white-space folding of its fallback, added since).
func splitIdentifiersFields(s string, norm func(string) (string, bool)) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var out []string
	for _, piece := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
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

// simpleMarkupBytes is simpleMarkup as it was first written, one byte at
// a time.
func simpleMarkupBytes(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
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

// checkFastPaths compares the fast paths with their references on s.
func checkFastPaths(t *testing.T, s string) {
	t.Helper()
	// plainText: s is returned as it is only when it is ASCII, has nothing
	// to convert and nothing to fold. (It may send such a value to the
	// general path: control characters.)
	ok, lt := plainText(s)
	isASCII := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			isASCII = false
		}
	}
	want := isASCII && latex.IsPlain(s) && normalize(s) == s
	if ok && !want || !ok && want && !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' }) {
		t.Fatalf("plainText(%q) = %v, want %v", s, ok, want)
	}
	if ok && lt != strings.Contains(s, "<") {
		t.Fatalf("plainText(%q) reports < as %v", s, lt)
	}
	var bc bibConv
	if ok {
		// The general path gives the same.
		if got := (&bibConv{}).textSlow(s); got != s {
			t.Fatalf("text(%q) = %q by the general path", s, got)
		}
		if got := latex.Verbatim(validUTF8(s)); got != s {
			t.Fatalf("latex.Verbatim(%q) = %q", s, got)
		}
		if got := citation.NormalizeText(s); got != s {
			t.Fatalf("citation.NormalizeText(%q) = %q", s, got)
		}
	}
	_ = bc.text(s)

	if simpleMarkup(s) != simpleMarkupBytes(s) {
		t.Fatalf("simpleMarkup(%q) = %v", s, simpleMarkup(s))
	}

	m1, e1, d1, s1, ok1 := parseBibMonth(s)
	m2, e2, d2, s2, ok2 := parseBibMonthFields(s)
	if m1 != m2 || e1 != e2 || d1 != d2 || s1 != s2 || ok1 != ok2 {
		t.Fatalf("parseBibMonth(%q) = %v %v %v %v %v, want %v %v %v %v %v", s, m1, e1, d1, s1, ok1, m2, e2, d2, s2, ok2)
	}
	for _, norm := range []func(string) (string, bool){normISSN, normISBN} {
		if got, want := splitIdentifiers(s, norm), splitIdentifiersFields(s, norm); strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Fatalf("splitIdentifiers(%q) = %q, want %q", s, got, want)
		}
	}
	if got, want := splitKeywords(s), splitKeywordsFields(s); strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) || (got == nil) != (want == nil) {
		t.Fatalf("splitKeywords(%q) = %q, want %q", s, got, want)
	}
}

var fastPathSeeds = []string{
	"", " ", "a", "a ", " a", "a  b", "a b", "A Study of DNA", "x--y", "x-y", "it's", "it''s", "a<b", "<i>x</i>",
	"a\tb", "a\u00a0b", "caf\u00e9", "{DNA}", `\"u`, "$x$", "~", "`", "?`", "\x7f", "\xff",
	"jun", "June", "JUNE", "Jun.", "sept", "Sep.", "ſep", "1", "12", "13", "July 4", "4 July", "July–August",
	"jul-aug", "jul/aug/sep", "jul aug sep oct", "Spring", "SPRING", "spring 2", "Fall", "1 jan", "jan 32", "0",
	"genetics, DNA repair, model organisms", "a;b; ;c", ";", ",,", " x ", "a,\u00a0b", "K\u212aelvin",
	"<i>x</i> y", "<i>x</i><b>y</b>", "<i><b>x</b></i>", "</i>", "a <b", "<i>x</i", "x <i>y</i> z <sup>2</sup>",
	"0022-0949", "0022-0949; 1477-9145", "0022-0949 1477-9145", ";0022-0949,,", "978-3-16-148410-0, 0-306-40615-2", "x, y",
}

func TestBibTeXFastPaths(t *testing.T) {
	for _, s := range fastPathSeeds {
		checkFastPaths(t, s)
	}
}

func FuzzBibTeXFastPaths(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFastPaths(t, s)
	})
}

// TestBibTeXManyFields checks the marks of used fields past the 32 kept
// inline by fieldSet, and look-ups past the fields its table holds.
func TestBibTeXManyFields(t *testing.T) {
	for _, n := range []int{40, 60} {
		var b strings.Builder
		b.WriteString("@article{k")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, ", x%d = {v%d}", i, i)
		}
		b.WriteString(", title = {T}, year = 2001, eprint = {1234.5678}, eprinttype = {foo}}")
		c, err := NewBibTeXDecoder(strings.NewReader(b.String())).Decode()
		if err != nil {
			t.Fatal(err)
		}
		if c.Title != "T" || c.Issued.Year != 2001 {
			t.Fatalf("title %q, year %d", c.Title, c.Issued.Year)
		}
		var names []string
		for _, f := range c.Extra {
			names = append(names, f.Name)
		}
		if len(names) != n+2 || names[0] != "bibtex:x0" || names[n-1] != fmt.Sprintf("bibtex:x%d", n-1) ||
			names[n] != "bibtex:eprint" || names[n+1] != "bibtex:eprinttype" {
			t.Fatalf("extra: %q", names)
		}
	}
}
