package citation_test

import (
	"testing"

	"github.com/citekit/citekit/citation"
)

// FuzzValidDOI checks that ValidDOI, the allocation-free fast path, agrees
// with ParseDOI: a name is valid exactly when ParseDOI accepts it and
// returns it unchanged.
func FuzzValidDOI(f *testing.F) {
	for _, s := range []string{"10.1000/182", "10.123/ABC", "10.1000.10/x", "10.1000/abc.", "10.1000/x[DOI]",
		"10.1000/a%3Cb", "10.1000/a%3cb", "10.1000/日本", "doi:10.1000/182", "10.1000/a b", "10.1000/a\xff",
		"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", "10.1000/[doi]", "10.1/x]",
		// Suffixes long enough for the 8-byte path, with a byte that needs
		// a closer look in the first 8, after them, or in the last 8.
		"10.1000/abcdefgh%3Eijk", "10.1000/abcdefghijklmno\x7f", "10.1000/abcdefgh ijklmnop",
		"10.1000/abcdefghijklmnop.", "10.1000/abcdefghijklmnopé", "10.1000/abc\u00a0defghijkl"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := citation.ParseDOI(s)
		want := err == nil && d.String() == s
		if got := citation.ValidDOI(s); got != want {
			t.Fatalf("ValidDOI(%q) = %v, ParseDOI gives %q, %v", s, got, d.String(), err)
		}
	})
}

// TestValidDOIDoesNotAllocate: checking millions of DOIs must not allocate,
// for valid and invalid names alike.
func TestValidDOIDoesNotAllocate(t *testing.T) {
	for _, s := range []string{"10.1523/JNEUROSCI.1353-25.2025", "10.1000/a b", "not a doi"} {
		if n := testing.AllocsPerRun(100, func() { citation.ValidDOI(s) }); n != 0 {
			t.Errorf("ValidDOI(%q): %v allocations", s, n)
		}
	}
}
