package parse_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// FuzzCSLJSONDecoder: no panic, errors are ParseErrors, valid JSON gives no
// syntax error, and what is read is written and read back unchanged.
func FuzzCSLJSONDecoder(f *testing.F) {
	root, _ := testutil.ModuleRoot()
	for _, dir := range []string{"export/testdata/csljson", "testdata/ris"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.json"))
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"id":"a","type":"book","issued":{"date-parts":[["2020",13]]},"note":"PMID: 1\ntype: dataset"}`))
	f.Add([]byte("{\"id\":1}\n{\"id\":2,\"custom\":{\"names\":{\"author\":[{\"ORCID\":\"x\"}]}}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := parse.NewCSLJSONDecoder(bytes.NewReader(data))
		d.MaxItemSize = 1 << 16
		var cs []*citation.Citation
		syntax := false
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatal("decoder does not end")
			}
			c, err := d.Decode()
			if c != nil {
				cs = append(cs, c)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				var pe *parse.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("not a ParseError: %v", err)
				}
				_ = pe.Error()
				syntax = syntax || errors.Is(err, parse.ErrSyntax)
			}
		}
		if syntax && json.Valid(data) && len(bytes.TrimSpace(data)) > 0 {
			t0 := bytes.TrimSpace(data)[0]
			if (t0 == '[' || t0 == '{') && !deep(data) {
				t.Fatalf("syntax error reported for valid JSON %q", data)
			}
		}
		out := encodeCSL(t, cs...)
		again, err := parse.ReadAll(parse.NewCSLJSONDecoder(bytes.NewReader(out)))
		if err != nil {
			t.Fatalf("re-reading our CSL-JSON: %v\n%s", err, out)
		}
		if got := encodeCSL(t, again...); !bytes.Equal(got, out) {
			t.Fatalf("CSL-JSON not stable:\n%s\n---\n%s", out, got)
		}
	})
}

// deep reports whether data nests deeper than the decoder allows or has
// scalars where items are, which are reported as other errors.
func deep(data []byte) bool {
	depth, max := 0, 0
	in := false
	esc := false
	for _, c := range data {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && (c == '[' || c == '{'):
			depth++
			max = maxInt(max, depth)
		case !in && (c == ']' || c == '}'):
			depth--
		}
	}
	return max > 60
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// fuzzCitation builds a citation from fuzzed strings.
func fuzzCitation(title, name, note, label, value string, year, month int) *citation.Citation {
	c := &citation.Citation{
		ID:       "f1",
		Type:     citation.TypeArticleJournal,
		Title:    title,
		Authors:  []citation.Name{{Family: name, Given: "A."}},
		Note:     note,
		Keywords: []string{title, value},
		Issued:   citation.Date{Year: year % 3000, Month: month % 13},
		Extra:    []citation.Field{{Name: label, Value: value}},
	}
	if c.Issued.Year == 0 {
		c.Issued.Month = 0
	}
	return c
}

// FuzzRISEncoder: no value breaks the RIS framing; the record reads back as
// one record with its title, author and note.
func FuzzRISEncoder(f *testing.F) {
	f.Add("Title", "Smith", "note", "ris:C1", "v", 2020, 3)
	f.Add("a\nER  - \nTY  - BOOK", "x\r\nER  -", "PMID: 1", "csl:title", "\u2028ER  - ", 1, 0)
	f.Add("", "van Gogh", "a:b: c", "extra:x", "", -44, 12)
	f.Fuzz(func(t *testing.T, title, name, note, label, value string, year, month int) {
		c := fuzzCitation(title, name, note, label, value, year, month)
		ris := encodeRIS(t, true, c)
		for _, line := range strings.Split(strings.TrimRight(string(ris), "\r\n"), "\r\n") {
			if line == "" {
				continue
			}
			if len(line) < 6 || line[2:6] != "  - " {
				t.Fatalf("line is not a tag line: %q\n%s", line, ris)
			}
		}
		cs, err := parse.ReadAll(parse.NewRISDecoder(bytes.NewReader(ris)))
		if err != nil {
			t.Fatalf("%v\n%s", err, ris)
		}
		if len(cs) != 1 {
			t.Fatalf("%d records from one:\n%s", len(cs), ris)
		}
		if got, want := cs[0].Title, citation.NormalizeText(title); got != want {
			t.Fatalf("title %q, want %q\n%s", got, want, ris)
		}
		again := encodeRIS(t, true, cs...)
		cs2, _ := parse.ReadAll(parse.NewRISDecoder(bytes.NewReader(again)))
		if !bytes.Equal(encodeRIS(t, true, cs2...), again) {
			t.Fatalf("RIS not stable:\n%s", again)
		}
	})
}

// FuzzCSLJSONEncoder: the output is valid JSON and reads back with the
// same values.
func FuzzCSLJSONEncoder(f *testing.F) {
	f.Add("Title", "Smith", "note", "ris:C1", "v", 2020, 3)
	f.Add("\"}]", "\x00\xff", "PMID: 1\ntype: book", "names", "\u2028", 1, 0)
	f.Fuzz(func(t *testing.T, title, name, note, label, value string, year, month int) {
		c := fuzzCitation(title, name, note, label, value, year, month)
		out := encodeCSL(t, c)
		if !json.Valid(out) {
			t.Fatalf("invalid JSON: %s", out)
		}
		cs, err := parse.ReadAll(parse.NewCSLJSONDecoder(bytes.NewReader(out)))
		if err != nil || len(cs) != 1 {
			t.Fatalf("%v, %d records:\n%s", err, len(cs), out)
		}
		// Invalid UTF-8 is written as one U+FFFD a byte, as NormalizeText reads it.
		if got, want := cs[0].Title, citation.NormalizeText(title); got != want {
			t.Fatalf("title %q, want %q", got, want)
		}
		// Once read, values are normalized: a second trip is stable.
		out2 := encodeCSL(t, cs...)
		cs2, _ := parse.ReadAll(parse.NewCSLJSONDecoder(bytes.NewReader(out2)))
		if !bytes.Equal(encodeCSL(t, cs2...), out2) {
			t.Fatalf("CSL-JSON not stable:\n%s", out2)
		}
	})
}
