package parse_test

import (
	"encoding/json"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func extras(c *citation.Citation, name string) []string {
	var out []string
	for _, f := range c.Extra {
		if f.Name == name {
			out = append(out, f.Value)
		}
	}
	return out
}

func TestCrossrefWork(t *testing.T) {
	got, reported, _, errs := pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(string(readTestdata(t, "crossref/work.json")))))
	require.Zero(t, reported, "%v", errs)
	require.Empty(t, errs)
	require.Len(t, got, 1)
	c := got[0]
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
	assert.Equal(t, "10.1523/JNEUROSCI.1353-25.2025", c.DOI)
	assert.Equal(t, `Spindles and <i>memory</i>: A <span style="font-variant:small-caps;">Mouse</span> Study`, c.Title)
	assert.Equal(t, "The Journal of Neuroscience", c.ContainerTitle)
	assert.Equal(t, "J. Neurosci.", c.ContainerTitleShort)
	assert.Equal(t, `Sleep spindles <i>in vivo</i> predict memory; H<sub>2</sub>O and Ca<sup>2+</sup> were measured in <span style="font-variant:small-caps;">mice</span>. Second paragraph & more.`, c.Abstract)
	require.Len(t, c.Authors, 3)
	assert.Equal(t, citation.Name{Family: "Carberry", Given: "Josiah", ORCID: "0000-0002-1825-0097",
		Affiliations: []string{"Brown University, Providence, RI", "Wesleyan University"}}, c.Authors[0])
	assert.Equal(t, citation.Name{Family: "van Beethoven", Given: "Ludwig", Suffix: "Jr."}, c.Authors[1])
	assert.Equal(t, citation.Name{Literal: "The Sleep Consortium"}, c.Authors[2])
	assert.Equal(t, []citation.Name{{Family: "Editora", Given: "Ana"}}, c.Editors)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 12}, c.Issued)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 12}, c.AvailableDate)
	assert.Equal(t, "45", c.Volume)
	assert.Equal(t, "46", c.Issue)
	assert.Equal(t, "e1353252025", c.Pages)
	assert.Equal(t, []string{"0270-6474", "1529-2401"}, c.ISSN, "print first")
	assert.Equal(t, []string{"1529-2401 (electronic)", "0270-6474 (print)"}, extras(c, "crossref:issn-type"))
	assert.Equal(t, "https://creativecommons.org/licenses/by/4.0/", c.License)
	assert.Equal(t, []string{
		"https://creativecommons.org/licenses/by/4.0/ (vor, start 2026-05-12, delay 180 days)",
		"https://www.example.org/tdm-license (tdm, start 2025-11-12)",
	}, extras(c, "crossref:license"))
	assert.Equal(t, []string{
		"National Institutes of Health [10.13039/100000002] award: R01 NS012345, R21 MH000001",
		"Example Foundation",
	}, extras(c, "crossref:funder"))
	assert.Equal(t, []citation.Related{
		{ID: "10.1038/171737a0", URL: "https://doi.org/10.1038/171737a0", Type: "references",
			Title: "Watson JD, Crick FH (1953) Molecular structure of nucleic acids. Nature 171:737-738."},
		{Title: "A study without DOI. J Examples", Type: "references"},
		{ID: "10.1101/2025.01.01.123456", URL: "https://doi.org/10.1101/2025.01.01.123456", Type: "has-preprint"},
	}, c.Related)
	assert.Equal(t, []string{"General Neuroscience"}, c.Keywords)
	assert.Equal(t, "en", c.Language)
	assert.Equal(t, "Society for Neuroscience", c.Publisher)
	assert.Equal(t, "Crossref", c.Source)
}

func TestCrossrefList(t *testing.T) {
	d := parse.NewCrossrefDecoder(strings.NewReader(string(readTestdata(t, "crossref/list.json"))))
	got, reported, withRecord, errs := pmDecodeAll(t, d)
	require.Len(t, got, 4)
	assert.Equal(t, 1, reported, "the item that is not an object")
	assert.Equal(t, 1, withRecord, "the item with wrong types")

	c := got[0]
	assert.Equal(t, citation.TypeChapter, c.Type)
	assert.Equal(t, "A Book of Chapters", c.ContainerTitle)
	assert.Equal(t, []string{"9780306406157"}, c.ISBN)
	assert.Equal(t, citation.Date{Year: 2019, Month: 3}, c.Issued)
	assert.Equal(t, "Oxford", c.PublisherPlace)

	c = got[1]
	assert.Equal(t, citation.TypePaperConference, c.Type)
	assert.Equal(t, "Example Conference 2020", c.EventTitle)
	assert.Equal(t, "Online", c.EventPlace)
	assert.Equal(t, citation.Date{Year: 2020, Month: 6, Day: 1, EndYear: 2020, EndMonth: 6, EndDay: 3}, c.EventDate)
	assert.Equal(t, citation.Date{Year: 2020, Month: 6}, c.Issued, "date part given as a string")

	c = got[2]
	assert.Equal(t, "not a list", c.Title, "a title given as a string")
	var pe *parse.ParseError
	require.True(t, errors.As(errs[0], &pe))
	assert.Equal(t, "author", pe.Field)
	assert.Equal(t, "10.1000/three", pe.Record)
	assert.Equal(t, 4, pe.Line)
	assert.True(t, errors.Is(errs[0], parse.ErrInvalidValue))

	require.True(t, errors.As(errs[1], &pe))
	assert.Equal(t, 5, pe.Line)
	assert.True(t, errors.Is(errs[1], parse.ErrSyntax))

	assert.Equal(t, citation.Date{Year: 2021, EndYear: 2022}, got[3].Issued)
	assert.Equal(t, citation.TypeDataset, got[3].Type)
}

func TestCrossrefErrors(t *testing.T) {
	_, reported, _, errs := pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(string(readTestdata(t, "crossref/error.json")))))
	assert.Equal(t, 1, reported)
	assert.Contains(t, errs[0].Error(), `response status "failed": Sample size must be 100 or less`)

	// A syntax error ends decoding after the records before it.
	got, reported, _, errs := pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(`[{"DOI":"10.1/a","title":["A"]}, {"DOI": ]`)))
	assert.Len(t, got, 1)
	assert.Equal(t, 1, reported)
	assert.True(t, errors.Is(errs[0], parse.ErrSyntax))

	// Truncated input.
	_, reported, _, errs = pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(`{"status":"ok","message":{"items":[{"DOI":"10.1/a"`)))
	assert.Equal(t, 1, reported)
	assert.True(t, errors.Is(errs[0], parse.ErrSyntax))

	// A record over the limit.
	d := parse.NewCrossrefDecoder(strings.NewReader(`[{"DOI":"10.1/a","title":["` + strings.Repeat("x", 10000) + `"]}]`))
	d.MaxRecordBytes = 1000
	_, reported, _, errs = pmDecodeAll(t, d)
	assert.Equal(t, 1, reported)
	assert.True(t, errors.Is(errs[0], parse.ErrTooLarge))
}

func TestCrossrefNDJSONAndBare(t *testing.T) {
	in := `{"DOI":"10.1/a","title":["A"],"type":"journal-article"}
{"status":"ok","message-type":"work","message":{"DOI":"10.1/b","title":["B"]}}
[{"DOI":"10.1/c","title":["C"]}]
`
	got, reported, _, errs := pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(in)))
	require.Zero(t, reported, "%v", errs)
	require.Len(t, got, 3)
	assert.Equal(t, "10.1/a", got[0].DOI)
	assert.Equal(t, "10.1/b", got[1].DOI)
	assert.Equal(t, "10.1/c", got[2].DOI)
}

// TestCrossrefLargeList streams a list longer than the decoder's buffers.
func TestCrossrefLargeList(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"status":"ok","message-type":"work-list","message":{"total-results":2000,"items":[`)
	for i := 0; i < 2000; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"DOI":"10.1000/x` + strings.Repeat("0", i%7) + `","title":["Item"],"type":"journal-article","author":[{"given":"A","family":"B"}]}`)
	}
	b.WriteString(`],"items-per-page":2000}}`)
	got, reported, _, _ := pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(b.String())))
	assert.Zero(t, reported)
	assert.Len(t, got, 2000)
}

// TestCrossrefCorpus reads the Crossref records captured by citation-js
// (CSL-JSON from DOI content negotiation, keyed by DOI) with the crossref
// decoder, one by one, and checks what they hold.
func TestCrossrefCorpus(t *testing.T) {
	p := testutil.Shared(t, "corpus/csljson/citation-js/crossref-doi-api.json")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	var byDOI map[string][]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &byDOI))
	keys := make([]string, 0, len(byDOI))
	for k := range byDOI {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := map[string]struct {
		typ     citation.ItemType
		title   string
		authors int
		year    int
	}{
		"10.1021/JA01577A030":         {citation.TypeArticleJournal, "Correlation of the Base Strengths of Amines<sup>1</sup>", 1, 1957},
		"10.1101/2021.08.15.21262067": {citation.TypeArticle, "Significant reduction in humoral immunity among healthcare workers and nursing home residents 6 months after COVID-19 BNT162b2 mRNA vaccination", 17, 2021},
		"10.5281/ZENODO.8242099":      {citation.TypeArticle, "Shield bugs (nymphs)", 2, 2023},
		"10.59350/HHTCN-ZAH03":        {citation.TypeArticle, "The Bioclipse Workshop is in progress", 1, 2006},
	}
	for _, k := range keys {
		t.Run(k, func(t *testing.T) {
			require.Len(t, byDOI[k], 1)
			// As a bare work, and wrapped as the REST API returns it.
			for _, in := range []string{string(byDOI[k][0]), `{"status":"ok","message-type":"work","message":` + string(byDOI[k][0]) + `}`} {
				got, reported, withRecord, errs := pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(in)))
				require.Zero(t, reported+withRecord, "%v", errs)
				require.Len(t, got, 1)
				c := got[0]
				assert.True(t, strings.EqualFold(k, c.DOI), "DOI %q", c.DOI)
				w, ok := want[k]
				require.True(t, ok)
				assert.Equal(t, w.typ, c.Type)
				assert.Equal(t, w.title, c.Title)
				assert.Len(t, c.Authors, w.authors)
				assert.Equal(t, w.year, c.Issued.Year)
			}
		})
	}
	// The Crossref records' details.
	got, _, _, _ := pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(string(byDOI["10.1021/JA01577A030"][0]))))
	c := got[0]
	assert.Equal(t, citation.Name{Family: "Hall", Given: "H. K.", Suffix: "Jr."}, c.Authors[0])
	assert.Equal(t, []string{"0002-7863", "1520-5126"}, c.ISSN)
	assert.Equal(t, "5441-5444", c.Pages)
	assert.Equal(t, citation.Date{Year: 1957, Month: 10}, c.Issued)
	assert.Equal(t, "J. Am. Chem. Soc.", c.ContainerTitleShort)
	got, _, _, _ = pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(string(byDOI["10.59350/HHTCN-ZAH03"][0]))))
	c = got[0]
	assert.Equal(t, "https://creativecommons.org/licenses/by/4.0/legalcode", c.License)
	assert.Len(t, extras(c, "crossref:license"), 2)
	assert.Equal(t, "0000-0001-7542-0286", c.Authors[0].ORCID)
	got, _, _, _ = pmDecodeAll(t, parse.NewCrossrefDecoder(strings.NewReader(string(byDOI["10.1101/2021.08.15.21262067"][0]))))
	c = got[0]
	assert.Equal(t, "medRxiv", c.ContainerTitle)
	assert.Len(t, c.Related, 6, "5 references and 1 relation")
	assert.NotContains(t, c.Abstract, "Abstract", "the JATS title is dropped")
}
