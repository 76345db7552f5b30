package parse_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func TestCSLYAMLDecoder(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ids      []string
	}{
		{"references", "---\nreferences:\n- id: a\n  type: book\n- id: b\n  type: book\n...\n", []string{"a", "b"}},
		{"list", "- id: a\n  type: book\n- id: b\n", []string{"a", "b"}},
		{"one item", "id: a\ntype: book\n", []string{"a"}},
		{"documents", "---\n- id: a\n---\n- id: b\n", []string{"a", "b"}},
		{"empty", "", nil},
		{"no references", "title: front matter\nlayout: post\n", []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, errs := decodeAll(t, parse.NewCSLYAMLDecoder(strings.NewReader(tc.in)))
			assert.Empty(t, errs)
			var ids []string
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
			assert.Equal(t, tc.ids, ids)
		})
	}
}

func TestCSLYAMLDecoderValues(t *testing.T) {
	in := `references:
- id: y1
  type: article-journal
  author:
  - family: Gogh
    given: Vincent
    non-dropping-particle: van
  - literal: WHO
  issued:
  - year: 2014
    month: 12
    day: 31
  - year: 2015
    month: 1
    day: 1
  accessed: 2019-07-22
  original-date:
    year: 1850
    circa: true
  event-date:
  - year: 2019
    season: 4
  submitted:
  - literal: Han Dynasty
  volume: 62
  PMID: 12345
  title: >-
    The physical volcanology of the 1600 eruption of
    **Huaynaputina**
  custom:
    ris:C1: x
`
	cs, err := parse.ReadAll(parse.NewCSLYAMLDecoder(strings.NewReader(in)))
	require.NoError(t, err)
	c := cs[0]
	assert.Equal(t, []citation.Name{{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van"}, {Literal: "WHO"}}, c.Authors)
	assert.Equal(t, citation.Date{Year: 2014, Month: 12, Day: 31, EndYear: 2015, EndMonth: 1, EndDay: 1}, c.Issued)
	assert.Equal(t, citation.Date{Year: 2019, Month: 7, Day: 22}, c.Accessed)
	assert.Equal(t, citation.Date{Year: 1850, Circa: true}, c.OriginalDate)
	assert.Equal(t, citation.Date{Year: 2019, Season: citation.Winter}, c.EventDate)
	assert.Equal(t, citation.Date{Literal: "Han Dynasty"}, c.Submitted)
	assert.Equal(t, "62", c.Volume)
	assert.Equal(t, "12345", c.PMID)
	assert.Equal(t, "The physical volcanology of the 1600 eruption of **Huaynaputina**", c.Title)
	assert.Equal(t, []citation.Field{{Name: "ris:C1", Value: "x"}}, c.Extra)
}

func TestCSLYAMLDecoderLimits(t *testing.T) {
	bomb := `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
references:
- id: bomb
  note: *h
- id: ok
`
	d := parse.NewCSLYAMLDecoder(strings.NewReader(bomb))
	d.MaxNodes = 100000
	cs, errs := decodeAll(t, d)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], parse.ErrTooLarge)
	assert.Equal(t, 10, errs[0].Line)
	require.Len(t, cs, 1)
	assert.Equal(t, "ok", cs[0].ID)

	d = parse.NewCSLYAMLDecoder(strings.NewReader("references:\n- id: a\n  title: " + strings.Repeat("x", 2000) + "\n"))
	d.MaxSize = 1000
	_, errs = decodeAll(t, d)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], parse.ErrTooLarge)
}

func TestCSLYAMLDecoderErrors(t *testing.T) {
	cs, errs := decodeAll(t, parse.NewCSLYAMLDecoder(strings.NewReader("references:\n- id: a\n- id: b\n  title: [unclosed\n")))
	assert.Empty(t, cs, "a syntax error stops the document")
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], parse.ErrSyntax)
	assert.Equal(t, 3, errs[0].Line, "go-yaml reports the line of the item the flow sequence is in")

	cs, errs = decodeAll(t, parse.NewCSLYAMLDecoder(strings.NewReader("references:\n- id: a\n  type: book\n  author: Smith\n")))
	require.Len(t, cs, 1)
	require.Len(t, errs, 1)
	assert.Equal(t, "author", errs[0].Field)
	assert.Equal(t, "a", errs[0].Record)
	assert.Equal(t, [2]int{4, 3}, [2]int{errs[0].Line, errs[0].Column})
}

func TestSniffCSLYAML(t *testing.T) {
	assert.True(t, parse.SniffCSLYAML([]byte("---\nreferences:\n- id: a\n")))
	assert.True(t, parse.SniffCSLYAML([]byte("# comment\n- id: a\n")))
	assert.False(t, parse.SniffCSLYAML([]byte("---\ntitle: x\n---\nbody")))
	f, _, err := parse.Default().Detect(strings.NewReader("references:\n- id: a\n"))
	require.NoError(t, err)
	assert.Equal(t, "cslyaml", f.Name)
}

// TestCSLYAMLCorpus reads the CSL-YAML files of the shared corpus: records
// in (by go-yaml) = converted + reported, output valid.
func TestCSLYAMLCorpus(t *testing.T) {
	dir := testutil.Shared(t, "corpus/csljson")
	var files []string
	filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
			files = append(files, p)
		}
		return nil
	})
	require.NotEmpty(t, files)
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			var doc struct {
				References []any `yaml:"references"`
			}
			require.NoError(t, yaml.Unmarshal(data, &doc))
			d := parse.NewCSLYAMLDecoder(bytes.NewReader(data))
			converted, reported := 0, 0
			var cs []*citation.Citation
			for {
				c, err := d.Decode()
				if err == io.EOF {
					break
				}
				if c != nil {
					converted++
					cs = append(cs, c)
				} else if err != nil {
					var pe *parse.ParseError
					require.True(t, errors.As(err, &pe))
					reported++
				}
			}
			assert.Equal(t, len(doc.References), converted+reported)
			testutil.ValidateCSLJSON(t, encodeCSL(t, cs...))
		})
	}
}

func FuzzCSLYAMLDecoder(f *testing.F) {
	f.Add([]byte("references:\n- id: a\n  issued:\n  - year: 2019\n    season: 1\n  - year: 2020\n    season: 3\n"))
	f.Add([]byte("a: &a [1,2]\nreferences:\n- id: x\n  note: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := parse.NewCSLYAMLDecoder(bytes.NewReader(data))
		d.MaxNodes = 10000
		var cs []*citation.Citation
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
			}
		}
		out := encodeCSL(t, cs...)
		if _, err := parse.ReadAll(parse.NewCSLJSONDecoder(bytes.NewReader(out))); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	})
}
