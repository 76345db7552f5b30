package citation_test

import (
	"fmt"
	"testing"

	"github.com/citekit/citekit/citation"
)

// bibtexRecord is a record as the BibTeX decoder makes it from the file of
// parse's BenchmarkBibTeXToCSLJSON: normal, with non-ASCII names.
func bibtexRecord() *citation.Citation {
	return &citation.Citation{
		ID:    "key1",
		Type:  citation.TypeArticleJournal,
		Title: `A Study of <span class="nocase">DNA</span> Repair in <i>Drosophila</i>: Results from 1 Experiments`,
		Authors: []citation.Name{
			{Family: "Müller", Given: "Jörg"},
			{Family: "Smith", Given: "John A."},
			{Family: "Berg", Given: "Anna", NonDroppingParticle: "van der"},
			{Family: "García", Given: "María"},
		},
		ContainerTitle: "Journal of Experimental Biology",
		Issued:         citation.Date{Year: 1991, Month: 6},
		Volume:         "1",
		Issue:          "3",
		Pages:          "1-11",
		Abstract:       "We report on the repair of double-strand breaks in the fruit fly, with methods that apply to many other organisms. The results show that repair pathways are conserved across species and that the efficiency depends on the chromatin context of the break.",
		Keywords:       []string{"genetics", "DNA repair", "model organisms"},
		URL:            "https://example.org/articles/1",
		DOI:            "10.1000/jeb.1.1",
		ISSN:           []string{"0022-0949"},
	}
}

// BenchmarkNormalizeBibTeX normalizes a record that is already normal, as
// decoders do for most records.
func BenchmarkNormalizeBibTeX(b *testing.B) {
	c := bibtexRecord()
	c.Normalize()
	b.ReportAllocs()
	for b.Loop() {
		c.Normalize()
	}
}

// TestNormalizeISSNForm: an ISSN in the canonical form, with a valid check
// digit or not, is left as it is, as ParseISSN would leave it.
func TestNormalizeISSNForm(t *testing.T) {
	for i := 0; i < 3000; i++ {
		s := fmt.Sprintf("%04d-%03d", (i*7919)%10000, (i*104729)%1000)
		for _, check := range "0123456789X" {
			issn := s + string(check)
			c := &citation.Citation{ISSN: []string{issn}}
			c.Normalize()
			want := issn
			if n, err := citation.ParseISSN(issn); err == nil {
				want = n.String()
			}
			if len(c.ISSN) != 1 || c.ISSN[0] != want {
				t.Fatalf("Normalize of ISSN %q gave %q, want %q", issn, c.ISSN, want)
			}
		}
	}
}
