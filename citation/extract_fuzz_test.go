package citation_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
)

// FuzzDOIScanner compares the fast extraction (ExtractDOIs, and DOIScanner
// with a small MaxLen, the smallest buffer and reads of a few bytes, so that
// DOIs straddle buffer boundaries; both also with small search segments and
// each search mode forced) with the slow reference implementation: the same
// DOIs at the same offsets on every input.
func FuzzDOIScanner(f *testing.F) {
	for _, tt := range doiExtractTests {
		f.Add([]byte(tt.in), uint8(0), uint8(0))
		f.Add([]byte(tt.in), uint8(3), uint8(5))
	}
	f.Add(generateDOIProse(3000, 300, 7), uint8(40), uint8(13))
	f.Add([]byte("x%2F10.1000%2F1&amp;2 &amp;lt;10.1234/a&amp;lt;b&amp;gt;c&#x3e; 10.1234/[doi] 10.1234/<b>"), uint8(20), uint8(2))
	f.Add([]byte("10.1000/aaaaaaaaaaaaaaaaaaaa&amp;#x00005B;&amp;#x000064;&amp;#x00006F;&amp;#x000069;&amp;#x00005D; z"), uint8(19), uint8(7))
	f.Fuzz(func(t *testing.T, data []byte, ml, chunk uint8) {
		s := string(data)
		want := refExtract(s, citation.DefaultMaxDOILen)
		got := citation.ExtractDOIs(s)
		require.Equal(t, want, got, "ExtractDOIs")
		for _, m := range got {
			require.True(t, len(m.DOI) >= 9 && m.DOI[:3] == "10.", "DOI %q", m.DOI)
			_, err := citation.ParseDOI(m.DOI)
			require.NoError(t, err, "ParseDOI of extracted %q", m.DOI)
		}

		// Both search modes and the switches between them, in segments
		// small enough for the input.
		seg, sample := 1+int(ml)%64, 1+int(chunk)%9
		for mode := range citation.DOIFinderModes {
			require.Equal(t, want, citation.ExtractDOIsTuned(s, seg, sample, mode), "ExtractDOIs segment %d sample %d mode %d", seg, sample, mode)
		}

		maxLen := 9 + int(ml)%120
		n := 1 + int(chunk)%23
		want = refExtract(s, maxLen)
		got = scanDOIs(t, &doiChunkReader{data, n}, maxLen, []byte{})
		require.Equal(t, want, got, "DOIScanner maxLen %d chunk %d", maxLen, n)
		for mode := range citation.DOIFinderModes {
			sc := citation.NewDOIScannerTuned(&doiChunkReader{data, n}, seg, sample, mode)
			sc.MaxLen = maxLen
			sc.Buffer(nil)
			require.Equal(t, want, collectDOIs(t, sc), "DOIScanner maxLen %d chunk %d segment %d sample %d mode %d", maxLen, n, seg, sample, mode)
		}
	})
}
