package citation

import "strings"

// An ISBN is an International Standard Book Number, ISBN-10 or ISBN-13,
// held as its digits without hyphens ("0306406152", "9780306406157"); the
// hyphen positions vary by registration group and publisher, so they are not
// kept. Its check character is '0'-'9', or 'X' for an ISBN-10. The zero ISBN
// is absent. ISBNs are comparable with == (an ISBN-10 differs from its
// ISBN-13; compare [ISBN.ISBN13] values), and safe for concurrent use.
type ISBN struct {
	s string
}

// ParseISBN parses an ISBN-10 or ISBN-13, accepting hyphens, spaces or any
// dash between the digits, a lower-case x, the labels "ISBN", "ISBN-10",
// "ISBN-13", "ISBN:" and "urn:isbn:", and a trailing qualifier in
// parentheses, "(pbk.)", "(electronic bk.)". It checks the check digit and,
// for an ISBN-13, the prefix 978 or 979.
//
// Errors are [*IdentifierError] values wrapping [ErrSyntax], [ErrChecksum],
// or [ErrInvalidValue] for an ISBN-13 with another prefix.
func ParseISBN(s string) (ISBN, error) {
	in := s
	if len(s) > MaxIdentifierLength {
		return ISBN{}, idError("ISBN", in, "longer than the limit", ErrTooLarge)
	}
	s = strings.TrimSpace(s)
	var c string
	if (len(s) == 13 && allDigits(s)) || (len(s) == 10 && allDigits(s[:9]) && (s[9] >= '0' && s[9] <= '9' || s[9] == 'X')) {
		c = s
	} else {
		s = cutQualifier(s)
		if r, ok := cutPrefixFold(s, "urn:isbn:"); ok {
			s = strings.TrimSpace(r)
		} else {
			for _, label := range [...]string{"ISBN-13", "ISBN-10", "ISBN13", "ISBN10", "ISBN"} {
				if r, ok := cutLabel(s, label); ok {
					s = r
					break
				}
			}
		}
		var buf [13]byte
		n, reason := checkDigits(s, buf[:])
		if reason != "" {
			return ISBN{}, idError("ISBN", in, reason, ErrSyntax)
		}
		if n != 10 && n != 13 {
			return ISBN{}, idError("ISBN", in, "want 10 or 13 digits", ErrSyntax)
		}
		c = string(buf[:n])
	}
	for i := 0; i < len(c)-1; i++ {
		if c[i] == 'X' {
			return ISBN{}, idError("ISBN", in, "X is allowed only as the check character of an ISBN-10", ErrSyntax)
		}
	}
	last := c[len(c)-1]
	if len(c) == 13 {
		if last == 'X' {
			return ISBN{}, idError("ISBN", in, "X is allowed only as the check character of an ISBN-10", ErrSyntax)
		}
		if !strings.HasPrefix(c, "978") && !strings.HasPrefix(c, "979") {
			return ISBN{}, idError("ISBN", in, "ISBN-13 must start with 978 or 979", ErrInvalidValue)
		}
		if want := isbn13Check(c); rune(last) != want {
			return ISBN{}, idError("ISBN", in, "check digit is "+string(last)+", want "+string(want), ErrChecksum)
		}
		return ISBN{s: c}, nil
	}
	if want := isbn10Check(c); rune(last) != want {
		return ISBN{}, idError("ISBN", in, "check digit is "+string(last)+", want "+string(want), ErrChecksum)
	}
	return ISBN{s: c}, nil
}

// isbn10Check returns the check character of the first nine digits of c.
func isbn10Check(c string) rune {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += (10 - i) * int(c[i]-'0')
	}
	return checkChar((11 - sum%11) % 11)
}

// isbn13Check returns the check digit of the first twelve digits of c.
func isbn13Check(c string) rune {
	sum := 0
	for i := 0; i < 12; i++ {
		d := int(c[i] - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return rune('0' + (10-sum%10)%10)
}

// String returns the digits without hyphens, or "" for the zero ISBN.
func (n ISBN) String() string { return n.s }

// IsZero reports whether n is the zero ISBN.
func (n ISBN) IsZero() bool { return n.s == "" }

// Is13 reports whether n is an ISBN-13.
func (n ISBN) Is13() bool { return len(n.s) == 13 }

// Check returns the check character, '0'-'9' or 'X', or 0 for the zero ISBN.
func (n ISBN) Check() rune {
	if n.s == "" {
		return 0
	}
	return rune(n.s[len(n.s)-1])
}

// ISBN13 returns n as an ISBN-13: an ISBN-10 gains the prefix 978 and a new
// check digit; an ISBN-13 is returned as it is.
func (n ISBN) ISBN13() ISBN {
	if len(n.s) != 10 {
		return n
	}
	var b [13]byte
	copy(b[:], "978")
	copy(b[3:12], n.s[:9])
	b[12] = byte(isbn13Check(string(b[:12]) + "0"))
	return ISBN{s: string(b[:])}
}

// ISBN10 returns n as an ISBN-10, and whether it has one: an ISBN-13 with
// prefix 978 loses it and gains a new check character; one with prefix 979
// has no ISBN-10.
func (n ISBN) ISBN10() (ISBN, bool) {
	switch {
	case len(n.s) == 10:
		return n, true
	case len(n.s) == 13 && strings.HasPrefix(n.s, "978"):
		var b [10]byte
		copy(b[:9], n.s[3:12])
		b[9] = byte(isbn10Check(string(b[:9]) + "0"))
		return ISBN{s: string(b[:])}, true
	}
	return ISBN{}, false
}
