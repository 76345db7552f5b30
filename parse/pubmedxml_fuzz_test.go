package parse_test

import (
	"bytes"
	"testing"

	"github.com/citekit/citekit/parse"
)

func FuzzPubmedXML(f *testing.F) {
	pmAddSeeds(f, "pubmedxml")
	f.Add([]byte(article("1", `<ArticleTitle>a <i>b</i> <mml:math><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math></ArticleTitle>`)))
	f.Add([]byte("<PubmedArticleSet><PubmedArticle>text</PubmedArticleSet><PubmedArticle></PubmedArticle>"))
	f.Fuzz(func(t *testing.T, in []byte) {
		d := parse.NewPubmedXMLDecoder(bytes.NewReader(in))
		d.MaxDepth = 32
		d.MaxArticleBytes = 1 << 16
		pmFuzzDecoder(t, "pubmedxml", in, d)
	})
}
