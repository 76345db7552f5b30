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
// UTF-8 in NFC with no white space to fold. It looks at each byte once,
// skipping printable ASCII a word at a time (textscan.TextSpecial), and
// leaves NFC to be checked only when s has a rune NFC may change (see
// textscan.NFCSafe). A false answer may be wrong for text in NFC that the
// quick check cannot settle; NormalizeText then does the work.
func isNormalText(s string) bool {
	firstNonASCII := -1
	checkNFC := false // a rune NFC may change was seen
	// prevSpace is true before s, so that a leading space is a space
	// after a space; after a byte TextSpecial stops at, it is false.
	prevSpace := true
	for i := 0; ; {
		i += textscan.TextSpecial(s[i:], prevSpace)
		if i >= len(s) {
			break
		}
		prevSpace = false
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || asciiSpace(c) {
				return false // a space after a space, or one to fold
			}
			i++ // another control character: kept
			continue
		}
		if firstNonASCII < 0 {
			firstNonASCII = i
		}
		// U+0080 to U+02FF (Latin-1 and Latin Extended) in two bytes
		// are in NFC (textscan.NFCSafe); U+0085 and U+00A0 are spaces.
		if c >= 0xC2 && c <= 0xCB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			if c == 0xC2 && (s[i+1] == 0x85 || s[i+1] == 0xA0) {
				return false
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isSpaceRune(r) {
			return false
		}
		if !textscan.NFCSafe(r) {
			checkNFC = true
		}
		i += size
	}
	if len(s) == 0 || s[len(s)-1] == ' ' {
		return false
	}
	return !checkNFC || isNFCAfter(s, firstNonASCII)
}

func isSpaceRune(r rune) bool {
	switch r {
	case '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// isNormalASCII reports whether s is ASCII with no white space to fold. It
// skips printable ASCII a word at a time (textscan.TextSpecial): most text
// passes through NormalizeText unchanged, so this check is the whole cost
// of normalizing it.
func isNormalASCII(s string) bool {
	if len(s) == 0 {
		return true
	}
	if s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := true // a leading space is a space after a space
	for i := 0; ; i++ {
		i += textscan.TextSpecial(s[i:], prevSpace)
		if i >= len(s) {
			return true
		}
		if c := s[i]; c >= utf8.RuneSelf || c == ' ' || asciiSpace(c) {
			return false
		}
		prevSpace = false // another control character: kept
	}
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
