package parse_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/parse"
)

// genCitations makes n varied journal articles, about 1 KB each as CSL-JSON.
func genCitations(n int) []*citation.Citation {
	cs := make([]*citation.Citation, n)
	for i := range cs {
		c := &citation.Citation{
			ID:                  fmt.Sprintf("rec%d", i),
			Type:                citation.TypeArticleJournal,
			Title:               fmt.Sprintf("Effects of treatment %d on outcomes in a randomized <i>controlled</i> trial of adults", i),
			ContainerTitle:      "The Journal of Clinical Investigation",
			ContainerTitleShort: "J Clin Invest",
			Volume:              fmt.Sprint(10 + i%90),
			Issue:               fmt.Sprint(1 + i%12),
			Pages:               fmt.Sprintf("%d-%d", 100+i%500, 110+i%500),
			Issued:              citation.Date{Year: 1990 + i%35, Month: 1 + i%12, Day: 1 + i%28},
			DOI:                 fmt.Sprintf("10.1172/jci%d", 100000+i),
			ISSN:                []string{"0021-9738", "1558-8238"},
			PMID:                fmt.Sprint(20000000 + i),
			Language:            "en",
			URL:                 fmt.Sprintf("https://www.jci.org/articles/view/%d", 100000+i),
			Abstract: strings.Repeat(fmt.Sprintf("Background: patients (n = %d) were enrolled; the primary end point was met. ", 100+i), 4) +
				"Conclusions: the treatment was effective, “safe”, and well tolerated — see Müller et al.",
			Keywords: []string{"randomized controlled trial", "adults", fmt.Sprintf("topic %d", i%50)},
			Extra:    []citation.Field{{Name: "ris:DB", Value: "PubMed"}, {Name: "ris:N1", Value: fmt.Sprintf("Export Date: %d", i)}},
		}
		for a := 0; a < 1+i%6; a++ {
			c.Authors = append(c.Authors, citation.Name{Family: fmt.Sprintf("Author%d", a), Given: "Jane Q."})
		}
		cs[i] = c
	}
	return cs
}

func genCSLJSON(b *testing.B, n int, ndjson bool) []byte {
	var buf bytes.Buffer
	var enc export.Encoder = export.NewCSLJSONEncoder(&buf)
	if ndjson {
		enc = export.NewNDJSONEncoder(&buf)
	}
	for _, c := range genCitations(n) {
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
	for _, c := range genCitations(n) {
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
