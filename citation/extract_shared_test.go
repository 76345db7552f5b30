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
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
)

// TestDOIScannerSharedCorpus runs the extractor (also with small search
// segments and each search mode forced), the scanner with a small buffer
// and 7-byte reads and with its default buffer, and the reference
// implementation over every file of the shared corpus: they must agree.
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
		assert.Equal(t, got, scanDOIs(t, iotest.HalfReader(bytes.NewReader(b)), 0, nil), "%s: default buffer", rel)
		for mode := range citation.DOIFinderModes {
			assert.Equal(t, got, citation.ExtractDOIsTuned(string(b), 4096, 256, mode), "%s: mode %d", rel, mode)
		}
		return nil
	})
	require.NoError(t, err)
	t.Logf("%d files, %d bytes, %d DOIs", files, total, found)
}

// TestExtractDOIsRecordFields checks extraction against the DOIs that
// records of the shared corpus give in their DOI fields (MEDLINE AID and
// LID "… [doi]", RIS DO, PubMed XML ELocationID and ArticleId, BibTeX doi,
// CSL-JSON DOI): extracting from the line must give the field's DOI as
// ParseDOI reads it. Values that are not DOIs, DOIs with registrant codes
// under 4 digits (which extraction does not find by design) and values with
// LaTeX escapes are counted apart.
func TestExtractDOIsRecordFields(t *testing.T) {
	dir := testutil.Shared(t, "corpus")
	fields := map[string]*regexp.Regexp{
		"medline":    regexp.MustCompile(`^(?:AID|LID) - (.*) \[doi\]$`),
		"ris":        regexp.MustCompile(`^DO  - (.*)$`),
		"pubmed-xml": regexp.MustCompile(`<(?:ELocationID EIdType="doi"[^>]*|ArticleId IdType="doi")>([^<]*)</`),
		"bibtex":     regexp.MustCompile(`^\s*doi\s*=\s*[{"]([^{}"]*)[}"],?\s*$`),
		"csljson":    regexp.MustCompile(`^\s*"DOI"\s*:\s*"([^"\\]*)",?\s*$`),
	}
	short := regexp.MustCompile(`^10\.\d{1,3}[./]`)
	for sub, field := range fields {
		checked, skipped := 0, 0
		err := filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sc := bufio.NewScanner(bytes.NewReader(b))
			sc.Buffer(nil, 16<<20)
			for sc.Scan() {
				line := strings.TrimRight(sc.Text(), "\r")
				m := field.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				value := strings.TrimSpace(m[1])
				d, err := citation.ParseDOI(value)
				if err != nil || short.MatchString(d.String()) || strings.Contains(value, "\\") {
					skipped++
					if testing.Verbose() {
						t.Logf("skipped %s: %q", sub, value)
					}
					continue
				}
				checked++
				var got []string
				for _, m := range citation.ExtractDOIs(line) {
					if m.Key() == d.Key() {
						got = append(got, m.DOI)
					}
				}
				if assert.NotEmpty(t, got, "%s: %q", path, line) {
					assert.Equal(t, d.String(), got[0], "%s: %q", path, line)
				}
			}
			return sc.Err()
		})
		require.NoError(t, err)
		t.Logf("%s: %d DOI fields checked, %d skipped", sub, checked, skipped)
		assert.Greater(t, checked, 10, sub)
	}
}
