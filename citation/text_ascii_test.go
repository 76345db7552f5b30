package citation

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// refNormalASCII is isNormalASCII said another way: ASCII, none of the
// white-space controls, no double space and no space at either end.
func refNormalASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return !strings.ContainsAny(s, "\t\n\v\f\r") && !strings.Contains(s, "  ") &&
		!strings.HasPrefix(s, " ") && !strings.HasSuffix(s, " ")
}

func TestIsNormalASCIIMatchesReference(t *testing.T) {
	// Bytes that matter: space, the white-space controls, other controls,
	// DEL, a non-ASCII lead byte and letters.
	alphabet := []byte{' ', ' ', ' ', 'a', 'b', '\t', '\n', '\r', '\v', '\f', 0x01, 0x1f, 0x7f, 0x80, 0xc3, 'Z', '!'}
	rng := rand.New(rand.NewPCG(1, 2))
	var b []byte
	for n := 0; n < 200000; n++ {
		b = b[:0]
		l := rng.IntN(40)
		for j := 0; j < l; j++ {
			if rng.IntN(4) == 0 {
				b = append(b, alphabet[rng.IntN(len(alphabet))])
			} else {
				b = append(b, 'a'+byte(rng.IntN(26)))
			}
		}
		s := string(b)
		if got, want := isNormalASCII(s), refNormalASCII(s); got != want {
			t.Fatalf("isNormalASCII(%q) = %v, want %v", s, got, want)
		}
	}
	// Every position of a double space and of each white-space byte, around
	// the eight-byte boundaries.
	for l := 1; l <= 24; l++ {
		for p := 0; p < l; p++ {
			for _, c := range []string{"  ", "\t", "\n", "\r", "\x00", "é"} {
				s := strings.Repeat("x", p) + c + strings.Repeat("y", l)
				if got, want := isNormalASCII(s), refNormalASCII(s); got != want {
					t.Fatalf("isNormalASCII(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}

func FuzzIsNormalASCII(f *testing.F) {
	for _, s := range []string{"", " ", "a b", "a  b", "abcdefg  hijk", "abcdefgh\tij", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isNormalASCII(s), refNormalASCII(s); got != want {
			t.Fatalf("isNormalASCII(%q) = %v, want %v", s, got, want)
		}
	})
}

// refNormalizeText is NormalizeText written the obvious way.
func refNormalizeText(s string) string {
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

func TestNormalizeTextMatchesReference(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2009", "\u0085", "a", "b", "é", "e\u0301",
		"\u0301", "ﬁ", "Å", "A\u030a", "\xff", "\xc3", "日本", "ß", "\x00", "x"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 100000; n++ {
		var b strings.Builder
		for j := rng.IntN(12); j > 0; j-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := NormalizeText(s), refNormalizeText(s); got != want {
			t.Fatalf("NormalizeText(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormalizeText(f *testing.F) {
	for _, s := range []string{"", " a ", "Marı́a", "e\u0301 \u00a0x", "\xff\xfe", "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormalizeText(s), refNormalizeText(s); got != want {
			t.Fatalf("NormalizeText(%q) = %q, want %q", s, got, want)
		}
		if t1 := NormalizeTitle(s); NormalizeTitle(t1) != t1 {
			t.Fatalf("NormalizeTitle(%q) = %q is not stable", s, t1)
		}
	})
}
