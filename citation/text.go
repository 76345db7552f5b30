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
	if isNormalASCII(s) || isNormalUnicode(s) {
		return s
	}
	if isASCII(s) {
		return foldASCIISpace(s) // ASCII is in NFC
	}
	var b strings.Builder
	b.Grow(len(s))
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

// isNormalASCII reports whether s is ASCII with no white space to fold.
func isNormalASCII(s string) bool {
	prevSpace := true
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
	return len(s) == 0 || s[len(s)-1] != ' '
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCIISpace is NormalizeText for ASCII text.
func foldASCIISpace(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			space = len(b) > 0
		default:
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, c)
		}
	}
	return string(b)
}

// isNormalUnicode reports whether s is valid UTF-8 in NFC (by the quick
// check) with no white space to fold, so that NormalizeText would return
// it unchanged.
func isNormalUnicode(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
				i++
				continue
			case '\t', '\n', '\v', '\f', '\r':
				return false
			}
			prevSpace = false
			i++
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
