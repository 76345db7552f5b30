package parse_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// The formats of this file's decoders, for detection tests.
var pubmedFormats = []string{"medline", "pubmedxml", "crossref", "datacite"}

func sniffer(t *testing.T, name string) func([]byte) bool {
	f, ok := parse.Default().Lookup(name)
	require.True(t, ok, name)
	require.NotNil(t, f.Sniff)
	return f.Sniff
}

// TestPubmedDetectPrefixes checks detection of each format, and of none of
// them, on inputs cut to a few lengths up to parse.SniffLen.
func TestPubmedDetectPrefixes(t *testing.T) {
	tests := []struct {
		name, in, want string // want "" means none of the four
	}{
		{"medline", "PMID- 8692918\nOWN - NLM\nSTAT- MEDLINE\nDA  - 19960829\n", "medline"},
		{"medline leading blank line", "\r\nPMID- 1\r\nTI  - T\r\n", "medline"},
		{"medline ERIC", "\nOWN - ERIC\nTI  - Educational Test Approaches\nAU  - van Groen, Maaike M.\n", "medline"},
		{"medline no space after dash", "PMID-22664220\nPT  - Technical Report\n", "medline"},
		{"RIS", "TY  - JOUR\nAU  - Smith, J\nTI  - Title\nER  - \n", ""},
		{"RIS without 3-letter tags", "AU  - Smith, J\nTI  - Title\n", ""},
		{"Ovid", "<3001. >\nVN  - Ovid Technologies\nDB  - Embase\n", ""},
		{"WoS", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n", ""},
		{"text", "PMC some PMC\n  PMID\n\n\nSO-something stands here", ""},
		{"pubmedxml", `<?xml version="1.0" ?>` + "\n" + `<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">` + "\n<PubmedArticleSet>\n<PubmedArticle>", "pubmedxml"},
		{"pubmedxml bare article", "    \n  <PubmedArticle>\n<MedlineCitation>", "pubmedxml"},
		{"pubmedxml book", "<PubmedBookArticleSet><PubmedBookArticle>", "pubmedxml"},
		{"JATS", `<?xml version="1.0"?><pmc-articleset><article>`, ""},
		{"eSummary", `<?xml version="1.0"?><eSummaryResult><DocSum><Id>1</Id>`, ""},
		{"HTML mentioning PubmedArticle", "<html><head><title>x</title></head><body><p>see</p><div>&lt;PubmedArticle</div> <PubmedArticle", ""},
		{"crossref work", `{"status":"ok","message-type":"work","message-version":"1.0.0","message":{"indexed":{}}}`, "crossref"},
		{"crossref list", "{\n  \"status\" : \"ok\",\n  \"message-type\" : \"work-list\",\n  \"message\": {\"items\": [", "crossref"},
		{"crossref message first", `{"message":{"DOI":"10.1/x"},"status":"ok"}`, "crossref"},
		{"crossref other message type", `{"status":"ok","message-type":"member","message":{}}`, ""},
		{"CSL-JSON", `[{"id":"x","type":"article-journal","title":"T","DOI":"10.1/x"}]`, ""},
		{"CSL-JSON object", `{"id":"x","type":"article-journal","title":"T","message":"hi"}`, ""},
		{"datacite", `{"data":{"id":"10.5061/dryad.8515","type":"dois","attributes":{"doi":"10.5061/dryad.8515"`, "datacite"},
		{"datacite list", "{\n \"data\": [\n  {\n   \"id\": \"10.1/x\",\n   \"attributes\": {", "datacite"},
		{"JSON:API other", `{"data":{"id":"1","type":"people","relationships":{}}}`, ""},
	}
	reg := parse.Default()
	for _, tt := range tests {
		for _, n := range []int{16, 48, 120, parse.SniffLen} {
			in := tt.in
			if len(in) > n {
				in = in[:n]
			}
			name := tt.name
			if n < len(tt.in) {
				name += "/cut"
			}
			t.Run(name, func(t *testing.T) {
				for _, f := range pubmedFormats {
					got := sniffer(t, f)([]byte(in))
					if f == tt.want {
						// A cut input may not be recognizable yet, but the
						// whole prefix must be.
						if n >= len(tt.in) {
							assert.True(t, got, "%s should claim %q", f, in)
						}
					} else {
						assert.False(t, got, "%s claims %q", f, in)
					}
				}
				if tt.want != "" && n >= len(tt.in) {
					f, _, err := reg.Detect(strings.NewReader(tt.in))
					require.NoError(t, err)
					assert.Equal(t, tt.want, f.Name)
				}
			})
		}
	}
}

// TestPubmedDetectCorpus runs detection over the corpus: the MEDLINE and
// PubMed XML files are detected as such, and nothing else in the corpus is
// claimed by these four formats.
func TestPubmedDetectCorpus(t *testing.T) {
	dir := testutil.Shared(t, "corpus")
	reg := parse.Default()
	expect := func(rel string) string {
		switch {
		case strings.HasPrefix(rel, "medline/") && (strings.HasSuffix(rel, ".txt") || strings.HasSuffix(rel, ".nbib")):
			return "medline"
		case strings.HasPrefix(rel, "pubmed-xml/") && strings.HasSuffix(rel, ".xml") &&
			!strings.Contains(rel, "efetch_pmc") && !strings.Contains(rel, "esummary"):
			return "pubmedxml"
		}
		return ""
	}
	n := 0
	err := filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(rel, "csl-") || strings.HasPrefix(rel, "schema/") || rel == "MANIFEST.md" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if len(b) > parse.SniffLen {
			b = b[:parse.SniffLen]
		}
		n++
		want := expect(rel)
		f, _, err := reg.Detect(strings.NewReader(string(b)))
		got := ""
		if err == nil {
			for _, name := range pubmedFormats {
				if f.Name == name {
					got = name
				}
			}
		}
		assert.Equal(t, want, got, "%s", rel)
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, n, 100)
}

// TestPubmedConcurrent runs separate decoders of the four formats, and
// detection on one shared Registry, from many goroutines (run with -race).
func TestPubmedConcurrent(t *testing.T) {
	inputs := map[string][]byte{
		"medline":   readTestdata(t, "medline/records.nbib"),
		"pubmedxml": readTestdata(t, "pubmedxml/pair-39000001.xml"),
		"crossref":  readTestdata(t, "crossref/list.json"),
		"datacite":  readTestdata(t, "datacite/list.json"),
	}
	reg := parse.Default()
	done := make(chan int)
	for i := 0; i < 8; i++ {
		for name, in := range inputs {
			go func() {
				n := 0
				f, r, err := reg.Detect(strings.NewReader(string(in)))
				if err == nil && f.Name == name {
					d := f.NewDecoder(r)
					for {
						c, err := d.Decode()
						if c != nil {
							n++
						}
						if err == io.EOF {
							break
						}
					}
				}
				done <- n
			}()
		}
	}
	total := 0
	for i := 0; i < 8*len(inputs); i++ {
		total += <-done
	}
	assert.Equal(t, 8*(5+1+4+3), total)
}
