package parse

import (
	"testing"

	"github.com/citekit/citekit/citation"
)

// TestNormText: the fast path gives what citation.NormalizeText gives.
func TestNormText(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "é", "e\u0301", "a\u00a0b",
		"a\u2028b", "“quoted” — dash", "\xff", "x\x00y", "Müller", "日本語 テキスト", "a\u3000b", "\u0085"} {
		if got, want := normText(s), citation.NormalizeText(s); got != want {
			t.Errorf("normText(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormText(f *testing.F) {
	f.Add("a b")
	f.Add("e\u0301 “x”")
	f.Add("long ASCII words then e\u0301 composed")
	f.Add("Hangul jamo \u1100\u1161 compose")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normText(s), citation.NormalizeText(s); got != want {
			t.Fatalf("normText(%q) = %q, want %q", s, got, want)
		}
	})
}
