package export_test

import (
	"os"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
)

func ExampleNewBibTeXEncoder() {
	e := export.NewBibTeXEncoder(os.Stdout)
	e.ASCII = true // LaTeX commands for classic BibTeX
	e.Encode(&citation.Citation{
		Type:    citation.TypeArticleJournal,
		Title:   `The <span class="nocase">DNA</span> of Gödel & Co`,
		Authors: []citation.Name{{Family: "Gödel", Given: "Kurt"}, {Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van"}},
		Issued:  citation.Date{Year: 1931, Month: 3},
		Pages:   "173-198",
	})
	e.Close()
	// Output:
	// @article{godel1931dna,
	//   author = {G{\"{o}}del, Kurt and van Gogh, Vincent},
	//   title = {The {DNA} of G{\"{o}}del \& Co},
	//   pages = {173--198},
	//   year = {1931},
	//   month = mar
	// }
}
