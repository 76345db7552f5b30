package csl_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/csl"
)

// TestBibliographyKeepsItemsWithoutIDs checks that items with no ID or a
// repeated ID each get an entry: decoders leave ID empty when the source
// has none, and no record may be lost from a reference list.
func TestBibliographyKeepsItemsWithoutIDs(t *testing.T) {
	s, err := csl.BuiltinStyle("apa")
	require.NoError(t, err)
	p, err := csl.NewProcessor(s)
	require.NoError(t, err)
	items := []*citation.Citation{
		{Type: citation.TypeBook, Title: "Alpha"},
		{Type: citation.TypeBook, Title: "Beta"},
		{ID: "x", Type: citation.TypeBook, Title: "Gamma"},
		{ID: "x", Type: citation.TypeBook, Title: "Delta"},
		nil,
	}
	bib := p.Bibliography(items)
	require.Len(t, bib, 4)
	var titles, ids []string
	for _, e := range bib {
		titles = append(titles, e.String())
		ids = append(ids, e.ID)
	}
	assert.Equal(t, []string{"Alpha. (n.d.).", "Beta. (n.d.).", "Delta. (n.d.).", "Gamma. (n.d.)."}, titles)
	assert.ElementsMatch(t, []string{"", "", "x", "x"}, ids)
	// The caller's items are not modified.
	assert.Empty(t, items[0].ID)
}
