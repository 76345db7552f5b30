package parse_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

// article wraps the inside of a MedlineCitation/Article in a PubmedArticle.
func article(pmid, inner string) string {
	return `<PubmedArticle><MedlineCitation><PMID Version="1">` + pmid + `</PMID><Article>` + inner +
		`</Article></MedlineCitation></PubmedArticle>`
}

func decodeXML(t *testing.T, s string) ([]*citation.Citation, int, []error) {
	t.Helper()
	got, reported, _, errs := pmDecodeAll(t, parse.NewPubmedXMLDecoder(strings.NewReader(s)))
	return got, reported, errs
}

func TestPubmedXMLMarkup(t *testing.T) {
	tests := []struct {
		name, inner string
		title       string
		abstract    string
	}{
		{"inline", `<ArticleTitle>Role of <i>TP53</i> in H<sub>2</sub>O<sup>+</sup> and <b>bold</b> <u>under</u>.</ArticleTitle>`,
			"Role of <i>TP53</i> in H<sub>2</sub>O<sup>+</sup> and <b>bold</b> under", ""},
		{"MathML", `<ArticleTitle>Effect size <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:msubsup><mml:mi>η</mml:mi> <mml:mi>p</mml:mi> <mml:mn>2</mml:mn></mml:msubsup></mml:math> in trials</ArticleTitle>`,
			"Effect size η<sub>p</sub><sup>2</sup> in trials", ""},
		{"MathML default namespace", `<ArticleTitle>x <math xmlns="http://www.w3.org/1998/Math/MathML"><msup><mi>e</mi><mn>2</mn></msup></math> y</ArticleTitle>`,
			"x e<sup>2</sup> y", ""},
		{"structured abstract", `<ArticleTitle>T</ArticleTitle><Abstract><AbstractText Label="BACKGROUND">One <i>two</i>.</AbstractText><!-- a comment --><AbstractText Label="RESULTS">Three.</AbstractText><AbstractText>Four.</AbstractText></Abstract>`,
			"T", "BACKGROUND: One <i>two</i>. RESULTS: Three. Four."},
		{"entities", `<ArticleTitle>A &amp; B &lt; C&nbsp;&#x3b2;</ArticleTitle>`, "A & B < C β", ""},
		{"vernacular only", `<ArticleTitle/><VernacularTitle>Psykisk ohälsa.</VernacularTitle>`, "Psykisk ohälsa", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reported, errs := decodeXML(t, `<PubmedArticleSet>`+article("1", tt.inner)+`</PubmedArticleSet>`)
			require.Zero(t, reported, "%v", errs)
			require.Len(t, got, 1)
			assert.Equal(t, tt.title, got[0].Title)
			assert.Equal(t, tt.abstract, got[0].Abstract)
		})
	}
	t.Run("plain", func(t *testing.T) {
		d := parse.NewPubmedXMLDecoder(strings.NewReader(article("1", `<ArticleTitle>Role of <i>TP53</i> in H<sub>2</sub>O</ArticleTitle>`)))
		d.PlainText = true
		c, err := d.Decode()
		require.NoError(t, err)
		assert.Equal(t, "Role of TP53 in H2O", c.Title)
	})
}

func TestPubmedXMLFields(t *testing.T) {
	got, reported, errs := decodeXML(t, string(readTestdata(t, "pubmedxml/pair-39000001.xml")))
	require.Zero(t, reported, "%v", errs)
	require.Len(t, got, 1)
	c := got[0]
	assert.Equal(t, "39000001", c.PMID)
	assert.Equal(t, "PMC10999999", c.PMCID)
	assert.Equal(t, "10.1073/pnas.2301234121", c.DOI)
	assert.Equal(t, []string{"0027-8424", "1091-6490"}, c.ISSN)
	assert.Equal(t, citation.Date{Year: 2024, Month: 3, EndYear: 2024, EndMonth: 4}, c.Issued)
	assert.Equal(t, "1012-1019", c.Pages)
	require.Len(t, c.Authors, 4)
	assert.Equal(t, citation.Name{NonDroppingParticle: "van der", Family: "Berg", Given: "Anna M.", ORCID: "0000-0002-1825-0097",
		Affiliations: []string{"Department of Microbiology, University of Example, Utrecht, The Netherlands.", "Example Institute of Biology, Leiden, The Netherlands."}}, c.Authors[0])
	assert.Equal(t, "Jr", c.Authors[1].Suffix)
	assert.Equal(t, "Example Stress Study Group", c.Authors[3].Literal)
	assert.Equal(t, []string{"Escherichia coli/*genetics/physiology", "*Gene Expression Regulation, Bacterial", "Osmotic Pressure", "osmotic stress", "single-cell imaging"}, c.Keywords)
	assert.Equal(t, "Proc Natl Acad Sci U S A", c.ContainerTitleShort)
	iso, _ := c.ExtraValue("pubmedxml:ISOAbbreviation")
	assert.Equal(t, "Proc Natl Acad Sci U S A", iso)
	require.Len(t, c.Related, 1)
	assert.Equal(t, citation.Related{ID: "10.1038/171737a0", URL: "https://doi.org/10.1038/171737a0", Type: "references",
		Title: "Watson JD, Crick FH. Molecular structure of nucleic acids. Nature. 1953;171:737-8."}, c.Related[0])
}

func TestPubmedXMLBook(t *testing.T) {
	in := `<PubmedBookArticleSet><PubmedBookArticle><BookDocument>
<PMID Version="1">20301331</PMID>
<ArticleIdList><ArticleId IdType="bookaccession">NBK1116</ArticleId></ArticleIdList>
<Book>
  <Publisher><PublisherName>University of Washington, Seattle</PublisherName><PublisherLocation>Seattle (WA)</PublisherLocation></Publisher>
  <BookTitle book="gene">GeneReviews<sup>®</sup></BookTitle>
  <PubDate><Year>1993</Year></PubDate>
  <BeginningDate><Year>1993</Year></BeginningDate>
  <AuthorList Type="editors"><Author><LastName>Adam</LastName><ForeName>Margaret P</ForeName><Initials>MP</Initials></Author></AuthorList>
  <Isbn>0-306-40615-2</Isbn>
</Book>
<ArticleTitle book="gene" part="brca1">BRCA1- and BRCA2-Associated Hereditary Breast and Ovarian Cancer</ArticleTitle>
<Language>eng</Language>
<AuthorList Type="authors"><Author><LastName>Petrucelli</LastName><ForeName>Nancie</ForeName><Initials>N</Initials></Author></AuthorList>
<PublicationType UI="D016454">Review</PublicationType>
</BookDocument></PubmedBookArticle></PubmedBookArticleSet>`
	got, reported, errs := decodeXML(t, in)
	require.Zero(t, reported, "%v", errs)
	require.Len(t, got, 1)
	c := got[0]
	assert.Equal(t, citation.TypeChapter, c.Type)
	assert.Equal(t, "BRCA1- and BRCA2-Associated Hereditary Breast and Ovarian Cancer", c.Title)
	assert.Equal(t, "GeneReviews<sup>®</sup>", c.ContainerTitle)
	assert.Equal(t, []citation.Name{{Family: "Petrucelli", Given: "Nancie"}}, c.Authors)
	assert.Equal(t, []citation.Name{{Family: "Adam", Given: "Margaret P."}}, c.Editors)
	assert.Equal(t, "University of Washington, Seattle", c.Publisher)
	assert.Equal(t, "Seattle (WA)", c.PublisherPlace)
	assert.Equal(t, []string{"9780306406157"}, c.ISBN)
	assert.Equal(t, citation.Date{Year: 1993}, c.Issued)
	acc, _ := c.ExtraValue("pubmedxml:bookaccession")
	assert.Equal(t, "NBK1116", acc)
}

func TestPubmedXMLErrorsResync(t *testing.T) {
	in := "<PubmedArticleSet>\n" +
		article("1", `<ArticleTitle>First</ArticleTitle>`) + "\n" +
		"<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>Broken</Title></Article></MedlineCitation></PubmedArticle>\n" +
		article("3", `<ArticleTitle>Third &undefined; entity</ArticleTitle>`) + "\n" +
		"<PubmedArticle></PubmedArticle>\n" +
		"<PubmedArticle>\n  stray text\n</PubmedArticle>\n" +
		article("6", `<ArticleTitle>Sixth</ArticleTitle>`) + "\n" +
		"</PubmedArticleSet>\n"
	d := parse.NewPubmedXMLDecoder(strings.NewReader(in))
	type result struct {
		pmid string
		line int
		err  error
	}
	var results []result
	for {
		c, err := d.Decode()
		if err == io.EOF {
			break
		}
		r := result{err: err}
		if c != nil {
			r.pmid = c.PMID
		}
		r.line, _ = d.RecordPos()
		results = append(results, r)
	}
	require.Len(t, results, 6)
	assert.Equal(t, "1", results[0].pmid)
	assert.NoError(t, results[0].err)

	var pe *parse.ParseError
	require.True(t, errors.As(results[1].err, &pe), "%v", results[1].err)
	assert.Equal(t, 3, pe.Line)
	assert.Equal(t, "2", pe.Record)
	assert.True(t, errors.Is(pe, parse.ErrSyntax))
	assert.Contains(t, pe.Error(), "closed by </Title>")

	require.True(t, errors.As(results[2].err, &pe), "%v", results[2].err)
	assert.Equal(t, 4, pe.Line)
	assert.True(t, errors.Is(pe, parse.ErrSyntax))

	require.True(t, errors.As(results[3].err, &pe))
	assert.Equal(t, 5, pe.Line)
	assert.True(t, errors.Is(pe, parse.ErrMissingField))
	assert.Equal(t, 5, results[3].line)

	require.True(t, errors.As(results[4].err, &pe))
	assert.True(t, errors.Is(pe, parse.ErrSyntax) || errors.Is(pe, parse.ErrMissingField))
	assert.Equal(t, 6, results[4].line)

	assert.Equal(t, "6", results[5].pmid)
	assert.NoError(t, results[5].err)
}

func TestPubmedXMLLimits(t *testing.T) {
	deep := strings.Repeat("<x>", 500) + strings.Repeat("</x>", 500)
	in := "<PubmedArticleSet>" + article("1", `<ArticleTitle>a</ArticleTitle>`+deep) + article("2", `<ArticleTitle>b</ArticleTitle>`) + "</PubmedArticleSet>"
	got, reported, errs := decodeXML(t, in)
	assert.Equal(t, 1, reported)
	require.Len(t, got, 1)
	assert.Equal(t, "2", got[0].PMID)
	assert.True(t, errors.Is(errs[0], parse.ErrTooLarge))

	in = "<PubmedArticleSet>" + article("1", `<ArticleTitle>`+strings.Repeat("long ", 10000)+`</ArticleTitle>`) + article("2", `<ArticleTitle>b</ArticleTitle>`) + "</PubmedArticleSet>"
	d := parse.NewPubmedXMLDecoder(strings.NewReader(in))
	d.MaxArticleBytes = 4096
	got, reported, _, errs = pmDecodeAll(t, d)
	assert.Equal(t, 1, reported)
	require.Len(t, got, 1)
	assert.Equal(t, "2", got[0].PMID)
	assert.True(t, errors.Is(errs[0], parse.ErrTooLarge))

	// Entity declarations in the DOCTYPE are not expanded: the "billion
	// laughs" is an undefined entity, reported, not a memory bomb.
	bomb := `<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` +
		"<PubmedArticleSet>" + article("1", `<ArticleTitle>&c;</ArticleTitle>`) + article("2", `<ArticleTitle>ok</ArticleTitle>`) + "</PubmedArticleSet>"
	got, reported, _ = decodeXML(t, bomb)
	assert.Equal(t, 1, reported)
	require.Len(t, got, 1)
	assert.Equal(t, "ok", got[0].Title)
}

func TestPubmedXMLSingleRoot(t *testing.T) {
	got, reported, errs := decodeXML(t, "  \n"+article("7", `<ArticleTitle>Bare root</ArticleTitle>`))
	require.Zero(t, reported, "%v", errs)
	require.Len(t, got, 1)
	assert.Equal(t, "7", got[0].PMID)
}
