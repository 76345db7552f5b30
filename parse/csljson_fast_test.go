package parse_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

// TestCSLJSONEscapedKeysAndValues: keys and values with escapes, which the
// decoder cannot cut from the item's text, read as those without.
func TestCSLJSONEscapedKeysAndValues(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"plain", `{"id":"x1","title":"A \"quoted\" title","author":[{"family":"Smith","given":"Jane"}],` +
			`"issued":{"date-parts":[[2020,5]]},"ISSN":"0021-9738, 1558-8238","custom":{"extra:note":"b"}}`},
		{"escaped", `{"\u0069d":"x\u0031","t\u0069tle":"A \"quoted\" title","auth\u006fr":[{"fam\u0069ly":"Smith","g\u0069ven":"Jane"}],` +
			`"issued":{"date-p\u0061rts":[[2020,5]]},"ISSN":"0021-9738,\u00201558-8238","custom":{"extra:n\u006fte":"\u0062"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, in := range []string{"[" + tc.in + "]", tc.in + "\n"} {
				c, err := parse.NewCSLJSONDecoder(strings.NewReader(in)).Decode()
				require.NoError(t, err)
				assert.Equal(t, "x1", c.ID)
				assert.Equal(t, `A "quoted" title`, c.Title)
				assert.Equal(t, []citation.Name{{Family: "Smith", Given: "Jane"}}, c.Authors)
				assert.Equal(t, citation.Date{Year: 2020, Month: 5}, c.Issued)
				assert.Equal(t, []string{"0021-9738", "1558-8238"}, c.ISSN)
				v, _ := c.ExtraValue("note")
				assert.Equal(t, "b", v)
			}
		})
	}
	// A key whose escaped text happens to hold the quote where the decoded
	// key would end.
	c, err := parse.NewCSLJSONDecoder(strings.NewReader(`[{"id":"y","author":[{"family":"F","a\"b":"1"}]}]`)).Decode()
	require.NoError(t, err)
	v, ok := c.ExtraValue(`csljson:author[0].a"b`)
	assert.True(t, ok, "%+v", c.Extra)
	assert.Equal(t, "1", v)
}

// TestCSLJSONNameListsApart: name lists read with the decoder's reused
// buffer do not share storage, within an item or across items.
func TestCSLJSONNameListsApart(t *testing.T) {
	in := `[{"id":"a","author":[{"family":"A1"},{"family":"A2"}],"editor":[{"family":"E1"}]},` +
		`{"id":"b","author":[{"family":"B1"}]}]`
	d := parse.NewCSLJSONDecoder(strings.NewReader(in))
	c1, err := d.Decode()
	require.NoError(t, err)
	c2, err := d.Decode()
	require.NoError(t, err)
	assert.Equal(t, []citation.Name{{Family: "A1"}, {Family: "A2"}}, c1.Authors)
	assert.Equal(t, []citation.Name{{Family: "E1"}}, c1.Editors)
	assert.Equal(t, []citation.Name{{Family: "B1"}}, c2.Authors)
}
