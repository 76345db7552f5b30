package testutil

import (
	"bytes"
	"os"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// cslSchemaURL is the $id of csl-data.json.
const cslSchemaURL = "https://resource.citationstyles.org/schema/v1.0/input/json/csl-data.json"

var cslSchema = struct {
	once sync.Once
	sch  *jsonschema.Schema
	err  error
}{}

// ValidateCSLJSON checks that data, a CSL-JSON array, is valid against the
// CSL 1.0.2 input schema (../shared/corpus/schema/csl-data.json), with a
// JSON Schema (draft-07) validator. It skips the test when the schema is
// absent.
func ValidateCSLJSON(t testing.TB, data []byte) {
	t.Helper()
	path := Shared(t, "corpus/schema/csl-data.json")
	cslSchema.once.Do(func() {
		c := jsonschema.NewCompiler()
		var doc any
		doc, cslSchema.err = readJSONFile(path)
		if cslSchema.err != nil {
			return
		}
		if cslSchema.err = c.AddResource(cslSchemaURL, doc); cslSchema.err != nil {
			return
		}
		cslSchema.sch, cslSchema.err = c.Compile(cslSchemaURL)
	})
	if cslSchema.err != nil {
		t.Fatalf("loading the CSL-JSON schema: %v", cslSchema.err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("CSL-JSON output is not JSON: %v", err)
	}
	if err := cslSchema.sch.Validate(inst); err != nil {
		t.Errorf("CSL-JSON output is not valid against csl-data.json: %v", err)
	}
}

func readJSONFile(path string) (any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}
