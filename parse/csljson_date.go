package parse

import (
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
)

// parseDateText reads a date given as text ("raw" dates, cheater syntax):
// ISO 8601 "YYYY", "YYYY-MM", "YYYY-MM-DD", and ranges of them joined by "/".
// Anything else becomes a literal date.
//
// TODO: use citation.ParseDate once the foundation branch lands it.
func parseDateText(s string) citation.Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return citation.Date{}
	}
	startText, endText, isRange := strings.Cut(s, "/")
	var d citation.Date
	var ok bool
	d.Year, d.Month, d.Day, ok = parseISODate(startText)
	if !ok {
		return citation.Date{Literal: s}
	}
	if isRange {
		var ok bool
		d.EndYear, d.EndMonth, d.EndDay, ok = parseISODate(endText)
		if !ok || d.EndYear == 0 {
			return citation.Date{Literal: s}
		}
	}
	return d
}

// parseISODate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the year may have a
// leading minus) and checks the ranges of month and day.
func parseISODate(s string) (y, m, d int, ok bool) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) < 1 || len(parts[0]) > 4 {
		return 0, 0, 0, false
	}
	var nums [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || (i > 0 && len(p) > 2) {
			return 0, 0, 0, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return 0, 0, 0, false
		}
		nums[i] = n
	}
	y, m, d = nums[0], nums[1], nums[2]
	if neg {
		y = -y
	}
	if y == 0 || m > 12 || d > daysIn(y, m) || (len(parts) > 1 && m == 0) || (len(parts) > 2 && d == 0) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// daysIn returns the days of month m of year y (31 when m is 0).
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
