package parse_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

func readMD(t testing.TB, d *parse.MarkdownDecoder) *citation.Citation {
	t.Helper()
	cs, err := parse.ReadAll(d)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	return cs[0]
}

func openMD(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "markdown", name))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func TestMarkdownSeed(t *testing.T) {
	f, err := os.Open(testutil.Shared(t, "seeds/000_83633e7879071011.txt"))
	require.NoError(t, err)
	defer f.Close()
	c := readMD(t, parse.NewMarkdownDecoder(f))
	assert.Equal(t, citation.TypeWebpage, c.Type)
	assert.Equal(t, "54664", c.ID)
	assert.Equal(t, "What are the implications of neuromuscular junction research for medical science?", c.Title)
	assert.Equal(t, citation.Date{Year: 2024, Month: 11, Day: 27}, c.Issued)
	assert.Equal(t, []citation.Name{{Literal: "QuickTakes"}}, c.Authors)
	assert.Equal(t, []string{"neuromuscular junction", "NMJ research", "neuromuscular disorders", "drug development",
		"pharmacology", "signal transmission", "aging", "muscle health", "therapeutic targets", "acetylcholine",
		"autoimmune myasthenia gravis", "spinal muscular atrophy", "ALS", "personalized medicine",
		"synaptic communication", "muscle weakness", "sarcopenia"}, c.Keywords)
	assert.Equal(t, "Research on the neuromuscular junction has critical implications for understanding neuromuscular disorders, drug development, and advancing treatments in medical science.", c.Abstract)
	assert.Equal(t, "/learn/medicine/questions/what-are-the-implications-of-neuromuscular-junction-research-for-medical-science", c.URL)
	require.Len(t, c.Related, 5)
	assert.Equal(t, citation.Related{ID: "54650", Title: "What is the process of enzymatic breakdown of neurotransmitters at the neuromuscular junction?",
		URL: "/learn/medicine/questions/what-is-the-process-of-enzymatic-breakdown-of-neurotransmitters-at-the-neuromuscular-junction", Type: "related"}, c.Related[0])
	assert.Equal(t, "54652", c.Related[4].ID)
	assert.Equal(t, []citation.Field{{Name: "markdown:subject", Value: "Medicine"}}, c.Extra)
	assert.Empty(t, c.Note)
}

func TestMarkdownQABaseURL(t *testing.T) {
	d := parse.NewMarkdownDecoder(openMD(t, "qa.md"))
	d.BaseURL = "https://www.example.com/site"
	c := readMD(t, d)
	assert.Equal(t, "60001", c.ID)
	assert.Equal(t, citation.TypeWebpage, c.Type)
	assert.Equal(t, "https://www.example.com/learn/biology/questions/how-do-schwann-cells-support-the-neuromuscular-junction", c.URL)
	assert.Equal(t, []string{"Schwann cells", "neuromuscular junction", "synapse repair"}, c.Keywords)
	assert.Equal(t, []citation.Related{
		{ID: "60002", Title: "What do terminal Schwann cells do after nerve injury?", URL: "https://www.example.com/site/learn/biology/questions/what-do-terminal-schwann-cells-do-after-nerve-injury", Type: "related"},
		{ID: "60003", Title: "What is a motor end plate?", URL: "https://www.example.com/learn/biology/questions/what-is-a-motor-end-plate", Type: "related"},
	}, c.Related, "in number order, relative URLs resolved")
	assert.Equal(t, citation.Date{Year: 2025, Month: 3, Day: 14}, c.Issued, "date_format is not the date")
}

func TestMarkdownWowchemy(t *testing.T) {
	d := parse.NewMarkdownDecoder(openMD(t, "wowchemy.md"))
	d.Profiles = map[string]string{"admin": "Christopher D. Muir"}
	c := readMD(t, d)
	assert.Equal(t, "Antagonistic epistasis for ecophysiological trait differences between <i>Solanum</i> species", c.Title)
	assert.Equal(t, []citation.Name{{Given: "Christopher D.", Family: "Muir"}, {Given: "Leonie C.", Family: "Moyle"}, {Others: true}}, c.Authors)
	assert.Equal(t, citation.Date{Year: 2009, Month: 8, Day: 1}, c.Issued)
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
	assert.Equal(t, "New Phytologist", c.ContainerTitle)
	assert.Equal(t, "New Phytol", c.ContainerTitleShort)
	assert.Equal(t, "10.1111/j.1469-8137.2009.02949.x", c.DOI)
	assert.Equal(t, "Epistasis, the nonadditive interaction between loci, is thought to play a role in many fundamental evolutionary processes.", c.Abstract)
	assert.Equal(t, []string{"epistasis", "Solanum", "evolution"}, c.Keywords)
	assert.Equal(t, []citation.Field{
		{Name: "markdown:url_code", Value: "https://github.com/example/epistasis"},
		{Name: "markdown:links:Publisher", Value: "https://doi.org/10.1111/j.1469-8137.2009.02949.x"},
	}, c.Extra)
	assert.Empty(t, c.Note, "the body is ignored by default")
}

func TestMarkdownJekyll(t *testing.T) {
	d := parse.NewMarkdownDecoder(openMD(t, "jekyll.md"))
	d.KeepBody = true
	d.BaseURL = "https://blog.example.org/"
	c := readMD(t, d)
	assert.Equal(t, "Reading PubMed records with Go: A field guide", c.Title)
	assert.Equal(t, citation.Date{Year: 2024, Month: 6, Day: 1}, c.Issued)
	assert.Equal(t, []citation.Name{{Given: "Jane Q.", Family: "Public"}, {Given: "John", Family: "Roe"}}, c.Authors)
	assert.Equal(t, []string{"go", "pubmed", "medline", "tools", "medicine"}, c.Keywords)
	assert.Equal(t, "How to read MEDLINE records in Go.", c.Abstract)
	assert.Equal(t, "https://blog.example.org/blog/reading-pubmed/", c.URL)
	assert.Equal(t, citation.TypeWebpage, c.Type)
	assert.Equal(t, "# Reading PubMed records with Go\n\nText.", c.Note)
}

func TestMarkdownQuarto(t *testing.T) {
	c := readMD(t, parse.NewMarkdownDecoder(openMD(t, "quarto.md")))
	assert.Equal(t, []citation.Name{
		{Given: "Robert W.", Family: "Burgess", ORCID: "0000-0002-1825-0097", Affiliations: []string{"The Jackson Laboratory"}},
		{Given: "María", Family: "García López", Affiliations: []string{"Universidad de Sevilla"}},
		{Literal: "Example Consortium"},
	}, c.Authors)
	assert.Equal(t, citation.Date{Year: 2025, Month: 11, Day: 12}, c.Issued)
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
	assert.Equal(t, "Journal of Neuroscience", c.ContainerTitle)
	assert.Equal(t, "45", c.Volume)
	assert.Equal(t, "46", c.Issue)
	assert.Equal(t, "e1353252025", c.Pages)
	assert.Equal(t, "10.1523/JNEUROSCI.1353-25.2025", c.DOI)
	assert.Equal(t, "https://www.jneurosci.org/content/45/46/e1353252025", c.URL)
	assert.Equal(t, "Human organoids model the junction. A second paragraph.", c.Abstract)
	assert.Equal(t, []string{"organoids", "NMJ"}, c.Keywords)
}

func TestMarkdownPandoc(t *testing.T) {
	c := readMD(t, parse.NewMarkdownDecoder(openMD(t, "pandoc.md")))
	assert.Equal(t, "A study of <i>Drosophila</i> synapses", c.Title)
	assert.Equal(t, []citation.Name{
		{Given: "Ana", Family: "Silva", NonDroppingParticle: "da"},
		{Given: "John", Family: "Smith", Suffix: "Jr."},
	}, c.Authors)
	assert.Equal(t, []citation.Name{{Given: "Jane", Family: "Doe"}}, c.Editors)
	assert.Equal(t, citation.Date{Year: 2023, Month: 5}, c.Issued)
	assert.Equal(t, "Journal of Neurogenetics", c.ContainerTitle)
	assert.Equal(t, "Taylor & Francis", c.Publisher)
	assert.Equal(t, "45-60", c.Pages)
	assert.Equal(t, []string{"0167-7063"}, c.ISSN)
	assert.Equal(t, "en-US", c.Language)
	assert.Equal(t, "10.1080/01677063.2023.0000000", c.DOI)
	assert.Equal(t, "A summary used as the abstract.", c.Abstract)
	assert.Equal(t, citation.TypeArticleJournal, c.Type)
}

func TestMarkdownVariants(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, c *citation.Citation)
	}{
		{"crlf and bom", "\xef\xbb\xbf---\r\ntitle: T\r\ndate: 2020\r\n---\r\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "T", c.Title)
			assert.Equal(t, citation.Date{Year: 2020}, c.Issued)
		}},
		{"author list of strings, keywords string", "---\ntitle: T\nauthors: [\"Smith, John\", Jane Doe]\nkeywords: a; b, c\n---\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, []citation.Name{{Given: "John", Family: "Smith"}, {Given: "Jane", Family: "Doe"}}, c.Authors)
			assert.Equal(t, []string{"a", "b", "c"}, c.Keywords)
		}},
		{"preprint container", "---\ntitle: T\npublication_types: [\"article-journal\"]\npublication: \"*Preprint*\"\n---\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.TypeArticle, c.Type)
			assert.Empty(t, c.ContainerTitle)
		}},
		{"csl type and venue", "---\ntitle: T\ntype: paper-conference\nvenue: 'ICML'\n---\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.TypePaperConference, c.Type)
			assert.Equal(t, "ICML", c.ContainerTitle)
		}},
		{"academicpages citation string and year", "---\ntitle: T\ndate: 2023\ncitation: 'Doe, J. (2023). &quot;T&quot; <i>J</i>.'\nexcerpt: # a comment\n---\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2023}, c.Issued)
			v, ok := c.ExtraValue("markdown:citation")
			assert.True(t, ok)
			assert.Equal(t, "Doe, J. (2023). &quot;T&quot; <i>J</i>.", v)
		}},
		{"unparsable date kept literal", "---\ntitle: T\ndate: sometime soon\n---\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.Date{Literal: "sometime soon"}, c.Issued)
		}},
		{"keep unknown", "---\ntitle: T\ncustom: value\nfeatured: false\nlist: [1, 2]\n---\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, []citation.Field{{Name: "markdown:custom", Value: "value"}, {Name: "markdown:featured", Value: "false"}}, c.Extra)
		}},
		{"aliases within limits", "---\ntitle: &t T\narticle_title: *t\ntags: &k [a, b]\nkeywords: *k\n---\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "T", c.Title)
			assert.Equal(t, []string{"a", "b"}, c.Keywords)
		}},
		{"dots end the front matter", "---\ntitle: T\n...\nbody\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "T", c.Title)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse.NewMarkdownDecoder(strings.NewReader(tt.in))
			d.KeepUnknown = strings.HasPrefix(tt.name, "keep unknown")
			tt.check(t, readMD(t, d))
		})
	}
}

func TestMarkdownErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
		line int
		msg  string
	}{
		{"no front matter", "# Title\n\ntext\n", parse.ErrSyntax, 1, ""},
		{"empty input", "", parse.ErrSyntax, 1, ""},
		{"not closed", "---\ntitle: T\n", parse.ErrSyntax, 3, ""},
		{"broken yaml", "---\ntitle: T\nauthors:\n  - A\n bad: [\n---\n", parse.ErrSyntax, 0, "markdown: line "},
		{"bad indentation", "---\ntitle: T\n  date: 2020\n---\n", parse.ErrSyntax, 3, "markdown: line 3, column 1: front matter: yaml: line 2: mapping values are not allowed in this context: syntax error"},
		{"not a mapping", "---\n- a\n- b\n---\n", parse.ErrSyntax, 2, ""},
		{"empty front matter", "---\n---\n", parse.ErrSyntax, 2, ""},
		{"no title", "---\ndate: 2020\n---\n", parse.ErrMissingField, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse.NewMarkdownDecoder(strings.NewReader(tt.in))
			_, err := d.Decode()
			require.ErrorIs(t, err, tt.want)
			var pe *parse.ParseError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, "markdown", pe.Format)
			if tt.line != 0 {
				assert.Equal(t, tt.line, pe.Line)
			} else {
				assert.Greater(t, pe.Line, 1)
			}
			if tt.msg != "" {
				assert.True(t, strings.HasPrefix(err.Error(), tt.msg), err.Error())
			}
			_, err = d.Decode()
			assert.Equal(t, io.EOF, err)
		})
	}
}

func TestMarkdownBrokenYAMLLine(t *testing.T) {
	// The error names the line of the file, not of the front matter; yaml
	// reports an unclosed flow sequence near its start (front matter line
	// 4, file line 5).
	in := "---\ntitle: T\nauthors:\n  - A\n  - B\ndate: [2020\n---\n"
	_, err := parse.NewMarkdownDecoder(strings.NewReader(in)).Decode()
	var pe *parse.ParseError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, 5, pe.Line, err.Error())
}

func TestMarkdownAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: T\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("tags: *a11\n---\n")
	start := time.Now()
	_, err := parse.NewMarkdownDecoder(strings.NewReader(b.String())).Decode()
	assert.ErrorIs(t, err, parse.ErrTooLarge)
	assert.Less(t, time.Since(start), 5*time.Second, "refused without expanding")
}

func TestMarkdownOversize(t *testing.T) {
	in := "---\ntitle: T\nabstract: " + strings.Repeat("a", parse.MaxFrontMatter) + "\n---\n"
	_, err := parse.NewMarkdownDecoder(strings.NewReader(in)).Decode()
	assert.ErrorIs(t, err, parse.ErrTooLarge)
	// a long single line with no newline at all
	_, err = parse.NewMarkdownDecoder(strings.NewReader("---\n" + strings.Repeat("b", 2*parse.MaxFrontMatter))).Decode()
	assert.ErrorIs(t, err, parse.ErrTooLarge)
}

// bibFields reads the simple "  key = {value}," lines of the Zotero BibTeX
// export that sits next to each Hugo page, for the corpus test below.
var bibLineRE = regexp.MustCompile(`^\s+(\w+) = \{(.*)\},?$`)

func bibFields(t *testing.T, path string) (typ string, f map[string]string) {
	file, err := os.Open(path)
	require.NoError(t, err)
	defer file.Close()
	f = map[string]string{}
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "@") {
			typ = strings.ToLower(l[1:strings.IndexByte(l, '{')])
		}
		if m := bibLineRE.FindStringSubmatch(l); m != nil {
			f[m[1]] = m[2]
		}
	}
	require.NoError(t, sc.Err())
	return typ, f
}

var texMarkupRE = regexp.MustCompile(`\\text(?:it|rm)|[{}$_]`)

// texText removes the little TeX that the corpus's titles use.
func texText(s string) string {
	return strings.ReplaceAll(texMarkupRE.ReplaceAllString(s, ""), `\&`, "&")
}

// TestMarkdownCorpusHugo reads the 47 Hugo Academic publication pages and
// checks each against the BibTeX export of the same work: title, DOI,
// journal, year and month, and the authors' family names.
func TestMarkdownCorpusHugo(t *testing.T) {
	dir := testutil.Shared(t, "corpus/markdown/cdmuir-website")
	pages, err := filepath.Glob(filepath.Join(dir, "*", "index.md"))
	require.NoError(t, err)
	require.Len(t, pages, 47)
	withDOI := 0
	defer func() { t.Logf("%d of %d pages give a DOI", withDOI, len(pages)) }()
	months := []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	for _, p := range pages {
		slug := filepath.Base(filepath.Dir(p))
		t.Run(slug, func(t *testing.T) {
			f, err := os.Open(p)
			require.NoError(t, err)
			defer f.Close()
			d := parse.NewMarkdownDecoder(f)
			c := readMD(t, d)
			typ, bib := bibFields(t, filepath.Join(filepath.Dir(p), "cite.bib"))

			assert.Equal(t, texText(bib["title"]), citation.PlainText(c.Title))
			if c.DOI != "" && bib["doi"] != "" {
				// most pages link their DOI; some BibTeX entries have none
				assert.True(t, strings.EqualFold(bib["doi"], c.DOI), "DOI %q vs %q", bib["doi"], c.DOI)
				withDOI++
			}
			assert.Equal(t, texText(bib["journal"]), c.ContainerTitle)
			assert.Equal(t, bib["year"], fmt.Sprint(c.Issued.Year))
			if m := bib["month"]; m != "" {
				assert.Equal(t, m, months[c.Issued.Month-1])
			}
			switch typ {
			case "article":
				assert.Equal(t, citation.TypeArticleJournal, c.Type)
			case "misc":
				assert.Equal(t, citation.TypeArticle, c.Type, "preprint")
			}
			bibAuthors := strings.Split(bib["author"], " and ")
			i := 0
			for _, n := range c.Authors {
				if n.Others {
					break
				}
				require.Less(t, i, len(bibAuthors))
				// profile names ("admin", "dwang329") name no one here
				if !(n.Literal != "" && !strings.Contains(n.Literal, " ")) {
					ba := texText(bibAuthors[i])
					assert.True(t, strings.HasSuffix(ba, " "+n.Family) || ba == n.Family, "author %d: %q vs %+v", i, ba, n)
				}
				i++
			}
			if len(c.Authors) == 0 || !c.Authors[len(c.Authors)-1].Others {
				assert.Equal(t, len(bibAuthors), i, "author count")
			}
		})
	}
}

// TestMarkdownCorpusOther reads the other Markdown pages of the corpus.
func TestMarkdownCorpusOther(t *testing.T) {
	dir := testutil.Shared(t, "corpus/markdown")
	var files []string
	for _, g := range []string{"academicpages-forks/*.md", "deep-review/*.md", "cdmuir-website/_index.md"} {
		m, err := filepath.Glob(filepath.Join(dir, g))
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.NotEmpty(t, files)
	in, converted, reported := 0, 0, 0
	for _, p := range files {
		f, err := os.Open(p)
		require.NoError(t, err)
		d := parse.NewMarkdownDecoder(f)
		for {
			c, err := d.Decode()
			if err == io.EOF {
				break
			}
			in++
			if c != nil {
				converted++
				assert.NotEmpty(t, c.Title, p)
			}
			if err != nil {
				reported++
				var pe *parse.ParseError
				require.True(t, errors.As(err, &pe), "%s: %v", p, err)
			}
		}
		f.Close()
	}
	assert.Equal(t, len(files), in)
	assert.Equal(t, in, converted, "every page has a title")
	assert.Equal(t, 0, reported)
}
