package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/cslvars"
)

// TestSchemaPlan: the encoder reads each string variable where SetVar puts
// it, and writes it.
func TestSchemaPlan(t *testing.T) {
	plan := schemaPlan()
	for i, v := range cslvars.Schema() {
		if v.Kind != cslvars.String && v.Kind != cslvars.Number || plan.holder[i] == inOther {
			continue // ISSN, ISBN and keyword are lists, written joined
		}
		var c citation.Citation
		c.SetVar(v.Name, "x1")
		_, inMap := c.Vars[v.Name]
		switch plan.holder[i] {
		case inVars:
			if !inMap {
				t.Errorf("%s: planned as a Vars entry, but SetVar puts it in a field", v.Name)
			}
		case inField:
			if inMap {
				t.Errorf("%s: planned as a field, but SetVar puts it in Vars", v.Name)
			}
		}
		// With another Vars entry beside it, so that the marks are used.
		c.SetVar("zzz-unknown", "y")
		if v.Name != "archive" {
			c.SetVar("archive", "arch")
		}
		var buf bytes.Buffer
		enc := NewNDJSONEncoder(&buf)
		if err := enc.Encode(&c); err != nil {
			t.Fatal(err)
		}
		enc.Close()
		if !strings.Contains(buf.String(), `"`+v.Name+`":"x1"`) && !strings.Contains(buf.String(), `"`+v.Name+`":["x1"]`) {
			t.Errorf("%s: not written: %s", v.Name, buf.String())
		}
		// The marks are cleared after each item.
		buf.Reset()
		enc = NewNDJSONEncoder(&buf)
		enc.Encode(&c)
		enc.Encode(&citation.Citation{Vars: map[string]string{"zzz": "1"}})
		for j, m := range enc.marks {
			if m != 0 {
				t.Errorf("%s: marks %d left set: %#x", v.Name, j, m)
			}
		}
	}
}
