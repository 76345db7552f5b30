// Package pagemeta holds helpers shared by citekit's decoders of publication
// pages (Digital Commons text, HTML meta tags, Markdown front matter): date
// and name forms as web pages write them, identifier clean-up and keyword
// lists.
//
// Its functions are safe for concurrent use.
package pagemeta

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
)

// Order is the order of the fields of an all-numeric date such as
// "11-12-2025". The zero value is month-day-year, as US pages write dates.
type Order int

// The field orders of numeric dates.
const (
	MDY Order = iota // 11-12-2025 is November 12
	DMY              // 11-12-2025 is 11 December
	YMD              // 2025-11-12; four-digit-first dates are always read this way
)

var monthNames = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// month returns the month named by w: a full English name, a three-letter
// abbreviation, "Sept", with or without a final period.
func month(w string) int {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	if len(w) < 3 {
		return 0
	}
	for i, m := range monthNames {
		if w == m || w == m[:3] || (i == 8 && w == "sept") {
			return i + 1
		}
	}
	return 0
}

func season(w string) citation.Season {
	switch strings.ToLower(w) {
	case "spring":
		return citation.Spring
	case "summer":
		return citation.Summer
	case "autumn", "fall":
		return citation.Autumn
	case "winter":
		return citation.Winter
	}
	return 0
}

// ParseDate parses the date forms found on publication pages: ISO 8601
// ("2025", "2025-11", "2025-11-12", with a time after "T" or a space
// ignored), "2025/11/12", numeric dates in the given order ("11-12-2025",
// "11/12/2025", "11.12.2025"), "November 2025", "Nov 12, 2025",
// "12 November 2025", "Spring 2019", and the NLM forms "2025 Nov 12" and
// "2025 Nov-Dec". Impossible dates give an error wrapping
// citation.ErrInvalidValue, other text one wrapping citation.ErrSyntax.
func ParseDate(s string, order Order) (citation.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return citation.Date{}, fmt.Errorf("empty date: %w", citation.ErrSyntax)
	}
	// drop a time: "2026-02-02T09:08:50", "2024-11-27 10:00:00 +0000"
	if i := strings.IndexByte(s, 'T'); i == 10 && isNum(s[:4]) {
		s = s[:i]
	} else if i := strings.IndexByte(s, ' '); i == 10 && s[4] == '-' && isNum(s[:4]) {
		s = s[:i]
	}
	if d, ok, err := numericDate(s, order); ok {
		return d, err
	}
	// word forms
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
	var d citation.Date
	switch len(f) {
	case 2:
		// "November 2025", "Spring 2019", "2025 Nov"
		if isYear(f[1]) {
			y, _ := strconv.Atoi(f[1])
			if m := month(f[0]); m != 0 {
				return citation.Date{Year: y, Month: m}, nil
			}
			if se := season(f[0]); se != 0 {
				return citation.Date{Year: y, Season: se}, nil
			}
		}
	case 3:
		// "Nov 12, 2025", "12 November 2025"
		if isYear(f[2]) {
			y, _ := strconv.Atoi(f[2])
			if m := month(f[0]); m != 0 && isNum(f[1]) && len(f[1]) <= 2 {
				day, _ := strconv.Atoi(f[1])
				d = citation.Date{Year: y, Month: m, Day: day}
				return d, check(d, s)
			}
			if m := month(f[1]); m != 0 && isNum(f[0]) && len(f[0]) <= 2 {
				day, _ := strconv.Atoi(f[0])
				d = citation.Date{Year: y, Month: m, Day: day}
				return d, check(d, s)
			}
		}
	}
	if len(f) > 0 && isYear(f[0]) {
		return citation.ParseNLMDate(s)
	}
	return citation.Date{}, fmt.Errorf("date %q: %w", s, citation.ErrSyntax)
}

// numericDate parses all-numeric dates; ok reports whether s is one.
func numericDate(s string, order Order) (citation.Date, bool, error) {
	var parts []string
	start := 0
	var sep byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			continue
		}
		if c != '-' && c != '/' && c != '.' {
			return citation.Date{}, false, nil
		}
		if sep == 0 {
			sep = c
		} else if c != sep {
			return citation.Date{}, false, nil
		}
		parts = append(parts, s[start:i])
		start = i + 1
	}
	parts = append(parts, s[start:])
	if len(parts) > 3 {
		return citation.Date{}, false, nil
	}
	for _, p := range parts {
		if p == "" || len(p) > 4 {
			return citation.Date{}, false, nil
		}
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		n[i], _ = strconv.Atoi(p)
	}
	var d citation.Date
	switch {
	case len(parts[0]) == 4: // Y, Y-M, Y-M-D
		d.Year = n[0]
		if len(n) > 1 {
			d.Month = n[1]
		}
		if len(n) > 2 {
			d.Day = n[2]
		}
		if len(n) > 1 && len(parts[1]) > 2 || len(n) > 2 && len(parts[2]) > 2 {
			return d, true, fmt.Errorf("date %q: %w", s, citation.ErrSyntax)
		}
	case len(n) == 2 && len(parts[1]) == 4: // M-YYYY
		d.Year, d.Month = n[1], n[0]
		if len(parts[0]) > 2 {
			return d, true, fmt.Errorf("date %q: %w", s, citation.ErrSyntax)
		}
	case len(n) == 3 && len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d.Year = n[2]
		switch order {
		case DMY:
			d.Day, d.Month = n[0], n[1]
		case YMD:
			return d, true, fmt.Errorf("date %q is not year-month-day: %w", s, citation.ErrSyntax)
		default:
			d.Month, d.Day = n[0], n[1]
		}
	default:
		return citation.Date{}, true, fmt.Errorf("date %q: %w", s, citation.ErrSyntax)
	}
	return d, true, check(d, s)
}

func check(d citation.Date, s string) error {
	if d.Year == 0 {
		return fmt.Errorf("date %q: year 0: %w", s, citation.ErrInvalidValue)
	}
	if d.Month == 0 {
		if d.Day != 0 {
			return fmt.Errorf("date %q: %w", s, citation.ErrSyntax)
		}
		return nil
	}
	if d.Month < 1 || d.Month > 12 {
		return fmt.Errorf("date %q: month %d: %w", s, d.Month, citation.ErrInvalidValue)
	}
	if d.Day == 0 {
		return nil
	}
	n := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[d.Month-1]
	if d.Month == 2 && d.Year%4 == 0 && (d.Year%100 != 0 || d.Year%400 == 0) {
		n = 29
	}
	if d.Day < 1 || d.Day > n {
		return fmt.Errorf("date %q: day %d: %w", s, d.Day, citation.ErrInvalidValue)
	}
	return nil
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

func isYear(s string) bool { return len(s) == 4 && isNum(s) }

// particles are lower-case name particles that begin a family name.
var particles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true,
	"di": true, "da": true, "dos": true, "das": true, "du": true, "la": true, "le": true, "ten": true, "ter": true,
}

var suffixes = map[string]bool{
	"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true, "v": true,
}

// IsSuffix reports whether s is a name suffix such as "Jr." or "III".
func IsSuffix(s string) bool { return suffixes[strings.ToLower(strings.TrimSpace(s))] }

// SplitName splits a person's name written "Family, Given" (or
// "Family, Suffix, Given" / "Family, Given, Suffix") or "Given Family" into
// its parts. Lower-case particles ("van der Berg") go with the family name
// as its non-dropping particle. A single word becomes the family name.
func SplitName(s string) citation.Name {
	s = citation.NormalizeText(s)
	if s == "" {
		return citation.Name{}
	}
	var n citation.Name
	if strings.Contains(s, ",") {
		parts := strings.Split(s, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		fam := parts[0]
		rest := parts[1:]
		for len(rest) > 0 && IsSuffix(rest[0]) && len(rest) > 1 {
			n.Suffix, n.CommaSuffix = rest[0], true
			rest = rest[1:]
		}
		if len(rest) > 1 && IsSuffix(rest[len(rest)-1]) {
			n.Suffix, n.CommaSuffix = rest[len(rest)-1], true
			rest = rest[:len(rest)-1]
		}
		n.Given = strings.Join(rest, ", ")
		n.NonDroppingParticle, n.Family = splitParticle(fam)
		if len(rest) == 1 && IsSuffix(rest[0]) {
			// "John Smith, Jr."
			g := strings.Fields(fam)
			n = splitGivenFamily(g)
			n.Suffix, n.CommaSuffix = rest[0], true
		}
		return n
	}
	f := strings.Fields(s)
	if len(f) > 1 && IsSuffix(f[len(f)-1]) {
		n = splitGivenFamily(f[:len(f)-1])
		n.Suffix = f[len(f)-1]
		return n
	}
	return splitGivenFamily(f)
}

func splitGivenFamily(f []string) citation.Name {
	var n citation.Name
	if len(f) == 0 {
		return n
	}
	if len(f) == 1 {
		n.Family = f[0]
		return n
	}
	// the family name starts at the first lower-case particle after the
	// first word, else it is the last word
	k := len(f) - 1
	for i := 1; i < len(f)-1; i++ {
		if particles[f[i]] {
			k = i
			break
		}
	}
	n.Given = strings.Join(f[:k], " ")
	n.NonDroppingParticle, n.Family = splitParticle(strings.Join(f[k:], " "))
	return n
}

// splitParticle splits the lower-case particles off the front of a family
// name: "van der Berg" gives "van der", "Berg".
func splitParticle(fam string) (string, string) {
	f := strings.Fields(fam)
	i := 0
	for i < len(f)-1 && particles[f[i]] {
		i++
	}
	return strings.Join(f[:i], " "), strings.Join(f[i:], " ")
}

// CleanDOI returns the DOI in s without a resolver prefix ("https://doi.org/",
// "http://dx.doi.org/", "doi:", "info:doi/", "urn:doi:"), URL-decoded when
// it came as a URL, and with trailing punctuation removed. It returns "" when
// s holds no "10." DOI.
func CleanDOI(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	wasURL := strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://")
	i := strings.Index(low, "10.")
	if i < 0 {
		return ""
	}
	prefix := low[:i]
	switch {
	case prefix == "", prefix == "doi:", prefix == "doi: ", prefix == "info:doi/", prefix == "urn:doi:",
		prefix == "doi ", strings.HasSuffix(prefix, "doi.org/"):
	default:
		return ""
	}
	d := s[i:]
	if wasURL || strings.Contains(d, "%") {
		if u, err := url.PathUnescape(d); err == nil {
			d = u
		}
	}
	d = strings.TrimRight(d, ".,;")
	if j := strings.IndexByte(d, '/'); j < 4 || j == len(d)-1 {
		return ""
	}
	if strings.ContainsAny(d, " \t\n") {
		return ""
	}
	return d
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
// in canonical form "NNNN-NNNC", in order, without duplicates. It checks
// the form, not the check digit.
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
		v := s[j:j+4] + "-" + s[k:k+3] + strings.ToUpper(s[k+3:k+4])
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
