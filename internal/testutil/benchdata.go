package testutil

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/citekit/citekit/citation"
)

// BenchBibTeX generates the BibTeX file of the BibTeX benchmarks (parse's
// BenchmarkBibTeXToCSLJSON, export's BenchmarkCSLJSONEncode): n articles of
// typical size, about 770 bytes each, which nickng/bibtex can parse too.
func BenchBibTeX(n int) []byte {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `@article{key%d,
  author = {M{\"u}ller, J{\"o}rg and Smith, John A. and van der Berg, Anna and Garc{\'\i}a, Mar{\'\i}a},
  title = {A Study of {DNA} Repair in \textit{Drosophila}: Results from %d Experiments},
  journal = {Journal of Experimental Biology},
  year = {%d},
  month = {jun},
  volume = {%d},
  number = {3},
  pages = {%d--%d},
  doi = {10.1000/jeb.%d.%d},
  issn = {0022-0949},
  keywords = {genetics, DNA repair, model organisms},
  abstract = {We report on the repair of double-strand breaks in the fruit fly, with methods that apply to many other organisms. The results show that repair pathways are conserved across species and that the efficiency depends on the chromatin context of the break.},
  url = {https://example.org/articles/%d}
}

`, i, i, 1990+i%30, i%200, i, i+10, i%97, i, i)
	}
	return b.Bytes()
}

// BenchJournal makes n varied journal articles for the RIS and CSL-JSON
// benchmarks and stream tests, about 1 KB each as CSL-JSON.
func BenchJournal(n int) []*citation.Citation {
	cs := make([]*citation.Citation, n)
	for i := range cs {
		c := &citation.Citation{
			ID:                  fmt.Sprintf("rec%d", i),
			Type:                citation.TypeArticleJournal,
			Title:               fmt.Sprintf("Effects of treatment %d on outcomes in a randomized <i>controlled</i> trial of adults", i),
			ContainerTitle:      "The Journal of Clinical Investigation",
			ContainerTitleShort: "J Clin Invest",
			Volume:              fmt.Sprint(10 + i%90),
			Issue:               fmt.Sprint(1 + i%12),
			Pages:               fmt.Sprintf("%d-%d", 100+i%500, 110+i%500),
			Issued:              citation.Date{Year: 1990 + i%35, Month: 1 + i%12, Day: 1 + i%28},
			DOI:                 fmt.Sprintf("10.1172/jci%d", 100000+i),
			ISSN:                []string{"0021-9738", "1558-8238"},
			PMID:                fmt.Sprint(20000000 + i),
			Language:            "en",
			URL:                 fmt.Sprintf("https://www.jci.org/articles/view/%d", 100000+i),
			Abstract: strings.Repeat(fmt.Sprintf("Background: patients (n = %d) were enrolled; the primary end point was met. ", 100+i), 4) +
				"Conclusions: the treatment was effective, “safe”, and well tolerated — see Müller et al.",
			Keywords: []string{"randomized controlled trial", "adults", fmt.Sprintf("topic %d", i%50)},
			Extra:    []citation.Field{{Name: "ris:DB", Value: "PubMed"}, {Name: "ris:N1", Value: fmt.Sprintf("Export Date: %d", i)}},
		}
		for a := 0; a < 1+i%6; a++ {
			c.Authors = append(c.Authors, citation.Name{Family: fmt.Sprintf("Author%d", a), Given: "Jane Q."})
		}
		cs[i] = c
	}
	return cs
}
