package parse_test

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// TestPubmedXMLCorpusZotero decodes the inputs of Zotero's PubMed XML
// translator tests and checks each article against Zotero's expected item.
func TestPubmedXMLCorpusZotero(t *testing.T) {
	dir := testutil.Shared(t, "corpus/pubmed-xml/zotero-translators")
	runZoteroCases(t, dir, "PubMedXML-test-expected-zotero-items.json", func(r io.Reader) parse.Decoder { return parse.NewPubmedXMLDecoder(r) })
}

// TestPubmedXMLCorpus decodes every PubMed XML file of the corpus: every
// article is converted or reported, and the files that are not PubMed XML
// are neither detected as it nor give records.
func TestPubmedXMLCorpus(t *testing.T) {
	dir := testutil.Shared(t, "corpus/pubmed-xml")
	notPubmed := map[string]bool{
		"biopython/efetch_pmc.xml": true, // JATS pmc-articleset
		"biopython/esummary1.xml":  true, // eSummaryResult
		"biopython/pubmed3.html":   true, // HTML around ASN.1
	}
	want := map[string]struct{ records, reported int }{
		"jabref/MedlineImporterTestMalformedEntry.xml": {0, 1},
		"jabref/MedlineImporterTestMinimalEntry.xml":   {0, 1},
		// The second book article has only a PMID and a page.
		"jabref/MedlineImporterTestBookArticleSet.xml": {2, 0},
	}
	var files []string
	filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() && (strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".html")) {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	require.NotEmpty(t, files)
	reg := parse.Default()
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			f, _, err := reg.Detect(strings.NewReader(string(data)))
			if notPubmed[rel] {
				if err == nil {
					assert.NotEqual(t, "pubmedxml", f.Name, "detected as PubMed XML")
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "pubmedxml", f.Name, "detected format")
			got, reported, withErr, errs := pmDecodeAll(t, parse.NewPubmedXMLDecoder(strings.NewReader(string(data))))
			for _, e := range errs {
				t.Log(e)
			}
			in := strings.Count(string(data), "<PubmedArticle>") + strings.Count(string(data), "<PubmedArticle ") +
				strings.Count(string(data), "<PubmedBookArticle>")
			assert.Equal(t, in, len(got)+reported, "articles in = converted + reported")
			if w, ok := want[rel]; ok {
				assert.Equal(t, w.records, len(got), "records")
				assert.Equal(t, w.reported, reported, "reported")
				return
			}
			assert.Zero(t, reported+withErr, "problems: %v", errs)
			for _, c := range got {
				assert.NotEmpty(t, c.PMID, "PMID")
				assert.NotEmpty(t, c.Title, "title")
				assert.NotEmpty(t, c.Type, "type")
			}
		})
	}
}
