package parse

import (
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
	}
	_ = bc.text(s)

	m1, e1, d1, s1, ok1 := parseBibMonth(s)
	m2, e2, d2, s2, ok2 := parseBibMonthFields(s)
	if m1 != m2 || e1 != e2 || d1 != d2 || s1 != s2 || ok1 != ok2 {
		t.Fatalf("parseBibMonth(%q) = %v %v %v %v %v, want %v %v %v %v %v", s, m1, e1, d1, s1, ok1, m2, e2, d2, s2, ok2)
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
