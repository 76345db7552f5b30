package citation_test

import (
	"testing"

	"github.com/citekit/citekit/citation"
)

// Parsing an identifier already in canonical form must not allocate: data
// pipelines call these millions of times.
func TestParseCanonicalDoesNotAllocate(t *testing.T) {
	tests := []struct {
		name  string
		parse func()
	}{
		{"DOI", func() { _, _ = citation.ParseDOI("10.1523/JNEUROSCI.1353-25.2025") }},
		{"DOI/SICI", func() { _, _ = citation.ParseDOI("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0") }},
		{"ISSN", func() { _, _ = citation.ParseISSN("1529-2401") }},
		{"ISSN/X", func() { _, _ = citation.ParseISSN("2434-561X") }},
		{"ISBN", func() { _, _ = citation.ParseISBN("9780306406157") }},
		{"ORCID", func() { _, _ = citation.ParseORCID("0000-0002-1694-233X") }},
		{"PMID", func() { _, _ = citation.ParsePMID("41224997") }},
		{"PMCID", func() { _, _ = citation.ParsePMCID("PMC1201448") }},
		{"ArXiv", func() { _, _ = citation.ParseArXiv("2101.00001v2") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tt.parse); n != 0 {
				t.Errorf("%v allocations per run, want 0", n)
			}
		})
	}
}

var (
	sinkDOI  citation.DOI
	sinkISSN citation.ISSN
	sinkErr  error
)

func BenchmarkParseDOI(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"canonical", "10.1523/JNEUROSCI.1353-25.2025"},
		{"url", "https://doi.org/10.1523/JNEUROSCI.1353-25.2025"},
		{"sici", "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"},
		{"encoded", "10.1016%2Fj.foreco.2020.118"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bb.in)))
			for b.Loop() {
				sinkDOI, sinkErr = citation.ParseDOI(bb.in)
			}
		})
	}
}

func BenchmarkParseISSN(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"canonical", "1529-2401"},
		{"labelled", "ISSN 1529-2401 (Electronic)"},
		{"scopus", "15292401"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bb.in)))
			for b.Loop() {
				sinkISSN, sinkErr = citation.ParseISSN(bb.in)
			}
		})
	}
}

func BenchmarkParseISBN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, sinkErr = citation.ParseISBN("978-0-306-40615-7")
	}
}

func BenchmarkParseORCID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, sinkErr = citation.ParseORCID("0000-0002-1825-0097")
	}
}

func BenchmarkParsePMID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, sinkErr = citation.ParsePMID("41224997")
	}
}
