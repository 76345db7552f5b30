package export

import (
	"bytes"
	"reflect"
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

// TestExtraKeyColon: extraKey passes a label with a colon through without
// looking it up, which is right only if no CSL variable and no reserved key
// of custom has a colon.
func TestExtraKeyColon(t *testing.T) {
	for _, v := range cslvars.Schema() {
		if strings.Contains(v.Name, ":") {
			t.Errorf("CSL variable %q has a colon", v.Name)
		}
	}
	for _, name := range []string{"editor-translator", "license", "part-number", "printing-number", "supplement-number"} {
		if _, ok := cslvars.Lookup(name); !ok {
			t.Errorf("%q is not a CSL variable", name)
		}
	}
	for _, k := range []string{"ISSN", "ISBN", "keywords", "names", "others", "related"} {
		if !customReserved(k) {
			t.Errorf("%q is not reserved", k)
		}
	}
	for label, want := range map[string]string{
		"ris:C1": "ris:C1", "bibtex:owner": "bibtex:owner", "extra:x": "extra:extra:x", "var:title": "extra:var:title",
		":x": ":x", "title": "extra:title", "names": "extra:names", "": "extra:", "x:": "x:", "Extra:x": "Extra:x",
	} {
		if got := extraKey(label); got != want {
			t.Errorf("extraKey(%q) = %q, want %q", label, got, want)
		}
	}
}

// TestDateZero: dateZero is Date.IsZero for a date with any one field set,
// and looks at all the fields of Date.
func TestDateZero(t *testing.T) {
	typ := reflect.TypeOf(citation.Date{})
	if typ.NumField() != 9 {
		t.Fatalf("citation.Date has %d fields; dateZero looks at 9", typ.NumField())
	}
	if !dateZero(&citation.Date{}) {
		t.Error("dateZero(zero date) = false")
	}
	for i := range typ.NumField() {
		var d citation.Date
		f := reflect.ValueOf(&d).Elem().Field(i)
		switch f.Kind() {
		case reflect.Int:
			f.SetInt(1)
		case reflect.Bool:
			f.SetBool(true)
		case reflect.String:
			f.SetString("x")
		default:
			t.Fatalf("field %s of kind %s", typ.Field(i).Name, f.Kind())
		}
		if dateZero(&d) != d.IsZero() {
			t.Errorf("dateZero with %s set = %v, IsZero = %v", typ.Field(i).Name, dateZero(&d), d.IsZero())
		}
	}
}

// TestDateIndexOrder: dateIndex is by the order of citation.DateVars, as
// writeItem reads the date fields.
func TestDateIndexOrder(t *testing.T) {
	want := []string{"issued", "accessed", "original-date", "event-date", "submitted", "available-date"}
	if got := citation.DateVars(); !reflect.DeepEqual(got, want) {
		t.Fatalf("DateVars() = %q, want %q", got, want)
	}
	plan := schemaPlan()
	for id, i := range plan.dateIndex {
		if i < 0 || cslvars.Schema()[i].Name != want[id] {
			t.Errorf("dateIndex[%d] = %d, not %s", id, i, want[id])
		}
	}
}
