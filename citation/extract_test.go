package citation_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
)

var doiExtractTests = []struct {
	name string
	in   string
	want []string // DOIs, in order
}{
	{"bare", "10.1000/182", []string{"10.1000/182"}},
	{"label", "doi:10.1000/182", []string{"10.1000/182"}},
	{"label upper with space and period", "Cited as DOI: 10.1000/182.", []string{"10.1000/182"}},
	{"resolver https", "https://doi.org/10.1523/JNEUROSCI.1353-25.2025.", []string{"10.1523/JNEUROSCI.1353-25.2025"}},
	{"resolver dx any case", "HTTP://DX.DOI.ORG/10.1000/ABC;", []string{"10.1000/ABC"}},
	{"no space after label", "doi10.1016/j.cell.2020.01.001", []string{"10.1016/j.cell.2020.01.001"}},
	{"info uri with query", "rft_id=info:doi/10.1000/182&rft.genre=article", []string{"10.1000/182"}},
	{"info uri encoded", "url_ver=Z39.88-2004&rft_id=info%3Adoi%2F10.1000%2F182&x=1", []string{"10.1000/182"}},
	{"urn", "urn:doi:10.1000/182", []string{"10.1000/182"}},
	{"scopus url-encoded", "https://www.scopus.com/inward/record.uri?eid=2-s2.0-77&doi=10.1016%2fj.foreco.2010.01.001&partnerID=40&md5=ab",
		[]string{"10.1016/j.foreco.2010.01.001"}},
	{"encoded brackets", "https://doi.org/10.1002/abc%3C1%3E2", []string{"10.1002/abc<1>2"}},
	{"encoded space ends", "https://doi.org/10.1000/abc%20def", []string{"10.1000/abc"}},
	// After an escape that ends in a digit, a DOI starts 1 or 2 bytes into
	// the run of digits and dots before its '/'.
	{"after encoded space", "q=%2010.1000/abc %A110.2000/def %20110.3000/no", []string{"10.1000/abc", "10.2000/def"}},
	{"after encoded slash", "u=https%3A%2F%2Fdoi.org%2F10.1000%2F182", []string{"10.1000/182"}},
	{"non-ASCII escape kept", "10.1000/caf%C3%A9", []string{"10.1000/caf%C3%A9"}},
	{"unbalanced paren dropped", "(see doi:10.1000/xyz)", []string{"10.1000/xyz"}},
	{"unbalanced paren and period", "(doi:10.1000/xyz).", []string{"10.1000/xyz"}},
	{"balanced paren kept", "The Lancet, 10.1016/S0140-6736(20)30183-5.", []string{"10.1016/S0140-6736(20)30183-5"}},
	{"balanced paren in parens", "(10.1016/S0140-6736(20)30183-5)", []string{"10.1016/S0140-6736(20)30183-5"}},
	{"sici angle", "doi:10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0 (1998)",
		[]string{"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"}},
	{"sici square", "[10.1658/1402-2001(2004)007[0221:SDAMOT]2.0.CO;2]",
		[]string{"10.1658/1402-2001(2004)007[0221:SDAMOT]2.0.CO;2"}},
	{"sici hash", "10.1002/(SICI)1521-3773(20001103)39:21<3772::AID-ANIE3772>3.0.CO;2-#",
		[]string{"10.1002/(SICI)1521-3773(20001103)39:21<3772::AID-ANIE3772>3.0.CO;2-#"}},
	{"sici html escaped", "10.1002/(SICI)1097-4571(199806)49:8&lt;693::AID-ASI4&gt;3.0.CO;2-0</td>",
		[]string{"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"}},
	{"doubly escaped", "10.1002/x&amp;lt;693::AID&amp;gt;3.0&amp;lt;/p&amp;gt;", []string{"10.1002/x<693::AID>3.0"}},
	{"numeric references", "10.1002/x&#60;1&#x3E;2&#34;", []string{"10.1002/x<1>2"}},
	{"angle brackets around", "<doi:10.1000/xyz>", []string{"10.1000/xyz"}},
	{"escaped angle brackets around", "&lt;https://doi.org/10.1000/xyz&gt;", []string{"10.1000/xyz"}},
	{"medline tail", "AID - 10.1523/JNEUROSCI.1353-25.2025 [doi]", []string{"10.1523/JNEUROSCI.1353-25.2025"}},
	{"medline tail no space", "LID - 10.1000/xyz[DOI]", []string{"10.1000/xyz"}},
	{"html link", `<a href="https://doi.org/10.1000/xyz">10.1000/xyz</a>`, []string{"10.1000/xyz", "10.1000/xyz"}},
	{"html br", "10.1000/xyz<br/>10.1000/abc<br>", []string{"10.1000/xyz", "10.1000/abc"}},
	{"single quotes", "href='https://doi.org/10.1000/a'", []string{"10.1000/a"}},
	{"ampersand digit kept", "10.1207/s15327906mbr2601&2_1.", []string{"10.1207/s15327906mbr2601&2_1"}},
	{"ampersand entity digit kept", "10.1207/s15327906mbr2601&amp;2_1", []string{"10.1207/s15327906mbr2601&2_1"}},
	{"question mark ends", "Is it 10.1000/xyz?", []string{"10.1000/xyz"}},
	{"comma list", "10.1000/a,10.1000/b, 10.1000/c", []string{"10.1000/a", "10.1000/b", "10.1000/c"}},
	{"semicolon list", "doi:10.1000/a; doi:10.1000/b;", []string{"10.1000/a", "10.1000/b"}},
	{"space ends", "doi: 10.1000/abc def", []string{"10.1000/abc"}},
	{"subdivided registrant", "10.1000.10/123", []string{"10.1000.10/123"}},
	{"curly quotes", "“10.1000/xyz”, said", []string{"10.1000/xyz"}},
	{"non-ASCII suffix", "10.1000/日本語 and 10.1000/ça.", []string{"10.1000/日本語", "10.1000/ça"}},
	{"ideographic full stop", "10.1000/xyz。", []string{"10.1000/xyz"}},
	{"nbsp ends", "10.1000/abc\u00a0def 10.1000/x&nbsp;y", []string{"10.1000/abc", "10.1000/x"}},
	{"invalid UTF-8", "\xff10.1000/a\xffb \xc3 10.2000/c\xc3", []string{"10.1000/a", "10.2000/c"}},
	{"latex", `\doi{10.1000/xyz}`, []string{"10.1000/xyz"}},
	{"wiley path", "https://onlinelibrary.wiley.com/doi/full/10.1002/anie.201000001", []string{"10.1002/anie.201000001"}},
	{"hyphen kept", "10.1000/abc-", []string{"10.1000/abc-"}},
	{"five-digit registrant", "10.12345/zenodo.1", []string{"10.12345/zenodo.1"}},
	{"long registrants", "10.1234567/a 10.12345678/b 10.123456789/c 10.12345678.9/d",
		[]string{"10.1234567/a", "10.12345678/b", "10.123456789/c", "10.12345678.9/d"}},
	// Suffixes longer than a vector of 32 bytes, ending at and after its end.
	{"long suffixes", "10.1000/abcdefghijklmnopqrstuvwxy. 10.1000/abcdefghijklmnopqrstuvwxyz0123456789ABCDEF.:; 10.1000/a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.",
		[]string{"10.1000/abcdefghijklmnopqrstuvwxy", "10.1000/abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", "10.1000/a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w"}},
	{"two adjacent", "10.1000/a 10.1000/b", []string{"10.1000/a", "10.1000/b"}},
	{"json escapes", `{"DOI":"10.7554\/elife.27041","note":"doi:10.7554/elife.05005\nThis","u":"https:\/\/doi.org\/10.1000\/x\u00e9"}`,
		[]string{"10.7554/elife.27041", "10.7554/elife.05005", "10.1000/x"}},
	{"json escaped quote", `"see \"doi:10.1000/xyz\" here"`, []string{"10.1000/xyz"}},
	{"latex underscore", `doi = {10.1002/anie\_2001},`, []string{"10.1002/anie_2001"}},
	{"latex command", `\href{https://doi.org/10.1000/xyz}{10.1000/xyz}\\`, []string{"10.1000/xyz", "10.1000/xyz"}},
	{"backslash kept", `10.1000/a\1`, []string{`10.1000/a\1`}},
	{"markdown link", "[10.1000/xyz](https://doi.org/10.1000/xyz).", []string{"10.1000/xyz", "10.1000/xyz"}},
	{"xml element", `<ELocationID EIdType="doi" ValidYN="Y">10.1523/JNEUROSCI.1353-25.2025</ELocationID>`,
		[]string{"10.1523/JNEUROSCI.1353-25.2025"}},
	{"xml sici escaped", `<doi>10.1002/(SICI)1097-4571(199806)49:8&lt;693::AID-ASI4&gt;3.0.CO;2-0</doi>`,
		[]string{"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"}},
	{"other resolvers", "http://doi.acm.org/10.1145/1137627.1137631 https://hdl.handle.net/10.1000/1", []string{"10.1145/1137627.1137631", "10.1000/1"}},
	{"short doi is not found", "https://doi.org/10/gfzxgh on 10/12/2020", nil},
	{"url fragment", "/metrics?id=10.1371/journal.pone.0213978#viewedHeader", []string{"10.1371/journal.pone.0213978"}},
	{"sici hash then space", "10.1002/(SICI)1521-3773(20001103)39:21<3772::AID-ANIE3772>3.0.CO;2-# x",
		[]string{"10.1002/(SICI)1521-3773(20001103)39:21<3772::AID-ANIE3772>3.0.CO;2-#"}},

	{"version number", "macOS 10.15.7 and Python 3.10.12/x", nil},
	{"ip address", "route 10.1.2.3/24 via 10.10.0.1", nil},
	{"short registrant", "10.1/x 10.12/x 10.123/ABC", nil},
	{"preceded by digit", "110.1234/5 and 2.10.1234/5", nil},
	{"no suffix", "10.1523/ 10.1523 10.1523/. 10.1234/)", nil},
	{"not 10", "11.1000/182 10.abc/xyz", nil},
	{"decimal", "it rose by 10.5% to 10.25 mg/l, 10.1234 units/day", nil},
	{"empty", "", nil},
}

func TestExtractDOIs(t *testing.T) {
	for _, tt := range doiExtractTests {
		t.Run(tt.name, func(t *testing.T) {
			got := citation.ExtractDOIs(tt.in)
			assert.Equal(t, tt.want, doiStrings(got))
			for _, m := range got {
				raw := tt.in[m.Offset : m.Offset+int64(m.Len)]
				assert.True(t, strings.HasPrefix(raw, "10."), "raw %q", raw)
			}
			assert.Equal(t, got, refExtract(tt.in, citation.DefaultMaxDOILen), "reference")
			assert.Equal(t, got, scanDOIs(t, strings.NewReader(tt.in), 0, nil), "scanner")
			checkTunedDOIs(t, tt.in, got)
		})
	}
}

// doiTunings are settings of the DOI finder for tests: small segments and
// samples, and each search mode forced (see export_test.go), so that small
// inputs exercise both modes, the switches between them and the ends of
// segments.
var doiTunings = []struct{ seg, sample, mode int }{
	{1 << 16, 2048, 0}, {1 << 16, 2048, 3}, {1 << 16, 2048, 2}, {7, 2, 4}, {40, 4, 4}, {300, 16, 4}, {33, 8, 1}, {50, 8, 2}, {1, 1, 2},
}

// checkTunedDOIs checks that ExtractDOIs and a DOIScanner reading 5 bytes at
// a time into its smallest buffer find want in s with every tuning.
func checkTunedDOIs(t testing.TB, s string, want []citation.DOIMatch) {
	t.Helper()
	for _, c := range doiTunings {
		assert.Equal(t, want, citation.ExtractDOIsTuned(s, c.seg, c.sample, c.mode), "ExtractDOIs tuned %v", c)
		sc := citation.NewDOIScannerTuned(&doiChunkReader{[]byte(s), 5}, c.seg, c.sample, c.mode)
		sc.Buffer(nil)
		assert.Equal(t, want, collectDOIs(t, sc), "DOIScanner tuned %v", c)
	}
}

func TestExtractDOIsOffsets(t *testing.T) {
	in := "See doi:10.1000/182. Also https://x.org/?doi=10.1016%2fj.foreco.2010.01.001&a=1"
	got := citation.ExtractDOIs(in)
	require.Len(t, got, 2)
	assert.Equal(t, citation.DOIMatch{DOI: "10.1000/182", Offset: 8, Len: 11}, got[0])
	assert.Equal(t, "10.1016/j.foreco.2010.01.001", got[1].DOI)
	assert.Equal(t, "10.1016%2fj.foreco.2010.01.001", in[got[1].Offset:got[1].Offset+int64(got[1].Len)])
}

func TestDOIMatchKey(t *testing.T) {
	a := citation.DOIMatch{DOI: "10.1523/jneurosci.1353-25.2025"}
	b := citation.DOIMatch{DOI: "10.1523/JNEUROSCI.1353-25.2025"}
	assert.Equal(t, a.Key(), b.Key())
	assert.Equal(t, "10.1000/Ça", citation.DOIMatch{DOI: "10.1000/ÇA"}.Key())
	d, err := citation.ParseDOI(b.DOI)
	require.NoError(t, err)
	assert.Equal(t, d.Key(), b.Key())
	assert.NotEqual(t, citation.DOIMatch{DOI: "10.1000/ça"}.Key(), citation.DOIMatch{DOI: "10.1000/Ça"}.Key())
}

func doiStrings(ms []citation.DOIMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.DOI)
	}
	return out
}

// scanDOIs runs a DOIScanner with the given MaxLen (0: default) and buffer.
func scanDOIs(t testing.TB, r io.Reader, maxLen int, buf []byte) []citation.DOIMatch {
	t.Helper()
	sc := citation.NewDOIScanner(r)
	sc.MaxLen = maxLen
	if buf != nil {
		sc.Buffer(buf)
	}
	return collectDOIs(t, sc)
}

// collectDOIs returns the matches of sc.
func collectDOIs(t testing.TB, sc *citation.DOIScanner) []citation.DOIMatch {
	t.Helper()
	var out []citation.DOIMatch
	for sc.Scan() {
		out = append(out, sc.Match())
	}
	require.NoError(t, sc.Err())
	return out
}

// doiChunkReader returns at most n bytes per Read.
type doiChunkReader struct {
	b []byte
	n int
}

func (r *doiChunkReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.n, len(r.b))
	copy(p, r.b[:n])
	r.b = r.b[n:]
	return n, nil
}

func TestDOIScannerBoundaries(t *testing.T) {
	text := string(generateDOIProse(200_000, 1000, 1))
	want := citation.ExtractDOIs(text)
	require.Greater(t, len(want), 150)
	assert.Equal(t, refExtract(text, citation.DefaultMaxDOILen), want)
	readers := map[string]func() io.Reader{
		"whole":    func() io.Reader { return strings.NewReader(text) },
		"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(text)) },
		"half":     func() io.Reader { return iotest.HalfReader(strings.NewReader(text)) },
		"data+EOF": func() io.Reader { return iotest.DataErrReader(strings.NewReader(text)) },
		"chunk 7":  func() io.Reader { return &doiChunkReader{[]byte(text), 7} },
		"chunk 1001": func() io.Reader {
			return &doiChunkReader{[]byte(text), 1001}
		},
	}
	for name, r := range readers {
		for _, buf := range [][]byte{nil, make([]byte, 1200), make([]byte, 4096)} {
			t.Run(fmt.Sprintf("%s/%d", name, len(buf)), func(t *testing.T) {
				assert.Equal(t, want, scanDOIs(t, r(), 0, buf))
			})
		}
	}
	// Every split point of a DOI-dense text with the smallest buffer.
	dense := "x 10.1002/(SICI)1097-4571(199806)49:8&lt;693::AID-ASI4&gt;3.0.CO;2-0. doi:10.1000/182, " +
		"https://doi.org/10.1016%2fj.foreco.2010.01.001&a (10.1016/S0140-6736(20)30183-5) "
	dense = strings.Repeat(dense, 4)
	wantDense := citation.ExtractDOIs(dense)
	require.Len(t, wantDense, 16)
	checkTunedDOIs(t, dense, wantDense)
	checkTunedDOIs(t, text[:20_000], citation.ExtractDOIs(text[:20_000]))
	for maxLen := 9; maxLen <= 90; maxLen += 9 {
		want := refExtract(dense, maxLen)
		for n := 1; n < 40; n += 3 {
			assert.Equal(t, want, scanDOIs(t, &doiChunkReader{[]byte(dense), n}, maxLen, []byte{}), "maxLen %d chunk %d", maxLen, n)
		}
	}
}

// TestDOIScannerAllocs checks that a scan does not allocate per DOI: the
// DOI strings share blocks.
func TestDOIScannerAllocs(t *testing.T) {
	text := generateDOIProse(200_000, 1000, 5)
	want := citation.ExtractDOIs(string(text))
	require.Greater(t, len(want), 150)
	var got []citation.DOIMatch
	allocs := testing.AllocsPerRun(3, func() {
		got = got[:0]
		sc := citation.NewDOIScanner(bytes.NewReader(text))
		for sc.Scan() {
			got = append(got, sc.Match())
		}
	})
	assert.Equal(t, want, got) // the strings are intact after the scan
	assert.Less(t, allocs, float64(len(want))/20, "allocations for %d DOIs", len(want))
}

// TestExtractDOIsRandom compares ExtractDOIs and the DOIScanner with the
// slow reference on random text built of DOI prefixes and the bytes that
// end a suffix or need a closer look (brackets of every kind, tags,
// escapes, quotes, trailing punctuation), so that every exit of the
// matcher's 32-byte windows is taken at every position in them.
func TestExtractDOIsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	parts := []string{"10.1234/", "10.12345/", "10.1234.5/", " 10.", "doi:", "abc", "S0140-6736", "x.y", "1", ".",
		";", ":", "!", " ", "\n", `"`, "'", ",", "?", "(", ")", "[", "]", "{", "}", "<", ">", "</a>", "<b>", "[doi]",
		"&amp;", "&lt;", "&2", "%2F", "%3C", `\/`, "#x", "#", "é", "\xff", "\x7f", "“"}
	for range 3000 {
		var b strings.Builder
		for n := rng.IntN(300); b.Len() < n; {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		want := refExtract(s, citation.DefaultMaxDOILen)
		require.Equal(t, want, citation.ExtractDOIs(s), "%q", s)
		require.Equal(t, want, scanDOIs(t, strings.NewReader(s), 0, nil), "%q", s)
	}
}

// TestExtractDOIsAllocs checks that ExtractDOIs allocates nothing when the
// text holds no DOI, only the result for DOIs written without escapes, and
// a few chunks, not one allocation per DOI, for many.
func TestExtractDOIsAllocs(t *testing.T) {
	assert.Zero(t, testing.AllocsPerRun(20, func() { citation.ExtractDOIs("version 10.15.7, 10.1234 units, 10.1/x") }))
	assert.Equal(t, 1.0, testing.AllocsPerRun(20, func() { citation.ExtractDOIs("doi:10.1000/182 and 10.1038/nature12373.") }))
	text := string(generateDOIProse(1<<20, 1000, 6))
	n := len(citation.ExtractDOIs(text))
	require.Greater(t, n, 900)
	assert.Less(t, testing.AllocsPerRun(3, func() { citation.ExtractDOIs(text) }), 10.0, "allocations for %d DOIs", n)
}

func TestDOIScannerMaxLen(t *testing.T) {
	long := "10.1000/" + strings.Repeat("a", 2000)
	assert.Empty(t, citation.ExtractDOIs(long))
	assert.Empty(t, scanDOIs(t, strings.NewReader(long), 0, nil))
	exact := "10.1000/" + strings.Repeat("a", citation.DefaultMaxDOILen-8)
	assert.Equal(t, []string{exact}, doiStrings(citation.ExtractDOIs(exact+" ")))
	assert.Equal(t, []string{exact}, doiStrings(scanDOIs(t, strings.NewReader(exact+" "), 0, []byte{})))
	// Trailing punctuation counts towards the limit.
	assert.Empty(t, citation.ExtractDOIs(exact+". "))
	// A DOI inside a skipped long token is still found.
	assert.Equal(t, []string{"10.2000/b"}, doiStrings(citation.ExtractDOIs(long+"/10.2000/b")))
}

func TestDOIScannerReadError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("doi:10.1000/a "+strings.Repeat("x", 100_000)), iotest.ErrReader(boom))
	sc := citation.NewDOIScanner(r)
	require.True(t, sc.Scan())
	assert.Equal(t, "10.1000/a", sc.Match().DOI)
	assert.False(t, sc.Scan())
	assert.ErrorIs(t, sc.Err(), boom)
	assert.False(t, sc.Scan())

	// DOIs read before the error are reported, then the error.
	sc = citation.NewDOIScanner(io.MultiReader(strings.NewReader("doi:10.1000/a doi:10.2000/b "), iotest.ErrReader(boom)))
	var got []string
	for sc.Scan() {
		got = append(got, sc.Match().DOI)
	}
	assert.Equal(t, []string{"10.1000/a", "10.2000/b"}, got)
	assert.ErrorIs(t, sc.Err(), boom)

	// A reader that never makes progress.
	sc = citation.NewDOIScanner(iotest.ErrReader(nil))
	assert.False(t, sc.Scan())
	assert.ErrorIs(t, sc.Err(), io.ErrNoProgress)
}

func TestDOIScannerLargeOffsets(t *testing.T) {
	// Offsets stay absolute over many buffer refills.
	var buf bytes.Buffer
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&buf, "%s doi:10.%d/n%d ", strings.Repeat("lorem ipsum ", 100), 1000+i, i)
	}
	in := buf.Bytes()
	got := scanDOIs(t, bytes.NewReader(in), 0, nil)
	require.Len(t, got, 300)
	for i, m := range got {
		assert.Equal(t, fmt.Sprintf("10.%d/n%d", 1000+i, i), string(in[m.Offset:m.Offset+int64(m.Len)]))
	}
}

func ExampleExtractDOIs() {
	text := `See doi:10.1000/182, (https://doi.org/10.1016/S0140-6736(20)30183-5)
and https://x.org/?doi=10.1016%2fj.foreco.2010.01.001&id=1.`
	for _, m := range citation.ExtractDOIs(text) {
		fmt.Println(m.Offset, m.DOI)
	}
	// Output:
	// 8 10.1000/182
	// 38 10.1016/S0140-6736(20)30183-5
	// 92 10.1016/j.foreco.2010.01.001
}

func ExampleDOIScanner() {
	r := strings.NewReader("PMID- 1\nAID - 10.1523/JNEUROSCI.1353-25.2025 [doi]\nLID - 10.1523/jneurosci.1353-25.2025 [doi]\n")
	sc := citation.NewDOIScanner(r)
	seen := make(map[string]bool) // for unique output
	for sc.Scan() {
		m := sc.Match()
		if seen[m.Key()] {
			continue
		}
		seen[m.Key()] = true
		fmt.Println(m.DOI)
	}
	if err := sc.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 10.1523/JNEUROSCI.1353-25.2025
}

func TestValidDOI(t *testing.T) {
	for _, s := range []string{"10.1000/182", "10.123/ABC", "10.1000.10/x", "10.1523/JNEUROSCI.1353-25.2025",
		"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "10.1000/日本", "10.1/x"} {
		assert.True(t, citation.ValidDOI(s), s)
	}
	for _, s := range []string{"", "10.1000", "10.1523/", "11.1000/182", "10.abc/xyz", "doi:10.1000/182",
		"https://doi.org/10.1000/182", "10.1000/a b", "10.1000/a\x00", "10.1000/a\xff", "10.1000/a\u00a0",
		"10./x", "10.1000./x", " 10.1000/x", "10.1000/\u200b"} {
		assert.False(t, citation.ValidDOI(s), s)
	}
	// Every DOI the extractor reports is valid.
	for _, m := range citation.ExtractDOIs(string(generateDOIProse(50_000, 500, 3))) {
		assert.True(t, citation.ValidDOI(m.DOI), m.DOI)
	}
}

func TestExtractDOIsMedlineTailForms(t *testing.T) {
	for in, want := range map[string][]string{
		"10.1000/x%5Bdoi%5D":     {"10.1000/x"},
		"10.1000/x&#91;DoI&#93;": {"10.1000/x"},
		"10.1000/x[doi=1]":       {"10.1000/x[doi=1]"},
		"10.1000/%5Bdoi%5D":      nil,
		"10.1000/x[do]":          {"10.1000/x[do]"},
	} {
		assert.Equal(t, want, doiStrings(citation.ExtractDOIs(in)), in)
		assert.Equal(t, want, doiStrings(refExtract(in, citation.DefaultMaxDOILen)), in)
	}
}

func TestDOIMatchParse(t *testing.T) {
	for _, m := range citation.ExtractDOIs(readDOITestdata(t, "prose.txt")) {
		d, err := m.Parse()
		require.NoError(t, err, m.DOI)
		assert.Equal(t, m.DOI, d.String())
	}
}

// repeatReader yields text n times without holding more than one copy.
type repeatReader struct {
	text []byte
	n    int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := copy(p, r.text[r.off:])
	r.off += k
	if r.off == len(r.text) {
		r.off, r.n = 0, r.n-1
	}
	return k, nil
}

// TestDOIScannerConstantMemory scans 32 MiB that are never held in memory:
// the scanner allocates its buffer and the reported DOIs, nothing that
// grows with the input, and its offsets keep counting.
func TestDOIScannerConstantMemory(t *testing.T) {
	text := generateDOIProse(1<<20, 1000, 5)
	text = text[:1<<20]
	per := len(citation.ExtractDOIs(string(text)))
	const copies = 32
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	sc := citation.NewDOIScanner(&repeatReader{text: text, n: copies})
	n, doiBytes := 0, 0
	var last citation.DOIMatch
	for sc.Scan() {
		last = sc.Match()
		n++
		doiBytes += len(last.DOI)
	}
	runtime.ReadMemStats(&after)
	require.NoError(t, sc.Err())
	// Copies may join DOIs at their seams, so allow a few fewer.
	assert.InDelta(t, per*copies, n, copies)
	assert.Greater(t, last.Offset, int64((copies-1)<<20))
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d MiB scanned, %d DOIs, %d bytes allocated (%d in DOI strings)", copies, n, alloc, doiBytes)
	assert.Less(t, alloc, uint64(2*doiBytes+citation.DefaultDOIScannerBuffer+64<<10))
}

func ExampleValidDOI() {
	for _, s := range []string{"10.1523/JNEUROSCI.1353-25.2025", "10.123/ABC", "doi:10.1000/182", "10.1000/182."} {
		fmt.Println(s, citation.ValidDOI(s))
	}
	// Output:
	// 10.1523/JNEUROSCI.1353-25.2025 true
	// 10.123/ABC true
	// doi:10.1000/182 false
	// 10.1000/182. false
}

// TestDOIScannerLongLookahead: a MEDLINE tail written with the longest
// references, right at the MaxLen limit, is seen the same way by the
// scanner with the smallest buffer as by ExtractDOIs.
func TestDOIScannerLongLookahead(t *testing.T) {
	ref := func(c byte) string { return fmt.Sprintf("&amp;#x%06X;", c) }
	for maxLen := 10; maxLen < 40; maxLen++ {
		// The '[' starts at the last byte the DOI may use; the tail needs
		// 70 bytes of lookahead after it.
		body := "10.1000/" + strings.Repeat("a", maxLen-9)
		in := body + ref('[') + ref('d') + ref('o') + ref('i') + ref(']') + " " + strings.Repeat("z", 300)
		want := refExtract(in, maxLen)
		require.Len(t, want, 1)
		assert.Equal(t, body, want[0].DOI)
		for n := 1; n < 30; n += 7 {
			assert.Equal(t, want, scanDOIs(t, &doiChunkReader{[]byte(in), n}, maxLen, []byte{}), "maxLen %d chunk %d", maxLen, n)
		}
	}
}
