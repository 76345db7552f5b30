package citation_test

import (
	"fmt"
	"strings"
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

// TestNormalizeIdentifierForms: identifiers in their canonical forms, valid
// or not, are left as they are, as parsing them would leave them.
func TestNormalizeIdentifierForms(t *testing.T) {
	for i := 0; i < 2000; i++ {
		digits := fmt.Sprintf("%013d", uint64(i)*7919*104729*31337%10000000000000)
		isbn := "97" + digits[2:]
		if i%3 == 0 {
			isbn = digits
		}
		orcid := fmt.Sprintf("%s-%s-%s-%s", digits[:4], digits[4:8], digits[8:12], digits[9:12]+string("0123456789X"[i%11]))
		pmid := digits[:1+i%13]
		pmcid := "PMC" + digits[:1+i%10]
		c := &citation.Citation{ISBN: []string{isbn}, PMID: pmid, PMCID: pmcid, Authors: []citation.Name{{Family: "A", ORCID: orcid}}}
		c.Normalize()
		wantISBN, wantORCID, wantPMID, wantPMCID := refIdentifiers(isbn, orcid, pmid, pmcid)
		if len(c.ISBN) != 1 || c.ISBN[0] != wantISBN || c.Authors[0].ORCID != wantORCID || c.PMID != wantPMID || c.PMCID != wantPMCID {
			t.Fatalf("Normalize(%q, %q, %q, %q) gave %q, %q, %q, %q", isbn, orcid, pmid, pmcid, c.ISBN, c.Authors[0].ORCID, c.PMID, c.PMCID)
		}
	}
}

// refIdentifiers is what Normalize did to these identifiers before its
// shortcuts for canonical forms: always parse.
func refIdentifiers(isbn, orcid, pmid, pmcid string) (string, string, string, string) {
	if n, err := citation.ParseISBN(isbn); err == nil {
		if !n.Is13() || isbn != n.String() {
			isbn = n.ISBN13().String()
		}
	} else {
		isbn = strings.TrimSpace(isbn)
	}
	if o, err := citation.ParseORCID(orcid); err == nil {
		orcid = o.String()
	} else {
		orcid = strings.TrimSpace(orcid)
	}
	if p, err := citation.ParsePMID(pmid); err == nil {
		if strings.Trim(pmid, "0123456789") != "" {
			pmid = p.String()
		}
	} else {
		pmid = strings.TrimSpace(pmid)
	}
	s := strings.TrimSpace(pmcid)
	if s != "" && strings.Trim(s, "0123456789") == "" {
		s = "PMC" + s
	}
	if p, err := citation.ParsePMCID(s); err == nil {
		if rest, ok := strings.CutPrefix(pmcid, "PMC"); !ok || rest == "" || strings.Trim(rest, "0123456789") != "" {
			pmcid = p.String()
		}
	} else {
		pmcid = strings.TrimSpace(pmcid)
	}
	return isbn, orcid, pmid, pmcid
}

// TestNormalizeDOIForm: a DOI that Normalize leaves without parsing is
// what normalizing it by parsing gives.
func TestNormalizeDOIForm(t *testing.T) {
	parts := []string{"10.", "10.1000", "10.1000/", "/", "abc", "ABC", ".", ",", "%2F", " ", "\t", "é", "[doi]", " [doi]",
		"https://doi.org/", "doi:", "1", "0", "x", "..", "\u00ad", "-", "<>", "\x7f", "\x00", "10.1.2/x"}
	for i := 0; i < 20000; i++ {
		s := ""
		for j, k := 0, i; j < 4; j, k = j+1, k/len(parts) {
			s += parts[(k+j*7)%len(parts)]
		}
		if i%2 == 0 {
			s = "10.1000/" + s
		}
		want := s
		if d, err := citation.ParseDOI(s); err == nil {
			want = d.String()
		} else {
			want = strings.TrimSpace(s)
		}
		c := &citation.Citation{DOI: s}
		c.Normalize()
		if c.DOI != want {
			t.Fatalf("Normalize of DOI %q gave %q, want %q", s, c.DOI, want)
		}
	}
}
