package parse_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/citekit/citekit/parse"
)

func ExampleNewBibTeXDecoder() {
	src := `@string{cj = "The Computer Journal"}
@article{knuth:1984,
  author = {Donald E. Knuth and {\L}ukasz Nowak and others},
  title = {Literate {Programming} in \textit{WEB}},
  journal = cj,
  year = 1984, month = may,
  pages = {97--111},
  doi = {https://doi.org/10.1093/comjnl/27.2.97},
  note = undefinedmacro,
}`
	d := parse.NewBibTeXDecoder(strings.NewReader(src))
	for {
		c, err := d.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println("problem:", err)
		}
		if c != nil {
			fmt.Println(c.ID, c.Type)
			fmt.Println(c.Title)
			fmt.Println(c.Authors[0].Family, c.Authors[1].Given, c.Authors[2].Others)
			fmt.Println(c.ContainerTitle, c.Issued.Year, c.Issued.Month, c.Pages, c.DOI)
		}
	}
	// Output:
	// problem: bibtex: line 9, column 10, record knuth:1984, field note: undefined macro "undefinedmacro" (taken as empty, as BibTeX does): invalid value
	// knuth:1984 article-journal
	// Literate <span class="nocase">Programming</span> in <i>WEB</i>
	// Knuth Łukasz true
	// The Computer Journal 1984 5 97-111 10.1093/comjnl/27.2.97
}

func ExampleReadBibTeXDocument() {
	doc, err := parse.ReadBibTeXDocument(strings.NewReader(`@string{acm = "ACM"}
@book{k, title = {T}, publisher = acm # " Press", month = jan}`))
	if err != nil {
		fmt.Println(err)
	}
	e := doc.Entries[0]
	fmt.Println(e.Type, e.CiteName, e.Fields["publisher"].String(), e.Fields["month"].RawString())
	// Output:
	// book k ACM Press jan
}
