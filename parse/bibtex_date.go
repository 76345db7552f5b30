package parse

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
)

var monthNames = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

var seasonNames = map[string]citation.Season{
	"spring": citation.Spring, "summer": citation.Summer, "autumn": citation.Autumn,
	"fall": citation.Autumn, "winter": citation.Winter,
}

// monthNumber recognizes an English month name or abbreviation of at least
// three letters ("sept", "Sep.").
func monthNumber(tok string) int {
	var buf [16]byte
	if l, ok := asciiLower(buf[:0], tok); ok {
		// strings.ToLower without its allocation.
		lt := strings.TrimSuffix(string(l), ".")
		if len(lt) < 3 {
			return 0
		}
		for i, m := range monthNames {
			if strings.HasPrefix(m, lt) {
				return i + 1
			}
		}
		return 0
	}
	tok = strings.TrimSuffix(strings.ToLower(tok), ".")
	if len(tok) < 3 {
		return 0
	}
	for i, m := range monthNames {
		if strings.HasPrefix(m, tok) {
			return i + 1
		}
	}
	return 0
}

// asciiLower appends s in lower case to dst when s is ASCII and fits in
// dst's capacity; ok is false otherwise.
func asciiLower(dst []byte, s string) (l []byte, ok bool) {
	if len(s) > cap(dst)-len(dst) {
		return dst, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return dst, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// bibSeason recognizes a season name.
func bibSeason(tok string) (citation.Season, bool) {
	var buf [16]byte
	if l, ok := asciiLower(buf[:0], tok); ok {
		se, ok := seasonNames[string(l)]
		return se, ok
	}
	se, ok := seasonNames[strings.ToLower(tok)]
	return se, ok
}

// bibAtoi is strconv.Atoi for a short run of ASCII digits, without the
// allocation of Atoi's error for a word.
func bibAtoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// parseBibMonth reads a BibTeX month value (a macro's expansion, a number,
// "1 January", "July 4", "July–August", "Spring").
func parseBibMonth(s string) (month, endMonth, day int, season citation.Season, ok bool) {
	// The tokens between separators (strings.FieldsFunc, without its
	// allocation): at most three.
	var toks [3]string
	ntoks := 0
	start := -1
	for i, r := range s {
		if r == ' ' || r == '-' || r == '–' || r == '/' || r == ',' || r == '\u00A0' {
			if start >= 0 {
				if ntoks == len(toks) {
					return 0, 0, 0, 0, false
				}
				toks[ntoks] = s[start:i]
				ntoks++
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		if ntoks == len(toks) {
			return 0, 0, 0, 0, false
		}
		toks[ntoks] = s[start:]
		ntoks++
	}
	if ntoks == 0 {
		return 0, 0, 0, 0, false
	}
	var numArr [3]int
	nums := numArr[:0]
	ordinal := false
	for _, t := range toks[:ntoks] {
		if n, ok := bibAtoi(strings.TrimSuffix(t, ".")); ok {
			nums = append(nums, n)
			continue
		}
		if n, ok := bibOrdinal(t); ok {
			// "July 30th": a day.
			nums = append(nums, n)
			ordinal = true
			continue
		}
		if m := monthNumber(t); m > 0 {
			if month == 0 {
				month = m
			} else if endMonth == 0 {
				endMonth = m
			} else {
				return 0, 0, 0, 0, false
			}
			continue
		}
		if se, isSeason := bibSeason(t); isSeason && season == 0 {
			season = se
			continue
		}
		return 0, 0, 0, 0, false
	}
	switch {
	case season != 0:
		if month != 0 || len(nums) > 0 {
			return 0, 0, 0, 0, false
		}
		return 0, 0, 0, season, true
	case month == 0 && len(nums) == 1 && nums[0] >= 1 && nums[0] <= 12 && !ordinal:
		return nums[0], 0, 0, 0, true
	case month != 0 && len(nums) == 0:
		return month, endMonth, 0, 0, true
	case month != 0 && endMonth == 0 && len(nums) == 1 && nums[0] >= 1 && nums[0] <= 31:
		return month, 0, nums[0], 0, true
	}
	return 0, 0, 0, 0, false
}

// bibOrdinal reads an English ordinal number written with digits: "1st",
// "2nd", "3rd", "30th".
func bibOrdinal(t string) (int, bool) {
	if len(t) < 3 {
		return 0, false
	}
	n, ok := bibAtoi(t[:len(t)-2])
	if !ok {
		return 0, false
	}
	want := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			want = "st"
		case 2:
			want = "nd"
		case 3:
			want = "rd"
		}
	}
	return n, strings.EqualFold(t[len(t)-2:], want)
}

// parseEDTF reads a BibLaTeX date: ISO 8601-2 (EDTF) levels 0 and 1, a
// range "start/end", "~", "?" and "%" qualifiers (approximate and uncertain,
// both taken as Circa) and seasons 21-24. Open ranges are not structured.
func parseEDTF(s string) (citation.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return citation.Date{}, false
	}
	if start, end, isRange := strings.Cut(s, "/"); isRange {
		a, ok1 := parseEDTFDate(start)
		b, ok2 := parseEDTFDate(end)
		if !ok1 || !ok2 {
			return citation.Date{}, false
		}
		d := a
		d.EndYear, d.EndMonth, d.EndDay = b.Year, b.Month, b.Day
		if b.Season != 0 && a.Season == 0 || b.Circa && !a.Circa {
			return citation.Date{}, false
		}
		// The end has the start's precision.
		if (a.Month == 0) != (b.Month == 0) || (a.Day == 0) != (b.Day == 0) {
			return citation.Date{}, false
		}
		return d, true
	}
	return parseEDTFDate(s)
}

func parseEDTFDate(s string) (citation.Date, bool) {
	var d citation.Date
	s = strings.TrimSpace(s)
	for len(s) > 0 && strings.ContainsRune("~?%", rune(s[len(s)-1])) {
		d.Circa = true
		s = s[:len(s)-1]
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) < 1 || len(parts[0]) > 4 && !neg {
		return citation.Date{}, false
	}
	vals := make([]int, len(parts))
	for i, p := range parts {
		if i > 0 && len(p) != 2 {
			return citation.Date{}, false
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return citation.Date{}, false
		}
		vals[i] = v
	}
	d.Year = vals[0]
	if neg {
		d.Year = -d.Year
	}
	if d.Year == 0 {
		// Year 0 (1 BC in EDTF) is "no year" in the model: the date is
		// kept as written.
		return citation.Date{}, false
	}
	if len(vals) > 1 {
		switch m := vals[1]; {
		case m >= 1 && m <= 12:
			d.Month = m
		case m >= 21 && m <= 24 && len(vals) == 2:
			d.Season = citation.Season(m - 20)
		default:
			return citation.Date{}, false
		}
	}
	if len(vals) > 2 {
		if vals[2] < 1 || vals[2] > 31 {
			return citation.Date{}, false
		}
		d.Day = vals[2]
	}
	return d, true
}

// dates sets the dates of c from date, year, month, day, urldate,
// eventdate and origdate.
func (bc *bibConv) dates(c *citation.Citation, get func(string) (string, bool), used *fieldSet, key string) []*ParseError {
	// An empty date is no date: year, month and day give it.
	// An EDTF date is read verbatim ("~" is "approximate"); any other
	// date is a literal, read as text like the fields around it.
	dv, hasDate := get("date")
	if hasDate {
		used.set("date", true)
		if d, ok := parseEDTF(dateText(dv)); ok {
			c.Issued = d
		} else if t := bc.text(dv); t == "" {
			hasDate = false
		} else if d, ok := parseEDTF(t); ok {
			c.Issued = d // "{\relax 1990}", or "~1990": a tie, then a year
		} else {
			c.Issued = citation.Date{Literal: t}
		}
	}
	if hasDate {
		// year, month and day that agree with the date are redundant.
		if y, ok := get("year"); ok && c.Issued.Year != 0 && strings.TrimSpace(bc.text(y)) == strconv.Itoa(c.Issued.Year) {
			used.set("year", true)
		}
		if m, ok := get("month"); ok {
			if mm, _, _, _, ok := parseBibMonth(bc.text(m)); ok && mm == c.Issued.Month {
				used.set("month", true)
			}
		}
		if dd, ok := get("day"); ok && bc.text(dd) == strconv.Itoa(c.Issued.Day) {
			used.set("day", true)
		}
	} else if y, ok := get("year"); ok && strings.TrimSpace(bc.text(y)) == "" {
		// An empty year (or an undefined macro) is no date; a month or day
		// without a year is kept as written.
		used.set("year", true)
	} else if ok {
		used.set("year", true)
		ys := bc.text(y)
		var d citation.Date
		if n, err := strconv.Atoi(ys); err == nil && n != 0 && (len(ys) <= 4 || strings.HasPrefix(ys, "-")) {
			d.Year = n
		} else if ed, ok := parseEDTF(ys); ok && (ed.IsRange() || ed.Circa) && ed.Month == 0 {
			d = ed
		} else if a, b, ok := strings.Cut(ys, "–"); ok && isYear(a) && isYear(b) {
			d.Year, _ = strconv.Atoi(a)
			d.EndYear, _ = strconv.Atoi(b)
		} else {
			d.Literal = ys
		}
		if m, ok := get("month"); ok && d.Literal == "" {
			if mm, em, dd, se, ok := parseBibMonth(bc.text(m)); ok && !d.IsRange() {
				used.set("month", true)
				d.Month, d.Day, d.Season = mm, dd, se
				if em != 0 {
					d.EndYear, d.EndMonth = d.Year, em
				}
			}
		}
		if dv, ok := get("day"); ok && d.Month != 0 && d.Day == 0 && !d.IsRange() {
			if n, err := strconv.Atoi(bc.text(dv)); err == nil && n >= 1 && n <= 31 {
				used.set("day", true)
				d.Day = n
			}
		}
		c.Issued = d
	}
	for _, df := range [...]struct {
		field string
		date  *citation.Date
	}{
		{"urldate", &c.Accessed}, {"eventdate", &c.EventDate}, {"origdate", &c.OriginalDate},
	} {
		if v, ok := get(df.field); ok {
			if d, ok := parseEDTF(dateText(v)); ok {
				used.set(df.field, true)
				*df.date = d
			}
		}
	}
	return nil
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil
}

// dateText reads a BibLaTeX date field verbatim: "~" is EDTF's
// "approximate", not a LaTeX tie.
func dateText(v string) string {
	return verbatimText(v)
}
