package parse_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func encodeRIS(t testing.TB, crlf bool, cs ...*citation.Citation) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := export.NewRISEncoder(&buf)
	enc.CRLF = crlf
	for _, c := range cs {
		require.NoError(t, enc.Encode(c))
	}
	require.NoError(t, enc.Close())
	return buf.Bytes()
}

// risLosses applies to want what RIS cannot hold, as listed in the package
// documentation of export.
func risLosses(c *citation.Citation) {
	strip := func(ns []citation.Name) []citation.Name {
		var out []citation.Name
		for _, n := range ns {
			if n.Others {
				continue
			}
			n.ORCID, n.Affiliations = "", nil
			if n.Suffix != "" {
				n.CommaSuffix = true
			}
			out = append(out, n)
		}
		return out
	}
	c.Authors = strip(c.Authors)
	c.Editors = strip(c.Editors)
	for r, ns := range c.Contributors {
		c.Contributors[r] = strip(ns)
	}
	c.Related = nil
}

// TestRoundTripCSLJSONRISCSLJSON: CSL-JSON -> RIS -> CSL-JSON loses nothing
// RIS can hold.
func TestRoundTripCSLJSONRISCSLJSON(t *testing.T) {
	data := encodeCSL(t, richCitation())
	in, err := parse.ReadAll(parse.NewCSLJSONDecoder(bytes.NewReader(data)))
	require.NoError(t, err)
	ris := encodeRIS(t, false, in...)
	out, err := parse.ReadAll(parse.NewRISDecoder(bytes.NewReader(ris)))
	require.NoError(t, err, "%s", ris)
	require.Len(t, out, 1)
	// RIS -> RIS is stable.
	assert.Equal(t, string(ris), string(encodeRIS(t, false, out...)))
	want := in[0].Clone()
	risLosses(want)
	sortExtra(want)
	sortExtra(out[0])
	assert.Equal(t, want, out[0], "RIS:\n%s", ris)
	back := encodeCSL(t, out...)
	testutil.ValidateCSLJSON(t, back)
}
