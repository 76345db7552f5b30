package parse_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func genCSLJSON(b *testing.B, n int, ndjson bool) []byte {
	var buf bytes.Buffer
	var enc export.Encoder = export.NewCSLJSONEncoder(&buf)
	if ndjson {
		enc = export.NewNDJSONEncoder(&buf)
	}
	for _, c := range testutil.BenchJournal(n) {
		if err := enc.Encode(c); err != nil {
			b.Fatal(err)
		}
	}
	enc.Close()
	return buf.Bytes()
}

func benchDecode(b *testing.B, data []byte, newDec func(io.Reader) parse.Decoder, want int) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	defer reportCPU(b, len(data))()
	for range b.N {
		d := newDec(bytes.NewReader(data))
		n := 0
		for {
			c, err := d.Decode()
			if err == io.EOF {
				break
			}
			if err != nil || c == nil {
				b.Fatal(err)
			}
			n++
		}
		if n != want {
			b.Fatalf("%d records, want %d", n, want)
		}
	}
}

// BenchmarkCSLJSONDecode reads a generated 10,000-record CSL-JSON file.
func BenchmarkCSLJSONDecode(b *testing.B) {
	for _, tc := range []struct {
		name   string
		ndjson bool
	}{{"array", false}, {"ndjson", true}} {
		b.Run(tc.name, func(b *testing.B) {
			data := genCSLJSON(b, 10000, tc.ndjson)
			benchDecode(b, data, func(r io.Reader) parse.Decoder { return parse.NewCSLJSONDecoder(r) }, 10000)
		})
	}
}

func genRIS(b *testing.B, n int) []byte {
	var buf bytes.Buffer
	enc := export.NewRISEncoder(&buf)
	for _, c := range testutil.BenchJournal(n) {
		if err := enc.Encode(c); err != nil {
			b.Fatal(err)
		}
	}
	enc.Close()
	return buf.Bytes()
}

// BenchmarkRISToCSLJSON converts a generated 10,000-record RIS file to
// CSL-JSON; bytes are those of the RIS input.
func BenchmarkRISToCSLJSON(b *testing.B) {
	data := genRIS(b, 10000)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	defer reportCPU(b, len(data))()
	for range b.N {
		convert(b, parse.NewRISDecoder(bytes.NewReader(data)), export.NewCSLJSONEncoder(io.Discard), 10000)
	}
}

// BenchmarkCSLJSONToRIS converts a generated 10,000-record CSL-JSON file to
// RIS; bytes are those of the CSL-JSON input.
func BenchmarkCSLJSONToRIS(b *testing.B) {
	data := genCSLJSON(b, 10000, false)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	defer reportCPU(b, len(data))()
	for range b.N {
		convert(b, parse.NewCSLJSONDecoder(bytes.NewReader(data)), export.NewRISEncoder(io.Discard), 10000)
	}
}

// BenchmarkRISDecode reads a generated 10,000-record RIS file.
func BenchmarkRISDecode(b *testing.B) {
	data := genRIS(b, 10000)
	benchDecode(b, data, func(r io.Reader) parse.Decoder { return parse.NewRISDecoder(r) }, 10000)
}

func convert(b *testing.B, d parse.Decoder, e export.Encoder, want int) {
	n := 0
	for {
		c, err := d.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		if err := e.Encode(c); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := e.Close(); err != nil {
		b.Fatal(err)
	}
	if n != want {
		b.Fatalf("%d records, want %d", n, want)
	}
}
