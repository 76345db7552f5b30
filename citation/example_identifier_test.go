package citation_test

import (
	"errors"
	"fmt"

	"github.com/citekit/citekit/citation"
)

func ExampleParseDOI() {
	d, err := citation.ParseDOI("https://doi.org/10.1523/JNEUROSCI.1353-25.2025.")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d)
	fmt.Println(d.Prefix(), d.Suffix())
	fmt.Println(d.URL())

	other, _ := citation.ParseDOI("doi:10.1523/jneurosci.1353-25.2025")
	fmt.Println(d.Equal(other))

	_, err = citation.ParseDOI("10.abc/xyz")
	fmt.Println(err, errors.Is(err, citation.ErrSyntax))
	// Output:
	// 10.1523/JNEUROSCI.1353-25.2025
	// 10.1523 JNEUROSCI.1353-25.2025
	// https://doi.org/10.1523/JNEUROSCI.1353-25.2025
	// true
	// citation: invalid DOI "10.abc/xyz": registrant code must be digits true
}

func ExampleParseISSN() {
	for _, s := range []string{"ISSN 1529-2401", "0000-006x", "15292401 (ISSN)", "1529-2402"} {
		n, err := citation.ParseISSN(s)
		if errors.Is(err, citation.ErrChecksum) {
			fmt.Println("bad check digit:", err)
			continue
		}
		fmt.Println(n, string(n.Check()))
	}
	// Output:
	// 1529-2401 1
	// 0000-006X X
	// 1529-2401 1
	// bad check digit: citation: invalid ISSN "1529-2402": check digit is 2, want 1
}

func ExampleParseISBN() {
	n, err := citation.ParseISBN("ISBN 3-16-148410-X")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n, n.Is13())
	fmt.Println(n.ISBN13())
	// Output:
	// 316148410X false
	// 9783161484100
}

func ExampleParsePMID() {
	p, err := citation.ParsePMID("PMID: 41224997")
	fmt.Println(p, err)
	fmt.Println(p.URL())
	_, err = citation.ParsePMID("012345")
	fmt.Println(err)
	// Output:
	// 41224997 <nil>
	// https://pubmed.ncbi.nlm.nih.gov/41224997/
	// citation: invalid PMID "012345": leading zero
}

func ExampleParsePMCID() {
	p, err := citation.ParsePMCID("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1201448/")
	fmt.Println(p, err)
	_, err = citation.ParsePMCID("12807602")
	fmt.Println(err)
	// Output:
	// PMC1201448 <nil>
	// citation: invalid PMCID "12807602": missing PMC prefix
}

func ExampleParseORCID() {
	o, err := citation.ParseORCID("https://orcid.org/0000-0002-1694-233x")
	fmt.Println(o, err)
	fmt.Println(o.URL())
	// Output:
	// 0000-0002-1694-233X <nil>
	// https://orcid.org/0000-0002-1694-233X
}

func ExampleParseArXiv() {
	a, err := citation.ParseArXiv("arXiv:math.CA/0611800v2")
	fmt.Println(a, a.Subject(), a.Version(), err)
	a, _ = citation.ParseArXiv("https://arxiv.org/abs/2101.00001")
	fmt.Println(a.ID(), a.URL())
	// Output:
	// math/0611800v2 CA 2 <nil>
	// 2101.00001 https://arxiv.org/abs/2101.00001
}
