package export_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
)

// fullCitation uses every part of the model the CSL-JSON encoder writes.
func fullCitation() *citation.Citation {
	c := &citation.Citation{
		ID:                  "smith2020",
		Type:                citation.TypeArticleJournal,
		Title:               "Sleep and <i>Drosophila</i> memory",
		TitleShort:          "Sleep and memory",
		ContainerTitle:      "The Journal of Neuroscience",
		ContainerTitleShort: "J Neurosci",
		Authors: []citation.Name{
			{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van", ORCID: "0000-0002-1825-0097", Affiliations: []string{"Rijksmuseum", "Amsterdam, NL"}},
			{Family: "Humboldt", Given: "Alexander", DroppingParticle: "von"},
			{Family: "King", Given: "Martin Luther", Suffix: "Jr.", CommaSuffix: true},
			{Literal: "World Health Organization"},
			{Others: true},
		},
		Editors: []citation.Name{{Family: "Doe", Given: "J."}},
		Contributors: map[citation.Role][]citation.Name{
			citation.RoleTranslator:       {{Family: "Müller", Given: "Jürgen"}},
			citation.RoleEditorTranslator: {{Family: "Rossi", Given: "Ada"}},
		},
		Issued:        citation.Date{Year: 2020, Month: 3, Day: 5},
		Accessed:      citation.Date{Year: 2021, Month: 1, Day: 2, EndYear: 2021, EndMonth: 1, EndDay: 9},
		OriginalDate:  citation.Date{Year: 1850, Circa: true},
		EventDate:     citation.Date{Year: 2019, Season: citation.Winter},
		Submitted:     citation.Date{Literal: "Han Dynasty"},
		AvailableDate: citation.Date{Year: -44, Month: 3},
		Volume:        "40",
		Issue:         "12",
		Pages:         "812-824",
		Publisher:     "Society for Neuroscience",
		Language:      "en",
		Abstract:      "Line one.\nLine \"two\"\t\\ end \u2028",
		Keywords:      []string{"sleep", "memory"},
		URL:           "https://example.org/a?b=1&c=2",
		Note:          "A note",
		License:       "CC-BY-4.0",
		DOI:           "10.1523/jneurosci.1353-25.2025",
		ISSN:          []string{"1529-2401", "0270-6474"},
		PMID:          "12345678",
		PMCID:         "PMC1234567",
		Vars:          map[string]string{"archive_location": "Box 4", "part-number": "2", "x-unknown": "kept"},
		Related:       []citation.Related{{ID: "r1", Title: "Related thing", URL: "https://example.org/r1", Type: "related"}},
		Extra: []citation.Field{
			{Name: "ris:C1", Value: "custom one"},
			{Name: "ris:N1", Value: "first note"},
			{Name: "csljson:categories", Value: "Neuroscience"},
			{Name: "ris:N1", Value: "second note"},
			{Name: "title", Value: "a label that is a CSL variable"},
			{Name: "names", Value: "a label that is reserved"},
		},
	}
	return c
}

func encodeAll(t *testing.T, enc export.Encoder, cs ...*citation.Citation) {
	t.Helper()
	for _, c := range cs {
		require.NoError(t, enc.Encode(c))
	}
	require.NoError(t, enc.Close())
}

func TestCSLJSONEncoderGolden(t *testing.T) {
	var buf bytes.Buffer
	encodeAll(t, export.NewCSLJSONEncoder(&buf), fullCitation(), &citation.Citation{Title: "Untitled record"})
	testutil.Golden(t, filepath.Join("testdata", "csljson", "full.json"), buf.Bytes(), *update)
	testutil.ValidateCSLJSON(t, buf.Bytes())

	var items []map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &items))
	require.Len(t, items, 2)
	assert.Equal(t, "item-2", items[1]["id"])
	assert.Equal(t, "document", items[1]["type"])
	assert.Equal(t, fullCitation().Abstract, items[0]["abstract"])
	assert.Equal(t, "1529-2401, 0270-6474", items[0]["ISSN"])
	custom := items[0]["custom"].(map[string]any)
	assert.Equal(t, []any{"first note", "second note"}, custom["ris:N1"])
	assert.Equal(t, "custom one", custom["ris:C1"])
	assert.Equal(t, "a label that is a CSL variable", custom["extra:title"])
	assert.Equal(t, "a label that is reserved", custom["extra:names"])
	assert.Equal(t, []any{"author"}, custom["others"])
	assert.Equal(t, "CC-BY-4.0", custom["license"])
	assert.Equal(t, "kept", custom["var:x-unknown"])
}

func TestCSLJSONEncoderCompact(t *testing.T) {
	var indented, compact bytes.Buffer
	encodeAll(t, export.NewCSLJSONEncoder(&indented), fullCitation(), fullCitation())
	enc := export.NewCSLJSONEncoder(&compact)
	enc.Compact = true
	encodeAll(t, enc, fullCitation(), fullCitation())
	assert.Equal(t, 1, strings.Count(compact.String(), "\n"), "compact output is one line")
	var want bytes.Buffer
	require.NoError(t, json.Compact(&want, indented.Bytes()))
	assert.Equal(t, want.String()+"\n", compact.String())
	testutil.ValidateCSLJSON(t, compact.Bytes())
}

func TestNDJSONEncoder(t *testing.T) {
	var nd, arr bytes.Buffer
	encodeAll(t, export.NewNDJSONEncoder(&nd), fullCitation(), &citation.Citation{ID: "b", Type: citation.TypeBook, Title: "Two\nlines"})
	enc := export.NewCSLJSONEncoder(&arr)
	enc.Compact = true
	encodeAll(t, enc, fullCitation(), &citation.Citation{ID: "b", Type: citation.TypeBook, Title: "Two\nlines"})
	lines := strings.Split(strings.TrimSuffix(nd.String(), "\n"), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, "["+lines[0]+","+lines[1]+"]\n", arr.String())
	for _, l := range lines {
		assert.True(t, json.Valid([]byte(l)), l)
	}
}

func TestCSLJSONEncoderEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		enc  func(*bytes.Buffer) export.Encoder
		want string
	}{
		{"indented", func(b *bytes.Buffer) export.Encoder { return export.NewCSLJSONEncoder(b) }, "[]\n"},
		{"compact", func(b *bytes.Buffer) export.Encoder {
			e := export.NewCSLJSONEncoder(b)
			e.Compact = true
			return e
		}, "[]\n"},
		{"ndjson", func(b *bytes.Buffer) export.Encoder { return export.NewNDJSONEncoder(b) }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			enc := tc.enc(&buf)
			require.NoError(t, enc.Close())
			assert.Equal(t, tc.want, buf.String())
			assert.Error(t, enc.Encode(&citation.Citation{}), "Encode after Close")
		})
	}
}

// TestCSLJSONEncoderFraming checks that no value breaks the JSON.
func TestCSLJSONEncoderFraming(t *testing.T) {
	nasty := []string{"\"", "\\", "\x00\x01\x1f", "\"}]", "\xff\xfe bad utf8", "\u2028\u2029", "</script>", "tab\there"}
	for _, s := range nasty {
		c := &citation.Citation{ID: s, Title: s, Authors: []citation.Name{{Family: s, Given: s}},
			Keywords: []string{s}, Extra: []citation.Field{{Name: s, Value: s}}, Vars: map[string]string{s: s},
			Issued: citation.Date{Literal: s}}
		var buf bytes.Buffer
		encodeAll(t, export.NewCSLJSONEncoder(&buf), c)
		require.True(t, json.Valid(buf.Bytes()), "%q gave %s", s, buf.Bytes())
		var items []map[string]any
		require.NoError(t, json.Unmarshal(buf.Bytes(), &items))
		if !strings.Contains(s, "\xff") {
			assert.Equal(t, s, items[0]["title"])
		} else {
			assert.Equal(t, "\ufffd\ufffd bad utf8", items[0]["title"])
		}
		testutil.ValidateCSLJSON(t, buf.Bytes())
	}
}

func TestCSLJSONEncoderDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	for range 5 {
		a.Reset()
		encodeAll(t, export.NewCSLJSONEncoder(&a), fullCitation())
		if b.Len() == 0 {
			b.Write(a.Bytes())
		}
		require.Equal(t, b.String(), a.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestCSLJSONEncoderWriteError(t *testing.T) {
	enc := export.NewCSLJSONEncoder(failWriter{})
	require.NoError(t, enc.Encode(fullCitation()))
	assert.ErrorIs(t, enc.Close(), os.ErrClosed)
	assert.ErrorIs(t, enc.Encode(fullCitation()), os.ErrClosed)
}

func TestRegistryCSLJSON(t *testing.T) {
	r := export.Default()
	for _, name := range []string{"csljson", "ndjson"} {
		f, ok := r.Lookup(name)
		require.True(t, ok, name)
		var buf bytes.Buffer
		enc := f.NewEncoder(&buf)
		encodeAll(t, enc, &citation.Citation{ID: "x", Type: citation.TypeBook})
		assert.Contains(t, buf.String(), `"book"`)
	}
	f, ok := r.ByExtension("refs.json")
	require.True(t, ok)
	assert.Equal(t, "csljson", f.Name)
}

func ExampleCSLJSONEncoder() {
	enc := export.NewCSLJSONEncoder(os.Stdout)
	enc.Encode(&citation.Citation{
		ID:      "doe2025",
		Type:    citation.TypeArticleJournal,
		Title:   "On <i>E. coli</i>",
		Authors: []citation.Name{{Family: "Doe", Given: "Jane"}},
		Issued:  citation.Date{Year: 2025, Month: 11},
		Extra:   []citation.Field{{Name: "ris:C1", Value: "x"}},
	})
	enc.Close()
	// Output:
	// [
	//   {
	//     "id": "doe2025",
	//     "type": "article-journal",
	//     "author": [
	//       {"family": "Doe", "given": "Jane"}
	//     ],
	//     "issued": {"date-parts": [[2025, 11]]},
	//     "title": "On <i>E. coli</i>",
	//     "custom": {
	//       "ris:C1": "x"
	//     }
	//   }
	// ]
}

// TestCSLJSONEncoderOddVars: entries of Vars named like variables that are
// not strings are kept in custom.
func TestCSLJSONEncoderOddVars(t *testing.T) {
	var buf bytes.Buffer
	c := &citation.Citation{ID: "v", Type: citation.TypeBook, Keywords: []string{"k"},
		Vars: map[string]string{"author": "A string author", "keyword": "vars keyword", "issued": "1999", "page-first": "5"}}
	encodeAll(t, export.NewCSLJSONEncoder(&buf), c)
	var items []map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &items))
	custom := items[0]["custom"].(map[string]any)
	assert.Equal(t, "A string author", custom["var:author"])
	assert.Equal(t, "vars keyword", custom["var:keyword"])
	assert.Equal(t, "1999", custom["var:issued"])
	assert.Equal(t, "5", items[0]["page-first"])
	assert.Equal(t, "k", items[0]["keyword"])
	testutil.ValidateCSLJSON(t, buf.Bytes())
}
