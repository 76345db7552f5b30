package parse_test

import (
	"bytes"
	"testing"

	"github.com/citekit/citekit/parse"
)

func FuzzCrossref(f *testing.F) {
	pmAddSeeds(f, "crossref")
	f.Add([]byte(`[{"DOI":"10.1/a","issued":{"date-parts":[["2020","13"]]},"author":[{"name":"X"}]}] {"x":1}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		d := parse.NewCrossrefDecoder(bytes.NewReader(in))
		d.MaxRecordBytes = 1 << 16
		pmFuzzDecoder(t, "crossref", in, d)
	})
}
