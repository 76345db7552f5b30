package textscan

import "testing"

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
		if got, want := TextSpecial(s, prevSpace), textSpecialBytes(s, prevSpace); got != want {
			t.Errorf("TextSpecial(%q, %v) = %d, want %d", s, prevSpace, got, want)
		}
		if got, want := JSONSpecial(s), jsonSpecialBytes(s); got != want {
			t.Errorf("JSONSpecial(%q) = %d, want %d", s, got, want)
		}
	})
}
