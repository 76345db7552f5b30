package citation_test

import (
	"bytes"
	"io/fs"
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
//
// How they compare with Go's regexp and Crossref's pattern, on one core
// (a 2-core AMD EPYC with AVX2, shared, so runs of the two alternate, 6 to
// 12 of each; fastest and median): ExtractDOIs takes 1.18-1.22 ms over the
// 16.8 MB of generated prose, about 14 GB/s, and the DOIScanner 2.5 ms,
// 6.8 GB/s. The unanchored pattern (BenchmarkCrossrefRegexp) takes
// 33.4-34.7 ms over the prose, about 490 MB/s: citekit is 28 times faster
// (28.2 for the fastest runs of each, 28.4 for the medians). (The pure-Go
// search, without AVX2 or with -tags purego, gives about 4 GB/s.) The
// regexp is not at the 40 MB/s the issue assumed, because Go's regexp does
// not run its automaton over every byte: the pattern's literal prefix is
// "10" (its '.' is any character, and digits have no case), so the matcher
// jumps from one "10" to the next with bytes.Index, which is SIMD-backed
// IndexByte, and runs the NFA only there. About 50 MB/s is what the same
// engine does with no literal prefix to jump to
// (BenchmarkCrossrefRegexpNoPrefix: the pattern after a \b, as many DOI
// patterns start; 330 ms, 280 times citekit), and the anchored pattern
// applied to each whitespace-separated token, as Crossref's blog gives it
// (BenchmarkCrossrefRegexpTokens), runs at 100-120 MB/s (154 ms, 130
// times citekit). The "about 60%" comes from the unanchored form (26 of
// the 48 DOIs of testdata/doi/prose.txt exactly right,
// TestExtractDOIsAccuracy); the token form gets 2 of them right, since
// tokens keep labels and punctuation ("doi:10.1000/182.").
//
// On the real text of BenchmarkDOICorpus the regexp is faster, since it
// holds fewer "10" (see below), and citekit is 18 (the whole corpus: 1.02
// ms, 17.7 GB/s, against 18.1 ms), 22 (the HTML manuscript) and 28 times
// (the Markdown manuscript) faster.
//
// Of the 1.2 ms over the prose, the search for "10." and its sift take
// about 0.6 ms: the AVX2 compares alone 0.36 ms, storing the masks of a
// span 0.05 ms, turning them into positions and sifting the 75,900 "10."
// down to 16,770 candidates the rest; trying the candidates and matching
// the 16,761 DOIs takes about 0.4 ms (about 150 instructions for a plain
// DOI, 300 for a Lancet DOI with brackets, 570 for a SICI DOI), and
// building the result about 0.15 ms. What was tried and gave nothing
// measurable: AVX-512 for the search (with 512-bit registers, slower on
// this CPU, which splits them in two; with 256-bit registers and mask
// registers, no faster), 128 bytes per iteration, sorting the suffix bytes
// of a batch of candidates at once, all of quickDOI's reading for a batch
// of candidates in assembly, returning the DOIs of a batch at once, and
// spans of 4 or 16 KiB instead of 8 (smaller spans cost more calls, larger
// ones put the text further back in the cache when the candidates are
// tried).
//
// The generated prose is not kinder to the regexp than real text: per MB
// it holds 14,000 '1', 4,800 "10" and 77,000 digits, against 9,800, 2,400
// and 47,000 in the whole shared corpus (its Markdown manuscript: 12,500,
// 3,600, 48,000; the HTML of it: 11,200, 2,600, 56,000), so the regexp
// starts its NFA more often in it. Real text is denser in DOIs (about 800
// a MB in the corpus, 1,800 in the manuscript).
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
	benchRegexp(b, string(doiBenchProse()), crossrefPattern())
}

// BenchmarkCrossrefRegexpTokens is the other common use of Crossref's
// pattern, anchored as the blog gives it, matched against each
// whitespace-separated token of the text.
func BenchmarkCrossrefRegexpTokens(b *testing.B) {
	benchRegexpTokens(b, string(doiBenchProse()))
}

// BenchmarkCrossrefRegexpNoPrefix is not a baseline: it shows what Go's
// regexp costs when it cannot jump to a literal prefix, with the pattern
// after a \b.
func BenchmarkCrossrefRegexpNoPrefix(b *testing.B) {
	re := regexp.MustCompile(`(?i)\b10.\d{4,9}/[-._;()/:A-Z0-9]+`)
	if prefix, _ := re.LiteralPrefix(); prefix != "" {
		b.Fatalf("literal prefix %q", prefix)
	}
	benchRegexp(b, string(doiBenchProse()), re)
}

func benchRegexp(b *testing.B, text string, re *regexp.Regexp) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(re.FindAllStringIndex(text, -1))
	}
	b.ReportMetric(float64(n), "DOIs")
}

var crossrefAnchored = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^10.\d{4,9}/[-._;()/:A-Z0-9]+$`)
})

func benchRegexpTokens(b *testing.B, text string) {
	re := crossrefAnchored()
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

// BenchmarkDOICorpus compares the extractor and both forms of the regexp on
// real text from the shared corpus (skipped when absent): a Markdown
// manuscript, its HTML, and every file of the corpus end to end (18 MB of
// BibTeX, RIS, MEDLINE, XML, HTML, CSL, JSON and Markdown). A small input
// run again and again lets the branch predictor learn it, which flatters
// the fastest code; the whole corpus is too large for that.
func BenchmarkDOICorpus(b *testing.B) {
	dir := testutil.Shared(b, "corpus")
	read := func(name string) string {
		text, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(b, err)
		return string(text)
	}
	var all strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := os.ReadFile(path)
		all.Write(text)
		return err
	})
	require.NoError(b, err)
	inputs := []struct{ name, text string }{
		{"manuscript.md", read("markdown/deep-review/manuscript.md")},
		{"manuscript.html", read("html/deep-review/manuscript.html")},
		{"all", all.String()},
	}
	for _, in := range inputs {
		text := in.text
		b.Run(in.name+"/citekit", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(citation.ExtractDOIs(text))
			}
			b.ReportMetric(float64(n), "DOIs")
		})
		b.Run(in.name+"/regexp", func(b *testing.B) { benchRegexp(b, text, crossrefPattern()) })
		b.Run(in.name+"/regexp-tokens", func(b *testing.B) { benchRegexpTokens(b, text) })
	}
}
