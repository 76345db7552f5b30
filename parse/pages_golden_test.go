package parse_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

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
