package parse_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/citekit/citekit/parse"
)

func ExampleNewMedlineDecoder() {
	const nbib = `PMID- 8692918
DP  - 1996 Jul 9
TI  - The structure of bovine F1-ATPase complexed with the antibiotic inhibitor
      aurovertin B.
PG  - 6913-7
LID - 10.1073/pnas.93.14.6913 [doi]
FAU - van Raaij, M J
AU  - van Raaij MJ
IS  - 0027-8424 (Print)
TA  - Proc Natl Acad Sci U S A
`
	d := parse.NewMedlineDecoder(strings.NewReader(nbib))
	for {
		c, err := d.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			continue
		}
		a := c.Authors[0]
		fmt.Println(c.PMID, c.Title)
		fmt.Println(a.NonDroppingParticle, a.Family, "/", a.Given)
		fmt.Println(c.Issued.Year, c.Issued.Month, c.Issued.Day, c.Pages, c.DOI, c.ISSN)
	}
	// Output:
	// 8692918 The structure of bovine F1-ATPase complexed with the antibiotic inhibitor aurovertin B
	// van Raaij / M. J.
	// 1996 7 9 6913-6917 10.1073/pnas.93.14.6913 [0027-8424]
}

func ExampleNewPubmedXMLDecoder() {
	const xml = `<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
<Journal><JournalIssue><PubDate><MedlineDate>2019 Mar-Apr</MedlineDate></PubDate></JournalIssue></Journal>
<ArticleTitle>Role of <i>TP53</i> in H<sub>2</sub>O.</ArticleTitle>
<AuthorList><Author><CollectiveName>Example Study Group</CollectiveName></Author></AuthorList>
</Article></MedlineCitation></PubmedArticle>
<PubmedArticle>broken</PubmedArticleSet>`
	d := parse.NewPubmedXMLDecoder(strings.NewReader(xml))
	for {
		c, err := d.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(c.Title)
		fmt.Println(c.Authors[0].Literal, c.Issued.Year, c.Issued.Month, c.Issued.EndMonth)
	}
	// Output:
	// Role of <i>TP53</i> in H<sub>2</sub>O
	// Example Study Group 2019 3 4
	// pubmedxml: line 6, column 22: element <PubmedArticle> closed by </PubmedArticleSet>: syntax error
}

func ExampleNewCrossrefDecoder() {
	const msg = `{"status":"ok","message-type":"work","message":{
  "DOI":"10.1021/ja01577a030","type":"journal-article",
  "title":["Correlation of the Base Strengths of Amines<sup>1</sup>"],
  "author":[{"given":"H. K.","family":"Hall","suffix":"Jr.","ORCID":"http://orcid.org/0000-0002-1825-0097"}],
  "issued":{"date-parts":[[1957,10]]},
  "issn-type":[{"value":"1520-5126","type":"electronic"},{"value":"0002-7863","type":"print"}],
  "funder":[{"name":"Example Foundation","award":["A-1"]}]}}`
	d := parse.NewCrossrefDecoder(strings.NewReader(msg))
	c, err := d.Decode()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Type, c.DOI, c.Title)
	fmt.Println(c.Authors[0].Family, c.Authors[0].Suffix, c.Authors[0].ORCID)
	fmt.Println(c.Issued.Year, c.Issued.Month, c.ISSN)
	funder, _ := c.ExtraValue("crossref:funder")
	fmt.Println(funder)
	// Output:
	// article-journal 10.1021/ja01577a030 Correlation of the Base Strengths of Amines<sup>1</sup>
	// Hall Jr. 0000-0002-1825-0097
	// 1957 10 [0002-7863 1520-5126]
	// Example Foundation award: A-1
}

func ExampleNewDataCiteDecoder() {
	const doc = `{"data":{"id":"10.5061/dryad.8515","type":"dois","attributes":{
  "doi":"10.5061/dryad.8515",
  "creators":[{"name":"Ollomo, Benjamin","givenName":"Benjamin","familyName":"Ollomo"}],
  "titles":[{"title":"Data from: A new malaria agent in African hominids"}],
  "publisher":"Dryad","publicationYear":2011,
  "types":{"resourceTypeGeneral":"Dataset"}}}}`
	c, err := parse.NewDataCiteDecoder(strings.NewReader(doc)).Decode()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Type, c.DOI, c.Publisher, c.Issued.Year)
	fmt.Println(c.Title)
	// Output:
	// dataset 10.5061/dryad.8515 Dryad 2011
	// Data from: A new malaria agent in African hominids
}
