package parse_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// addSeeds adds every testdata file matching glob to the corpus.
func addSeeds(f *testing.F, glob string) {
	root, err := testutil.ModuleRoot()
	if err != nil {
		f.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, glob))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds for %s: %v", glob, err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// fuzzDecode decodes in to the end and checks the contract: no panic,
// only *ParseErrors before io.EOF, records that encode as CSL-JSON, and a
// bounded number of calls.
func fuzzDecode(t *testing.T, d parse.Decoder, format string) {
	var out bytes.Buffer
	enc := export.NewCSLJSONEncoder(&out)
	for i := 0; ; i++ {
		if i > 1<<16 {
			t.Fatal("Decode never returned io.EOF")
		}
		c, err := d.Decode()
		if err == io.EOF {
			if c != nil {
				t.Fatal("a record with io.EOF")
			}
			break
		}
		d.RecordPos()
		if err != nil {
			var pe *parse.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("not a ParseError: %v", err)
			}
			if pe.Format != format {
				t.Fatalf("format %q in %v", pe.Format, err)
			}
			_ = pe.Error()
		}
		if c != nil {
			if err := enc.Encode(c); err != nil {
				t.Fatalf("encoding: %v", err)
			}
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
}

func FuzzDigitalCommons(f *testing.F) {
	addSeeds(f, "testdata/digitalcommons/*.txt")
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzDecode(t, parse.NewDigitalCommonsDecoder(bytes.NewReader(in)), "digitalcommons")
	})
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f, "testdata/markdown/*.md")
	f.Fuzz(func(t *testing.T, in []byte) {
		d := parse.NewMarkdownDecoder(bytes.NewReader(in))
		d.KeepBody = len(in)%2 == 0
		d.KeepUnknown = len(in)%3 == 0
		d.BaseURL = "https://example.org/site/"
		fuzzDecode(t, d, "markdown")
	})
}

func FuzzHTML(f *testing.F) {
	addSeeds(f, "testdata/html/*.html")
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzDecode(t, parse.NewHTMLDecoder(bytes.NewReader(in)), "html")
	})
}
