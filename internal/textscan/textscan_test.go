package textscan

import (
	"strings"
	"testing"
)

// spacedASCIIBytes is SpacedASCII a byte at a time.
func spacedASCIIBytes(s string, prevSpace bool) (int, bool) {
	n := 0
	for ; n+8 <= len(s); n += 8 {
		sp := prevSpace
		ok := true
		for _, c := range []byte(s[n : n+8]) {
			if c < 0x20 || c >= 0x80 || c == ' ' && sp {
				ok = false
				break
			}
			sp = c == ' '
		}
		if !ok {
			break
		}
		prevSpace = sp
	}
	return n, prevSpace
}

func jsonPlainBytes(s string) int {
	n := 0
	for ; n+8 <= len(s); n += 8 {
		if strings.ContainsFunc(s[n:n+8], func(r rune) bool { return r < 0x20 || r >= 0x80 || r == '"' || r == '\\' }) {
			break
		}
	}
	return n
}

func jsonSpecialBytes(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return len(s)
}

func textSpecialBytes(s string, prevSpace bool) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == ' ' && prevSpace {
			return i
		}
		prevSpace = c == ' '
	}
	return len(s)
}

func FuzzScans(f *testing.F) {
	for _, s := range []string{"", "abcdefgh", "abc defg hij klmn", "abc  defgh", "abcdefg  hijklmno", " abcdefgh",
		"abcdefg\x1fabcdefgh", "abcdefg\x7fabcdefgh", "abcdefgh\x80", "abc\"defgh", "abcdefgh\\abcdefgh", "abcdefg\t", "abcdefgh ", "abcdefghi  j", "abcdefghijklm  ", "abcdefg  \xa0", "\xa0\x01\x02 \x03",
		"abcdefg\xa0 !", "abcdefgh\xc3\xa9 !xyzabc", " !!!!!!!!!", "abcdefgh  ",
		"!!!!!!!!~~~~~~~~", "\x20\x21\x1f\x00\xff\xfe\x7f\x5c\x22\x21\x23\x5b\x5d"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, prevSpace bool) {
		n, sp := SpacedASCII(s, prevSpace)
		wn, wsp := spacedASCIIBytes(s, prevSpace)
		if n != wn || sp != wsp {
			t.Errorf("SpacedASCII(%q, %v) = %d, %v; want %d, %v", s, prevSpace, n, sp, wn, wsp)
		}
		if got, want := JSONPlain(s), jsonPlainBytes(s); got != want {
			t.Errorf("JSONPlain(%q) = %d, want %d", s, got, want)
		}
		if got, want := TextSpecial(s, prevSpace), textSpecialBytes(s, prevSpace); got != want {
			t.Errorf("TextSpecial(%q, %v) = %d, want %d", s, prevSpace, got, want)
		}
		if got, want := JSONSpecial(s), jsonSpecialBytes(s); got != want {
			t.Errorf("JSONSpecial(%q) = %d, want %d", s, got, want)
		}
	})
}
