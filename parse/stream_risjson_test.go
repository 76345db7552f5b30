package parse_test

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// genReader produces n records in a format lazily, never holding the input.
type genReader struct {
	recs []*citation.Citation
	n, i int
	buf  bytes.Buffer
	enc  func(w io.Writer, c *citation.Citation)
	tail string
}

func (g *genReader) Read(p []byte) (int, error) {
	for g.buf.Len() == 0 {
		if g.i == g.n {
			if g.tail != "" {
				g.buf.WriteString(g.tail)
				g.tail = ""
				continue
			}
			return 0, io.EOF
		}
		g.enc(&g.buf, g.recs[g.i%len(g.recs)])
		g.i++
	}
	return g.buf.Read(p)
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestStreamingMemory: reading a long NDJSON, CSL-JSON array or RIS stream
// keeps memory flat: the heap after 15,000 records is within a few MB of
// the heap after 1,000.
func TestStreamingMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	recs := testutil.BenchJournal(100)
	ndjson := func(w io.Writer, c *citation.Citation) {
		e := export.NewNDJSONEncoder(w)
		e.Encode(c)
		e.Close()
	}
	ris := func(w io.Writer, c *citation.Citation) {
		e := export.NewRISEncoder(w)
		e.Encode(c)
		e.Close()
	}
	first := true
	array := func(w io.Writer, c *citation.Citation) {
		if first {
			w.Write([]byte("["))
			first = false
		} else {
			w.Write([]byte(","))
		}
		e := export.NewNDJSONEncoder(w)
		e.Encode(c)
		e.Close()
	}
	for _, tc := range []struct {
		name string
		r    *genReader
		dec  func(io.Reader) parse.Decoder
	}{
		{"ndjson", &genReader{recs: recs, n: 15000, enc: ndjson}, func(r io.Reader) parse.Decoder { return parse.NewCSLJSONDecoder(r) }},
		{"array", &genReader{recs: recs, n: 15000, enc: array, tail: "]"}, func(r io.Reader) parse.Decoder { return parse.NewCSLJSONDecoder(r) }},
		{"ris", &genReader{recs: recs, n: 15000, enc: ris}, func(r io.Reader) parse.Decoder { return parse.NewRISDecoder(r) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.dec(tc.r)
			var at1k, peak uint64
			n := 0
			for {
				c, err := d.Decode()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				require.NotNil(t, c)
				n++
				if n == 1000 {
					at1k = heapInUse()
				}
				if n%5000 == 0 {
					if h := heapInUse(); h > peak {
						peak = h
					}
				}
			}
			assert.Equal(t, 15000, n)
			t.Logf("heap after 1,000 records %.1f MB, peak after %.1f MB", float64(at1k)/1e6, float64(peak)/1e6)
			assert.Less(t, float64(peak), float64(at1k)+4e6, "memory grows with the input")
		})
	}
}

// TestRISJSONParallel: separate decoders and encoders run in parallel
// (shared tables are read-only); run under -race.
func TestRISJSONParallel(t *testing.T) {
	ris := string(encodeRIS(t, false, testutil.BenchJournal(50)...))
	js := string(encodeCSL(t, testutil.BenchJournal(50)...))
	yml := "references:\n- id: a\n  issued:\n  - year: 2001\n"
	done := make(chan error, 12)
	for i := 0; i < 4; i++ {
		go func() {
			_, err := parse.ReadAll(parse.NewRISDecoder(strings.NewReader(ris)))
			done <- err
		}()
		go func() {
			cs, err := parse.ReadAll(parse.NewCSLJSONDecoder(strings.NewReader(js)))
			var buf bytes.Buffer
			enc := export.NewRISEncoder(&buf)
			for _, c := range cs {
				enc.Encode(c)
			}
			enc.Close()
			done <- err
		}()
		go func() {
			_, err := parse.ReadAll(parse.NewCSLYAMLDecoder(strings.NewReader(yml)))
			done <- err
		}()
	}
	for i := 0; i < 12; i++ {
		assert.NoError(t, <-done)
	}
}
