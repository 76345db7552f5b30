package export_test

import (
	"bytes"
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

func TestRISEncoderGolden(t *testing.T) {
	var buf bytes.Buffer
	encodeAll(t, export.NewRISEncoder(&buf), fullCitation(), &citation.Citation{Title: "Untitled record"},
		&citation.Citation{Type: citation.TypeBook, Title: "A book", Pages: "300", NumberOfPages: "300",
			CollectionTitle: "Series", ContainerTitle: "not a book's", ISBN: []string{"9780306406157", "12345"},
			Issued: citation.Date{Year: 1998, Season: citation.Spring}, Edition: "2"},
		&citation.Citation{Type: citation.TypeReview, Title: "A review", Issued: citation.Date{Year: 2001, Month: 12, Day: 15, EndYear: 2001, EndMonth: 12, EndDay: 31}})
	testutil.Golden(t, filepath.Join("testdata", "ris", "full.ris"), buf.Bytes(), *update)
}

// TestRISEncoderFraming: no value can end the record or start another.
func TestRISEncoderFraming(t *testing.T) {
	nasty := "line one\nER  - \nTY  - BOOK\r\nTI  - injected\rmore\u2028and\u2029end\v\f\u0085"
	c := &citation.Citation{Type: citation.TypeArticleJournal, Title: nasty, Note: nasty,
		Authors:  []citation.Name{{Family: nasty, Given: nasty}},
		Keywords: []string{nasty}, Extra: []citation.Field{{Name: "ris:C1", Value: nasty}, {Name: "x y:z\n", Value: nasty}},
		Vars: map[string]string{"archive-place": nasty}}
	for _, crlf := range []bool{false, true} {
		var buf bytes.Buffer
		enc := export.NewRISEncoder(&buf)
		enc.CRLF = crlf
		encodeAll(t, enc, c, c)
		eol := "\n"
		if crlf {
			eol = "\r\n"
		}
		out := buf.String()
		lines := strings.Split(strings.TrimSuffix(out, eol+eol), eol)
		records := 0
		for _, l := range lines {
			if l == "" {
				continue
			}
			require.True(t, len(l) >= 6 && l[2:6] == "  - ", "not a tag line: %q", l)
			assert.NotContains(t, l, "\r")
			assert.NotContains(t, l, "\n")
			assert.NotContains(t, l, "\u2028")
			if strings.HasPrefix(l, "TY  - ") {
				records++
			}
		}
		assert.Equal(t, 2, records)
		assert.Equal(t, 2, strings.Count(out, "ER  - "+eol), "one ER a record")
	}
}

func TestRISEncoderCRLF(t *testing.T) {
	var lf, crlf bytes.Buffer
	encodeAll(t, export.NewRISEncoder(&lf), fullCitation())
	enc := export.NewRISEncoder(&crlf)
	enc.CRLF = true
	encodeAll(t, enc, fullCitation())
	assert.Equal(t, strings.ReplaceAll(lf.String(), "\n", "\r\n"), crlf.String())
	assert.True(t, strings.HasPrefix(lf.String(), "TY  - JOUR\nID  - smith2020\n"))
	assert.True(t, strings.HasSuffix(lf.String(), "ER  - \n\n"))
}

func TestRISEncoderNames(t *testing.T) {
	var buf bytes.Buffer
	encodeAll(t, export.NewRISEncoder(&buf), &citation.Citation{Type: citation.TypeBook, Authors: []citation.Name{
		{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van"},
		{Family: "Humboldt", Given: "Alexander", DroppingParticle: "von"},
		{Family: "King", Given: "Martin Luther", Suffix: "Jr.", CommaSuffix: true},
		{Family: "Plato"},
		{Literal: "World Health Organization"},
		{Others: true},
	}})
	assert.Equal(t, "TY  - BOOK\nAU  - van Gogh, Vincent\nAU  - Humboldt, Alexander von\nAU  - King, Martin Luther, Jr.\nAU  - Plato,\nAU  - World Health Organization\nER  - \n\n", buf.String())
}

func TestRISEncoderWriteError(t *testing.T) {
	enc := export.NewRISEncoder(failWriter{})
	require.NoError(t, enc.Encode(fullCitation()))
	assert.ErrorIs(t, enc.Close(), os.ErrClosed)
	assert.ErrorIs(t, enc.Encode(fullCitation()), os.ErrClosed)
}

func ExampleRISEncoder() {
	enc := export.NewRISEncoder(os.Stdout)
	enc.Encode(&citation.Citation{
		Type:           citation.TypeArticleJournal,
		Title:          "Synaptic maintenance",
		Authors:        []citation.Name{{Family: "Burgess", Given: "Robert W."}},
		ContainerTitle: "J Neurosci",
		Issued:         citation.Date{Year: 2025, Month: 11, Day: 12},
		Pages:          "812-824",
		DOI:            "10.1523/jneurosci.1353-25.2025",
		Keywords:       []string{"aging", "synapse"},
	})
	enc.Close()
	// Output:
	// TY  - JOUR
	// TI  - Synaptic maintenance
	// T2  - J Neurosci
	// AU  - Burgess, Robert W.
	// PY  - 2025
	// DA  - 2025/11/12/
	// SP  - 812
	// EP  - 824
	// DO  - 10.1523/jneurosci.1353-25.2025
	// KW  - aging
	// KW  - synapse
	// ER  -
}
