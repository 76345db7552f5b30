package parse_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/citekit/citekit/parse"
)

func BenchmarkCrossrefWork(b *testing.B) {
	in := readTestdata(b, "crossref/work.json")
	pmBenchDecode(b, in, func(r io.Reader) parse.Decoder { return parse.NewCrossrefDecoder(r) }, 1)
}

func BenchmarkDataCiteList(b *testing.B) {
	in := bytes.ReplaceAll(readTestdata(b, "datacite/list.json"), []byte(`{"id":"10.1000/bad","type":"dois","attributes":"not an object"},`), nil)
	pmBenchDecode(b, in, func(r io.Reader) parse.Decoder { return parse.NewDataCiteDecoder(r) }, 3)
}
