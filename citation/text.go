package citation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizeText returns s in Unicode NFC with leading and trailing white
// space removed and every inner run of white space (newlines and tabs
// included) folded to one space.
func NormalizeText(s string) string {
	if isNormalASCII(s) || isNormalText(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace(c) {
				space = len(b) > 0
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = len(b) > 0
			i += n
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		if r == utf8.RuneError && n == 1 {
			b = utf8.AppendRune(b, r) // invalid UTF-8 becomes U+FFFD
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	if norm.NFC.QuickSpan(b) == len(b) {
		return string(b)
	}
	return string(norm.NFC.Append(nil, b...))
}

// asciiSpace reports whether the ASCII byte c is white space to unicode.IsSpace.
func asciiSpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

// isNormalText reports whether s, not all ASCII, is already what
// NormalizeText would return: valid UTF-8 in NFC with no white space to fold.
func isNormalText(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace(c) {
				if prevSpace || c != ' ' {
					return false
				}
				prevSpace = true
				continue
			}
			prevSpace = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsSpace(r) {
			return false
		}
		prevSpace = false
		i += n
	}
	return !prevSpace && norm.NFC.QuickSpanString(s) == len(s)
}

// isNormalASCII reports whether s is ASCII with no white space to fold. It
// looks at eight bytes at a time: most text passes through NormalizeText
// unchanged, so this check is the whole cost of normalizing it.
func isNormalASCII(s string) bool {
	if len(s) == 0 {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
		lows  = 0x7f7f7f7f7f7f7f7f
	)
	prevSpace := false // the byte before the current word was a space
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		// One 64-bit load: the compiler combines these.
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if x&highs != 0 {
			return false
		}
		if (x-0x20*ones)&^x&highs != 0 {
			// A control byte: only some of them are white space.
			if !isNormalASCIISlow(s[i:i+8], prevSpace) {
				return false
			}
		}
		// Exact per-byte space mask: the high bit of each byte equal to ' '.
		t := x ^ 0x20*ones
		sp := ^((t&lows + lows) | t) & highs
		if sp&(sp>>8) != 0 || prevSpace && sp&0x80 != 0 {
			return false
		}
		prevSpace = sp>>63 != 0
	}
	return isNormalASCIISlow(s[i:], prevSpace)
}

// isNormalASCIISlow is isNormalASCII a byte at a time, for the tail of a
// string; prevSpace says whether the byte before s was a space. It does not
// look at the ends of the whole string.
func isNormalASCIISlow(s string, prevSpace bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false
		}
		switch c {
		case ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case '\t', '\n', '\v', '\f', '\r':
			return false
		}
		prevSpace = false
	}
	return true
}

// NormalizeTitle is [NormalizeText] that also drops one trailing period, as
// PubMed writes titles ("Aging and Disease." becomes "Aging and Disease").
// An ellipsis ("...") is kept, and so are question and exclamation marks.
func NormalizeTitle(s string) string {
	s = NormalizeText(s)
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") {
		s = strings.TrimRight(s[:len(s)-1], " ")
	}
	return s
}
