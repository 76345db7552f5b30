package parse_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func readHTMLFile(t testing.TB, path string) ([]*citation.Citation, error) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	return parse.ReadAll(parse.NewHTMLDecoder(f))
}

func testdataHTML(name string) string { return filepath.Join("..", "testdata", "html", name) }

func TestHTMLBepress(t *testing.T) {
	cs, err := readHTMLFile(t, testdataHTML("bepress.html"))
	require.NoError(t, err)
	require.Len(t, cs, 1, "the COinS span of the same work merges into the page record")
	c := cs[0]
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
	assert.Equal(t, "The Neuromuscular Junction: A Shared Vulnerability in Aging and Disease", c.Title, "bepress wins over dc.title")
	assert.Equal(t, []citation.Name{
		{Family: "Burgess", Given: "Robert W.", Affiliations: []string{"The Jackson Laboratory"}},
		{Family: "Carter", Given: "Alice"},
	}, c.Authors)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 12}, c.Issued, "the bare year refined by the same year's full date")
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 14}, c.AvailableDate)
	assert.Equal(t, "Journal of Neuroscience", c.ContainerTitle)
	assert.Equal(t, "J Neurosci", c.ContainerTitleShort, "from COinS")
	assert.Equal(t, "41224659", c.PMID, "from COinS")
	assert.Equal(t, "45", c.Volume)
	assert.Equal(t, "46", c.Issue)
	assert.Equal(t, "e1353252025", c.Pages)
	assert.Equal(t, "10.1523/jneurosci.1353-25.2025", c.DOI)
	assert.Equal(t, []string{"1529-2401"}, c.ISSN)
	assert.Equal(t, "https://mouseion.jax.org/stfb2025/12", c.URL)
	assert.Equal(t, "The neuromuscular junction (NMJ) is a specialized synapse.", c.Abstract)
	assert.Equal(t, []string{"JMG", "Humans", "Neuromuscular Junction"}, c.Keywords)
	assert.Equal(t, "en", c.Language)
	assert.Equal(t, []citation.Field{{Name: "html:bepress_citation_pdf_url", Value: "https://mouseion.jax.org/cgi/viewcontent.cgi?article=1012&context=stfb2025"}}, c.Extra)
}

func TestHTMLHighwire(t *testing.T) {
	cs, err := readHTMLFile(t, testdataHTML("highwire.html"))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	c := cs[0]
	assert.Equal(t, "Motor neuron survival & aging in mice", c.Title)
	assert.Equal(t, []citation.Name{
		{Family: "Burgess", Given: "Robert W."},
		{Family: "Carter", Given: "Alice B.", ORCID: "0000-0002-1825-0097"},
	}, c.Authors, "split on ';', ALL CAPS re-cased, adjacent duplicate skipped")
	assert.Equal(t, citation.Date{Year: 2010, Month: 5, Day: 12}, c.Issued, "publication_date before date")
	assert.Equal(t, citation.Date{Year: 2010, Month: 4, Day: 30}, c.AvailableDate)
	assert.Equal(t, "475-482", c.Pages)
	assert.Equal(t, []string{"0033-3506", "1476-5616"}, c.ISSN)
	assert.Equal(t, "10.1016/j.puhe.2015.01.018", c.DOI, "citation_doi wins over dc.identifier")
	assert.Equal(t, "25744111", c.PMID)
	assert.Equal(t, []string{"aging", "motor neurons", "mice"}, c.Keywords)
	assert.Equal(t, []citation.Related{
		{Type: "references", Title: "Schwann cells at the synapse", ID: "10.1000/xyz"},
		{Type: "references", Title: "Doe J. A free-text reference. 1999."},
	}, c.Related)
	assert.Equal(t, []citation.Field{{Name: "html:citation_article_type", Value: "Research Article"}}, c.Extra, "no e-mail kept")
}

func TestHTMLDublinCorePRISM(t *testing.T) {
	cs, err := readHTMLFile(t, testdataHTML("dc-prism.html"))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	c := cs[0]
	assert.Equal(t, "Synapsen im Alter", c.Title)
	assert.Equal(t, []citation.Name{{Family: "Müller", Given: "Hans"}}, c.Authors, "a URL is not a name")
	assert.Equal(t, []citation.Name{{Family: "Schmidt", Given: "Eva"}}, c.Names(citation.RoleContributor))
	assert.Equal(t, citation.Date{Year: 2019, Month: 3, Day: 5}, c.Issued, "dcterms.issued before dc.date")
	assert.Equal(t, "Der Nervenarzt", c.ContainerTitle, "prism.publicationName before dc.source")
	assert.Equal(t, []string{"1433-0407", "0028-2804"}, c.ISSN)
	assert.Equal(t, "90", c.Volume)
	assert.Equal(t, "3", c.Issue)
	assert.Equal(t, "251-259", c.Pages)
	assert.Equal(t, "10.1007/s00115-019-0678-2", c.DOI)
	assert.Equal(t, "https://example.org/article/1", c.URL)
	assert.Equal(t, []string{"Synapse", "Alter"}, c.Keywords)
	assert.Equal(t, "Eine Zusammenfassung.", c.Abstract)
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
	assert.Equal(t, "de", c.Language)
}

func TestHTMLCOinSList(t *testing.T) {
	f, err := os.Open(testdataHTML("coins-list.html"))
	require.NoError(t, err)
	defer f.Close()
	d := parse.NewHTMLDecoder(f)
	c, err := d.Decode()
	require.NoError(t, err)
	line, _ := d.RecordPos()
	assert.Equal(t, 6, line)
	assert.Equal(t, citation.TypeChapter, c.Type)
	assert.Equal(t, "Synapses", c.Title)
	assert.Equal(t, "The Nervous System", c.ContainerTitle)
	assert.Equal(t, "Boston", c.PublisherPlace)
	assert.Equal(t, "Example Press", c.Publisher)
	assert.Equal(t, citation.Date{Year: 2001}, c.Issued)
	assert.Equal(t, "93-113", c.Pages)
	assert.Equal(t, []string{"9780262033848"}, c.ISBN)
	assert.Equal(t, []citation.Name{{Family: "Smith", Given: "John"}, {Family: "Roe", Given: "Jane"}}, c.Authors)

	c, err = d.Decode()
	require.NoError(t, err)
	line, _ = d.RecordPos()
	assert.Equal(t, 8, line)
	assert.Equal(t, citation.TypeThesis, c.Type)
	assert.Equal(t, "Motor end plates", c.Title)
	assert.Equal(t, "University of Maine", c.Publisher)
	assert.Equal(t, "PhD", c.Genre)
	assert.Equal(t, citation.Date{Year: 2019, Month: 5}, c.Issued)
	assert.Equal(t, []citation.Name{{Literal: "Example Lab"}}, c.Authors)

	_, err = d.Decode()
	assert.Equal(t, io.EOF, err)
}

func TestHTMLCharsets(t *testing.T) {
	cs, err := readHTMLFile(t, testdataHTML("cp1252.html"))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, "Café and the naïve synapse – a résumé", cs[0].Title, "windows-1252 declared after <title>")
	assert.Equal(t, []citation.Name{{Family: "Müller", Given: "Jürgen"}}, cs[0].Authors)

	// The HTTP header's charset overrides the page.
	page := `<html><head><meta charset="utf-8"><meta name="citation_title" content="Café"></head></html>`
	d := parse.NewHTMLDecoder(strings.NewReader(page))
	d.ContentType = "text/html; charset=ISO-8859-1"
	c, err := d.Decode()
	require.NoError(t, err)
	assert.Equal(t, "CafÃ©", c.Title)

	// No declaration: UTF-8 when valid, windows-1252 otherwise.
	for in, want := range map[string]string{
		"<html><head><title>Café</title></head></html>":    "Café",
		"<html><head><title>Caf\xe9</title></head></html>": "Café",
		"\xef\xbb\xbf<html><title>Café</title></html>":     "Café",
	} {
		cs, err := parse.ReadAll(parse.NewHTMLDecoder(strings.NewReader(in)))
		require.NoError(t, err)
		require.Len(t, cs, 1)
		assert.Equal(t, want, cs[0].Title, "%q", in)
		assert.Equal(t, citation.TypeWebpage, cs[0].Type)
	}
	// UTF-16 with a byte order mark
	u16 := []byte{0xFF, 0xFE}
	for _, r := range "<html><title>Café</title></html>" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	cs, err = parse.ReadAll(parse.NewHTMLDecoder(bytes.NewReader(u16)))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, "Café", cs[0].Title)
}

func TestHTMLGeneric(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en-GB"><head>
<title>Page title | Site</title>
<meta property="og:title" content="A blog post">
<meta property="og:site_name" content="The Blog">
<meta property="og:url" content="https://blog.example.org/posts/1">
<link rel="canonical" href="/posts/1?ref=x">
<meta name="description" content="About synapses.">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-06-01T10:00:00Z">
<meta property="article:tag" content="synapse">
<meta property="article:tag" content="NMJ">
</head><body></body></html>`
	cs, err := parse.ReadAll(parse.NewHTMLDecoder(strings.NewReader(page)))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	c := cs[0]
	assert.Equal(t, citation.TypeWebpage, c.Type)
	assert.Equal(t, "A blog post", c.Title)
	assert.Equal(t, "The Blog", c.ContainerTitle)
	assert.Equal(t, "https://blog.example.org/posts/1?ref=x", c.URL)
	assert.Equal(t, "About synapses.", c.Abstract)
	assert.Equal(t, []citation.Name{{Family: "Roe", Given: "Jane"}}, c.Authors)
	assert.Equal(t, citation.Date{Year: 2024, Month: 6, Day: 1}, c.Issued)
	assert.Equal(t, []string{"synapse", "NMJ"}, c.Keywords)
	assert.Equal(t, "en-GB", c.Language)
}

func TestHTMLTypes(t *testing.T) {
	tests := []struct {
		meta string
		want citation.ItemType
	}{
		{`<meta name="citation_conference_title" content="SfN 2025">`, citation.TypePaperConference},
		{`<meta name="citation_inbook_title" content="A Book">`, citation.TypeChapter},
		{`<meta name="citation_dissertation_institution" content="Univ">`, citation.TypeThesis},
		{`<meta name="citation_technical_report_number" content="TR-1">`, citation.TypeReport},
		{`<meta name="citation_isbn" content="9780262033848">`, citation.TypeBook},
		{`<meta name="citation_journal_title" content="J">`, citation.TypeArticleJournal},
		{`<meta name="prism.aggregationType" content="magazine">`, citation.TypeArticleMagazine},
		{`<meta name="dc.type" content="Dataset">`, citation.TypeDataset},
		{``, citation.TypeArticleJournal}, // citation_title alone: Zotero's guess
	}
	for _, tt := range tests {
		t.Run(string(tt.want), func(t *testing.T) {
			page := `<html><head><meta name="citation_title" content="T">` + tt.meta + `</head></html>`
			cs, err := parse.ReadAll(parse.NewHTMLDecoder(strings.NewReader(page)))
			require.NoError(t, err)
			require.Len(t, cs, 1)
			assert.Equal(t, tt.want, cs[0].Type)
		})
	}
}

func TestHTMLErrors(t *testing.T) {
	// no metadata at all
	_, err := parse.ReadAll(parse.NewHTMLDecoder(strings.NewReader("<html><body><p>hello</p></body></html>")))
	require.ErrorIs(t, err, parse.ErrMissingField)
	var pe *parse.ParseError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, "html", pe.Format)
	assert.Equal(t, 1, pe.Line)

	// broken markup is read as browsers read it
	cs, err := parse.ReadAll(parse.NewHTMLDecoder(strings.NewReader(`<html><head><meta name="citation_title" content="Unclosed <b>tag"><meta name=citation_volume content=7><body><p>unclosed`)))
	require.NoError(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, "Unclosed <b>tag", cs[0].Title)
	assert.Equal(t, "7", cs[0].Volume)

	// empty input
	cs, err = parse.ReadAll(parse.NewHTMLDecoder(strings.NewReader("")))
	assert.ErrorIs(t, err, parse.ErrMissingField)
	assert.Empty(t, cs)
}

func TestHTMLTooLarge(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`<html><head><meta name="citation_title" content="Big"></head><body>`)
	for b.Len() <= parse.MaxHTMLInput {
		b.WriteString("<p>padding padding padding padding padding padding padding</p>\n")
	}
	b.WriteString(`<span class="Z3988" title="rft.atitle=Never+read"></span></body></html>`)
	cs, err := parse.ReadAll(parse.NewHTMLDecoder(&b))
	require.ErrorIs(t, err, parse.ErrTooLarge)
	require.Len(t, cs, 1)
	assert.Equal(t, "Big", cs[0].Title)
}

// TestHTMLCorpusTurtle checks the extraction of html-metadata's test page
// against its expected extraction (turtle_article.json), family by family.
func TestHTMLCorpusTurtle(t *testing.T) {
	dir := testutil.Shared(t, "corpus/html/html-metadata")
	raw, err := os.ReadFile(filepath.Join(dir, "turtle_article.json"))
	require.NoError(t, err)
	var want struct {
		Highwire map[string]string `json:"highwirePress"`
		Bepress  map[string]string `json:"bePress"`
		PRISM    map[string]string `json:"prism"`
		COinS    []struct {
			RftID string         `json:"rft_id"`
			Rft   map[string]any `json:"rft"`
		} `json:"coins"`
		General map[string]any `json:"general"`
	}
	require.NoError(t, json.Unmarshal(raw, &want))
	for _, name := range []string{"turtle_article.html", "turtle_article_case.html"} {
		t.Run(name, func(t *testing.T) {
			cs, err := readHTMLFile(t, filepath.Join(dir, name))
			require.NoError(t, err)
			require.Len(t, cs, 2, "the page, and a COinS span of another work")
			page, coins := cs[0], cs[1]
			hw := want.Highwire
			assert.Equal(t, hw["title"], page.Title)
			assert.Equal(t, hw["journal_title"], page.ContainerTitle)
			assert.Equal(t, []string{hw["issn"]}, page.ISSN)
			assert.Equal(t, hw["doi"], page.DOI)
			assert.Equal(t, citation.Date{Year: 2012, Month: 2, Day: 4}, page.Issued, hw["publication_date"])
			assert.Equal(t, hw["volume"], page.Volume)
			assert.Equal(t, hw["issue"], page.Issue)
			assert.Equal(t, hw["firstpage"]+"-"+hw["lastpage"], page.Pages)
			assert.Equal(t, hw["publisher"], page.Publisher)
			assert.Equal(t, hw["abstract"], page.Abstract)
			assert.Equal(t, []citation.Name{{Given: "Turtle", Family: "Lvr", Affiliations: []string{hw["author_institution"]}}}, page.Authors)
			assert.Equal(t, want.Bepress["series_title"], page.CollectionTitle)
			assert.Equal(t, want.Bepress["abstract_html_url"], page.URL)
			assert.Equal(t, want.PRISM["copyright"], page.License)
			assert.Equal(t, want.General["lang"], page.Language)
			assert.Equal(t, []string{"turtles", "are", "awesome"}, page.Keywords)
			assert.Equal(t, citation.TypeArticleJournal, page.Type)

			rft := want.COinS[0].Rft
			assert.Equal(t, rft["atitle"], coins.Title)
			assert.Equal(t, rft["jtitle"], coins.ContainerTitle)
			assert.Equal(t, "10.5555/12345678", coins.DOI, want.COinS[0].RftID)
			assert.Equal(t, citation.Date{Year: 2008}, coins.Issued)
			assert.Equal(t, rft["volume"], coins.Volume)
			assert.Equal(t, rft["issue"], coins.Issue)
			assert.Equal(t, rft["spage"].(string)+"-"+rft["epage"].(string), coins.Pages)
			assert.Equal(t, []citation.Name{{Given: rft["aufirst"].(string), Family: rft["aulast"].(string)}}, coins.Authors)
			assert.Equal(t, citation.TypeArticleJournal, coins.Type)
		})
	}
}

// TestHTMLCorpus reads every page of the corpus: counts in = converted +
// reported, and the facts the MANIFEST gives for each page.
func TestHTMLCorpus(t *testing.T) {
	dir := testutil.Shared(t, "corpus/html")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.html"))
	require.NoError(t, err)
	require.Len(t, files, 12)
	got := map[string][]*citation.Citation{}
	for _, p := range files {
		f, err := os.Open(p)
		require.NoError(t, err)
		d := parse.NewHTMLDecoder(f)
		var recs []*citation.Citation
		reported := 0
		for {
			c, err := d.Decode()
			if err == io.EOF {
				break
			}
			if c != nil {
				recs = append(recs, c)
			}
			if err != nil {
				var pe *parse.ParseError
				require.True(t, errors.As(err, &pe), "%s: %v", p, err)
				reported++
			}
		}
		f.Close()
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = recs
		if rel == filepath.Join("html-metadata", "turtle_article_errors.html") {
			assert.Equal(t, 1, reported, "a page of only invalid meta tags is reported")
			assert.Empty(t, recs)
			continue
		}
		assert.Equal(t, 0, reported, p)
		assert.NotEmpty(t, recs, p)
	}
	one := func(name string) *citation.Citation {
		require.Len(t, got[name], 1, name)
		return got[name][0]
	}
	c := one("sandcrawler/plos_one_article.html")
	assert.Equal(t, "10.1371/journal.pone.0213978", c.DOI)
	assert.Len(t, c.Related, 23, "citation_reference tags")
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
	assert.Equal(t, "PLOS ONE", c.ContainerTitle)
	assert.NotEmpty(t, c.Authors[0].Affiliations)

	c = one("sandcrawler/elife_article.html")
	assert.Equal(t, "10.7554/eLife.44753", c.DOI, "from dc.identifier doi:")
	assert.Len(t, c.Authors, 7, "dc.contributor as authors when there is no dc.creator")
	assert.Equal(t, "https://elifesciences.org/articles/44753", c.URL)

	c = one("sandcrawler/peerj_oa_article.html")
	assert.Equal(t, "10.7717/peerj.4375", c.DOI)
	assert.Equal(t, "Piwowar", c.Authors[0].Family)

	c = one("deep-review/manuscript.html")
	assert.Equal(t, "Opportunities and obstacles for deep learning in biology and medicine [update in progress]", c.Title)
	assert.Equal(t, "0000-0003-3022-426X", c.Authors[0].ORCID)

	c = one("zotero/gbk.html")
	assert.Equal(t, "标题", c.Title, "GBK declared late via http-equiv")
	assert.Equal(t, []string{"简讯", "新闻摘要"}, c.Keywords, "checked with iconv -f gbk")

	c = one("zotero/coins.html")
	assert.Equal(t, citation.TypePostWeblog, c.Type)
	assert.Equal(t, "Test Page", c.Title)

	c = one("zotero/journalArticle-single.html")
	assert.Equal(t, "10.2307/3523084", c.DOI)
	assert.Equal(t, "735-762", c.Pages)
	assert.Equal(t, []string{"0002-8762"}, c.ISSN)

	c = one("zotero/article.html")
	assert.Equal(t, "Indiana University Survey of Zotero Users", c.Title)

	c = one("html-metadata/turtle_movie.html")
	assert.Equal(t, citation.TypeMotionPicture, c.Type)
}
