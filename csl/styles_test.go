package csl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/csl"
	"github.com/citekit/citekit/internal/testutil"
)

// corpusItems reads every CSL-JSON array in the shared csljson corpus.
func corpusItems(t *testing.T) []*citation.Citation {
	dir := testutil.Shared(t, "corpus/csljson")
	var items []*citation.Citation
	err := filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		its, err := decodeItems(data)
		if err != nil {
			return nil // not a CSL-JSON array (Zotero items, BibJSON)
		}
		for i, it := range its {
			if it.Type == "" || !it.Type.Valid() {
				continue
			}
			if it.ID == "" {
				it.ID = filepath.Base(path) + "#" + string(rune('0'+i%10))
			}
			it.ID = filepath.Base(path) + ":" + it.ID
			items = append(items, it)
		}
		return nil
	})
	require.NoError(t, err)
	return items
}

func parseStyleFile(t *testing.T, path string) *csl.Style {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	s, err := csl.ParseStyle(f)
	require.NoError(t, err, path)
	return s
}

func parseLocaleFile(t *testing.T, path string) *csl.Locale {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	l, err := csl.ParseLocale(f)
	require.NoError(t, err, path)
	return l
}

// TestCorpusStyles renders the items of the csljson corpus with every real
// style of the corpus: each item gets a non-empty bibliography entry and
// citation. It also checks that the built-in en-US locale gives the same
// output as the official one.
func TestCorpusStyles(t *testing.T) {
	styles, _ := filepath.Glob(filepath.Join(testutil.Shared(t, "corpus/csl-styles"), "*.csl"))
	require.NotEmpty(t, styles)
	items := corpusItems(t)
	require.Greater(t, len(items), 50)
	official := parseLocaleFile(t, filepath.Join(testutil.Shared(t, "corpus/csl-locales"), "locales-en-US.xml"))
	builtin, err := csl.BuiltinLocale("en-US")
	require.NoError(t, err)
	var clusters []csl.Cluster
	for i, it := range items {
		cl := csl.Cluster{Items: []csl.CiteItem{{ID: it.ID}}, NoteIndex: i + 1}
		if i%3 == 1 {
			cl.Items[0].Locator = "12-14"
		}
		clusters = append(clusters, cl)
	}
	// a dependent style finds its parent among the corpus styles by id
	lookup := func(uri string) (*csl.Style, error) {
		for _, p := range styles {
			if s := parseStyleFile(t, p); s.ID == uri {
				return s, nil
			}
		}
		return nil, os.ErrNotExist
	}
	for _, path := range styles {
		name := strings.TrimSuffix(filepath.Base(path), ".csl")
		t.Run(name, func(t *testing.T) {
			s, err := csl.ResolveStyle(parseStyleFile(t, path), lookup)
			require.NoError(t, err)
			pOff, err := csl.NewProcessor(s, csl.WithLocale(official))
			require.NoError(t, err)
			pOwn, err := csl.NewProcessor(s, csl.WithLocale(builtin))
			require.NoError(t, err)
			res := pOff.Render(items, clusters)
			own := pOwn.Render(items, clusters)
			require.Len(t, res.Citations, len(clusters))
			// an item with a title and an author or date renders
			printable := map[string]bool{}
			for i, c := range res.Citations {
				it := items[i]
				if it.Title != "" && (len(it.Authors) > 0 || !it.Issued.IsZero()) {
					printable[it.ID] = true
					assert.NotEmpty(t, c.String(), "citation of %s", it.ID)
				}
			}
			if s.HasBibliography() {
				got := map[string]bool{}
				for _, e := range res.Bibliography {
					got[e.ID] = true
					assert.NotEmpty(t, e.String(), e.ID)
				}
				// styles may leave some types out (Chicago notes omits
				// manuscripts and conference papers)
				n := 0
				for id := range printable {
					if got[id] {
						n++
					}
				}
				assert.GreaterOrEqual(t, n, len(printable)*9/10, "entries for printable items")
			}
			// the built-in en-US locale renders as the official one
			diffs := 0
			for i := range res.Bibliography {
				if i < len(own.Bibliography) && res.Bibliography[i].HTML() != own.Bibliography[i].HTML() {
					if diffs < 5 {
						t.Errorf("built-in en-US differs:\nofficial: %s\nbuilt-in: %s", res.Bibliography[i].HTML(), own.Bibliography[i].HTML())
					}
					diffs++
				}
			}
			for i := range res.Citations {
				if res.Citations[i].HTML() != own.Citations[i].HTML() {
					if diffs < 5 {
						t.Errorf("built-in en-US differs in a citation:\nofficial: %s\nbuilt-in: %s", res.Citations[i].HTML(), own.Citations[i].HTML())
					}
					diffs++
				}
			}
			if testing.Verbose() {
				for i := 0; i < 3 && i < len(res.Bibliography); i++ {
					t.Log(res.Bibliography[i].String())
				}
			}
		})
	}
}
