package citation_test

import (
	"errors"
	"fmt"

	"github.com/citekit/citekit/citation"
)

func ExampleParseDate() {
	for _, s := range []string{"2025 Nov 12-15", "Spring 2019", "ca. 1850", "2019/05//", "2025-02-30", "11-12-2025"} {
		d, err := citation.ParseDate(s)
		switch {
		case errors.Is(err, citation.ErrInvalidValue):
			fmt.Println("impossible:", err)
		case err != nil:
			fmt.Println("unreadable:", err)
		default:
			fmt.Println(d)
		}
	}
	// Output:
	// 2025-11-12/2025-11-15
	// 2019-21
	// 1850~
	// 2019-05
	// impossible: citation: date "2025-02-30": day 30 out of range for month 2
	// unreadable: citation: date "11-12-2025": ambiguous day/month order
}

func ExampleParseDateOrder() {
	d, err := citation.ParseDateOrder("11-12-2025", citation.OrderMDY)
	fmt.Println(d, err)
	d, err = citation.ParseDateOrder("11-12-2025", citation.OrderDMY)
	fmt.Println(d, err)
	// Output:
	// 2025-11-12 <nil>
	// 2025-12-11 <nil>
}

func ExampleParseDateLiteral() {
	d := citation.ParseDateLiteral("n.d.")
	fmt.Printf("%q %d\n", d.Literal, d.Year)
	// Output:
	// "n.d." 0
}
