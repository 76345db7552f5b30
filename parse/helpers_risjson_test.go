package parse_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/parse"
)

// richCitation uses every part of the model that CSL-JSON can hold.
func richCitation() *citation.Citation {
	return &citation.Citation{
		ID:                  "smith2020",
		Type:                citation.TypeArticleJournal,
		Title:               "Sleep and <i>Drosophila</i> memory",
		TitleShort:          "Sleep and memory",
		ContainerTitle:      "The Journal of Neuroscience",
		ContainerTitleShort: "J Neurosci",
		CollectionTitle:     "Series",
		CollectionNumber:    "7",
		Authors: []citation.Name{
			{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van", ORCID: "0000-0002-1825-0097", Affiliations: []string{"Rijksmuseum", "Amsterdam, NL"}},
			{Family: "Humboldt", Given: "Alexander", DroppingParticle: "von"},
			{Family: "King", Given: "Martin Luther", Suffix: "Jr.", CommaSuffix: true},
			{Literal: "World Health Organization"},
			{Others: true},
		},
		Editors: []citation.Name{{Family: "Doe", Given: "J."}},
		Contributors: map[citation.Role][]citation.Name{
			citation.RoleTranslator:       {{Family: "Müller", Given: "Jürgen"}},
			citation.RoleEditorTranslator: {{Family: "Rossi", Given: "Ada"}},
			citation.Role("x-role"):       {{Family: "Odd", Given: "Role"}},
		},
		Issued:         citation.Date{Year: 2020, Month: 3, Day: 5},
		Accessed:       citation.Date{Year: 2021, Month: 1, Day: 2, EndYear: 2021, EndMonth: 1, EndDay: 9},
		OriginalDate:   citation.Date{Year: 1850, Circa: true},
		EventDate:      citation.Date{Year: 2019, Season: citation.Winter},
		Submitted:      citation.Date{Literal: "Han Dynasty"},
		AvailableDate:  citation.Date{Year: -44, Month: 3},
		Volume:         "40",
		Issue:          "12",
		Pages:          "812-824",
		NumberOfPages:  "13",
		Number:         "e1353",
		Edition:        "2",
		Publisher:      "Society for Neuroscience",
		PublisherPlace: "Washington, DC",
		Genre:          "Research article",
		Language:       "en",
		Abstract:       "Line one. Line \"two\" \\ end",
		Keywords:       []string{"sleep", "memory, long-term"},
		URL:            "https://example.org/a?b=1&c=2",
		Note:           "A note",
		EventTitle:     "SfN 2019",
		EventPlace:     "Chicago",
		Medium:         "Print",
		Source:         "PubMed",
		Status:         "in press",
		License:        "CC-BY-4.0",
		DOI:            "10.1523/jneurosci.1353-25.2025",
		ISSN:           []string{"1529-2401", "0270-6474"},
		ISBN:           []string{"9780306406157"},
		PMID:           "12345678",
		PMCID:          "PMC1234567",
		Vars:           map[string]string{"archive_location": "Box 4", "part-number": "2", "x-unknown": "kept", "citation-key": "smith2020a"},
		Related:        []citation.Related{{ID: "r1", Title: "Related thing", URL: "https://example.org/r1", Type: "related"}},
		Extra: []citation.Field{
			{Name: "ris:C1", Value: "custom one"},
			{Name: "ris:N1", Value: "first note"},
			{Name: "ris:N1", Value: "second note"},
			{Name: "csljson:categories", Value: "Neuroscience"},
			{Name: "title", Value: "a label that is a CSL variable"},
			{Name: "names", Value: "a label that is reserved"},
			{Name: "extra:x", Value: "a label with the escape prefix"},
		},
	}
}

// encodeCSL writes citations as CSL-JSON.
func encodeCSL(t testing.TB, cs ...*citation.Citation) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := export.NewCSLJSONEncoder(&buf)
	for _, c := range cs {
		require.NoError(t, enc.Encode(c))
	}
	require.NoError(t, enc.Close())
	return buf.Bytes()
}

// decodeAll reads every record, splitting records from errors.
func decodeAll(t testing.TB, d parse.Decoder) (cs []*citation.Citation, errs []*parse.ParseError) {
	t.Helper()
	for i := 0; i < 1e6; i++ {
		c, err := d.Decode()
		if c != nil {
			cs = append(cs, c)
		}
		if err == io.EOF {
			return cs, errs
		}
		if err != nil {
			var pe *parse.ParseError
			require.True(t, errors.As(err, &pe), "error %v is not a ParseError", err)
			errs = append(errs, pe)
		}
	}
	t.Fatal("decoder does not end")
	return nil, nil
}

// jsonDecoder returns successive top-level JSON values of data.
func jsonDecoder(data []byte) func() (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	return func() (any, bool) {
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		return v, true
	}
}
