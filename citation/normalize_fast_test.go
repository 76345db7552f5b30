package citation

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isNormalTextRunes is isNormalText as it was first written, rune by rune
// after an ASCII check: the reference for the one-pass version. Invalid
// UTF-8 is not normal: NormalizeText turns it into U+FFFD.
func isNormalTextRunes(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	if isNormalASCII(s) {
		return true
	}
	prevSpace := true
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		if r < utf8.RuneSelf {
			if r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' {
				return false
			}
		} else if isSpaceRune(r) {
			return false
		}
		prevSpace = false
	}
	return !prevSpace && norm.NFC.QuickSpanString(s) == len(s)
}

func FuzzIsNormalText(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "é", "e\u0301", "a\u00a0b",
		"“quoted” — dash", "\xff", "a\xffb", "x\x00y", "Müller ", "日本語 テキスト", "a\u3000b", "\u0085", "\u2028",
		"long ASCII words then e\u0301 composed", "\u0301 at the start", "a\u0308\u0304 two marks", "Hangul \u1100\u1161",
		"García", "Müller", "Mü\u0308ller", "ü\u0301", "\u00c0 \u02ff", "\u0300", "\xc3", "\xc3 ", "a\xc3", "\xc2\xa0", "\xcb\xbf\xcc\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isNormalText(s), isNormalTextRunes(s); got != want {
			t.Errorf("isNormalText(%q) = %v, want %v", s, got, want)
		}
		if normText(s) != s && isNormalText(s) {
			t.Errorf("normText(%q) changed a normal text", s)
		}
		if s != "" && shortNormal(s) && !isNormalTextRunes(s) {
			t.Errorf("shortNormal(%q) = true for a text that is not normal", s)
		}
	})
}
