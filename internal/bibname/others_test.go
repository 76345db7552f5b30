package bibname_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/citekit/citekit/internal/bibname"
)

// TestFormatFamilyOthers: a person whose last name is "others" is not
// written as the "and others" mark (found by FuzzBibTeXRoundTrip).
func TestFormatFamilyOthers(t *testing.T) {
	for _, last := range []string{"others", "Others"} {
		s := bibname.Format(bibname.Parts{Last: last})
		assert.Equal(t, "{}"+last, s)
		p := bibname.Parse(s)
		assert.False(t, p.Others, s)
		assert.Equal(t, "{}"+last, p.Last, s)
	}
	assert.Equal(t, "others", bibname.Format(bibname.Parts{Others: true}))
	assert.Equal(t, "others, Jane", bibname.Format(bibname.Parts{Last: "others", First: "Jane"}))
}
