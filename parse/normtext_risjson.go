package parse

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/textscan"
)

// normText is [citation.NormalizeText] with a fast path: text that is
// already normal (single spaces between words, no other white space, valid
// UTF-8 in NFC) is returned as is, without building a copy. The RIS and
// CSL-JSON decoders call it for every value.
func normText(s string) string {
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
			switch textClass[c] {
			case classPlain:
				prevSpace = false
			case classSpace:
				if prevSpace {
					return citation.NormalizeText(s)
				}
				prevSpace = true
			default:
				return citation.NormalizeText(s)
			}
			i++
			continue
		}
		if ascii {
			ascii, firstNonASCII = false, i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unicode.IsSpace(r) {
			return citation.NormalizeText(s)
		}
		if !textscan.NFCSafe(r) {
			checkNFC = true
		}
		prevSpace = false
		i += size
	}
	if len(s) > 0 && prevSpace {
		return citation.NormalizeText(s) // a trailing space
	}
	if checkNFC && !isNFCAfter(s, firstNonASCII) {
		return citation.NormalizeText(s)
	}
	return s
}

// The classes of ASCII bytes for normText.
const (
	classPlain = iota
	classSpace // ' '
	classFold  // other white space, which NormalizeText folds
)

var textClass = func() (t [utf8.RuneSelf]uint8) {
	t[' '] = classSpace
	for _, c := range "\t\n\v\f\r" {
		t[c] = classFold
	}
	return t
}()

// isNFCAfter reports whether s, ASCII before index first, is in NFC: the
// check starts at the last ASCII byte, the one character that may compose
// with what follows it.
func isNFCAfter(s string, first int) bool {
	start := max(first-1, 0)
	return norm.NFC.QuickSpanString(s[start:]) == len(s)-start
}
