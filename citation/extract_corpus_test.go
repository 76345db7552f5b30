package citation_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
)

// crossrefPattern is the pattern Crossref recommends for matching DOIs
// (blog "DOIs and matching regular expressions", 2015), unanchored to find
// DOIs in text.
var crossrefPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)10.\d{4,9}/[-._;()/:A-Z0-9]+`)
})

func readDOITestdata(t testing.TB, name string) string {
	t.Helper()
	root, err := testutil.ModuleRoot()
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(root, "testdata", "doi", name))
	require.NoError(t, err)
	return string(b)
}

// TestExtractDOIsAccuracy runs the extractor and Crossref's regular
// expression over a labelled corpus of realistic prose, HTML, MEDLINE,
// BibTeX and Scopus exports (testdata/doi/prose.txt, with the expected DOIs
// in prose.want): the extractor gets every DOI exactly right, the regular
// expression about 60% (it keeps trailing punctuation and closing
// brackets, cuts SICI DOIs and misses URL-encoded ones).
func TestExtractDOIsAccuracy(t *testing.T) {
	text := readDOITestdata(t, "prose.txt")
	want := strings.Fields(readDOITestdata(t, "prose.want"))

	got := citation.ExtractDOIs(text)
	assert.Equal(t, want, doiStrings(got))
	assert.Equal(t, got, refExtract(text, citation.DefaultMaxDOILen))

	// A DOI is right for the regexp when a match starts where the DOI does
	// and has the same text (URL-encoded DOIs cannot be right).
	byOffset := make(map[int]string)
	for _, loc := range crossrefPattern().FindAllStringIndex(text, -1) {
		byOffset[loc[0]] = text[loc[0]:loc[1]]
	}
	right := 0
	for _, m := range got {
		if byOffset[int(m.Offset)] == m.DOI {
			right++
		}
	}
	ratio := float64(right) / float64(len(want))
	t.Logf("citekit %d/%d exactly right; Crossref regexp %d/%d (%.0f%%)", len(want), len(want), right, len(want), 100*ratio)
	assert.Less(t, ratio, 0.75)
	assert.Greater(t, ratio, 0.4)
}

// The benchmarks run over generated prose with one DOI per about 1,000
// bytes, in written forms of all kinds, and decoy numbers.
var doiBenchProse = sync.OnceValue(func() []byte { return generateDOIProse(16<<20, 1000, 42) })

func BenchmarkExtractDOIs(b *testing.B) {
	text := string(doiBenchProse())
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(citation.ExtractDOIs(text))
	}
	b.ReportMetric(float64(n), "DOIs")
}

func BenchmarkDOIScanner(b *testing.B) {
	text := doiBenchProse()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		sc := citation.NewDOIScanner(bytes.NewReader(text))
		n = 0
		for sc.Scan() {
			n++
		}
	}
	b.ReportMetric(float64(n), "DOIs")
}

// BenchmarkCrossrefRegexp is the comparison: Go's regexp with Crossref's
// pattern over the same text.
func BenchmarkCrossrefRegexp(b *testing.B) {
	text := doiBenchProse()
	re := crossrefPattern()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(re.FindAllIndex(text, -1))
	}
	b.ReportMetric(float64(n), "DOIs")
}

func BenchmarkValidDOI(b *testing.B) {
	var list []string
	for _, m := range citation.ExtractDOIs(string(generateDOIProse(200_000, 1000, 9))) {
		list = append(list, m.DOI)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range list {
			if !citation.ValidDOI(s) {
				b.Fatal(s)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(list)), "ns/DOI")
	b.ReportMetric(float64(b.N*len(list))/b.Elapsed().Seconds()/1e6, "MDOIs/s")
}

// BenchmarkDOICorpus compares the extractor and the regexp on real text
// from the shared corpus (skipped when absent).
func BenchmarkDOICorpus(b *testing.B) {
	for _, name := range []string{"corpus/markdown/deep-review/manuscript.md", "corpus/html/deep-review/manuscript.html"} {
		text, err := os.ReadFile(testutil.Shared(b, name))
		require.NoError(b, err)
		b.Run(filepath.Base(name)+"/citekit", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(citation.ExtractDOIs(string(text)))
			}
			b.ReportMetric(float64(n), "DOIs")
		})
		b.Run(filepath.Base(name)+"/regexp", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(crossrefPattern().FindAllIndex(text, -1))
			}
			b.ReportMetric(float64(n), "DOIs")
		})
	}
}

// BenchmarkCrossrefRegexpTokens is the other common use of Crossref's
// pattern, anchored as the blog gives it, matched against each
// whitespace-separated token of the text.
func BenchmarkCrossrefRegexpTokens(b *testing.B) {
	text := string(doiBenchProse())
	re := regexp.MustCompile(`(?i)^10.\d{4,9}/[-._;()/:A-Z0-9]+$`)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for _, tok := range strings.Fields(text) {
			if re.MatchString(tok) {
				n++
			}
		}
	}
	b.ReportMetric(float64(n), "DOIs")
}
