package parse_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

// TestBibTeXRetainWindow: a parent that precedes its child is found while
// it is among the last Retain entries; of several entries with its key, the
// first of those in the window. The index of the window is built at the
// first look-up, so the answer does not depend on when that comes.
func TestBibTeXRetainWindow(t *testing.T) {
	decode := func(src string) map[string]*citation.Citation {
		d := parse.NewBibTeXDecoder(strings.NewReader(src))
		d.Retain = 5
		cs, _ := parse.ReadAll(d)
		byID := map[string]*citation.Citation{}
		for _, c := range cs {
			byID[c.ID] = c
		}
		return byID
	}
	const parents = `@book{p, title = {First}} @book{P, title = {Second}} `
	child := func(id string) string { return `@inbook{` + id + `, crossref = {p}, pages = {1}} ` }
	filler := func(ids ...string) string {
		var b strings.Builder
		for _, id := range ids {
			b.WriteString(`@misc{` + id + `, title = {F}} `)
		}
		return b.String()
	}

	// c1 looks up p while both are in the window: the first.
	// c2 comes when p has left it and P is still there: the second.
	cs := decode(parents + child("c1") + filler("x", "y") + child("c2"))
	require.Contains(t, cs, "c1")
	require.Contains(t, cs, "c2")
	assert.Equal(t, "First", cs["c1"].ContainerTitle)
	assert.Equal(t, "Second", cs["c2"].ContainerTitle)

	// The same without an earlier look-up.
	cs = decode(parents + filler("x", "y", "z") + child("c2"))
	require.Contains(t, cs, "c2")
	assert.Equal(t, "Second", cs["c2"].ContainerTitle)

	// Both gone: the child is returned without a parent, and reported.
	d := parse.NewBibTeXDecoder(strings.NewReader(parents + filler("x", "y", "z", "w", "v") + child("c3")))
	d.Retain = 5
	got, err := parse.ReadAll(d)
	require.Error(t, err)
	assert.Len(t, got, 8)
	assert.Equal(t, "", got[len(got)-1].ContainerTitle)
}
