package parse_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// TestPagesConcurrent runs separate decoders of every page format on the
// same inputs from many goroutines (run with -race): they share no state,
// and each gives the records a lone decoder gives.
func TestPagesConcurrent(t *testing.T) {
	root, err := testutil.ModuleRoot()
	require.NoError(t, err)
	reg := parse.Default()
	var inputs [][]byte
	var formats []parse.Format
	for _, g := range []string{"testdata/digitalcommons/*.txt", "testdata/html/*.html", "testdata/markdown/*.md"} {
		m, err := filepath.Glob(filepath.Join(root, g))
		require.NoError(t, err)
		for _, p := range m {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			f, _, err := reg.Detect(bytes.NewReader(b))
			require.NoError(t, err)
			inputs = append(inputs, b)
			formats = append(formats, f)
		}
	}
	want := make([][]*citation.Citation, len(inputs))
	for i, in := range inputs {
		want[i], err = parse.ReadAll(formats[i].NewDecoder(bytes.NewReader(in)))
		require.NoError(t, err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, in := range inputs {
				got, err := parse.ReadAll(formats[i].NewDecoder(bytes.NewReader(in)))
				assert.NoError(t, err)
				assert.Equal(t, want[i], got)
			}
		}()
	}
	wg.Wait()
}
