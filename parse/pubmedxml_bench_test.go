package parse_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/citekit/citekit/parse"
)

func pubmedArticleUnit(b *testing.B) []byte {
	in := readTestdata(b, "pubmedxml/pair-39000001.xml")
	i := bytes.Index(in, []byte("<PubmedArticle>"))
	j := bytes.LastIndex(in, []byte("</PubmedArticle>"))
	return append(in[i:j+len("</PubmedArticle>")], '\n')
}

func BenchmarkPubmedXML(b *testing.B) {
	unit := pubmedArticleUnit(b)
	var in bytes.Buffer
	in.WriteString("<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n")
	n := 0
	for in.Len() < 8<<20 {
		in.Write(unit)
		n++
	}
	in.WriteString("</PubmedArticleSet>\n")
	pmBenchDecode(b, in.Bytes(), func(r io.Reader) parse.Decoder { return parse.NewPubmedXMLDecoder(r) }, n)
}

// BenchmarkPubmedXML100k streams a set of 100,000 articles: memory stays
// flat.
func BenchmarkPubmedXML100k(b *testing.B) {
	unit := pubmedArticleUnit(b)
	pmBenchStream(b, func() io.Reader {
		return &repeatReader{prefix: []byte("<PubmedArticleSet>\n"), unit: unit, suffix: []byte("</PubmedArticleSet>\n"), count: 100000}
	}, func(r io.Reader) parse.Decoder { return parse.NewPubmedXMLDecoder(r) }, 100000)
}
