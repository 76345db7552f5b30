package citation

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalizeTextSlow is NormalizeText without its shortcuts.
func normalizeTextSlow(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func TestNormalizeTextShortcuts(t *testing.T) {
	for _, s := range []string{
		"", "a", " a", "a ", "a  b", "a\tb", "Müller", "Müller ", " Müller", "Mü  ller", "Mü\u00a0ller",
		"Mu\u0301ller", "Mü\u2009ller", "Mü\u3000", "Mü\xffller", "Mü\xc3", "日本語 テキスト", "Ünïcödé\u2028x",
		"Ü\u0085x", "Ü\u200bx", " a \n b\t\r\v\fc  ", "\n\n", "x\x1cy", "a\u0085b", "Ǆ", "\u1100\u1161", "Å", "\u212b",
	} {
		want := normalizeTextSlow(s)
		if got := NormalizeText(s); got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", s, got, want)
		}
		if isNormalUnicode(s) && s != want {
			t.Errorf("isNormalUnicode(%q) but it normalizes to %q", s, want)
		}
	}
	if !isNormalUnicode("Müller und Söhne") {
		t.Error("normal non-ASCII text is not taken as normal")
	}
}

func FuzzNormalizeText(f *testing.F) {
	f.Add("Mü  ller\u00a0x")
	f.Add("Mu\u0301ller")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormalizeText(s), normalizeTextSlow(s); got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", s, got, want)
		}
	})
}
