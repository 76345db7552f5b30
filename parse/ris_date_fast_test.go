package parse

import (
	"strconv"
	"strings"
	"testing"

	"github.com/citekit/citekit/citation"
)

// parseRISDateSplitN is parseRISDate as first written, with strings.SplitN
// and parseSeason called before the checks: the reference for the version
// that allocates nothing.
func parseRISDateSplitN(s string) (d citation.Date, other string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return d, "", false
	}
	if strings.Contains(s, "/") {
		parts := strings.SplitN(s, "/", 4)
		var nums [3]int
		for i := 0; i < 3 && i < len(parts); i++ {
			p := strings.TrimSpace(parts[i])
			if p == "" {
				continue
			}
			if !isDigits(p) || len(p) > 4 || (i > 0 && len(p) > 2) {
				return citation.Date{}, "", false
			}
			nums[i], _ = strconv.Atoi(p)
		}
		d.Year, d.Month, d.Day = nums[0], nums[1], nums[2]
		if d.Month > 12 || d.Day > daysIn(d.Year, d.Month) || (d.Month == 0 && d.Day != 0) {
			return citation.Date{}, "", false
		}
		if len(parts) == 4 {
			rest := strings.TrimSpace(parts[3])
			if season, isSeason := parseSeason(rest); isSeason && rest != "" && !isDigits(rest) {
				d.Season = season
			} else {
				other = rest
			}
		}
		if d.Year == 0 && d.Month == 0 && d.Season == 0 {
			return citation.Date{}, other, false
		}
		return d, other, true
	}
	if isDigits(s) && len(s) <= 4 {
		d.Year, _ = strconv.Atoi(s)
		return d, "", d.Year != 0
	}
	if y, m, day, isISO := parseISODate(s); isISO {
		return citation.Date{Year: y, Month: m, Day: day}, "", true
	}
	// Words: month or season names, a day, a year.
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '-' }) {
		lw := strings.ToLower(w)
		switch {
		case risMonths[lw] != 0 && d.Month == 0:
			d.Month = risMonths[lw]
		case isDigits(w) && len(w) == 4 && d.Year == 0:
			d.Year, _ = strconv.Atoi(w)
		case isDigits(w) && len(w) <= 2 && d.Day == 0:
			d.Day, _ = strconv.Atoi(w)
		default:
			if season, isSeason := parseSeason(w); isSeason && !isDigits(w) && d.Season == 0 {
				d.Season = season
				continue
			}
			return citation.Date{}, "", false
		}
	}
	if (d.Day != 0 && d.Month == 0) || d.Day > daysIn(d.Year, d.Month) || (d.Month != 0 && d.Season != 0) {
		return citation.Date{}, "", false
	}
	return d, "", d.Month != 0 || d.Season != 0 || d.Year != 0
}

func FuzzParseRISDate(f *testing.F) {
	for _, s := range []string{"2014//", "1998///Spring", "/03/05/", "1990/01/01/", "2001/02/03/other", "2001/02/03/ 3 ",
		"2001////x", "a/b/c/d/e", "2020/13", "2020/02/30", "July", "NOV", "Nov 2019", "12 November 2025", "2020-05-01",
		"2019///21", "2019///+2", "2019///-1", "/", "///", "2019///", "2019/ 1 / 2 /Winter/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, other, ok := parseRISDate(s)
		d0, other0, ok0 := parseRISDateSplitN(s)
		if d != d0 || other != other0 || ok != ok0 {
			t.Errorf("parseRISDate(%q) = %+v, %q, %v; want %+v, %q, %v", s, d, other, ok, d0, other0, ok0)
		}
	})
}

// TestRISRepeatedDateTag: a repeat of a date tag that the date holds is
// dropped, as the first value is; another one is kept as Extra, once.
func TestRISRepeatedDateTag(t *testing.T) {
	cs, err := ReadAll(NewRISDecoder(strings.NewReader("TY  - JOUR\nPY  - 2025,\nPY  - 2025\nPY  - 2024\nPY  - 2024\nER  - \n")))
	if err != nil || len(cs) != 1 {
		t.Fatal(cs, err)
	}
	if got, want := cs[0].Issued, (citation.Date{Year: 2025}); got != want {
		t.Errorf("issued %+v, want %+v", got, want)
	}
	if got, want := cs[0].Extra, []citation.Field{{Name: "ris:PY", Value: "2024"}}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("extra %q, want %q", got, want)
	}
}
