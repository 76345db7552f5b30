package citation

import "strings"

// An ISSN is an International Standard Serial Number (ISO 3297), such as
// 1529-2401. Its check character is '0'-'9' or 'X'. The zero ISSN is absent.
// ISSNs are comparable with ==, and safe for concurrent use.
type ISSN struct {
	s string // "1529-2401"
}

// ParseISSN parses an ISSN, accepting the forms found in records:
// "1529-2401", "1529 2401", "15292401" (Scopus), a lower-case x, any dash,
// the labels "ISSN", "eISSN", "e-ISSN", "pISSN", "p-ISSN", "ISSN-L" and
// "urn:ISSN:", and a trailing qualifier in parentheses, "(Print)",
// "(Electronic)", "(Linking)" (MEDLINE) or "(ISSN)" (Scopus). It checks the
// check digit.
//
// Errors are [*IdentifierError] values wrapping [ErrSyntax] or
// [ErrChecksum]. Parsing an ISSN already in the form NNNN-NNNC does not
// allocate.
func ParseISSN(s string) (ISSN, error) {
	in := s
	if len(s) > MaxIdentifierLength {
		return ISSN{}, idError("ISSN", in, "longer than the limit", ErrTooLarge)
	}
	s = strings.TrimSpace(s)
	if len(s) == 9 && s[4] == '-' && allDigits(s[:4]) && allDigits(s[5:8]) && (s[8] >= '0' && s[8] <= '9' || s[8] == 'X') {
		return checkISSN(in, s, s)
	}
	s = stripISSNLabels(s)
	var buf [8]byte
	n, reason := checkDigits(s, buf[:])
	if reason != "" {
		return ISSN{}, idError("ISSN", in, reason, ErrSyntax)
	}
	if n != 8 {
		return ISSN{}, idError("ISSN", in, "want 8 digits", ErrSyntax)
	}
	var out [9]byte
	copy(out[:4], buf[:4])
	out[4] = '-'
	copy(out[5:], buf[4:])
	return checkISSN(in, s, string(out[:]))
}

func stripISSNLabels(s string) string {
	s = cutQualifier(s)
	if r, ok := cutPrefixFold(s, "urn:issn:"); ok {
		return strings.TrimSpace(r)
	}
	for _, label := range [...]string{"ISSN-L", "eISSN", "e-ISSN", "pISSN", "p-ISSN", "ISSN"} {
		if r, ok := cutLabel(s, label); ok {
			return r
		}
	}
	return s
}

// checkISSN verifies the check digit of the canonical form c.
func checkISSN(in, s, c string) (ISSN, error) {
	for i := 0; i < 9; i++ {
		if c[i] == 'X' && i != 8 {
			return ISSN{}, idError("ISSN", in, "X is allowed only as the check character", ErrSyntax)
		}
	}
	sum := 0
	w := 8
	for i := 0; i < 8; i++ {
		if i == 4 {
			continue
		}
		sum += w * int(c[i]-'0')
		w--
	}
	want := checkChar((11 - sum%11) % 11)
	if rune(c[8]) != want {
		return ISSN{}, idError("ISSN", in, "check digit is "+string(c[8])+", want "+string(want), ErrChecksum)
	}
	return ISSN{s: c}, nil
}

// String returns the ISSN in the form "1529-2401", or "" for the zero ISSN.
func (n ISSN) String() string { return n.s }

// IsZero reports whether n is the zero ISSN.
func (n ISSN) IsZero() bool { return n.s == "" }

// Check returns the check character, '0'-'9' or 'X', or 0 for the zero ISSN.
func (n ISSN) Check() rune {
	if n.s == "" {
		return 0
	}
	return rune(n.s[8])
}

// URL returns the ISSN Portal URL of n, or "" for the zero ISSN.
func (n ISSN) URL() string {
	if n.s == "" {
		return ""
	}
	return "https://portal.issn.org/resource/ISSN/" + n.s
}
