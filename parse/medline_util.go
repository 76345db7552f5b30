package parse

// Helpers shared by the MEDLINE, PubMed XML, Crossref and DataCite decoders:
// NLM dates, page ranges, names, identifiers, languages and publication
// types. Several of them stand in for helpers of package citation that other
// branches are writing (ParseDate, ParseName, ParseISSN, ParseDOI...); they
// are unexported so that they can be replaced without an API change.

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/citekit/citekit/citation"
)

// nlmMonthNumber returns the month numbered 1-12 for an English month name or
// its abbreviation of three or more letters ("Jul", "July", "Sept"), or 0.
func nlmMonthNumber(w string) int {
	if len(w) < 3 {
		return 0
	}
	var b [9]byte
	if len(w) > len(b) {
		return 0
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	lw := string(b[:len(w)])
	for i, m := range [...]string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"} {
		if strings.HasPrefix(m, lw) {
			return i + 1
		}
	}
	if lw == "sept" {
		return 9
	}
	return 0
}

// seasonOf returns the season named by w, or 0.
func seasonOf(w string) citation.Season {
	switch {
	case strings.EqualFold(w, "spring"):
		return citation.Spring
	case strings.EqualFold(w, "summer"):
		return citation.Summer
	case strings.EqualFold(w, "autumn"), strings.EqualFold(w, "fall"):
		return citation.Autumn
	case strings.EqualFold(w, "winter"):
		return citation.Winter
	}
	return 0
}

// datePoint is one end of a date range while it is parsed.
type datePoint struct {
	y, m, d int
	season  citation.Season
}

// parseNLMDate parses the dates of NLM records: MEDLINE DP and PubMed XML
// MedlineDate ("1996 Jul 9", "2015 May", "2019 Mar-Apr", "1998 Spring",
// "2000 Dec-2001 Jan", "1996 Jul 9-15"), ERIC's "Apr 2019", numeric forms
// ("2013 06 10", "20160419", "2014/05/29") and ISO dates ("2019-03-05").
// ok is false when s is not one of these forms; lossy is true when the date
// could only be kept in part (a range of seasons keeps its first season).
func parseNLMDate(s string) (d citation.Date, ok, lossy bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return d, false, false
	}
	// The NLM forms are read here, which is fast and keeps a range of
	// seasons in part; citation.ParseDate reads whatever else it can.
	if d, ok, lossy := parseNLMDateLocal(s); ok {
		return d, ok, lossy
	}
	if d, err := citation.ParseDate(s); err == nil && d.Literal == "" && !d.IsZero() {
		return d, true, false
	}
	return citation.Date{}, false, false
}

// parseNLMDateLocal is parseNLMDate without citation.ParseDate.
func parseNLMDateLocal(s string) (d citation.Date, ok, lossy bool) {
	// ISO 8601 "2019-03-05" and "2019-03" (with a time after T or a space).
	if len(s) >= 7 && isDigits(s[:4]) && s[4] == '-' && isDigits(s[5:7]) {
		t := s
		if i := strings.IndexAny(t, "T "); i > 0 {
			t = t[:i]
		}
		parts := strings.Split(t, "-")
		if len(parts) <= 3 {
			var p datePoint
			var err error
			if p.y, err = strconv.Atoi(parts[0]); err == nil && len(parts[1]) == 2 {
				p.m, err = strconv.Atoi(parts[1])
				if err == nil && len(parts) == 3 && len(parts[2]) == 2 && isDigits(parts[2]) {
					p.d, err = strconv.Atoi(parts[2])
				} else if len(parts) == 3 {
					err = strconv.ErrSyntax
				}
				if err == nil && validPoint(p) {
					return citation.Date{Year: p.y, Month: p.m, Day: p.d}, true, false
				}
			}
		}
	}
	// Split into range ends on '-' (also en dash).
	s = strings.ReplaceAll(s, "\u2013", "-")
	ends := strings.Split(s, "-")
	if len(ends) > 2 {
		return d, false, false
	}
	var pts [2]datePoint
	seasonRange := false
	for i, e := range ends {
		p, good := parseDatePoint(e, i > 0)
		if !good {
			return d, false, false
		}
		pts[i] = p
	}
	start := pts[0]
	if start.y == 0 {
		return d, false, false
	}
	d = citation.Date{Year: start.y, Month: start.m, Day: start.d, Season: start.season}
	if start.season != 0 && (start.m != 0 || start.d != 0) {
		return citation.Date{}, false, false
	}
	if !validPoint(start) {
		return citation.Date{}, false, false
	}
	if len(ends) == 2 {
		end := pts[1]
		if end.season != 0 || start.season != 0 {
			if start.season == 0 || end.season == 0 || end.m != 0 {
				return citation.Date{}, false, false
			}
			seasonRange = true
			if end.y != 0 && end.y != start.y {
				// "1999 Winter-2000 Spring": a year range, each with a season.
				d.EndYear = end.y
			}
			return d, true, seasonRange
		}
		// The end inherits what it lacks from the start: "Jul 9-15",
		// "Sep-Oct", "Dec-2001 Jan".
		switch {
		case end.y != 0:
		case end.m != 0:
			end.y = start.y
		case end.d != 0:
			end.y, end.m = start.y, start.m
		default:
			return citation.Date{}, false, false
		}
		if end.d == 0 && end.m == 0 && end.y != 0 && start.m != 0 {
			return citation.Date{}, false, false
		}
		// The end must have the start's precision.
		if (start.m == 0) != (end.m == 0) || (start.d == 0) != (end.d == 0) || !validPoint(end) {
			return citation.Date{}, false, false
		}
		d.EndYear, d.EndMonth, d.EndDay = end.y, end.m, end.d
	}
	return d, true, false
}

// parseDatePoint parses one end of a date: words and numbers in any order.
func parseDatePoint(s string, isEnd bool) (p datePoint, ok bool) {
	var words [3]string
	f := words[:0]
	start := -1
	for i := 0; i <= len(s); i++ {
		sep := i == len(s) || s[i] == ' ' || s[i] == '/' || s[i] == ',' || s[i] == '.' || s[i] == '\t'
		switch {
		case sep && start >= 0:
			if len(f) == len(words) {
				return p, false
			}
			f = append(f, s[start:i])
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	if len(f) == 0 {
		return p, false
	}
	for _, w := range f {
		switch {
		case isDigits(w) && len(w) == 8 && len(f) == 1:
			p.y, _ = strconv.Atoi(w[:4])
			p.m, _ = strconv.Atoi(w[4:6])
			p.d, _ = strconv.Atoi(w[6:])
			if p.d == 0 {
				p.d = 0
			}
		case isDigits(w) && len(w) == 4:
			if p.y != 0 {
				return p, false
			}
			p.y, _ = strconv.Atoi(w)
		case isDigits(w) && len(w) <= 2:
			n, _ := strconv.Atoi(w)
			switch {
			case p.m == 0 && p.y != 0 && p.season == 0:
				p.m = n
			case p.m != 0 && p.d == 0:
				p.d = n
			case isEnd && p.y == 0 && p.m == 0 && p.d == 0 && len(f) == 1:
				p.d = n
			default:
				return p, false
			}
		default:
			if m := nlmMonthNumber(w); m != 0 && p.m == 0 && p.season == 0 {
				p.m = m
			} else if se := seasonOf(w); se != 0 && p.season == 0 && p.m == 0 {
				p.season = se
			} else {
				return p, false
			}
		}
	}
	return p, true
}

var nlmDaysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func validPoint(p datePoint) bool {
	if p.y < 0 || p.y > 9999 || p.m < 0 || p.m > 12 || p.d < 0 {
		return false
	}
	if p.d > 0 && (p.m == 0 || p.d > nlmDaysIn[p.m]) {
		return false
	}
	if p.m == 2 && p.d == 29 && !(p.y%4 == 0 && (p.y%100 != 0 || p.y%400 == 0)) {
		return false
	}
	return true
}

// nlmDate returns the date for s, or a literal date when it cannot be
// structured.
func nlmDate(s string) citation.Date {
	s = citation.NormalizeText(s)
	if d, ok, _ := parseNLMDate(s); ok {
		return d
	}
	if s == "" {
		return citation.Date{}
	}
	return citation.Date{Literal: s}
}

// expandPages expands NLM's elided page ranges ("812-24" is "812-824")
// with citation.ExpandPageRange, and writes the items of a list separated by
// ", ".
func expandPages(s string) string {
	s = citation.ExpandPageRange(s)
	if strings.Contains(s, ",") {
		parts := strings.Split(s, ",")
		for i, p := range parts {
			parts[i] = strings.TrimSpace(p)
		}
		s = strings.Join(parts, ", ")
	}
	return s
}

// particles are the lower-case name particles recognized at the start of a
// family name ("van Raaij", "de la Cruz").
func isParticle(w string) bool {
	switch w {
	case "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "des",
		"dos", "das", "do", "ter", "ten", "te", "zu", "zur", "vom", "af", "al", "el", "st", "d'", "l'":
		return true
	}
	return false
}

// isSuffix reports whether w is a generational suffix.
func isSuffix(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "Jr", "Sr", "II", "III", "IV", "V", "2nd", "3rd", "4th":
		return true
	}
	return false
}

// familyName splits a family name into a non-dropping particle and the rest.
func familyName(n *citation.Name, family string) {
	family = citation.NormalizeText(family)
	f := strings.Fields(family)
	i := 0
	for i < len(f)-1 && isParticle(f[i]) {
		i++
	}
	if i > 0 {
		n.NonDroppingParticle = strings.Join(f[:i], " ")
		n.Family = strings.Join(f[i:], " ")
		return
	}
	n.Family = family
}

// initialsGiven writes initials with periods: "MJ" and "M J" become
// "M. J.", "Michael T" becomes "Michael T."; other given names are returned
// as they are.
func initialsGiven(g string) string {
	if g == "" {
		return ""
	}
	all, change := true, false
	words := 0
	for w := range strings.FieldsSeq(g) {
		words++
		if len(w) > 3 || !isUpperASCII(w) {
			all = false
		} else if len(w) == 1 {
			change = true
		}
	}
	if words == 0 {
		return ""
	}
	if !all && !change {
		return g
	}
	var b strings.Builder
	b.Grow(len(g) * 2)
	for w := range strings.FieldsSeq(g) {
		switch {
		case all:
			for i := 0; i < len(w); i++ {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteByte(w[i])
				b.WriteByte('.')
			}
		default:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			if len(w) == 1 && isUpperASCII(w) {
				b.WriteByte('.')
			}
		}
	}
	return b.String()
}

func isUpperASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return w != ""
}

// parseFullName parses MEDLINE's FAU "van Raaij, M J" and the
// "Family, Given" names of other sources with citation.ParseName, then
// writes bare initials with periods ("M. J.", as AU's ParseMedlineName does)
// and splits a generational suffix written after the given names ("Hall,
// H K Jr").
func parseFullName(s string) citation.Name {
	// The common case, "Family, Given" with a one-word capitalized family
	// name and plain ASCII, gives the same parts as citation.ParseName
	// without its cost.
	if fam, given, ok := strings.Cut(s, ", "); ok && simpleGiven(given) {
		if simpleWord(fam) {
			return citation.Name{Family: fam, Given: initialsGiven(given)}
		}
		// "van der Berg": lower-case particles before one capitalized word.
		if i := strings.LastIndexByte(fam, ' '); i > 0 && simpleWord(fam[i+1:]) && allParticles(fam[:i]) {
			return citation.Name{NonDroppingParticle: fam[:i], Family: fam[i+1:], Given: initialsGiven(given)}
		}
	}
	n := citation.ParseName(s)
	if n.Literal != "" || n.Others {
		return n
	}
	if f := strings.Fields(n.Given); n.Suffix == "" && len(f) > 1 && isSuffix(f[len(f)-1]) {
		n.Suffix = f[len(f)-1]
		n.Given = strings.Join(f[:len(f)-1], " ")
	}
	n.Given = initialsGiven(n.Given)
	return n
}

// simpleWord reports whether w is one capitalized ASCII word of letters and
// hyphens ("Smith", "Riegert-Johnson").
func simpleWord(w string) bool {
	for i, r := range w {
		switch {
		case i == 0:
			if !unicode.IsUpper(r) {
				return false
			}
		case unicode.IsLetter(r), r == '-', r == '\'' && i < len(w)-1:
		default:
			return false
		}
	}
	return w != ""
}

// allParticles reports whether every word of s is a name particle.
func allParticles(s string) bool {
	for w := range strings.SplitSeq(s, " ") {
		if !isParticle(w) {
			return false
		}
	}
	return true
}

// simpleGiven reports whether g is capitalized ASCII words and initials
// without a suffix, particle or comma ("Anna M", "J D", "Louis M.").
func simpleGiven(g string) bool {
	if g == "" {
		return false
	}
	start := 0
	for i := 0; i <= len(g); i++ {
		if i < len(g) && g[i] != ' ' {
			continue
		}
		w := g[start:i]
		start = i + 1
		if w == "" || isSuffix(w) {
			return false
		}
		w = strings.TrimSuffix(w, ".")
		if !simpleWord(w) {
			return false
		}
	}
	return true
}

// parseShortName parses MEDLINE's AU "van Raaij MJ", "Hall HK Jr" with
// citation.ParseMedlineName; ERIC writes full names in AU ("van Groen,
// Maaike M."), which are parsed as full names.
func parseShortName(s string) citation.Name {
	if strings.Contains(s, ",") {
		return parseFullName(s)
	}
	return citation.ParseMedlineName(s)
}

// pmISSN returns the canonical form "NNNN-NNNC" of an ISSN given with or
// without labels ("ISSN", "EISSN-", "ISSN-L"), qualifier ("(Print)") and
// hyphen, and whether its check digit is right. ok is false when s does not
// hold exactly 8 ISSN characters.
func pmISSN(s string) (issn string, valid, ok bool) {
	s = strings.TrimSpace(s)
	// ERIC writes "EISSN-2375-5636" and "ISSN-1042-1629".
	if hasPrefixFold(s, "EISSN-") || hasPrefixFold(s, "ISSN-") && !hasPrefixFold(s, "ISSN-L") {
		s = s[strings.IndexByte(s, '-')+1:]
	}
	if v, err := citation.ParseISSN(s); err == nil {
		return v.String(), true, true
	}
	if i := strings.IndexAny(s, "(["); i >= 0 {
		s = s[:i]
	}
	up := strings.ToUpper(strings.TrimSpace(s))
	for _, p := range [...]string{"URN:ISSN:", "EISSN", "PISSN", "ISSN-L", "ISSN"} {
		if strings.HasPrefix(up, p) {
			up = up[len(p):]
			break
		}
	}
	up = strings.TrimLeft(up, " :-")
	var d [8]byte
	n := 0
	for _, r := range up {
		switch {
		case '0' <= r && r <= '9', r == 'X':
			if n == 8 {
				return "", false, false
			}
			d[n] = byte(r)
			n++
		case r == '-', r == ' ', r >= '\u2010' && r <= '\u2015', r == '\u2212':
		default:
			return "", false, false
		}
	}
	if n != 8 {
		return "", false, false
	}
	sum := 0
	for k := 0; k < 8; k++ {
		v := int(d[k] - '0')
		if d[k] == 'X' {
			if k != 7 {
				return "", false, false
			}
			v = 10
		}
		sum += v * (8 - k)
	}
	return string(d[:4]) + "-" + string(d[4:]), sum%11 == 0, true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// pmISBN returns an ISBN as ISBN-13 digits when it is a valid ISBN-10 or
// ISBN-13, and ok false otherwise.
func pmISBN(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if hasPrefixFold(s, "ISBN-") && !hasPrefixFold(s, "ISBN-1") {
		s = s[len("ISBN-"):]
	}
	if v, err := citation.ParseISBN(s); err == nil {
		return v.ISBN13().String(), true
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "ISBN"), "isbn")
	var d []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			d = append(d, c)
		case c == 'X' || c == 'x':
			d = append(d, 'X')
		case c == '-' || c == ' ' || c == ':':
		case c == '(' || c == '[':
			i = len(s)
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
		v := int(c - '0')
		if i%2 == 1 {
			v *= 3
		}
		sum += v
	}
	return byte('0' + (10-sum%10)%10)
}

// pmDOI strips the labels and resolver prefixes a DOI comes with
// ("doi:", "https://doi.org/", "info:doi/", MEDLINE's " [doi]") and returns
// the DOI, or "" when s holds none.
func pmDOI(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "10.") {
		return ""
	}
	if d, err := citation.ParseDOI(s); err == nil {
		return d.String()
	}
	s = strings.TrimSuffix(s, "[doi]")
	s = strings.TrimSpace(s)
	i := strings.Index(s, "10.")
	if i < 0 {
		return ""
	}
	pre := strings.ToLower(s[:i])
	pre = strings.TrimSpace(pre)
	switch {
	case pre == "", pre == "doi:", pre == "doi", pre == "info:doi/", pre == "urn:doi:":
	case strings.HasPrefix(pre, "http://") || strings.HasPrefix(pre, "https://"):
		host := strings.TrimPrefix(strings.TrimPrefix(pre, "https://"), "http://")
		switch host {
		case "doi.org/", "dx.doi.org/", "www.doi.org/":
		default:
			return ""
		}
	default:
		return ""
	}
	d := s[i:]
	if j := strings.IndexAny(d, " \t\n"); j >= 0 {
		d = d[:j]
	}
	d = strings.TrimRight(d, ".,;")
	slash := strings.IndexByte(d, '/')
	if slash < 4 || slash == len(d)-1 || !isDigits(strings.ReplaceAll(d[3:slash], ".", "")) {
		return ""
	}
	return d
}

// normORCID returns the ORCID iD in s ("0000-0002-1825-0097", from a bare
// iD, an orcid.org URL or "ORCID: ..."), and whether its check digit is
// right. ok is false when s holds no 16-character iD.
func normORCID(s string) (id string, valid, ok bool) {
	s = strings.TrimSpace(s)
	if v, err := citation.ParseORCID(strings.TrimSpace(strings.TrimPrefix(s, "ORCID:"))); err == nil {
		return v.String(), true, true
	}
	if i := strings.LastIndex(s, "orcid.org/"); i >= 0 {
		s = s[i+len("orcid.org/"):]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[i+1:]
	}
	var d []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			d = append(d, c)
		case (c == 'X' || c == 'x') && len(d) == 15:
			d = append(d, 'X')
		case c == '-' || c == ' ' || c == '/':
		default:
			return "", false, false
		}
	}
	if len(d) != 16 {
		return "", false, false
	}
	t := 0
	for _, c := range d[:15] {
		if c == 'X' {
			return "", false, false
		}
		t = (t + int(c-'0')) * 2
	}
	r := (12 - t%11) % 11
	check := byte('0' + r)
	if r == 10 {
		check = 'X'
	}
	id = string(d[0:4]) + "-" + string(d[4:8]) + "-" + string(d[8:12]) + "-" + string(d[12:16])
	return id, check == d[15], true
}

// pmPMCID returns "PMC" followed by the digits of a PMCID given as
// "PMC38908", "pmc38908" or, where the field is known to hold a PMCID, bare
// digits; "" when s is not of that form.
func pmPMCID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && strings.EqualFold(s[:3], "PMC") {
		s = s[3:]
	}
	s = strings.TrimSpace(s)
	if !isDigits(s) || len(s) > 10 {
		return ""
	}
	return "PMC" + s
}

// langTag returns the BCP 47 tag of a language given as an ISO 639 code
// ("eng", "fre", "en") or an English name ("English"), and s unchanged when
// it is neither.
func langTag(s string) string {
	switch s {
	// MEDLINE's commonest codes, without a call to language.Parse.
	case "eng":
		return "en"
	case "fre":
		return "fr"
	case "ger":
		return "de"
	case "spa":
		return "es"
	case "ita":
		return "it"
	case "jpn":
		return "ja"
	case "chi":
		return "zh"
	case "rus":
		return "ru"
	case "por":
		return "pt"
	}
	s = citation.NormalizeText(s)
	if s == "" || strings.EqualFold(s, "und") {
		return s
	}
	if t, err := language.Parse(s); err == nil {
		return t.String()
	}
	switch strings.ToLower(s) {
	case "english":
		return "en"
	case "french":
		return "fr"
	case "german":
		return "de"
	case "spanish":
		return "es"
	case "italian":
		return "it"
	case "portuguese":
		return "pt"
	case "dutch":
		return "nl"
	case "swedish":
		return "sv"
	case "chinese":
		return "zh"
	case "japanese":
		return "ja"
	case "russian":
		return "ru"
	}
	return s
}

// nlmItemType maps NLM (and ERIC) publication types to a CSL item type.
// book and chapter say whether the record has a book title (BTI) and an
// article title inside it.
func nlmItemType(pts []string, book, chapter bool) citation.ItemType {
	var thesis, bookChapter, isBook, preprint, dataset, journalArticles, report bool
	for _, p := range pts {
		switch {
		case len(p) >= 6 && (containsFold(p, "dissertation") || containsFold(p, "theses")):
			thesis = true
		case strings.EqualFold(p, "book chapter"):
			bookChapter = true
		case strings.EqualFold(p, "book"), strings.EqualFold(p, "books"):
			isBook = true
		case strings.EqualFold(p, "preprint"):
			preprint = true
		case strings.EqualFold(p, "dataset"):
			dataset = true
		case strings.EqualFold(p, "journal articles"):
			journalArticles = true
		case strings.EqualFold(p, "technical report"), len(p) > 10 && strings.EqualFold(p[:10], "reports - "):
			report = true
		}
	}
	switch {
	case thesis:
		return citation.TypeThesis
	case chapter || bookChapter:
		return citation.TypeChapter
	case book || isBook:
		return citation.TypeBook
	case preprint:
		return citation.TypeArticle
	case dataset:
		return citation.TypeDataset
	case journalArticles:
		return citation.TypeArticleJournal
	case report:
		return citation.TypeReport
	}
	return citation.TypeArticleJournal
}

// containsFold reports whether sub, in lower-case ASCII, is in s, ignoring
// ASCII case.
func containsFold(s, sub string) bool {
	c0, c1 := sub[0], sub[0]-('a'-'A')
	for i := 0; i+len(sub) <= len(s); i++ {
		if (s[i] == c0 || s[i] == c1) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// meshTerm formats a MeSH heading as MEDLINE's MH does: the descriptor, then
// "/"-separated qualifiers, each marked "*" when it is a major topic.
func meshTerm(desc string, descMajor bool, quals []string, qualMajor []bool) string {
	var b strings.Builder
	if descMajor {
		b.WriteByte('*')
	}
	b.WriteString(desc)
	for i, q := range quals {
		b.WriteByte('/')
		if qualMajor[i] {
			b.WriteByte('*')
		}
		b.WriteString(q)
	}
	return b.String()
}

// addKeyword appends k to c's keywords unless it is empty or already there.
func addKeyword(c *citation.Citation, k string) {
	k = citation.NormalizeText(k)
	if k == "" {
		return
	}
	for _, x := range c.Keywords {
		if x == k {
			return
		}
	}
	c.Keywords = append(c.Keywords, k)
}
