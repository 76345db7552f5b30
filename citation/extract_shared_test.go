package citation_test

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
)

// TestDOIScannerSharedCorpus runs the extractor, the scanner with a small
// buffer and 7-byte reads, and the reference implementation over every file
// of the shared corpus: they must agree.
func TestDOIScannerSharedCorpus(t *testing.T) {
	dir := testutil.Shared(t, "corpus")
	files, total, found := 0, 0, 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil || info.Size() > 4<<20 {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		total += len(b)
		got := citation.ExtractDOIs(string(b))
		found += len(got)
		rel, _ := filepath.Rel(dir, path)
		if !assert.Equal(t, refExtract(string(b), citation.DefaultMaxDOILen), got, rel) {
			return nil
		}
		assert.Equal(t, got, scanDOIs(t, &doiChunkReader{b, 7}, 0, []byte{}), rel)
		return nil
	})
	require.NoError(t, err)
	t.Logf("%d files, %d bytes, %d DOIs", files, total, found)
}

// TestExtractDOIsRecordFields checks extraction against the DOIs that
// records of the shared corpus give in their DOI fields (MEDLINE AID and
// LID "… [doi]", RIS DO): extracting from the line must give the field's
// DOI as ParseDOI reads it. DOIs with registrant codes under 4 digits, which
// extraction does not find by design, are counted apart.
func TestExtractDOIsRecordFields(t *testing.T) {
	dir := testutil.Shared(t, "corpus")
	field := regexp.MustCompile(`^(?:(?:AID|LID) - (.*) \[doi\]|DO  - (.*))$`)
	short := regexp.MustCompile(`^10\.\d{1,3}[./]`)
	checked, skipped := 0, 0
	for _, sub := range []string{"medline", "ris"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sc := bufio.NewScanner(bytes.NewReader(b))
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				line := strings.TrimRight(sc.Text(), "\r")
				m := field.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				value := strings.TrimSpace(m[1] + m[2])
				d, err := citation.ParseDOI(value)
				if err != nil || short.MatchString(d.String()) {
					skipped++
					continue
				}
				checked++
				got := citation.ExtractDOIs(line)
				if assert.Len(t, got, 1, "%s: %q", path, line) {
					assert.Equal(t, d.String(), got[0].DOI, "%s: %q", path, line)
				}
			}
			return sc.Err()
		})
		require.NoError(t, err)
	}
	t.Logf("%d DOI fields checked, %d skipped (not a DOI, or registrant code under 4 digits)", checked, skipped)
	assert.Greater(t, checked, 100)
}
