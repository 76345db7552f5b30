package citation

import "strings"

// An ORCID is an ORCID iD, sixteen characters in four groups, such as
// 0000-0002-1825-0097, whose last character is a check character ('0'-'9'
// or 'X', ISO/IEC 7064 MOD 11-2). The zero ORCID is absent. ORCIDs are
// comparable with ==, and safe for concurrent use.
type ORCID struct {
	s string // "0000-0002-1825-0097"
}

// ParseORCID parses an ORCID iD: "0000-0002-1825-0097", with or without
// hyphens, with spaces or any dash between the groups, a lower-case x, the
// prefix "https://orcid.org/" (or http, or no scheme) or the label "ORCID:" / "orcid:". All sixteen
// characters are required, and the check character must match.
//
// Errors are [*IdentifierError] values wrapping [ErrSyntax] or
// [ErrChecksum].
func ParseORCID(s string) (ORCID, error) {
	in := s
	if len(s) > MaxIdentifierLength {
		return ORCID{}, idError("ORCID", in, "longer than the limit", ErrTooLarge)
	}
	s = strings.TrimSpace(s)
	c := s
	if !isCanonicalORCID(s) {
		s = strings.TrimSuffix(cutORCIDPrefix(s), "/")
		var buf [16]byte
		n, reason := checkDigits(s, buf[:])
		if reason != "" {
			return ORCID{}, idError("ORCID", in, reason, ErrSyntax)
		}
		if n != 16 {
			return ORCID{}, idError("ORCID", in, "want 16 digits", ErrSyntax)
		}
		var out [19]byte
		j := 0
		for i := 0; i < 16; i++ {
			if i > 0 && i%4 == 0 {
				out[j] = '-'
				j++
			}
			out[j] = buf[i]
			j++
		}
		c = string(out[:])
	}
	t := 0
	for i := 0; i < 18; i++ {
		switch c[i] {
		case '-':
			continue
		case 'X':
			return ORCID{}, idError("ORCID", in, "X is allowed only as the check character", ErrSyntax)
		}
		t = (t + int(c[i]-'0')) * 2
	}
	want := checkChar((12 - t%11) % 11)
	if rune(c[18]) != want {
		return ORCID{}, idError("ORCID", in, "check digit is "+string(c[18])+", want "+string(want), ErrChecksum)
	}
	return ORCID{s: c}, nil
}

func isCanonicalORCID(s string) bool {
	if len(s) != 19 {
		return false
	}
	for i := 0; i < 19; i++ {
		c := s[i]
		switch {
		case i == 4 || i == 9 || i == 14:
			if c != '-' {
				return false
			}
		case c >= '0' && c <= '9':
		case c == 'X' && i == 18:
		default:
			return false
		}
	}
	return true
}

func cutORCIDPrefix(s string) string {
	r, ok := cutPrefixFold(s, "https://")
	if !ok {
		r, _ = cutPrefixFold(s, "http://")
	}
	for _, host := range [...]string{"orcid.org/", "www.orcid.org/"} {
		if r2, ok := cutPrefixFold(r, host); ok {
			return r2
		}
	}
	for _, label := range [...]string{"ORCID iD", "ORCID"} {
		if r, ok := cutLabel(s, label); ok {
			return r
		}
	}
	return s
}

// String returns the iD in the form "0000-0002-1825-0097", or "" for the zero
// ORCID.
func (o ORCID) String() string { return o.s }

// IsZero reports whether o is the zero ORCID.
func (o ORCID) IsZero() bool { return o.s == "" }

// Check returns the check character, '0'-'9' or 'X', or 0 for the zero ORCID.
func (o ORCID) Check() rune {
	if o.s == "" {
		return 0
	}
	return rune(o.s[18])
}

// URL returns the canonical URI, "https://orcid.org/0000-0002-1825-0097", or
// "" for the zero ORCID.
func (o ORCID) URL() string {
	if o.s == "" {
		return ""
	}
	return "https://orcid.org/" + o.s
}
