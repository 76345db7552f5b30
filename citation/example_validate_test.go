package citation_test

import (
	"errors"
	"fmt"

	"github.com/citekit/citekit/citation"
)

func ExampleCitation_Validate() {
	c := &citation.Citation{
		Type:  citation.TypeArticleJournal,
		Title: "A study",
		ISSN:  []string{"1529-2402"},
		PMID:  "99999999",
	}
	ps := c.Validate()
	for _, p := range ps {
		fmt.Printf("%s (%s, rule %s)\n", p, p.Severity, p.Rule)
	}
	fmt.Println(errors.Is(ps.Err(), citation.ErrChecksum))
	// Output:
	// container-title: journal article without a journal title (warning, rule container-title)
	// ISSN: invalid ISSN "1529-2402": check digit is 2, want 1 (error, rule identifier)
	// PMID: PMID 99999999 is above 45000000, the largest expected (warning, rule pmid-range)
	// true
}

func ExampleCitation_Normalize() {
	c := &citation.Citation{
		Title: "Aging  and\nDisease.",
		DOI:   "https://doi.org/10.1523/JNEUROSCI.1353-25.2025",
		ISSN:  []string{"ISSN 1529-2401 (Electronic)", "15292401"},
		ISBN:  []string{"0-306-40615-2"},
		PMCID: "1201448",
	}
	c.Normalize()
	fmt.Println(c.Title)
	fmt.Println(c.DOI)
	fmt.Println(c.ISSN, c.ISBN, c.PMCID)
	// Output:
	// Aging and Disease
	// 10.1523/JNEUROSCI.1353-25.2025
	// [1529-2401] [9780306406157] PMC1201448
}
