package citation

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An NLMSource is a journal source line in the form PubMed and Vancouver
// reference lists write it, as parsed by [ParseNLMSource]:
//
//	Proc Natl Acad Sci U S A. 1996 Jul 9;93(14):6913-7.
//	Public Health. 2015 May;129(5):475-82. doi: 10.1016/j.puhe.2015.01.018. Epub 2015 Mar 3.
//	Wilderness Environ Med. 2022 Oct 7:S1080-6032(22)00139-9. doi: 10.1016/j.wem.2022.07.008.
type NLMSource struct {
	Journal  string // NLM title abbreviation: "J Neurosci" (CSL container-title-short)
	DateText string // the date as written: "1996 Jul 9", "1998 Spring"
	Date     Date   // the date parsed; zero when DateText could not be parsed

	// Volume and Issue hold the volume and issue numbers without their
	// supplement or part designation; VolumeText and IssueText hold them as
	// written: "42 Suppl 2", "12 Suppl 7", "Pt 3".
	Volume, Issue         string
	VolumeText, IssueText string
	// Supplement is the supplement number of "Suppl 2" ("2"), or "Suppl"
	// when the supplement has no number; Part the part of "Pt 3" ("3").
	Supplement, Part string

	// Pages is the pagination with NLM's elided page ranges expanded
	// ("6913-7" becomes "6913-6917"), or the electronic location (article
	// number) that stands in for pages: "e1353252025". PagesText is the
	// pagination as written.
	Pages, PagesText string

	// AheadOfPrint is set for a record published online before its issue:
	// a source line with a location but no volume ("2022 Oct
	// 7:S1080-6032(22)00139-9"), or one marked "[Epub ahead of print]" or
	// "Online ahead of print". ELocation then holds the location, usually a
	// publisher item identifier (pii).
	AheadOfPrint bool
	ELocation    string

	// Internet is set for the Vancouver form of an online journal: "J
	// Neurosci [Internet]. 2025 Nov 12 [cited 2026 Jan 3];45(46):e1. Available
	// from: https://…". CitedText holds the date cited as written, Cited it
	// parsed, and URL the address.
	Internet  bool
	CitedText string
	Cited     Date
	URL       string

	DOI       string // from a "doi: 10.…" tail, without the final period
	EpubText  string // from an "Epub 2015 Mar 3." tail, as written
	Epub      Date   // EpubText parsed
	PMID      string // from a "PMID: 12140307" tail
	PMCID     string // from a "PMCID: PMC1234567" tail
	Remainder string // tail text not recognized, such as "Erratum in: …" or a language note
}

// NLM source line limits. Longer input is refused with an error wrapping
// [ErrTooLarge].
const MaxNLMSourceLen = 4096

// ParseNLMSource parses an NLM journal source line, the "SO" field of a
// MEDLINE record and the journal part of a Vancouver reference:
//
//	<Journal>. <Date>;<Volume>(<Issue>):<Pages>.[ doi: <DOI>.][ Epub <Date>.]
//
// Every part after the journal and the date may be missing; an
// ahead-of-print line puts the location right after the date
// ("2022 Oct 7:S1080-6032(22)00139-9."). Dates are as in [ParseNLMDate];
// the source line keeps the date's text even when it cannot be parsed.
// Supplements and parts ("42 Suppl 2", "58(12 Suppl 7)", "32(Pt 3)") are
// split out of the volume and issue. Page ranges are expanded with
// [ExpandPageRange]. Tails the parser recognizes are "doi:", "Epub",
// "PMID:", "PMCID:", "[Epub ahead of print]", "Online ahead of print" and
// Vancouver's "Available from:" (with "[Internet]" after the journal and
// "[cited …]" after the date); other tail sentences are kept in Remainder.
//
// The journal abbreviation is the text before the first ". " that is
// followed by a four-digit year, so journal names written with periods
// ("J. Neurosci. 2025;45:1-9.") are read too. A line without such a date is
// an error wrapping [ErrSyntax].
func ParseNLMSource(s string) (NLMSource, error) {
	var src NLMSource
	if len(s) > MaxNLMSourceLen {
		return src, fmt.Errorf("NLM source: %d bytes (limit %d): %w", len(s), MaxNLMSourceLen, ErrTooLarge)
	}
	s = NormalizeText(s)
	if s == "" {
		return src, fmt.Errorf("NLM source: empty: %w", ErrSyntax)
	}
	var cutBuf [8]int
	cuts := nlmTailCuts(s, cutBuf[:0])
	main := s
	if len(cuts) > 0 {
		main = s[:cuts[0]]
		for k, c := range cuts {
			e := len(s)
			if k+1 < len(cuts) {
				e = cuts[k+1]
			}
			src.addTail(s[c:e])
		}
	}
	main = strings.TrimSpace(main)
	main = strings.TrimSuffix(main, ".")
	// Vancouver online form: "[Internet]" after the journal, "[cited …]"
	// after the date
	if i := strings.Index(main, " [Internet]"); i >= 0 {
		src.Internet = true
		main = main[:i] + main[i+len(" [Internet]"):]
	}
	if i := strings.Index(main, " [cited "); i >= 0 {
		if j := strings.IndexByte(main[i:], ']'); j >= 0 {
			src.CitedText = strings.TrimSpace(main[i+len(" [cited ") : i+j])
			if d, err := ParseNLMDate(src.CitedText); err == nil {
				src.Cited = d
			}
			main = main[:i] + main[i+j+1:]
		}
	}

	ji, di := findNLMDate(main)
	if ji < 0 {
		return src, fmt.Errorf("NLM source %q: no journal followed by a year: %w", s, ErrSyntax)
	}
	src.Journal = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(main[:ji]), "."))
	if src.Journal == "" {
		return src, fmt.Errorf("NLM source %q: no journal: %w", s, ErrSyntax)
	}
	rest := main[di:]
	// The date runs to the first ';' (volume follows) or ':' (ahead-of-print
	// location follows).
	end := strings.IndexAny(rest, ";:")
	if end < 0 {
		end = len(rest)
	}
	src.DateText = strings.TrimSpace(rest[:end])
	if d, err := ParseNLMDate(src.DateText); err == nil {
		src.Date = d
	}
	if end == len(rest) {
		return src, nil
	}
	sep, rest := rest[end], rest[end+1:]
	if sep == ':' {
		// Ahead of print: date, then the location.
		src.AheadOfPrint = true
		src.ELocation = strings.TrimSpace(rest)
		return src, nil
	}
	// Volume(Issue):Pages
	vi := rest
	pg := ""
	if i := indexOutsideParens(rest, ':'); i >= 0 {
		vi, pg = rest[:i], rest[i+1:]
	}
	vi = strings.TrimSpace(vi)
	if i := strings.IndexByte(vi, '('); i >= 0 {
		src.VolumeText = strings.TrimSpace(vi[:i])
		iss := vi[i+1:]
		if j := strings.LastIndexByte(iss, ')'); j >= 0 {
			if extra := strings.TrimSpace(iss[j+1:]); extra != "" {
				src.Remainder = joinNonEmpty(src.Remainder, extra)
			}
			iss = iss[:j]
		}
		src.IssueText = strings.TrimSpace(iss)
	} else {
		src.VolumeText = vi
	}
	src.Volume = src.splitDesignations(src.VolumeText)
	src.Issue = src.splitDesignations(src.IssueText)
	if i := strings.Index(pg, ". "); i >= 0 {
		// "iii-v. Norwegian": a sentence after the pages
		src.Remainder = joinNonEmpty(strings.TrimSpace(pg[i+1:]), src.Remainder)
		pg = pg[:i]
	}
	src.PagesText = strings.TrimSpace(pg)
	src.Pages = ExpandPageRange(src.PagesText)
	return src, nil
}

// splitDesignations removes "Suppl n" and "Pt n" from a volume or issue,
// recording them, and returns the number left.
func (src *NLMSource) splitDesignations(s string) string {
	if s == "" {
		return ""
	}
	if oneASCIIWord(s) && !isDesignation(s) {
		return s // the one field of s, kept
	}
	f := strings.Fields(s)
	var keep []string
	for i := 0; i < len(f); i++ {
		w := f[i]
		switch {
		case strings.EqualFold(w, "Suppl") || strings.EqualFold(w, "Suppl."):
			if i+1 < len(f) && !isDesignation(f[i+1]) {
				src.Supplement = f[i+1]
				i++
			} else {
				src.Supplement = "Suppl"
			}
		case strings.EqualFold(w, "Pt") || strings.EqualFold(w, "Pt."):
			if i+1 < len(f) && !isDesignation(f[i+1]) {
				src.Part = f[i+1]
				i++
			}
		default:
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

// oneASCIIWord reports whether s is ASCII without white space.
func oneASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		}
	}
	return true
}

func isDesignation(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return strings.EqualFold(w, "Suppl") || strings.EqualFold(w, "Pt")
}

// addTail records one tail sentence.
func (src *NLMSource) addTail(t string) {
	t = strings.TrimSpace(t)
	switch {
	case hasPrefixFold(t, "doi:"):
		src.DOI = strings.TrimSuffix(strings.TrimSpace(t[4:]), ".")
	case hasPrefixFold(t, "[epub ahead of print]"), hasPrefixFold(t, "online ahead of print"),
		hasPrefixFold(t, "epub ahead of print"):
		src.AheadOfPrint = true
	case hasPrefixFold(t, "epub "):
		src.EpubText = strings.TrimSuffix(strings.TrimSpace(t[5:]), ".")
		if d, err := ParseNLMDate(src.EpubText); err == nil {
			src.Epub = d
		}
	case hasPrefixFold(t, "pmid:"):
		src.PMID = strings.TrimSuffix(strings.TrimSpace(t[5:]), ".")
	case hasPrefixFold(t, "pmcid:"):
		src.PMCID = strings.TrimSuffix(strings.TrimSpace(t[6:]), ".")
	case hasPrefixFold(t, "available from:"):
		src.URL = strings.TrimSpace(t[len("available from:"):])
	default:
		src.Remainder = joinNonEmpty(src.Remainder, t)
	}
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + " " + b
}

// nlmTailMarkers start the tail sentences of a source line, lower case.
var nlmTailMarkers = [...]string{"doi:", "epub ahead of print", "[epub ahead of print]", "epub ", "pmid:", "pmcid:", "online ahead of print", "available from:"}

// nlmTailCuts appends to cuts the indexes in s where its tail sentences
// start, in order: the text before the first is the main part. A tail
// starts after ". " (or at a space) with one of nlmTailMarkers; a DOI runs
// to the next marker, so its periods are kept.
func nlmTailCuts(s string, cuts []int) []int {
	for i := 1; i < len(s); i++ {
		if s[i-1] != ' ' {
			continue
		}
		switch s[i] {
		case 'd', 'D', 'e', 'E', '[', 'p', 'P', 'o', 'O', 'a', 'A': // the markers' first letters
		default:
			continue
		}
		for _, m := range nlmTailMarkers {
			if hasPrefixFold(s[i:], m) {
				// "Epub" needs a date or "ahead"; any marker must follow
				// the main part, which ends with '.' or ']'.
				prev := strings.TrimRight(s[:i], " ")
				if prev == "" {
					break
				}
				if c := prev[len(prev)-1]; c != '.' && c != ']' && !(m[0] == '[') {
					break
				}
				cuts = append(cuts, i)
				break
			}
		}
	}
	return cuts
}

// hasPrefixFold reports whether s starts with prefix, a lower-case ASCII
// string, ignoring ASCII case. Indexes into s stay valid, as they would not
// in strings.ToLower(s); no letter of the markers it is used for has a
// non-ASCII case variant (as K, the Kelvin sign, has k).
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// lookupFold looks w up in m, whose keys are lower-case ASCII, as
// m[strings.ToLower(w)] would for such keys, without allocating.
func lookupFold[V any](m map[string]V, w string) (V, bool) {
	var buf [16]byte
	var zero V
	if len(w) > len(buf) {
		v, ok := m[strings.ToLower(w)]
		return v, ok
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			v, ok := m[strings.ToLower(w)]
			return v, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if v, ok := m[string(buf[:len(w)])]; ok {
		return v, true
	}
	return zero, false
}

// findNLMDate finds the date that ends the journal abbreviation: a
// four-digit year after ". " (or, for a journal written without a final
// period, after a space, when a ';' or ':' or a month or season follows the
// year). It returns the index where the journal ends and the index of the
// year, or -1, -1.
func findNLMDate(s string) (int, int) {
	for pass := 0; pass < 2; pass++ {
		for i := 1; i < len(s); i++ {
			if s[i] != ' ' {
				continue
			}
			ji := i
			if s[i-1] == '.' {
				ji = i - 1
			} else if pass == 0 {
				continue
			}
			j := i
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j+4 > len(s) || !isDigits(s[j:j+4]) {
				continue
			}
			if j+4 < len(s) {
				c := s[j+4]
				if c != ' ' && c != ';' && c != ':' && c != '.' {
					continue
				}
				if pass == 1 && c == ' ' {
					w := strings.FieldsFunc(s[j+4:], func(r rune) bool { return r == ' ' || r == '-' || r == ';' || r == ':' })
					if len(w) == 0 {
						continue
					}
					if _, ok := nlmMonth(w[0]); !ok {
						if _, ok := lookupFold(nlmSeasons, w[0]); !ok {
							continue
						}
					}
				}
			} else if pass == 1 {
				continue
			}
			return ji, j
		}
	}
	return -1, -1
}

func isDigits(s string) bool {
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

// indexOutsideParens returns the index of the first c in s that is not
// inside parentheses, or -1.
func indexOutsideParens(s string, c byte) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case c:
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// nlmMonths maps NLM's three-letter English month abbreviations, lower case.
var nlmMonths = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// nlmSeasons maps season names, lower case.
var nlmSeasons = map[string]Season{
	"spring": Spring, "summer": Summer, "autumn": Autumn, "fall": Autumn, "winter": Winter,
}

// ParseNLMDate parses a date as PubMed writes it in the DP field and in
// source lines: "2021", "2015 May", "1996 Jul 9", month ranges "2015
// Mar-Apr" and "2001 Dec-2002 Jan", day ranges "2020 Jun 1-15", seasons
// "1998 Spring" and season ranges "2000 Fall-Winter". Full month names and
// a trailing period on the month are accepted. Impossible days (Feb 30) give
// an error wrapping [ErrInvalidValue]; other text one wrapping [ErrSyntax].
func ParseNLMDate(s string) (Date, error) {
	var d Date
	var fieldBuf [8]string
	f := nlmDateFields(strings.TrimSuffix(strings.TrimSpace(s), "."), fieldBuf[:0])
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("NLM date %q: %w", s, ErrSyntax)
	}
	if len(f) == 0 || len(f[0]) != 4 || !isDigits(f[0]) {
		return bad()
	}
	d.Year, _ = strconv.Atoi(f[0])
	f = f[1:]
	if len(f) == 0 {
		return d, nil
	}
	if se, ok := lookupFold(nlmSeasons, f[0]); ok {
		d.Season = se
		f = f[1:]
		if len(f) == 0 {
			return d, nil
		}
		// a season range: "Fall - Winter"; Date has no season ranges, so
		// the first season is kept.
		if len(f) == 2 && f[0] == "-" {
			if _, ok := lookupFold(nlmSeasons, f[1]); ok {
				return d, nil
			}
		}
		return bad()
	}
	m, ok := nlmMonth(f[0])
	if !ok {
		return bad()
	}
	d.Month = m
	f = f[1:]
	if len(f) > 0 && f[0] != "-" {
		day, err := strconv.Atoi(f[0])
		if err != nil || len(f[0]) > 2 {
			return bad()
		}
		d.Day = day
		f = f[1:]
	}
	if len(f) > 0 {
		// a range: "- Apr", "- 15", "- 2002 Jan", "- Apr 3"
		if f[0] != "-" || len(f) < 2 {
			return bad()
		}
		f = f[1:]
		d.EndYear = d.Year
		if len(f[0]) == 4 && isDigits(f[0]) {
			d.EndYear, _ = strconv.Atoi(f[0])
			f = f[1:]
			if len(f) == 0 {
				return bad()
			}
		}
		if em, ok := nlmMonth(f[0]); ok {
			d.EndMonth = em
			f = f[1:]
			if len(f) > 0 {
				ed, err := strconv.Atoi(f[0])
				if err != nil || len(f[0]) > 2 {
					return bad()
				}
				d.EndDay = ed
				f = f[1:]
			}
		} else if d.Day != 0 && isDigits(f[0]) && len(f[0]) <= 2 {
			d.EndMonth = d.Month
			d.EndDay, _ = strconv.Atoi(f[0])
			f = f[1:]
		} else {
			return bad()
		}
		if len(f) != 0 {
			return bad()
		}
		// precision of the end follows the start
		if (d.Day == 0) != (d.EndDay == 0) {
			return bad()
		}
	}
	if len(f) != 0 {
		return bad()
	}
	if err := checkDay(d.Year, d.Month, d.Day); err != nil {
		return Date{}, fmt.Errorf("NLM date %q: %w", s, err)
	}
	if d.EndYear != 0 {
		if err := checkDay(d.EndYear, d.EndMonth, d.EndDay); err != nil {
			return Date{}, fmt.Errorf("NLM date %q: %w", s, err)
		}
	}
	return d, nil
}

// nlmDateFields appends to f the fields of s with each hyphen a field of
// its own: strings.Fields(strings.ReplaceAll(s, "-", " - ")).
func nlmDateFields(s string, f []string) []string {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		var space bool
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if space || c == '-' {
			if start >= 0 {
				f = append(f, s[start:i])
				start = -1
			}
			if c == '-' {
				f = append(f, "-")
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		f = append(f, s[start:])
	}
	return f
}

// nlmMonthNames are the full month names, lower case.
var nlmMonthNames = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

func nlmMonth(w string) (int, bool) {
	w = strings.TrimSuffix(w, ".")
	// lower-case ASCII on the stack; other text as strings.ToLower has it
	// (it may lower a non-ASCII letter to an ASCII one: İ to i)
	var buf [len("september")]byte
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	switch {
	case !ascii:
		w = strings.ToLower(w)
	case len(w) > len(buf):
		return 0, false // longer than any month name
	default:
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		w = string(buf[:len(w)]) // on the stack: it does not escape
	}
	if len(w) < 3 {
		return 0, false
	}
	m, ok := nlmMonths[w[:3]]
	if !ok {
		return 0, false
	}
	if len(w) > 3 {
		if w != nlmMonthNames[m-1] && !(m == 9 && w == "sept") {
			return 0, false
		}
	}
	return m, true
}

// checkDay reports an error wrapping ErrInvalidValue when day is not a day
// of month m of year y. Zero day (or month) means none.
func checkDay(y, m, day int) error {
	if m == 0 {
		return nil
	}
	if m < 1 || m > 12 {
		return fmt.Errorf("month %d: %w", m, ErrInvalidValue)
	}
	if day == 0 {
		return nil
	}
	n := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		n = 29
	}
	if day < 1 || day > n {
		return fmt.Errorf("day %d of month %d: %w", day, m, ErrInvalidValue)
	}
	return nil
}

// ExpandPageRange expands the page ranges that NLM abbreviates by eliding
// the leading digits of the last page that equal the first page's: "812-24"
// becomes "812-824", "6913-7" "6913-6917". Ranges may be separated by
// commas ("12-5, 30-2"); an en dash is read as a hyphen. Ranges of letter-prefixed
// pages ("S93-9"), electronic locations ("e1353252025"), roman numerals
// ("iii-v") and complete ranges ("95-103") are returned as given.
func ExpandPageRange(s string) string {
	s = strings.TrimSpace(s)
	// strings.ContainsAny(s, "-\u2013"); the bytes of an en dash are one
	// wherever they stand, as E2 cannot continue a rune
	if s == "" || strings.IndexByte(s, '-') < 0 && !strings.Contains(s, "\u2013") {
		return s
	}
	if strings.IndexByte(s, ',') < 0 {
		// one range: the one part of the split below
		if e, ok := expandOne(s); ok {
			return e
		}
		return s
	}
	parts := strings.Split(s, ",")
	changed := false
	for i, p := range parts {
		if e, ok := expandOne(p); ok {
			parts[i] = e
			changed = true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(parts, ",")
}

// expandOne expands one elided range, keeping p's surrounding spaces.
func expandOne(p string) (string, bool) {
	lead := len(p) - len(strings.TrimLeft(p, " "))
	t := strings.TrimSpace(p)
	t = strings.Replace(t, "\u2013", "-", 1)
	i := strings.IndexByte(t, '-')
	if i < 0 {
		return "", false
	}
	a, b := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:])
	if !isDigits(a) || !isDigits(b) || len(b) >= len(a) {
		return "", false
	}
	return p[:lead] + a + "-" + a[:len(a)-len(b)] + b, true
}
