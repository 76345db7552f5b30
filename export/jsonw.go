package export

import (
	"strconv"
	"unicode/utf8"

	"github.com/citekit/citekit/internal/textscan"
)

// appendJSONString appends s to b as a JSON string. It escapes the quote,
// the backslash, control characters, U+2028 and U+2029 (which end lines in
// JavaScript), and writes each byte of invalid UTF-8 as U+FFFD (not as an
// escape, so that a value read back and written again is unchanged). It does not escape <, >
// and &, so CSL rich text stays readable.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	if i := textscan.JSONSpecial(s); i == len(s) {
		b = append(b, s...) // most strings are plain ASCII
	} else {
		b = appendJSONFrom(b, s, i)
	}
	return append(b, '"')
}

// appendJSONContent is appendJSONString without the quotes.
func appendJSONContent(b []byte, s string) []byte {
	if i := textscan.JSONSpecial(s); i < len(s) {
		return appendJSONFrom(b, s, i)
	}
	return append(b, s...) // most strings are plain ASCII
}

// appendJSONFrom is appendJSONContent for s plain before index i.
func appendJSONFrom(b []byte, s string, i int) []byte {
	start := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
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
		}
		// A run of non-ASCII runes.
		for i < len(s) && s[i] >= utf8.RuneSelf {
			if c := s[i]; c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				i += 2 // a valid rune of two bytes: U+0080 to U+07FF
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
		// Plain ASCII a word at a time, up to the next byte to look at.
		i += textscan.JSONSpecial(s[i:])
	}
	return append(b, s[start:]...)
}

const hexDigit = "0123456789abcdef"

// plainASCII marks the ASCII bytes a JSON string holds as they are.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// jsonWriter builds JSON text in a byte buffer, with or without the spaces
// of citekit's indented layout.
type jsonWriter struct {
	buf     []byte
	compact bool
}

// key writes `"k": ` (or `"k":` when compact). Keys written by name (CSL
// variables, name and date parts) need no escaping; others are escaped.
func (w *jsonWriter) key(k string) {
	if safeKey(k) {
		w.buf = append(w.buf, '"')
		w.buf = append(w.buf, k...)
		w.buf = append(w.buf, '"')
	} else {
		w.buf = appendJSONString(w.buf, k)
	}
	w.buf = append(w.buf, ':')
	if !w.compact {
		w.buf = append(w.buf, ' ')
	}
}

// knownKey is key for a key already quoted, with its colon: `"k":`.
func (w *jsonWriter) knownKey(quoted string) {
	w.buf = append(w.buf, quoted...)
	if !w.compact {
		w.buf = append(w.buf, ' ')
	}
}

// sepKey writes the key of a member of an inline object, after a comma
// unless it is the first (*sep false).
func (w *jsonWriter) sepKey(sep *bool, quoted string) {
	if *sep {
		w.comma()
	}
	*sep = true
	w.knownKey(quoted)
}

// comma writes the separator between members of an inline value.
func (w *jsonWriter) comma() {
	w.buf = append(w.buf, ',')
	if !w.compact {
		w.buf = append(w.buf, ' ')
	}
}

// newline starts a new line at the given depth (two spaces a level); it
// writes nothing when compact.
func (w *jsonWriter) newline(depth int) {
	if w.compact {
		return
	}
	if n := 1 + 2*depth; n <= len(indent) {
		w.buf = append(w.buf, indent[:n]...)
		return
	}
	w.buf = append(w.buf, '\n')
	for range depth {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// indent is a newline and the indentation of the depths newline writes
// most.
const indent = "\n" + "                                "

func (w *jsonWriter) str(s string) { w.buf = appendJSONString(w.buf, s) }

// strJoin writes strings.Join(list, sep) as a JSON string. Escaping works
// rune by rune (each byte of invalid UTF-8 on its own), so the parts can be
// escaped apart.
func (w *jsonWriter) strJoin(list []string, sep string) {
	w.buf = append(w.buf, '"')
	for i, s := range list {
		if i > 0 {
			w.buf = appendJSONContent(w.buf, sep)
		}
		w.buf = appendJSONContent(w.buf, s)
	}
	w.buf = append(w.buf, '"')
}

func (w *jsonWriter) int(n int) { w.buf = strconv.AppendInt(w.buf, int64(n), 10) }

// strs writes a list of strings inline.
func (w *jsonWriter) strs(list []string) {
	w.buf = append(w.buf, '[')
	for i, s := range list {
		if i > 0 {
			w.comma()
		}
		w.str(s)
	}
	w.buf = append(w.buf, ']')
}

// safeKey reports whether k is written as is in a JSON string: ASCII
// letters, digits, "-", "_" and ":".
func safeKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':') {
			return false
		}
	}
	return true
}
