package parse_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

// addSeeds adds every file of testdata/<dir> to the fuzz corpus.
func pmAddSeeds(f *testing.F, dir string) {
	files, _ := filepath.Glob(testdata(f, dir+"/*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// fuzzDecoder decodes all of in and checks the decoder's contract: it ends,
// every error is a *ParseError with the format's name (or a reader error),
// and returned text is valid UTF-8 when the input is.
func pmFuzzDecoder(t *testing.T, format string, in []byte, d parse.Decoder) {
	for i := 0; ; i++ {
		if i > len(in)+10 {
			t.Fatalf("more results than input bytes")
		}
		c, err := d.Decode()
		if err == io.EOF {
			if c != nil {
				t.Fatal("record with io.EOF")
			}
			if _, err := d.Decode(); err != io.EOF {
				t.Fatalf("Decode after io.EOF: %v", err)
			}
			return
		}
		if err != nil {
			var pe *parse.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("not a *ParseError: %v", err)
			}
			if pe.Format != format {
				t.Fatalf("format %q", pe.Format)
			}
			if pe.Line < 0 || pe.Column < 0 {
				t.Fatalf("bad position %d:%d", pe.Line, pe.Column)
			}
			_ = err.Error()
		}
		if c != nil && utf8.Valid(in) {
			for _, s := range []string{c.Title, c.Abstract, c.ContainerTitle, c.DOI, c.PMID} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 %q", s)
				}
			}
			_ = citation.PlainText(c.Title)
		}
	}
}

func FuzzMedline(f *testing.F) {
	pmAddSeeds(f, "medline")
	f.Add([]byte("PMID- 1\nTI  - x\n      y\nSO  z\n\n\nPMID-2"))
	f.Fuzz(func(t *testing.T, in []byte) {
		d := parse.NewMedlineDecoder(bytes.NewReader(in))
		d.MaxLineBytes = 4096
		pmFuzzDecoder(t, "medline", in, d)
	})
}
