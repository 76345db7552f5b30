// Package pagemeta holds helpers shared by citekit's decoders of publication
// pages (Digital Commons text, HTML meta tags, Markdown front matter): date
// and name forms as web pages write them, identifier clean-up and keyword
// lists.
//
// Its functions are safe for concurrent use.
package pagemeta

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
)

// ParseDate parses a date as publication pages write it with
// citation.ParseDateOrder, after dropping a time of day written after a
// space ("2024-06-01 10:00:00 +0000", "2012-02-04 12:00:00"), which Jekyll
// and Dublin Core tags carry.
func ParseDate(s string, order citation.DateOrder) (citation.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[10] == ' ' && s[4] == '-' && s[7] == '-' && isNum(s[:4]) {
		if rest := strings.TrimSpace(s[11:]); rest != "" && rest[0] >= '0' && rest[0] <= '9' && strings.Contains(rest, ":") {
			s = s[:10]
		}
	}
	if d, ok := quickDate(s, order); ok {
		return d, nil
	}
	d, err := citation.ParseDateOrder(s, order)
	if err == nil && d.IsZero() {
		return d, fmt.Errorf("empty date: %w", citation.ErrSyntax)
	}
	return d, err
}

// quickDate reads the commonest dates of pages as citation.ParseDateOrder
// does, without its general parsing: a four-digit year, and M/D/YYYY or
// D/M/YYYY (with slashes or hyphens, one or two digits) in an order that
// says which is which. It reports false for anything else, valid or not.
// TestQuickDate compares it with citation.ParseDateOrder exhaustively.
func quickDate(s string, order citation.DateOrder) (citation.Date, bool) {
	if len(s) == 4 {
		if !isNum(s) {
			return citation.Date{}, false
		}
		y := num(s)
		return citation.Date{Year: y}, y != 0
	}
	if order != citation.OrderMDY && order != citation.OrderDMY || len(s) < 8 || len(s) > 10 {
		return citation.Date{}, false
	}
	sep := s[len(s)-5]
	if sep != '/' && sep != '-' || !isNum(s[len(s)-4:]) {
		return citation.Date{}, false
	}
	rest := s[:len(s)-5]
	i := strings.IndexByte(rest, sep)
	if i < 1 || i > 2 || len(rest)-i-1 < 1 || len(rest)-i-1 > 2 || !isNum(rest[:i]) || !isNum(rest[i+1:]) {
		return citation.Date{}, false
	}
	y, m, d := num(s[len(s)-4:]), num(rest[:i]), num(rest[i+1:])
	if order == citation.OrderDMY {
		m, d = d, m
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y == 0 || m < 1 || m > 12 || d < 1 || d > days[m-1] && !(m == 2 && d == 29 && y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return citation.Date{}, false
	}
	return citation.Date{Year: y, Month: m, Day: d}, true
}

// num returns the value of a string of at most four digits.
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func isNum(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var suffixes = map[string]bool{
	"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true,
}

// IsSuffix reports whether s is a name suffix such as "Jr." or "III".
func IsSuffix(s string) bool { return suffixes[strings.ToLower(strings.TrimSpace(s))] }

// SplitName parses a person's or an organization's name with
// citation.ParseName.
func SplitName(s string) citation.Name { return citation.ParseName(s) }

// CleanDOI returns the DOI in s as citation.ParseDOI reads it (resolver
// URLs, "doi:", "info:doi/" and URL encoding removed), or "" when s holds
// no DOI.
func CleanDOI(s string) string {
	d, err := citation.ParseDOI(s)
	if err != nil {
		// "info:doi/http://dx.doi.org/10.…", as some COinS write it
		t := strings.TrimSpace(s)
		if len(t) > 9 && strings.EqualFold(t[:9], "info:doi/") {
			if d, err = citation.ParseDOI(t[9:]); err == nil {
				return d.String()
			}
		}
		return ""
	}
	return d.String()
}

// SplitList splits a keyword list on commas and semicolons, trims each
// keyword and drops empty ones, keeping the order.
func SplitList(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if k = citation.NormalizeText(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// ISSNs returns the ISSNs written in s ("0270-6474 (Print); 1529-2401"),
// in canonical form "NNNN-NNNC", in order, without duplicates. It finds
// them by their form; one with a wrong check digit is kept as written, for
// validation to report.
func ISSNs(s string) []string {
	var out []string
	for i := 0; i+8 <= len(s); {
		// find 4 digits, optional hyphen or space, 3 digits and a digit or X
		j := i
		if !isDigitAt(s, j) || (j > 0 && isDigitAt(s, j-1)) {
			i++
			continue
		}
		if !isNum(s[j : j+4]) {
			i++
			continue
		}
		k := j + 4
		if k < len(s) && (s[k] == '-' || s[k] == ' ') {
			k++
		}
		if k+4 > len(s) || !isNum(s[k:k+3]) || !(isDigitAt(s, k+3) || s[k+3] == 'X' || s[k+3] == 'x') ||
			(k+4 < len(s) && (isDigitAt(s, k+4) || isLetter(s[k+4]))) {
			i++
			continue
		}
		var v string
		if k == j+5 && s[j+4] == '-' && s[k+3] != 'x' {
			v = s[j : k+4] // as the line below would make it
		} else {
			v = s[j:j+4] + "-" + s[k:k+3] + strings.ToUpper(s[k+3:k+4])
		}
		if n, err := citation.ParseISSN(v); err == nil {
			v = n.String()
		}
		dup := false
		for _, o := range out {
			dup = dup || o == v
		}
		if !dup {
			out = append(out, v)
		}
		i = k + 4
	}
	return out
}

func isDigitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }
func isLetter(c byte) bool           { return c < utf8.RuneSelf && unicode.IsLetter(rune(c)) }
