package citation_test

import (
	"fmt"

	"github.com/citekit/citekit/citation"
)

func ExampleParseName() {
	for _, s := range []string{
		"van der Berg, Jan",
		"Smith, Jr., John",
		"Martin Luther King, Jr.",
		"World Health Organization",
	} {
		n := citation.ParseName(s)
		fmt.Printf("%q %q %q %q %q | %s\n", n.Given, n.NonDroppingParticle, n.Family, n.Suffix, n.Literal, n)
	}
	// Output:
	// "Jan" "van der" "Berg" "" "" | Jan van der Berg
	// "John" "" "Smith" "Jr." "" | John Smith Jr.
	// "Martin Luther" "" "King" "Jr." "" | Martin Luther King, Jr.
	// "" "" "" "" "World Health Organization" | World Health Organization
}

func ExampleParseMedlineName() {
	n := citation.ParseMedlineName("van der Berg JA")
	fmt.Printf("family %q, particle %q, given %q\n", n.Family, n.NonDroppingParticle, n.Given)
	// Output:
	// family "Berg", particle "van der", given "J. A."
}
