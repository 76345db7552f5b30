package parse

import (
	"net/url"
	"strings"

	"github.com/citekit/citekit/citation"
)

// canonISSN returns the ISSN in s in canonical form ("1529-2401") when s is
// one with a valid check digit.
func canonISSN(s string) (string, bool) {
	n, err := citation.ParseISSN(s)
	if err != nil {
		return "", false
	}
	return n.String(), true
}

// canonISBN returns the ISBN in s as ISBN-13 digits when s is an ISBN-10 or
// ISBN-13 with a valid check digit.
func canonISBN(s string) (string, bool) {
	n, err := citation.ParseISBN(s)
	if err != nil {
		return "", false
	}
	return n.ISBN13().String(), true
}

// doiIn returns the DOI in s: in any form [citation.ParseDOI] reads (bare,
// "doi:", resolver URLs), or in a "doi=" parameter of another URL (Scopus
// record links).
//
// TODO: use the DOI scanner of the doi branch once it lands on main.
func doiIn(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if d, err := citation.ParseDOI(s); err == nil {
		return d.String(), true
	}
	low := strings.ToLower(s)
	if i := strings.Index(low, "doi="); i >= 0 && (strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://")) {
		v := s[i+4:]
		if j := strings.IndexByte(v, '&'); j >= 0 {
			v = v[:j]
		}
		if u, err := url.QueryUnescape(v); err == nil {
			if d, err := citation.ParseDOI(u); err == nil {
				return d.String(), true
			}
		}
	}
	return "", false
}
