package export

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// appendJSONStringBytes is appendJSONString a byte at a time, as first
// written: the reference for the word-at-a-time version.
func appendJSONStringBytes(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigit[c>>4], hexDigit[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\uFFFD"...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigit[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain text, longer than a word", "a \"quoted\" word and a \\ backslash", "tab\there",
		"“curly” — dash", "\xff\xfe invalid", "line\u2028separator\u2029", "ctl \x00\x01\x1f\x7f end", "12345678\"12345678", "a\xe2\x80,\x80b, c", "x,\u2028,y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), string(appendJSONStringBytes(nil, s)); got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
		// strJoin escapes the parts apart.
		parts := strings.Split(s, ",")
		var w jsonWriter
		w.strJoin(parts, ", ")
		if got, want := string(w.buf), string(appendJSONStringBytes(nil, strings.Join(parts, ", "))); got != want {
			t.Errorf("strJoin(%q) = %s, want %s", parts, got, want)
		}
	})
}
