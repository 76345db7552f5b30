package csl_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/csl"
)

func TestParseStyleErrors(t *testing.T) {
	deep := strings.Repeat("<group>", 70) + strings.Repeat("</group>", 70)
	tests := []struct {
		name, style string
		line        int
		msg         string
	}{
		{"not xml", "<style>\n<citation>\n</style>", 3, "element <citation> closed by </style>"},
		{"wrong root", "<?xml version=\"1.0\"?>\n<locale/>", 2, "root element is <locale>"},
		{"no citation", "<style>\n<info/>\n</style>", 1, "no <citation> element"},
		{"no layout", "<style>\n  <citation>\n  </citation>\n</style>", 2, "<citation> without <layout>"},
		{"undefined macro", "<style>\n<citation><layout>\n<text macro=\"x\"/>\n</layout></citation></style>", 3, `macro "x" is not defined`},
		{"unnamed macro", "<style>\n<macro>\n</macro><citation><layout/></citation></style>", 2, "<macro> without a name"},
		{"too deep", "<style><citation><layout>\n" + deep + "</layout></citation></style>", 2, "nested deeper than 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := csl.ParseStyle(strings.NewReader(tt.style))
			require.Error(t, err)
			assert.ErrorIs(t, err, csl.ErrStyle)
			var se *csl.SyntaxError
			require.True(t, errors.As(err, &se), "%T", err)
			assert.Equal(t, tt.line, se.Line, "line of %v", err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestParseLocaleErrors(t *testing.T) {
	_, err := csl.ParseLocale(strings.NewReader("<locale>\n<terms>\n<term>x</term>\n</terms></locale>"))
	require.Error(t, err)
	assert.Equal(t, "csl: locale: line 3: <term> without a name", err.Error())
	_, err = csl.ParseLocale(strings.NewReader("<locale>\n<date form=\"long\"/></locale>"))
	assert.EqualError(t, err, `csl: locale: line 2: <date> form "long", want text or numeric`)
}

const dependentStyle = `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-GB">
  <info>
    <title>A journal</title>
    <id>http://example.org/styles/journal</id>
    <link href="http://example.org/styles/parent" rel="independent-parent"/>
  </info>
</style>`

func TestResolveStyle(t *testing.T) {
	dep, err := csl.ParseStyle(strings.NewReader(dependentStyle))
	require.NoError(t, err)
	assert.True(t, dep.IsDependent())
	assert.Equal(t, "http://example.org/styles/parent", dep.Parent)
	_, err = csl.NewProcessor(dep)
	assert.ErrorIs(t, err, csl.ErrStyle, "a dependent style cannot render")
	_, err = csl.ResolveStyle(dep, nil)
	assert.ErrorIs(t, err, csl.ErrStyle)

	parent, err := csl.BuiltinStyle("vancouver")
	require.NoError(t, err)
	var asked string
	s, err := csl.ResolveStyle(dep, func(uri string) (*csl.Style, error) { asked = uri; return parent, nil })
	require.NoError(t, err)
	assert.Equal(t, "http://example.org/styles/parent", asked)
	assert.Equal(t, "A journal", s.Title)
	assert.Equal(t, "en-GB", s.DefaultLocale)
	p, err := csl.NewProcessor(s)
	require.NoError(t, err)
	bib := p.Bibliography(exampleItems())
	require.Len(t, bib, 2)
	assert.Contains(t, bib[0].String(), "Smith JR, Doe J.")

	_, err = csl.ResolveStyle(dep, func(string) (*csl.Style, error) { return nil, os.ErrNotExist })
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestBuiltin(t *testing.T) {
	assert.Equal(t, []string{"apa", "vancouver"}, csl.BuiltinStyles())
	for _, name := range []string{"apa", "APA", "vancouver"} {
		s, err := csl.BuiltinStyle(name)
		require.NoError(t, err, name)
		assert.True(t, s.HasBibliography())
	}
	_, err := csl.BuiltinStyle("chicago")
	assert.Error(t, err)
	l, err := csl.BuiltinLocale("en")
	require.NoError(t, err)
	assert.Equal(t, "en-US", l.Lang)
	_, err = csl.BuiltinLocale("xx-XX")
	assert.Error(t, err)
}

func TestOutputFormats(t *testing.T) {
	style := `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <text variable="title" font-style="italic" suffix=". "/>
    <text variable="publisher" font-weight="bold"/>
  </layout></bibliography>
</style>`
	s, err := csl.ParseStyle(strings.NewReader(style))
	require.NoError(t, err)
	p, err := csl.NewProcessor(s)
	require.NoError(t, err)
	items := []*citation.Citation{{ID: "x", Title: "Cats & <b>dogs</b> *stars* <i>in vivo</i>", Publisher: "A<B"}}
	e := p.Bibliography(items)[0]
	assert.Equal(t, "Cats & dogs *stars* in vivo. A<B", e.String())
	assert.Equal(t, `<i>Cats &#38; <b>dogs</b> *stars* <span style="font-style:normal;">in vivo</span></i>. <b>A&#60;B</b>`, e.HTML())
	assert.Equal(t, `*Cats & **dogs** \*stars\* in vivo*. **A<B**`, e.Markdown())
	for _, f := range []string{"text", "html", "markdown", "md"} {
		of, ok := csl.ParseOutputFormat(f)
		assert.True(t, ok)
		assert.NotEmpty(t, of.String())
	}
	_, ok := csl.ParseOutputFormat("rtf")
	assert.False(t, ok)

	var b strings.Builder
	require.NoError(t, p.WriteBibliography(&b, items, csl.HTML))
	assert.Equal(t, "<div class=\"csl-bib-body\">\n  <div class=\"csl-entry\">"+e.HTML()+"</div>\n</div>\n", b.String())
}

// TestConcurrentUse renders with one processor from many goroutines (run
// with -race).
func TestConcurrentUse(t *testing.T) {
	s, err := csl.BuiltinStyle("apa")
	require.NoError(t, err)
	p, err := csl.NewProcessor(s)
	require.NoError(t, err)
	items := syntheticItems(200)
	want := p.Render(items, []csl.Cluster{{Items: []csl.CiteItem{{ID: "item1"}, {ID: "item2"}}}})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := p.Render(items, []csl.Cluster{{Items: []csl.CiteItem{{ID: "item1"}, {ID: "item2"}}}})
			for i := range got.Bibliography {
				if got.Bibliography[i].HTML() != want.Bibliography[i].HTML() {
					errs <- fmt.Errorf("entry %d differs", i)
					return
				}
			}
			if got.Citations[0].HTML() != want.Citations[0].HTML() {
				errs <- fmt.Errorf("citation differs")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestDisambiguation checks the built-in author-date style's year suffixes
// and given-name disambiguation.
func TestDisambiguation(t *testing.T) {
	s, _ := csl.BuiltinStyle("apa")
	p, _ := csl.NewProcessor(s)
	items := []*citation.Citation{
		{ID: "a", Type: citation.TypeBook, Title: "Alpha", Authors: []citation.Name{{Family: "Doe", Given: "John"}}, Issued: citation.Date{Year: 2020}},
		{ID: "b", Type: citation.TypeBook, Title: "Beta", Authors: []citation.Name{{Family: "Doe", Given: "John"}}, Issued: citation.Date{Year: 2020}},
		{ID: "c", Type: citation.TypeBook, Title: "Gamma", Authors: []citation.Name{{Family: "Doe", Given: "Mary"}}, Issued: citation.Date{Year: 2021}},
	}
	res := p.Render(items, []csl.Cluster{{Items: []csl.CiteItem{{ID: "a"}, {ID: "b"}, {ID: "c"}}}})
	assert.Equal(t, "(J. Doe, 2020a, 2020b; M. Doe, 2021)", res.Citations[0].String())
	require.Len(t, res.Bibliography, 3)
	assert.Equal(t, "Doe, J. (2020a). Alpha.", res.Bibliography[0].String())
	assert.Equal(t, "Doe, J. (2020b). Beta.", res.Bibliography[1].String())
}
