package csl_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/csl"
)

func exampleItems() []*citation.Citation {
	return []*citation.Citation{
		{
			ID: "smith2025", Type: citation.TypeArticleJournal,
			Title:          "Neural circuits of fear",
			ContainerTitle: "Journal of Neuroscience", ContainerTitleShort: "J Neurosci",
			Volume: "45", Issue: "3", Pages: "812-824",
			DOI:     "10.1523/jneurosci.1353-25.2025",
			Authors: []citation.Name{{Family: "Smith", Given: "John Ronald"}, {Family: "Doe", Given: "Jane"}},
			Issued:  citation.Date{Year: 2025, Month: 11},
		},
		{
			ID: "adams2019", Type: citation.TypeBook,
			Title:     "The art of <i>method</i>",
			Publisher: "Oxford University Press", PublisherPlace: "Oxford", Edition: "2",
			Authors: []citation.Name{{Family: "Adams", Given: "Ann"}},
			Issued:  citation.Date{Year: 2019},
		},
	}
}

// A reference list in the built-in APA-like style, as plain text.
func ExampleProcessor_WriteBibliography() {
	style, _ := csl.BuiltinStyle("apa")
	p, err := csl.NewProcessor(style)
	if err != nil {
		panic(err)
	}
	p.WriteBibliography(os.Stdout, exampleItems(), csl.Text)
	// Output:
	// Adams, A. (2019). The art of method (2nd ed.). Oxford University Press.
	// Smith, J. R., & Doe, J. (2025). Neural circuits of fear. Journal of Neuroscience, 45(3), 812–824. https://doi.org/10.1523/jneurosci.1353-25.2025
}

// Citations and a numbered reference list in the built-in Vancouver-like
// style, as HTML.
func ExampleProcessor_Render() {
	style, _ := csl.BuiltinStyle("vancouver")
	p, _ := csl.NewProcessor(style)
	res := p.Render(exampleItems(), []csl.Cluster{
		{Items: []csl.CiteItem{{ID: "smith2025"}}},
		{Items: []csl.CiteItem{{ID: "adams2019"}, {ID: "smith2025"}}},
	})
	for _, c := range res.Citations {
		fmt.Println(c.HTML())
	}
	for _, e := range res.Bibliography {
		fmt.Println(e.HTML())
	}
	// Output:
	// [1]
	// [1,2]
	// <div class="csl-left-margin">1. </div><div class="csl-right-inline">Smith JR, Doe J. Neural circuits of fear. J Neurosci. 2025 Nov;45(3):812-24. doi:10.1523/jneurosci.1353-25.2025</div>
	// <div class="csl-left-margin">2. </div><div class="csl-right-inline">Adams A. The art of <i>method</i>. 2nd ed. Oxford: Oxford University Press; 2019.</div>
}

// Any CSL style can be read; errors give the line.
func ExampleParseStyle() {
	_, err := csl.ParseStyle(strings.NewReader(`<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">
  <citation>
    <layout><text macro="missing"/></layout>
  </citation>
</style>`))
	fmt.Println(err)
	// Output:
	// csl: style: line 3: macro "missing" is not defined
}
