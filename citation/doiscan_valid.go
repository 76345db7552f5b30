package citation

import (
	"unicode"
	"unicode/utf8"
)

// ValidDOI reports whether s is a DOI name in canonical form, without label
// or resolver: "10.", a registrant code of digits optionally subdivided by
// dots ("10.1000.10"), "/", and a suffix of one or more printable characters
// (Unicode graphic characters other than spaces). It accepts registrant codes
// of any length ("10.123/ABC", the DOI Handbook's example), unlike
// [ExtractDOIs], which requires 4 digits or more in running text.
//
// A canonical name is one that [ParseDOI] accepts and returns unchanged:
// ValidDOI(s) == (ParseDOI(s) succeeds && its String() == s), which
// FuzzValidDOI checks. So names ending in '.' or ',', names with the escapes
// %3C or %3E (which ParseDOI decodes), and names over [MaxIdentifierLength]
// bytes are not canonical.
//
// ValidDOI does not allocate; it is the fast path for checking lists of
// DOIs.
func ValidDOI(s string) bool {
	if len(s) < 6 || len(s) > MaxIdentifierLength || s[0] != '1' || s[1] != '0' || s[2] != '.' || !doiDigit(s[3]) {
		return false
	}
	if c := s[len(s)-1]; c == '.' || c == ',' {
		return false
	}
	i := 4
	for i < len(s) && doiDigit(s[i]) {
		i++
	}
	for i+1 < len(s) && s[i] == '.' && doiDigit(s[i+1]) {
		i += 2
		for i < len(s) && doiDigit(s[i]) {
			i++
		}
	}
	if i >= len(s)-1 || s[i] != '/' {
		return false
	}
	for i++; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7F {
				return false
			}
			if c == '%' && i+2 < len(s) && s[i+1] == '3' && (s[i+2]|0x20 == 'c' || s[i+2]|0x20 == 'e') {
				return false // ParseDOI decodes %3C and %3E
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || !unicode.IsGraphic(r) || unicode.IsSpace(r) {
			return false
		}
		i += w
	}
	return true
}
