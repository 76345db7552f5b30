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

func ExampleValidator() {
	c := &citation.Citation{Type: citation.TypeBook, Title: "A book", PMID: "41224997"}
	v := citation.Validator{PMIDMax: 40_000_000} // an older snapshot of PubMed
	for _, p := range v.Validate(c) {
		fmt.Println(p, "("+p.Severity.String()+")")
	}
	// Output:
	// PMID: PMID 41224997 is above 40000000, the largest expected (warning)
}

func ExampleProblems_Err() {
	c := &citation.Citation{Type: citation.TypeBook, Title: "A book", DOI: "10.1000/182", Issued: citation.Date{Year: 2025, Month: 2, Day: 30}}
	err := c.Validate().Err()
	var de *citation.DateError
	fmt.Println(errors.As(err, &de), errors.Is(err, citation.ErrInvalidValue))
	fmt.Println(err)
	// Output:
	// true true
	// issued: date: day 30 out of range for month 2
}
