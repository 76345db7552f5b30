package parse_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// TestPagesGolden decodes every page in testdata/{digitalcommons,html,
// markdown} with default options and compares the CSL-JSON of its records
// with the golden file beside it (x.txt -> x.json). Regenerate with
// go test ./parse -run TestPagesGolden -update.
func TestPagesGolden(t *testing.T) {
	root, err := testutil.ModuleRoot()
	require.NoError(t, err)
	reg := parse.Default()
	for _, g := range []struct{ format, glob string }{
		{"digitalcommons", "testdata/digitalcommons/*.txt"},
		{"html", "testdata/html/*.html"},
		{"markdown", "testdata/markdown/*.md"},
	} {
		files, err := filepath.Glob(filepath.Join(root, g.glob))
		require.NoError(t, err)
		require.NotEmpty(t, files)
		f, ok := reg.Lookup(g.format)
		require.True(t, ok)
		for _, p := range files {
			name := g.format + "/" + filepath.Base(p)
			t.Run(name, func(t *testing.T) {
				in, err := os.ReadFile(p)
				require.NoError(t, err)
				cs, err := parse.ReadAll(f.NewDecoder(bytes.NewReader(in)))
				require.NoError(t, err)
				var out bytes.Buffer
				enc := export.NewCSLJSONEncoder(&out)
				for _, c := range cs {
					require.NoError(t, enc.Encode(c))
				}
				require.NoError(t, enc.Close())
				golden := strings.TrimSuffix(p, filepath.Ext(p)) + ".json"
				testutil.Golden(t, golden, out.Bytes(), *update)
			})
		}
	}
}

// TestSeedCSLJSONKeys checks that the Digital Commons seed converts to
// exactly the CSL-JSON variables issue 3 lists, and nothing else.
func TestSeedCSLJSONKeys(t *testing.T) {
	in, err := os.ReadFile(testutil.Shared(t, "seeds/003_ba1a9481318dd11a.txt"))
	require.NoError(t, err)
	f, r, err := parse.Default().Detect(bytes.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, "digitalcommons", f.Name)
	cs, err := parse.ReadAll(f.NewDecoder(r))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	var out bytes.Buffer
	enc := export.NewCSLJSONEncoder(&out)
	require.NoError(t, enc.Encode(cs[0]))
	require.NoError(t, enc.Close())
	var items []map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &items))
	require.Len(t, items, 1)
	var keys []string
	for k := range items[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	assert.Equal(t, []string{"DOI", "ISSN", "PMID", "abstract", "container-title-short", "id", "issue", "issued",
		"keyword", "page", "title", "type", "volume"}, keys)
	assert.Equal(t, "article-journal", items[0]["type"])
	assert.Equal(t, map[string]any{"date-parts": []any{[]any{2025.0, 11.0, 12.0}}}, items[0]["issued"])
}

// TestPagesValidate checks that the seeds and every record of the page
// testdata pass citation validation without errors (warnings allowed only
// where listed).
func TestPagesValidate(t *testing.T) {
	root, err := testutil.ModuleRoot()
	require.NoError(t, err)
	reg := parse.Default()
	var files []string
	for _, g := range []string{"testdata/digitalcommons/*.txt", "testdata/html/*.html", "testdata/markdown/*.md"} {
		m, err := filepath.Glob(filepath.Join(root, g))
		require.NoError(t, err)
		files = append(files, m...)
	}
	for _, s := range []string{"seeds/000_83633e7879071011.txt", "seeds/003_ba1a9481318dd11a.txt"} {
		if p := filepath.Join(root, "..", "shared", s); pagesFileExists(p) {
			files = append(files, p)
		}
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			in, err := os.ReadFile(p)
			require.NoError(t, err)
			f, r, err := reg.Detect(bytes.NewReader(in))
			require.NoError(t, err)
			cs, err := parse.ReadAll(f.NewDecoder(r))
			require.NoError(t, err)
			for _, c := range cs {
				for _, pr := range c.Validate() {
					if pr.Severity == citation.SeverityError {
						t.Errorf("%s: %v", c.Title, pr)
					}
				}
			}
		})
	}
}

func pagesFileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
