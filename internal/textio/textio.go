// Package textio holds the text input handling shared by citekit's decoders:
// byte order marks, UTF-16 input and line splitting with positions.
package textio

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// NewReader returns a reader of r's text as UTF-8 without a byte order mark:
// a UTF-8 BOM is skipped and input with a UTF-16 BOM is transcoded. Other
// input is passed through as it is, invalid UTF-8 included.
func NewReader(r io.Reader) io.Reader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	p, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(p, bomUTF8):
		br.Discard(3)
		return br
	case bytes.HasPrefix(p, bomUTF16LE), bytes.HasPrefix(p, bomUTF16BE):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		return transform.NewReader(br, dec)
	}
	return br
}

// SniffText returns the text of an input prefix for format detection: a
// UTF-8 BOM removed, UTF-16 transcoded to UTF-8 (an odd trailing byte
// dropped).
func SniffText(prefix []byte) []byte {
	switch {
	case bytes.HasPrefix(prefix, bomUTF8):
		return prefix[3:]
	case bytes.HasPrefix(prefix, bomUTF16LE), bytes.HasPrefix(prefix, bomUTF16BE):
		p := prefix[:len(prefix)&^1]
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, p)
		if err != nil {
			return nil
		}
		return out
	}
	return prefix
}

// IsText reports whether p looks like text: valid UTF-8 (allowing a rune cut
// at the end) with no NUL bytes and few control characters.
func IsText(p []byte) bool {
	ctl := 0
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				return false
			}
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
				ctl++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && n == 1 {
			if len(p)-i < utf8.UTFMax && !utf8.FullRune(p[i:]) {
				break
			}
			return false
		}
		i += n
	}
	return ctl*20 <= len(p)
}
