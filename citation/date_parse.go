package citation

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// MaxDateLength is the longest text, in bytes, that [ParseDate] reads;
// longer texts fail with an error wrapping [ErrTooLarge].
const MaxDateLength = 256

// A DateOrder says in which order a numeric date such as 11-12-2025 gives
// its day and month. The zero value, [OrderUnspecified], lets [ParseDate]
// read a numeric date only when a single order gives a valid date.
type DateOrder int

// The date orders.
const (
	OrderUnspecified DateOrder = iota // decide from the values, or fail
	OrderMDY                          // month, day, year: US pages, 11/12/2025 is November 12
	OrderDMY                          // day, month, year: most of the world, 11/12/2025 is 11 December
	OrderYMD                          // year, month, day
)

// DateOrderFromFormat returns the order of day and month in a date format
// pattern such as a web page or CMS declares it: "MM/DD/YYYY" and "MMM DD,
// YYYY" give [OrderMDY], "DD.MM.YYYY" and "d MMMM yyyy" give [OrderDMY],
// "YYYY-MM-DD" gives [OrderYMD]; strftime patterns ("%m/%d/%Y", "%d %b %Y")
// are read too. It returns [OrderUnspecified] when the pattern has no day or
// no month, or is not recognized.
func DateOrderFromFormat(format string) DateOrder {
	day, month, year := -1, -1, -1
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '%' && i+1 < len(format) {
			i++
			c = format[i]
			switch c {
			case 'd', 'e':
				c = 'D'
			case 'm', 'b', 'B', 'h':
				c = 'M'
			case 'Y', 'y':
				c = 'Y'
			default:
				continue
			}
		}
		switch c {
		case 'D', 'd':
			if day < 0 {
				day = i
			}
		case 'M':
			if month < 0 {
				month = i
			}
		case 'Y', 'y':
			if year < 0 {
				year = i
			}
		}
	}
	switch {
	case day < 0 || month < 0:
		return OrderUnspecified
	case year >= 0 && year < month && month < day:
		return OrderYMD
	case month < day:
		return OrderMDY
	}
	return OrderDMY
}

// A DateError reports a date that cannot be parsed or does not exist. Err
// is [ErrSyntax] for text of no known form (or an ambiguous numeric date),
// [ErrInvalidValue] for a date that does not exist (February 30, month 13)
// and [ErrTooLarge] for a text over [MaxDateLength].
type DateError struct {
	Input  string // the text given to the parser, or "" from [Date.Valid]
	Reason string
	Err    error
}

// Error returns a message such as
//
//	citation: date "11-12-2025": ambiguous day/month order
func (e *DateError) Error() string {
	if e.Input == "" {
		return "citation: date: " + e.Reason
	}
	in := e.Input
	if len(in) > 64 {
		in = in[:60] + "..."
	}
	return "citation: date " + strconv.Quote(in) + ": " + e.Reason
}

// Unwrap returns the sentinel error.
func (e *DateError) Unwrap() error { return e.Err }

func dateError(in, reason string, err error) error {
	return &DateError{Input: in, Reason: reason, Err: err}
}

// ParseDate parses a date as bibliographic records write it. It is
// [ParseDateOrder] with [OrderUnspecified].
func ParseDate(s string) (Date, error) { return ParseDateOrder(s, OrderUnspecified) }

// ParseDateOrder parses a date as bibliographic records write it, reading a
// numeric date with day and month (11-12-2025, 11/12/2025, 11.12.2025) in
// the given order. The text is first normalized with [NormalizeText]; an
// empty text (or RIS's empty "///") gives the zero Date and no error. The forms read are:
//
//	ISO 8601 and EDTF   2025, 2025-11, 2025-11-12, 2025-11-12T10:30:00Z (time ignored), 20251112,
//	                    2019-21 (EDTF season: 21 spring, 22 summer, 23 autumn, 24 winter)
//	EDTF ranges         2018-09-03/2018-09-05, 2018/2019, 2018/.. and ../2018 (open: see below)
//	EDTF qualifiers     1850~, 1850?, 1850% (all read as Circa)
//	RIS                 2019/05/12/other, 2019/05/12, 2019/05//, 2019///, 2019/05, 2015/october (other: a season is read, other text ignored)
//	MEDLINE             1993/10/08 00:00 (time ignored), 2013 06 10, 2010 06
//	month names         Nov 12, 2025; November 12th, 2025; 12 November 2025; 2025 Nov 12; March 2019; Mar. 2019
//	MEDLINE             2025 Nov-Dec, 2025 Nov 12-15, 2019 Dec-2020 Jan, Nov 30-Dec 2, 2025
//	seasons             Spring 2019, 2019 Spring, Fall 2020 (Fall is autumn)
//	year ranges         2018-2019, 2018–2019
//	circa               c. 1850, ca. 1850, ca 1850, circa 1850, approx. 1850, [1850?]
//	numeric             11-12-2025, 11/12/2025 and 11.12.2025 by order; 2025.11.12; 12/2025
//	web pages           Wed, 12 Nov 2025 10:30:00 GMT (weekday, time and zone ignored)
//	library catalogs    c1999, ©1999 (a copyright year: not circa), 1850s (a decade: see below)
//
// Month and season names are English, full or abbreviated (Sept too), in
// any case, with or without a period. Any dash (-, –, —) separates a range,
// and so does a slash between names (Nov/Dec 2019).
//
// A numeric date with the year last is ambiguous: with [OrderUnspecified]
// it is read only when one order alone gives a valid date (25/12/2025,
// 05/05/2025); otherwise it fails with an error wrapping [ErrSyntax] that
// says "ambiguous day/month order". ParseDateOrder never guesses. Two-digit
// years are an error.
//
// Some texts have no exact [Date] form: an open range (2018/..), a range of
// seasons (Spring-Summer 2019, Spring/Summer 2019), a season over two years
// (Winter 2018-2019) or a decade (1850s).
// For these ParseDate returns the start it knows in the date fields and the
// text in Literal, so that the date prints as given and sorts by its start.
//
// A date that does not exist (2025-02-30, month 13, day 0, a range that ends
// before it starts) fails with an error wrapping [ErrInvalidValue]; text of no
// known form fails with [ErrSyntax]. Errors are [*DateError] values. See
// [ParseDateLiteral] to keep unparseable text instead.
func ParseDateOrder(s string, order DateOrder) (Date, error) {
	in := s
	if len(s) > MaxDateLength {
		return Date{}, dateError(in, "longer than the limit", ErrTooLarge)
	}
	s = NormalizeText(s)
	if strings.Trim(s, "/") == "" { // "", or RIS's empty "///"
		return Date{}, nil
	}
	norm := s
	s, circa := cutCirca(s)
	if s == "" {
		return Date{}, dateError(in, "no date", ErrSyntax)
	}
	// A time after the date: "1993/10/08 00:00" (MEDLINE history dates).
	if i := strings.LastIndexByte(s, ' '); i > 0 && isClockTime(s[i+1:]) && strings.IndexByte(s[:i], ':') < 0 {
		s = strings.TrimSpace(s[:i])
	}
	// A copyright year, as library catalogs write it: "c1999", "©1999".
	for _, p := range [...]string{"©", "c", "(c)", "(C)"} {
		if r, ok := strings.CutPrefix(s, p); ok && len(r) == 4 && allDigits(r) {
			s = r
			break
		}
	}
	// A decade, "1850s", has no exact Date form: the Literal rule.
	if len(s) == 5 && s[4] == 's' && allDigits(s[:4]) && s[3] == '0' {
		y, _ := strconv.Atoi(s[:4])
		return Date{Year: y, Circa: circa, Literal: norm}, nil
	}
	var d Date
	var err error
	var ok bool
	if d, ok, err = parseEDTF(in, s); !ok {
		if d, ok, err = parseRIS(in, s); !ok {
			if d, ok, err = parseNumericDate(in, s, order); !ok {
				d, err = parseWordDate(in, s)
			}
		}
	}
	if err != nil {
		return Date{}, err
	}
	d.Circa = d.Circa || circa
	if d.Literal != "" {
		d.Literal = norm // with its circa marker
	}
	if d.Year == 0 && d.Literal == "" {
		return Date{}, dateError(in, "year 0", ErrInvalidValue)
	}
	if err := d.Valid(); err != nil {
		e := err.(*DateError)
		e.Input = in
		return Date{}, e
	}
	return d, nil
}

// ParseDateLiteral parses s as [ParseDate] does and, when it fails, returns
// a Date holding the normalized text as Literal, so that a date is never
// lost: decoders use it for date fields. The zero Date is returned for an
// empty text.
func ParseDateLiteral(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		return Date{Literal: NormalizeText(s)}
	}
	return d
}

// cutCirca removes the markers of an approximate date.
func cutCirca(s string) (string, bool) {
	circa := false
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	for _, p := range [...]string{"circa ", "ca. ", "ca.", "ca ", "c. ", "c.", "c ", "approx. ", "approx ", "approximately ", "about "} {
		if r, ok := cutPrefixFold(s, p); ok {
			r = strings.TrimSpace(r)
			if r != "" && (r[0] >= '0' && r[0] <= '9' || unicode.IsLetter(rune(r[0]))) {
				s, circa = r, true
				break
			}
		}
	}
	for len(s) > 0 {
		switch s[len(s)-1] {
		case '?', '~', '%':
			s, circa = strings.TrimSpace(s[:len(s)-1]), true
			continue
		}
		break
	}
	return s, circa
}

// parseEDTF parses ISO 8601 and EDTF dates and ranges. It reports whether s
// has that form.
func parseEDTF(in, s string) (Date, bool, error) {
	if i := strings.IndexByte(s, '/'); i >= 0 {
		a, b := s[:i], s[i+1:]
		openStart := a == "" || a == ".."
		openEnd := b == "" || b == ".."
		if openStart && openEnd {
			return Date{}, false, nil
		}
		var start, end Date
		var okA, okB bool
		var circaA, circaB bool
		if !openStart {
			a, circaA = cutCirca(a)
			start, okA = isoDate(a)
			if !okA {
				return Date{}, false, nil
			}
		}
		if !openEnd {
			b, circaB = cutCirca(b)
			end, okB = isoDate(b)
			if !okB {
				return Date{}, false, nil
			}
		}
		if openStart || openEnd {
			if openEnd && b == "" && start.Month == 0 && start.Season == 0 {
				// "2019/" is RIS, a year with empty month.
				return Date{}, false, nil
			}
			d := start
			if openStart {
				d = end
			}
			d.Circa = circaA || circaB
			d.Literal = s
			return d, true, nil
		}
		if start.Season != 0 || end.Season != 0 {
			start.Literal = s
			start.Circa = circaA || circaB
			return start, true, nil
		}
		if (start.Month == 0) != (end.Month == 0) || (start.Day == 0) != (end.Day == 0) {
			return Date{}, true, dateError(in, "range ends have different precision", ErrSyntax)
		}
		start.EndYear, start.EndMonth, start.EndDay = end.Year, end.Month, end.Day
		start.Circa = circaA || circaB
		return start, true, nil
	}
	d, ok := isoDate(s)
	return d, ok, nil
}

// badField stands for a month or day written as 00, which [Date.Valid]
// rejects.
const badField = -1

// isoDate parses [-]YYYY, YYYY-MM, YYYY-MM-DD (with a time part that is
// ignored), YYYYMMDD and EDTF seasons YYYY-21..24. Values are not checked.
func isoDate(s string) (Date, bool) {
	neg := false
	if len(s) > 4 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if len(s) < 4 || !allDigits(s[:4]) {
		return Date{}, false
	}
	var d Date
	d.Year, _ = strconv.Atoi(s[:4])
	if neg {
		d.Year = -d.Year
	}
	rest := s[4:]
	if rest == "" {
		return d, true
	}
	if len(rest) == 4 && allDigits(rest) && !neg { // YYYYMMDD
		d.Month = atoi2(rest[:2])
		d.Day = atoi2(rest[2:])
		if d.Month == 0 {
			d.Month = badField
		}
		if d.Day == 0 {
			d.Day = badField
		}
		return d, true
	}
	if rest[0] != '-' || len(rest) < 3 || !allDigits(rest[1:3]) {
		return Date{}, false
	}
	m := atoi2(rest[1:3])
	if m == 0 {
		m = badField
	}
	rest = rest[3:]
	if m >= 21 && m <= 24 && rest == "" {
		d.Season = Season(m - 20)
		return d, true
	}
	d.Month = m
	if rest == "" {
		return d, true
	}
	if rest[0] != '-' || len(rest) < 3 || !allDigits(rest[1:3]) {
		return Date{}, false
	}
	d.Day = atoi2(rest[1:3])
	if d.Day == 0 {
		d.Day = badField
	}
	rest = rest[3:]
	if rest == "" {
		return d, true
	}
	// A time part: "T10:30:00Z", " 10:30", "T10:30:00+01:00".
	if (rest[0] == 'T' || rest[0] == 't' || rest[0] == ' ') && len(rest) >= 3 && rest[1] >= '0' && rest[1] <= '9' {
		for i := 1; i < len(rest); i++ {
			c := rest[i]
			if !(c >= '0' && c <= '9' || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z' || c == 'z' || c == ' ') {
				return Date{}, false
			}
		}
		return d, true
	}
	return Date{}, false
}

// parseRIS parses RIS dates: YYYY/MM/DD/other with any part after the year
// empty. It reports whether s has that form.
func parseRIS(in, s string) (Date, bool, error) {
	if len(s) < 5 || !allDigits(s[:4]) || s[4] != '/' {
		return Date{}, false, nil
	}
	parts := strings.SplitN(s[5:], "/", 3)
	var d Date
	d.Year, _ = strconv.Atoi(s[:4])
	num := func(p string) (int, bool) {
		p = strings.TrimSpace(p)
		if p == "" {
			return 0, true
		}
		if m, ok := monthNames()[strings.ToLower(strings.TrimSuffix(p, "."))]; ok {
			return m, true // 2015/october
		}
		if len(p) > 2 || !allDigits(p) {
			return 0, false
		}
		v, _ := strconv.Atoi(p)
		return v, true
	}
	var ok bool
	if d.Month, ok = num(parts[0]); !ok {
		return Date{}, false, nil
	}
	if len(parts) > 1 {
		if d.Day, ok = num(parts[1]); !ok {
			return Date{}, false, nil
		}
	}
	if len(parts) > 2 {
		if other := strings.TrimSpace(parts[2]); other != "" && d.Month == 0 {
			if se, ok := seasonNames()[strings.ToLower(other)]; ok {
				d.Season = se
			}
		}
	}
	if d.Day != 0 && d.Month == 0 {
		return Date{}, true, dateError(in, "day without month", ErrInvalidValue)
	}
	return d, true, nil
}

// parseNumericDate parses day, month and year written as numbers with one
// separator (-, / or .). It reports whether s has that form.
func parseNumericDate(in, s string, order DateOrder) (Date, bool, error) {
	sep := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			continue
		}
		if c != '-' && c != '/' && c != '.' {
			return Date{}, false, nil
		}
		if sep != 0 && c != sep {
			return Date{}, false, nil
		}
		sep = c
	}
	if sep == 0 {
		return Date{}, false, nil
	}
	f := strings.Split(s, string(sep))
	for _, p := range f {
		if p == "" || len(p) > 4 {
			return Date{}, false, nil
		}
	}
	n := make([]int, len(f))
	for i, p := range f {
		n[i], _ = strconv.Atoi(p)
	}
	switch len(f) {
	case 2: // MM/YYYY
		if len(f[1]) == 4 && len(f[0]) <= 2 {
			return Date{Year: n[1], Month: n[0]}, true, nil
		}
		if len(f[0]) == 4 && len(f[1]) <= 2 && sep == '.' {
			return Date{Year: n[0], Month: n[1]}, true, nil
		}
		return Date{}, false, nil
	case 3:
	default:
		return Date{}, false, nil
	}
	if len(f[0]) == 4 && len(f[1]) <= 2 && len(f[2]) <= 2 {
		if order != OrderUnspecified && order != OrderYMD {
			return Date{}, true, dateError(in, "year first, but the order given is not year-month-day", ErrSyntax)
		}
		return Date{Year: n[0], Month: n[1], Day: n[2]}, true, nil
	}
	if len(f[2]) != 4 || len(f[0]) > 2 || len(f[1]) > 2 {
		if len(f[2]) <= 2 && len(f[0]) <= 2 {
			return Date{}, true, dateError(in, "two-digit year", ErrSyntax)
		}
		return Date{}, false, nil
	}
	mdy := Date{Year: n[2], Month: n[0], Day: n[1]}
	dmy := Date{Year: n[2], Month: n[1], Day: n[0]}
	switch order {
	case OrderMDY:
		return mdy, true, nil
	case OrderDMY:
		return dmy, true, nil
	case OrderYMD:
		return Date{}, true, dateError(in, "year last, but the order given is year-month-day", ErrSyntax)
	}
	if n[0] == n[1] {
		return mdy, true, nil
	}
	okMDY, okDMY := mdy.Valid() == nil, dmy.Valid() == nil
	switch {
	case okMDY && !okDMY:
		return mdy, true, nil
	case okDMY && !okMDY:
		return dmy, true, nil
	case !okMDY && !okDMY:
		return Date{}, true, dateError(in, "no valid day/month order", ErrInvalidValue)
	}
	return Date{}, true, dateError(in, "ambiguous day/month order", ErrSyntax)
}

// A dateSide is one end of a date written with words.
type dateSide struct {
	year, month, day int
	season           Season
	nums             int
}

// parseWordDate parses dates written with month or season names, and year
// ranges.
func parseWordDate(in, s string) (Date, error) {
	var sides [2]dateSide
	cur := 0
	hasDash := false
	tokens := dateTokens(s)
	dashes := 0
	for _, t := range tokens {
		if t == "-" {
			dashes++
		}
	}
	if dashes == 2 {
		// 12-Nov-2025: dashes as separators, not a range.
		kept := tokens[:0:0]
		for _, t := range tokens {
			if t != "-" {
				kept = append(kept, t)
			}
		}
		tokens = kept
	}
	if d, ok := spacedNumericDate(tokens); ok {
		return d, nil
	}
	for i, t := range tokens {
		switch {
		case isClockTime(t):
			continue
		case t == "-":
			if cur == 1 || i == 0 || i == len(tokens)-1 {
				return Date{}, dateError(in, "unexpected dash", ErrSyntax)
			}
			cur, hasDash = 1, true
		case t[0] >= '0' && t[0] <= '9':
			digits := strings.TrimRight(t, "abcdefghijklmnopqrstuvwxyz")
			if !allDigits(digits) {
				return Date{}, dateError(in, "unexpected "+strconv.Quote(t), ErrSyntax)
			}
			if digits != t && !isOrdinal(t) {
				return Date{}, dateError(in, "unexpected "+strconv.Quote(t), ErrSyntax)
			}
			v, _ := strconv.Atoi(digits)
			sd := &sides[cur]
			switch {
			case len(digits) == 4 && digits == t:
				if sd.year != 0 {
					return Date{}, dateError(in, "two years", ErrSyntax)
				}
				sd.year = v
			case len(digits) <= 2:
				if sd.day != 0 {
					return Date{}, dateError(in, "ambiguous numbers", ErrSyntax)
				}
				sd.day = v
				if v == 0 {
					return Date{}, dateError(in, "day 0", ErrInvalidValue)
				}
			default:
				return Date{}, dateError(in, "unexpected number "+t, ErrSyntax)
			}
			sd.nums++
		default:
			w := strings.ToLower(strings.TrimSuffix(t, "."))
			if m, ok := monthNames()[w]; ok {
				if sides[cur].month != 0 || sides[cur].season != 0 {
					return Date{}, dateError(in, "two months", ErrSyntax)
				}
				sides[cur].month = m
				continue
			}
			if se, ok := seasonNames()[w]; ok {
				if sides[cur].month != 0 || sides[cur].season != 0 {
					return Date{}, dateError(in, "two months", ErrSyntax)
				}
				sides[cur].season = se
				continue
			}
			if ignoredDateWords()[w] || isClockTime(t) {
				continue
			}
			return Date{}, dateError(in, "unknown word "+strconv.Quote(t), ErrSyntax)
		}
	}
	a, b := sides[0], sides[1]
	if !hasDash {
		return a.date(in)
	}
	// Inherit what one end leaves out from the other.
	if a.year == 0 {
		a.year = b.year
	}
	if b.year == 0 {
		b.year = a.year
	}
	if a.day != 0 && a.month == 0 && a.season == 0 {
		a.month = b.month
	}
	if b.day != 0 && b.month == 0 && b.season == 0 {
		b.month = a.month
	}
	if a.season != 0 || b.season != 0 {
		// Spring-Summer 2019, Winter 2018-2019: no exact Date form.
		d, err := a.date(in)
		if err != nil {
			return Date{}, err
		}
		if _, err := b.date(in); err != nil {
			return Date{}, err
		}
		d.Literal = s
		return d, nil
	}
	start, err := a.date(in)
	if err != nil {
		return Date{}, err
	}
	end, err := b.date(in)
	if err != nil {
		return Date{}, err
	}
	if (start.Month == 0) != (end.Month == 0) || (start.Day == 0) != (end.Day == 0) {
		return Date{}, dateError(in, "range ends have different precision", ErrSyntax)
	}
	start.EndYear, start.EndMonth, start.EndDay = end.Year, end.Month, end.Day
	return start, nil
}

// spacedNumericDate reads "YYYY MM" and "YYYY MM DD" (MEDLINE's "2013 06
// 10"): numbers only, the year first.
func spacedNumericDate(tokens []string) (Date, bool) {
	if len(tokens) < 2 || len(tokens) > 3 || len(tokens[0]) != 4 || !allDigits(tokens[0]) {
		return Date{}, false
	}
	var v [3]int
	for i, t := range tokens {
		if i > 0 && (len(t) > 2 || !allDigits(t)) {
			return Date{}, false
		}
		v[i], _ = strconv.Atoi(t)
	}
	if v[1] == 0 || len(tokens) == 3 && v[2] == 0 {
		return Date{}, false
	}
	return Date{Year: v[0], Month: v[1], Day: v[2]}, true
}

func (sd dateSide) date(in string) (Date, error) {
	switch {
	case sd.year == 0:
		return Date{}, dateError(in, "no year", ErrSyntax)
	case sd.day != 0 && sd.month == 0:
		if sd.season != 0 {
			return Date{}, dateError(in, "day with a season", ErrSyntax)
		}
		return Date{}, dateError(in, "day without month", ErrSyntax)
	}
	return Date{Year: sd.year, Month: sd.month, Day: sd.day, Season: sd.season}, nil
}

// dateTokens splits a worded date into words, numbers and "-" for a range
// dash, dropping commas, spaces and periods between numbers.
func dateTokens(s string) []string {
	var out []string
	start := -1
	flush := func(i int) {
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case r == '-' || r == '–' || r == '—' || r == '‐' || r == '‑' || r == '/':
			// A hyphen inside a clock time or zone stays in its token.
			if start >= 0 && isClockTime(s[start:i]) {
				continue
			}
			// A zone offset after a time: "10:30:00 -0500".
			if start < 0 && i > 0 && s[i-1] == ' ' && len(out) > 0 && isClockTime(out[len(out)-1]) {
				start = i
				continue
			}
			flush(i)
			out = append(out, "-")
		case r == ',' || r == ' ' || r == ';':
			flush(i)
		case r == '.':
			if start >= 0 && !allDigits(s[start:i]) {
				// keep the period of "Nov." in the word; it is trimmed later
				continue
			}
			flush(i)
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(s))
	return out
}

func isOrdinal(t string) bool {
	for _, suf := range [...]string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(t, suf) && allDigits(t[:len(t)-2]) && len(t) <= 4 {
			return true
		}
	}
	return false
}

// isClockTime reports whether t is a time of day such as 10:30:00 or a zone
// offset such as +0100.
func isClockTime(t string) bool {
	if t == "" {
		return false
	}
	if (t[0] == '+' || t[0] == '-') && len(t) == 5 && allDigits(t[1:]) {
		return true
	}
	return strings.Contains(t, ":") && strings.Trim(t, "0123456789:.+-") == ""
}

var monthNames = sync.OnceValue(func() map[string]int {
	m := make(map[string]int)
	for i, name := range [...]string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"} {
		m[name] = i + 1
		m[name[:3]] = i + 1
	}
	m["sept"] = 9
	return m
})

var seasonNames = sync.OnceValue(func() map[string]Season {
	return map[string]Season{"spring": Spring, "summer": Summer, "autumn": Autumn, "fall": Autumn, "winter": Winter}
})

var ignoredDateWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{"of": true, "the": true, "gmt": true, "utc": true, "z": true}
	for _, d := range [...]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		m[d] = true
		m[d[:3]] = true
	}
	m["tues"], m["thur"], m["thurs"] = true, true, true
	return m
})

// daysIn returns the number of days of month m in year y (proleptic
// Gregorian calendar).
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Valid reports whether d is a date that can exist: a month needs a year and
// is 1-12, a day needs a month and exists in it (February 29 only in leap
// years), a season is 1-4 and excludes a month, an end needs a start, has its
// precision and does not come before it. A Literal alone is valid. Errors
// are [*DateError] values wrapping [ErrInvalidValue].
func (d Date) Valid() error {
	if err := validYMD(d.Year, d.Month, d.Day); err != "" {
		return &DateError{Reason: err, Err: ErrInvalidValue}
	}
	if d.Season < 0 || d.Season > Winter {
		return &DateError{Reason: "season " + strconv.Itoa(int(d.Season)) + " out of range", Err: ErrInvalidValue}
	}
	if d.Season != 0 && (d.Month != 0 || d.Year == 0) {
		return &DateError{Reason: "season with a month or without a year", Err: ErrInvalidValue}
	}
	if d.EndYear == 0 {
		if d.EndMonth != 0 || d.EndDay != 0 {
			return &DateError{Reason: "range end without a year", Err: ErrInvalidValue}
		}
		return nil
	}
	if d.Year == 0 {
		return &DateError{Reason: "range without a start", Err: ErrInvalidValue}
	}
	if err := validYMD(d.EndYear, d.EndMonth, d.EndDay); err != "" {
		return &DateError{Reason: "range end: " + err, Err: ErrInvalidValue}
	}
	if (d.Month == 0) != (d.EndMonth == 0) || (d.Day == 0) != (d.EndDay == 0) {
		return &DateError{Reason: "range ends have different precision", Err: ErrInvalidValue}
	}
	if d.EndYear < d.Year || d.EndYear == d.Year && (d.EndMonth < d.Month || d.EndMonth == d.Month && d.EndDay < d.Day) {
		return &DateError{Reason: "range ends before it starts", Err: ErrInvalidValue}
	}
	return nil
}

func validYMD(y, m, dd int) string {
	switch {
	case m != 0 && y == 0:
		return "month without a year"
	case dd != 0 && m == 0:
		return "day without a month"
	case m == badField:
		return "month 00"
	case dd == badField:
		return "day 00"
	case m < 0 || m > 12:
		return "month " + strconv.Itoa(m) + " out of range"
	case dd < 0 || m != 0 && dd > daysIn(y, m):
		return "day " + strconv.Itoa(dd) + " out of range for month " + strconv.Itoa(m)
	}
	return ""
}

// String returns d in EDTF (ISO 8601-2) form: "2025", "2025-11",
// "2025-11-12", "2019-21" for spring 2019, "2018-09-03/2018-09-05" for a
// range, "1850~" when approximate; the Literal when there is one; "" for the
// zero Date. [ParseDate] reads the result back to d.
func (d Date) String() string {
	if d.Literal != "" {
		return d.Literal
	}
	if d.Year == 0 {
		return ""
	}
	b := make([]byte, 0, 24)
	b = appendEDTF(b, d.Year, d.Month, d.Day, d.Season, d.Circa)
	if d.EndYear != 0 {
		b = append(b, '/')
		b = appendEDTF(b, d.EndYear, d.EndMonth, d.EndDay, 0, d.Circa)
	}
	return string(b)
}

func appendEDTF(b []byte, y, m, d int, season Season, circa bool) []byte {
	if y < 0 {
		b = append(b, '-')
		y = -y
	}
	for _, p := range [...]int{1000, 100, 10} {
		if y < p {
			b = append(b, '0')
		}
	}
	b = strconv.AppendInt(b, int64(y), 10)
	two := func(v int) {
		b = append(b, '-', byte('0'+v/10), byte('0'+v%10))
	}
	switch {
	case season != 0:
		two(20 + int(season))
	case m != 0:
		two(m)
		if d != 0 {
			two(d)
		}
	}
	if circa {
		b = append(b, '~')
	}
	return b
}
