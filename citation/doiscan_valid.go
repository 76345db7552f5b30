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
	i++
	if len(s)-i >= 8 {
		// The common case, 8 bytes at a time, the last 8 (overlapping)
		// for the rest.
		for i+8 <= len(s) && doiPrintableASCII8(s, i) {
			i += 8
		}
		if i+8 > len(s) && doiPrintableASCII8(s, len(s)-8) {
			return true
		}
	}
	for i < len(s) {
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

// doiPrintableASCII8 reports whether the 8 bytes s[i:i+8] are all graphic
// ASCII other than '%', which ValidDOI accepts in a suffix without a closer
// look. It tests them at once, without branches.
func doiPrintableASCII8(s string, i int) bool {
	const l, h = 0x0101010101010101, 0x8080808080808080
	s = s[i : i+8]
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	x7 := x &^ h                    // bytes below 0x80: no byte carries into the next
	ctl := ^(x7 + (0x80-'!')*l)     // high bit: x7 < '!'
	del := x7 + l                   // high bit: x7 == 0x7F
	pct := ^((x7 ^ '%'*l) + 0x7F*l) // high bit: x7 == '%'
	return (x|ctl|del|pct)&h == 0
}
