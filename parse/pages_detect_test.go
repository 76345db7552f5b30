package parse_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// pagePrefixes are input beginnings of every format citekit meets, with
// the page format that must accept them ("" when none of the page
// formats may).
var pagePrefixes = []struct {
	name, in, want string
}{
	{"markdown", "---\ntitle: T\n---\n", "markdown"},
	{"markdown crlf", "---\r\ntitle: T\r\n", "markdown"},
	{"markdown comment first", "---\n# Documentation: https://wowchemy.com/\n\ntitle: \"T\"\n", "markdown"},
	{"markdown quoted key", "---\n\"title\": T\n", "markdown"},
	{"markdown seed-like", "---\n_schema: default\nid: 54664\n", "markdown"},
	{"html doctype", "<!DOCTYPE html>\n<html lang=\"en\">", "html"},
	{"html upper", "<HTML><HEAD><META NAME=\"citation_title\" CONTENT=\"T\">", "html"},
	{"html leading space", "\n\n  <html>", "html"},
	{"html comment", "<!-- saved from url=(0014)about:internet -->\n<html>", "html"},
	{"xhtml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", "html"},
	{"html fragment meta", "<meta name=\"citation_title\" content=\"T\">", "html"},
	{"coins span", "<span class=\"Z3988\" title=\"ctx_ver=Z39.88-2004\"></span>", "html"},
	{"digital commons", "The Neuromuscular Junction.\n\nDocument Type\n\nArticle\n\nPublication Date\n\n11-12-2025\n", "digitalcommons"},
	{"digital commons crlf", "A title\r\n\r\nAuthors\r\n\r\nRobert W. Burgess, The Jackson Laboratory\r\n", "digitalcommons"},
	{"digital commons label at end of prefix", "A title\n\nKeywords", "digitalcommons"},
	// other formats: none of the page sniffers may accept them
	{"ris", "TY  - JOUR\nTI  - Title\nAB  - Abstract\n\nKeywords\n\nER  - \n", ""},
	{"medline", "PMID- 41224659\nOWN - NLM\nTI  - The Neuromuscular Junction.\n\nAbstract\n\n", ""},
	{"bibtex", "@article{key,\n  title = {T},\n}\n\nKeywords\n\n", ""},
	{"bibtex comment", "% comment\n\nKeywords\n\n@article{k, title={T}}", ""},
	{"csljson array", "[{\"id\": \"a\", \"type\": \"book\"}]", ""},
	{"csljson object", "{\"id\": \"a\", \"title\": \"Keywords\"}", ""},
	{"ndjson", "{\"id\":\"a\"}\n{\"id\":\"b\"}\n", ""},
	{"pubmed xml", "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2024//EN\">\n<PubmedArticleSet>", ""},
	{"crossref xml", "<?xml version=\"1.0\"?><doi_records><doi_record>", ""},
	{"cslyaml", "- id: a\n  title: T\n", ""},
	{"yaml document", "---\n- id: a\n  title: T\n", ""},
	{"csl yaml references", "---\nreferences:\n- id: a\n  title: T\n", ""},
	{"markdown without front matter", "# Heading\n\nSome text.\n", ""},
	{"horizontal rule then prose", "---\nSome prose: with a colon.\n", ""},
	{"plain prose", "Just a paragraph of text that names no label.\n", ""},
	{"binary", "\x00\x01\x02\x03Document Type\n\n", ""},
	{"empty", "", ""},
}

func TestPageSniffers(t *testing.T) {
	reg := parse.Default()
	sniffers := map[string]func([]byte) bool{}
	for _, name := range []string{"markdown", "html", "digitalcommons"} {
		f, ok := reg.Lookup(name)
		require.True(t, ok, name)
		require.NotNil(t, f.Sniff, name)
		sniffers[name] = f.Sniff
	}
	for _, tt := range pagePrefixes {
		t.Run(tt.name, func(t *testing.T) {
			for name, sniff := range sniffers {
				assert.Equal(t, name == tt.want, sniff([]byte(tt.in)), "%s sniffer on %q", name, tt.in)
			}
		})
	}
}

// TestPageDetect runs Detect of the default registry: page inputs are
// detected as their format, and the page formats never claim the others.
func TestPageDetect(t *testing.T) {
	reg := parse.Default()
	for _, tt := range pagePrefixes {
		t.Run(tt.name, func(t *testing.T) {
			f, _, err := reg.Detect(strings.NewReader(tt.in))
			if tt.want != "" {
				require.NoError(t, err)
				assert.Equal(t, tt.want, f.Name)
				return
			}
			if err == nil {
				assert.NotContains(t, []string{"markdown", "html", "digitalcommons"}, f.Name)
			} else {
				assert.ErrorIs(t, err, parse.ErrUnknownFormat)
			}
		})
	}
}

func TestPageDetectSeedsAndCorpus(t *testing.T) {
	reg := parse.Default()
	for file, want := range map[string]string{
		"seeds/000_83633e7879071011.txt":                          "markdown",
		"seeds/003_ba1a9481318dd11a.txt":                          "digitalcommons",
		"corpus/html/zotero/gbk.html":                             "html",
		"corpus/html/sandcrawler/plos_one_article.html":           "html",
		"corpus/html/deep-review/manuscript.html":                 "html",
		"corpus/html/zotero/journalArticle-single.html":           "html",
		"corpus/markdown/deep-review/manuscript.md":               "markdown",
		"corpus/markdown/cdmuir-website/kattge_try_2020/index.md": "markdown",
	} {
		t.Run(file, func(t *testing.T) {
			f, err := os.Open(testutil.Shared(t, file))
			require.NoError(t, err)
			defer f.Close()
			format, r, err := reg.Detect(f)
			require.NoError(t, err)
			assert.Equal(t, want, format.Name)
			cs, err := parse.ReadAll(format.NewDecoder(r))
			require.NoError(t, err)
			assert.NotEmpty(t, cs)
		})
	}
}
