package citation_test

import (
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/stretchr/testify/assert"
)

func TestNormalize(t *testing.T) {
	c := &citation.Citation{
		ID:                  " smith2025 ",
		Type:                citation.TypeArticleJournal,
		Title:               "  Aging  and\n Disease. ",
		TitleShort:          "Why?",
		ContainerTitle:      "Journal of\tNeuroscience",
		ContainerTitleShort: "J. Neurosci.",
		Abstract:            "  First paragraph.\n\nSecond paragraph.  ",
		Publisher:           "Cafe\u0301 Press",
		Keywords:            []string{"aging", " ", "Aging", "memory ", "neuro\u0301n", "memory"},
		Authors: []citation.Name{
			{Family: " Mu\u0308ller ", Given: "Jörg  A.", ORCID: "https://orcid.org/0000-0002-1694-233x"},
			{},
			{Literal: " World  Health Organization "},
			{Family: "Roe", ORCID: "0000-0002-1825-0098"},
		},
		Editors:      []citation.Name{{}},
		Contributors: map[citation.Role][]citation.Name{citation.RoleTranslator: {{Family: " "}}},
		Issued:       citation.Date{Literal: "  n.d. "},
		DOI:          "https://doi.org/10.1523/JNEUROSCI.1353-25.2025.",
		ISSN:         []string{"ISSN 1529-2401 (Electronic)", "0270-6474", "15292401", "1529-2402", ""},
		ISBN:         []string{"0-306-40615-2", "978-0-306-40615-7", "3-16-148410-0"},
		PMID:         "PMID: 41224997",
		PMCID:        "1201448",
		ArXiv:        "arXiv:1501.00001v2",
		URL:          " https://example.org/a ",
		Vars:         map[string]string{"archive_location": " Box  3 "},
		Extra:        []citation.Field{{Name: "ris:C1", Value: "  kept  as read "}},
	}
	c.Normalize()
	assert.Equal(t, "smith2025", c.ID)
	assert.Equal(t, "Aging and Disease", c.Title)
	assert.Equal(t, "Why?", c.TitleShort)
	assert.Equal(t, "Journal of Neuroscience", c.ContainerTitle)
	assert.Equal(t, "J. Neurosci.", c.ContainerTitleShort, "abbreviations keep their period")
	assert.Equal(t, "First paragraph. Second paragraph.", c.Abstract)
	assert.Equal(t, "Café Press", c.Publisher)
	assert.Equal(t, []string{"aging", "memory", "neurón"}, c.Keywords)
	assert.Equal(t, []citation.Name{
		{Family: "Müller", Given: "Jörg A.", ORCID: "0000-0002-1694-233X"},
		{Literal: "World Health Organization"},
		{Family: "Roe", ORCID: "0000-0002-1825-0098"}, // invalid: kept for Validate
	}, c.Authors)
	assert.Nil(t, c.Editors)
	assert.Empty(t, c.Contributors)
	assert.Equal(t, "n.d.", c.Issued.Literal)
	assert.Equal(t, "10.1523/JNEUROSCI.1353-25.2025", c.DOI)
	assert.Equal(t, []string{"1529-2401", "0270-6474", "1529-2402"}, c.ISSN)
	assert.Equal(t, []string{"9780306406157", "3-16-148410-0"}, c.ISBN)
	assert.Equal(t, "41224997", c.PMID)
	assert.Equal(t, "PMC1201448", c.PMCID)
	assert.Equal(t, "1501.00001v2", c.ArXiv)
	assert.Equal(t, "https://example.org/a", c.URL)
	assert.Equal(t, "Box 3", c.Vars["archive_location"])
	assert.Equal(t, "  kept  as read ", c.Extra[0].Value)

	// Normalize is idempotent.
	d := c.Clone()
	d.Normalize()
	assert.Equal(t, c, d)

	// The invalid values are left for Validate.
	ps := c.Validate()
	var fields []string
	for _, p := range ps {
		fields = append(fields, p.Field)
	}
	assert.Equal(t, []string{"author", "ISSN", "ISBN"}, fields)
}

func TestNormalizeKeepsInvalidIdentifiers(t *testing.T) {
	c := &citation.Citation{Title: "x", DOI: " 10.abc/x ", PMID: " 0123 ", PMCID: "NIHMS1", ArXiv: "math.CA/0611800v2"}
	c.Normalize()
	assert.Equal(t, "10.abc/x", c.DOI)
	assert.Equal(t, "0123", c.PMID)
	assert.Equal(t, "NIHMS1", c.PMCID)
	assert.Equal(t, "math.CA/0611800v2", c.ArXiv, "the subject class is kept")
}

func TestNormalizeManyKeywords(t *testing.T) {
	var kw []string
	for i := 0; i < 1000; i++ {
		kw = append(kw, "k"+string(rune('a'+i%26)))
	}
	c := &citation.Citation{Keywords: kw}
	c.Normalize()
	assert.Len(t, c.Keywords, 26)
}

func TestNormalizeDoesNotAllocateOnNormalRecord(t *testing.T) {
	c := normalRecord()
	c.Normalize()
	allocs := testing.AllocsPerRun(50, func() { c.Normalize() })
	assert.Zero(t, allocs)
}

func normalRecord() *citation.Citation {
	c := validRecord()
	c.Abstract = "Line one. Line two with café."
	c.Publisher = "Société française"
	c.Keywords = []string{"aging", "memory", "Gödel"}
	c.Vars = map[string]string{"archive_location": "Box 3"}
	c.ISBN = []string{"9780306406157"}
	c.Authors[0].Affiliations = []string{"Université de Paris"}
	return c
}

func BenchmarkNormalize(b *testing.B) {
	c := normalRecord()
	c.Normalize()
	b.ReportAllocs()
	for b.Loop() {
		c.Normalize()
	}
}

func BenchmarkValidate(b *testing.B) {
	c := normalRecord()
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Validate()
	}
}
