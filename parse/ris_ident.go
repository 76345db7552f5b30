package parse

import (
	"net/url"
	"strings"
)

// Identifier helpers for the RIS decoder.
//
// TODO: replace with citation.ParseISSN, citation.ParseISBN and the DOI
// scanner once the foundation and doi branches land them on main.

// canonISSN returns the ISSN in s as "NNNN-NNNC" when s is one with a valid
// check digit.
func canonISSN(s string) (string, bool) {
	var d []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			d = append(d, c)
		case c == 'x' || c == 'X':
			d = append(d, 'X')
		case c == '-' || c == ' ':
		default:
			return "", false
		}
	}
	if len(d) != 8 {
		return "", false
	}
	sum := 0
	for i := 0; i < 7; i++ {
		if d[i] == 'X' {
			return "", false
		}
		sum += int(d[i]-'0') * (8 - i)
	}
	check := (11 - sum%11) % 11
	want := byte('0' + check)
	if check == 10 {
		want = 'X'
	}
	if d[7] != want {
		return "", false
	}
	return string(d[:4]) + "-" + string(d[4:]), true
}

// canonISBN returns the ISBN in s as ISBN-13 digits when s is an ISBN-10 or
// ISBN-13 with a valid check digit.
func canonISBN(s string) (string, bool) {
	var d []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			d = append(d, c)
		case c == 'x' || c == 'X':
			d = append(d, 'X')
		case c == '-' || c == ' ':
		default:
			return "", false
		}
	}
	switch len(d) {
	case 10:
		sum := 0
		for i := 0; i < 10; i++ {
			v := int(d[i] - '0')
			if d[i] == 'X' {
				if i != 9 {
					return "", false
				}
				v = 10
			}
			sum += v * (10 - i)
		}
		if sum%11 != 0 {
			return "", false
		}
		d13 := append([]byte("978"), d[:9]...)
		return string(append(d13, isbn13Check(d13))), true
	case 13:
		for _, c := range d {
			if c == 'X' {
				return "", false
			}
		}
		if isbn13Check(d[:12]) != d[12] {
			return "", false
		}
		return string(d), true
	}
	return "", false
}

func isbn13Check(d []byte) byte {
	sum := 0
	for i, c := range d[:12] {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(c-'0') * w
	}
	return byte('0' + (10-sum%10)%10)
}

// doiIn returns the DOI in s: a bare DOI, one with a "doi:" prefix, or one
// in a doi.org URL or in a "doi=" query parameter.
func doiIn(s string) (string, bool) {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "dx.doi.org/", "doi:", "info:doi/"} {
		if strings.HasPrefix(low, p) {
			s = s[len(p):]
			if u, err := url.PathUnescape(s); err == nil {
				s = u
			}
			return bareDOI(strings.TrimSpace(s))
		}
	}
	if strings.HasPrefix(s, "10.") {
		return bareDOI(s)
	}
	if i := strings.Index(low, "doi="); i >= 0 && (strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://")) {
		v := s[i+4:]
		if j := strings.IndexByte(v, '&'); j >= 0 {
			v = v[:j]
		}
		if u, err := url.QueryUnescape(v); err == nil {
			return bareDOI(u)
		}
	}
	return "", false
}

// bareDOI checks the form "10.NNNN/suffix".
func bareDOI(s string) (string, bool) {
	if !strings.HasPrefix(s, "10.") {
		return "", false
	}
	slash := strings.IndexByte(s, '/')
	if slash < 4 || slash == len(s)-1 {
		return "", false
	}
	for _, c := range s[3:slash] {
		if (c < '0' || c > '9') && c != '.' {
			return "", false
		}
	}
	if strings.ContainsAny(s, " \t") {
		return "", false
	}
	return s, true
}
