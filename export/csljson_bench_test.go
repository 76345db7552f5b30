package export_test

import (
	"bytes"
	"io"
	"runtime"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func benchDecodeAll(b *testing.B, d parse.Decoder) []*citation.Citation {
	var cs []*citation.Citation
	for {
		c, err := d.Decode()
		if err == io.EOF {
			return cs
		}
		if err != nil {
			b.Fatal(err)
		}
		cs = append(cs, c)
	}
}

// BenchmarkCSLJSONEncode writes 10,000 records as CSL-JSON, the encoder
// alone; bytes are those written.
func BenchmarkCSLJSONEncode(b *testing.B) {
	for _, tc := range []struct {
		name string
		cs   func() []*citation.Citation
	}{
		{"bibtex", func() []*citation.Citation {
			return benchDecodeAll(b, parse.NewBibTeXDecoder(bytes.NewReader(testutil.BenchBibTeX(10000))))
		}},
		{"journal", func() []*citation.Citation { return testutil.BenchJournal(10000) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			cs := tc.cs()
			var out countWriter
			benchEncodeAll(b, export.NewCSLJSONEncoder(&out), cs)
			b.SetBytes(int64(out))
			b.ReportAllocs()
			runtime.GC() // no collection of the set-up garbage in the loop
			for b.Loop() {
				benchEncodeAll(b, export.NewCSLJSONEncoder(io.Discard), cs)
			}
		})
	}
}

type countWriter int

func (w *countWriter) Write(p []byte) (int, error) {
	*w += countWriter(len(p))
	return len(p), nil
}

func benchEncodeAll(b *testing.B, e export.Encoder, cs []*citation.Citation) {
	for _, c := range cs {
		if err := e.Encode(c); err != nil {
			b.Fatal(err)
		}
	}
	if err := e.Close(); err != nil {
		b.Fatal(err)
	}
}
