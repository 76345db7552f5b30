package parse

import (
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
)

// parseDateText reads a date given as text ("raw" dates, cheater syntax)
// with [citation.ParseDateLiteral]: what it cannot read becomes a literal.
func parseDateText(s string) citation.Date {
	return citation.ParseDateLiteral(s)
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
