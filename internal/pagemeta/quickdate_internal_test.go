package pagemeta

import (
	"fmt"
	"testing"

	"github.com/citekit/citekit/citation"
)

// TestQuickDate checks quickDate against citation.ParseDateOrder on every
// four-digit string and every day/month form it could take, in each order:
// where quickDate gives a date, ParseDateOrder gives the same and no error.
func TestQuickDate(t *testing.T) {
	orders := []citation.DateOrder{citation.OrderUnspecified, citation.OrderMDY, citation.OrderDMY, citation.OrderYMD}
	check := func(s string) bool {
		quick := false
		for _, o := range orders {
			d, ok := quickDate(s, o)
			if !ok {
				continue
			}
			quick = true
			want, err := citation.ParseDateOrder(s, o)
			if err != nil || d != want {
				t.Fatalf("quickDate(%q, %v) = %+v; ParseDateOrder gives %+v, %v", s, o, d, want, err)
			}
		}
		return quick
	}
	n := 0
	for y := 0; y < 10000; y++ {
		if check(fmt.Sprintf("%04d", y)) {
			n++
		}
	}
	for _, y := range []string{"0000", "0001", "0999", "1900", "1999", "2000", "2019", "2024", "2025", "2100", "9999"} {
		for a := 0; a < 100; a++ {
			for b := 0; b < 100; b++ {
				for _, f := range []string{"%d%c%d%c%s", "%02d%c%02d%c%s", "%d%c%02d%c%s", "%02d%c%d%c%s"} {
					for _, sep := range []byte{'/', '-', '.'} {
						if check(fmt.Sprintf(f, a, sep, b, sep, y)) {
							n++
						}
					}
				}
				if check(fmt.Sprintf("%d/%d-%s", a, b, y)) || check(fmt.Sprintf("%d-%d/%s", a, b, y)) {
					t.Errorf("quickDate takes mixed separators: %d %d %s", a, b, y)
				}
			}
		}
	}
	if n < 50000 {
		t.Errorf("quickDate took only %d dates", n)
	}
}
