package parse_test

import (
	"bytes"
	"testing"

	"github.com/citekit/citekit/parse"
)

func FuzzDataCite(f *testing.F) {
	pmAddSeeds(f, "datacite")
	f.Add([]byte(`{"data":[{"attributes":{"dates":[{"date":"2019-01-01/2019-12","dateType":"Issued"}]}}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		d := parse.NewDataCiteDecoder(bytes.NewReader(in))
		d.MaxRecordBytes = 1 << 16
		pmFuzzDecoder(t, "datacite", in, d)
	})
}
