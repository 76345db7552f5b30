package parse_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

func TestDataCiteSingle(t *testing.T) {
	got, reported, withRecord, errs := pmDecodeAll(t, parse.NewDataCiteDecoder(strings.NewReader(string(readTestdata(t, "datacite/single.json")))))
	require.Zero(t, reported+withRecord, "%v", errs)
	require.Len(t, got, 1)
	c := got[0]
	assert.Equal(t, citation.TypeDataset, c.Type)
	assert.Equal(t, "DataPackage", c.Genre)
	assert.Equal(t, "10.5061/dryad.8515", c.DOI)
	assert.Equal(t, "Data from: A new malaria agent in African hominids: Supplementary tables", c.Title)
	assert.Equal(t, []string{"Données (TranslatedTitle)"}, extras(c, "datacite:title"))
	require.Len(t, c.Authors, 3)
	assert.Equal(t, citation.Name{Family: "Ollomo", Given: "Benjamin", Affiliations: []string{"Centre International de Recherches Médicales de Franceville"}}, c.Authors[0])
	assert.Equal(t, citation.Name{Family: "Carberry", Given: "Josiah", ORCID: "0000-0002-1825-0097", Affiliations: []string{"Brown University"}}, c.Authors[1])
	assert.Equal(t, citation.Name{Literal: "Dryad Consortium"}, c.Authors[2])
	assert.Equal(t, []citation.Name{{Family: "Editor", Given: "Eve"}}, c.Editors)
	assert.Equal(t, []string{"Curie, Marie (DataCurator)"}, extras(c, "datacite:contributor"))
	assert.Equal(t, "Dryad", c.Publisher)
	assert.Equal(t, citation.Date{Year: 2011, Month: 2, Day: 1}, c.Issued)
	assert.Equal(t, citation.Date{Year: 2011, Month: 2, Day: 1}, c.AvailableDate)
	assert.Equal(t, []string{"2010-06-01/2010-12-31 (Collected)"}, extras(c, "datacite:date"))
	assert.Equal(t, []string{"Plasmodium", "malaria"}, c.Keywords)
	assert.Equal(t, "Malaria <i>parasites</i> in apes.", c.Abstract)
	assert.Equal(t, "Dryad Digital Repository", c.CollectionTitle)
	assert.Equal(t, "https://creativecommons.org/publicdomain/zero/1.0/legalcode", c.License)
	assert.Equal(t, []string{"National Science Foundation [https://doi.org/10.13039/100000001] award: DEB-0000001 (Malaria evolution)"}, extras(c, "datacite:funder"))
	assert.Equal(t, []citation.Related{
		{ID: "10.1371/journal.ppat.1000446", URL: "https://doi.org/10.1371/journal.ppat.1000446", Type: "IsCitedBy"},
		{ID: "https://example.org/paper", URL: "https://example.org/paper", Type: "IsSupplementTo"},
	}, c.Related)
	assert.Equal(t, "1", c.Vars["version"])
	assert.Equal(t, "en", c.Language)
	assert.Equal(t, "https://datadryad.org/stash/dataset/doi:10.5061/dryad.8515", c.URL)
	assert.Equal(t, "DataCite", c.Source)
}

func TestDataCiteList(t *testing.T) {
	got, reported, withRecord, errs := pmDecodeAll(t, parse.NewDataCiteDecoder(strings.NewReader(string(readTestdata(t, "datacite/list.json")))))
	assert.Equal(t, 1, reported)
	assert.Zero(t, withRecord)
	require.Len(t, got, 3)
	var pe *parse.ParseError
	require.True(t, errors.As(errs[0], &pe))
	assert.Equal(t, 4, pe.Line)
	assert.Equal(t, "attributes", pe.Field)

	assert.Equal(t, citation.TypeSoftware, got[0].Type)
	assert.Equal(t, "Zenodo", got[0].Publisher, "publisher as an object")
	assert.Equal(t, citation.Date{Year: 2023}, got[0].Issued, "publicationYear as a string")
	assert.Equal(t, "v1.2.0", got[0].Vars["version"])
	assert.Equal(t, []citation.Name{{Family: "Lovelace", Given: "Ada"}}, got[0].Authors)

	c := got[1]
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
	assert.Equal(t, "Journal of Examples", c.ContainerTitle)
	assert.Equal(t, "3", c.Volume)
	assert.Equal(t, "2", c.Issue)
	assert.Equal(t, "10-19", c.Pages)
	assert.Equal(t, []string{"0317-8471"}, c.ISSN)

	assert.Equal(t, citation.TypeArticle, got[2].Type)
	assert.Equal(t, citation.Date{Year: 2024}, got[2].Issued)
}

func TestDataCiteBareAndErrors(t *testing.T) {
	got, reported, _, errs := pmDecodeAll(t, parse.NewDataCiteDecoder(strings.NewReader(
		`{"doi":"10.1000/bare","titles":[{"title":"Bare attributes"}],"types":{"resourceTypeGeneral":"Image"}}`)))
	require.Zero(t, reported, "%v", errs)
	require.Len(t, got, 1)
	assert.Equal(t, citation.TypeGraphic, got[0].Type)

	_, reported, _, errs = pmDecodeAll(t, parse.NewDataCiteDecoder(strings.NewReader(
		`{"errors":[{"status":"404","title":"The resource you are looking for doesn't exist."}]}`)))
	assert.Equal(t, 1, reported)
	assert.True(t, errors.Is(errs[0], parse.ErrInvalidValue))

	_, reported, _, errs = pmDecodeAll(t, parse.NewDataCiteDecoder(strings.NewReader(`{"data":[{"attributes":{"doi":"10.1/x"}},`)))
	assert.Equal(t, 1, reported)
	assert.True(t, errors.Is(errs[0], parse.ErrSyntax))

	got, _, withRecord, errs := pmDecodeAll(t, parse.NewDataCiteDecoder(strings.NewReader(`{"data":{"attributes":{"doi":"10.1/x","titles":"oops","publisher":[1]}}}`)))
	require.Len(t, got, 1)
	assert.Equal(t, 1, withRecord)
	assert.True(t, errors.Is(errs[0], parse.ErrInvalidValue))
}
