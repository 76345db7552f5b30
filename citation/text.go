package citation

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/citekit/citekit/internal/textscan"
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

// isNormalText reports whether s is what NormalizeText would return: valid
// UTF-8 in NFC with no white space to fold. It looks at each byte once, and
// leaves NFC to be checked only when s has a rune NFC may change (see
// textscan.NFCSafe). A false answer may be wrong for text in NFC that the
// quick check cannot settle; NormalizeText then does the work.
func isNormalText(s string) bool {
	prevSpace := true
	ascii := true
	firstNonASCII := 0
	checkNFC := false // a rune NFC may change was seen
	for i, end := 0, 0; i < len(s); {
		if i >= end {
			// Whole words of plain ASCII at once, then up to 8 bytes one
			// at a time.
			n, sp := textscan.SpacedASCII(s[i:], prevSpace)
			i, prevSpace = i+n, sp
			if i >= len(s) {
				break
			}
			end = i + 8
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case '\t', '\n', '\v', '\f', '\r':
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		if ascii {
			ascii, firstNonASCII = false, i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isSpaceRune(r) {
			return false
		}
		if !textscan.NFCSafe(r) {
			checkNFC = true
		}
		prevSpace = false
		i += size
	}
	return !prevSpace && (!checkNFC || isNFCAfter(s, firstNonASCII))
}

func isSpaceRune(r rune) bool {
	switch r {
	case '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// isNormalASCII reports whether s is ASCII with no white space to fold. It
// looks at eight bytes at a time (textscan.SpacedASCII): most text passes
// through NormalizeText unchanged, so this check is the whole cost of
// normalizing it.
func isNormalASCII(s string) bool {
	if len(s) == 0 {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	n, prevSpace := textscan.SpacedASCII(s, false)
	return isNormalASCIISlow(s[n:], prevSpace)
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
// The period goes only when it ends a word: an ellipsis ("...") is kept, and
// so are a period alone or after a space (".", "x ."), and question and
// exclamation marks. So NormalizeTitle(NormalizeTitle(s)) is
// NormalizeTitle(s).
func NormalizeTitle(s string) string {
	s = NormalizeText(s)
	if n := len(s); n >= 2 && s[n-1] == '.' && s[n-2] != '.' && s[n-2] != ' ' {
		s = s[:n-1]
	}
	return s
}
