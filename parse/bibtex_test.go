package parse_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/internal/textio"
	"github.com/citekit/citekit/parse"
	"github.com/nickng/bibtex"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeBib decodes every entry of src, returning the citations and the
// errors reported.
func decodeBib(t testing.TB, src string) ([]*citation.Citation, []*parse.ParseError) {
	t.Helper()
	d := parse.NewBibTeXDecoder(strings.NewReader(src))
	var cs []*citation.Citation
	var errs []*parse.ParseError
	for i := 0; ; i++ {
		require.Less(t, i, 100000, "decoder does not end")
		c, err := d.Decode()
		if err == io.EOF {
			require.Nil(t, c)
			break
		}
		if c != nil {
			cs = append(cs, c)
		}
		if err != nil {
			var pe *parse.ParseError
			require.True(t, errors.As(err, &pe), "error %v is not a ParseError", err)
			require.Equal(t, "bibtex", pe.Format)
			errs = append(errs, pe)
		}
	}
	return cs, errs
}

func decodeOne(t *testing.T, src string) *citation.Citation {
	t.Helper()
	cs, errs := decodeBib(t, src)
	require.Empty(t, errs)
	require.Len(t, cs, 1)
	return cs[0]
}

func TestBibTeXSyntax(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		check     func(t *testing.T, c *citation.Citation)
	}{
		{"braces", `@article{k, title = {A {Nested {Deep}} Title}}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, `A <span class="nocase">Nested Deep</span> Title`, c.Title)
		}},
		{"parentheses", `@book(k, title = "T (with parens)", year = 2001)`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "T (with parens)", c.Title)
			assert.Equal(t, 2001, c.Issued.Year)
		}},
		{"quoted with braces", `@misc{k, title = "Say {"}hi{"} {to} {Bob}"}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, `Say "hi" <span class="nocase">to</span> <span class="nocase">Bob</span>`, c.Title)
		}},
		{"string braces", "@string{j = {Journal}}\n@article{k, journal = j}", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "Journal", c.ContainerTitle)
		}},
		{"string parens", "@STRING(j = \"Journal\")\n@article{k, journal = J}", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "Journal", c.ContainerTitle)
		}},
		{"concatenation", "@string{a = \"Alpha\"}\n@article{k, title = a # { and } # \"Beta\" # 2}", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "Alpha and Beta2", c.Title)
		}},
		{"month macros any case", `@misc{k, year = 2001, month = AUG}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2001, Month: 8}, c.Issued)
		}},
		{"month with day", `@misc{k, year = 2001, month = "1~" # jan}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2001, Month: 1, Day: 1}, c.Issued)
		}},
		{"month forms", `@misc{k, year = 2001, month = {Sept.}}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, 9, c.Issued.Month)
		}},
		{"preamble and comments", "@preamble{\"\\newcommand{\\x}{}\"}\n@comment{ignored {balanced} @article{no, title={x}}}\n% @article{commented, title={x}}\nfree text\n@misc{k, title={T}}", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "k", c.ID)
		}},
		{"at sign in value", `@misc{k, note = {mail me@example.org}, title = "@home"}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "mail me@example.org", c.Note)
			assert.Equal(t, "@home", c.Title)
		}},
		{"number", `@misc{k, volume = 12, year = 1999}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "12", c.Volume)
		}},
		{"keys", `@misc{Müller:2020/x's-y.z, title = {T}}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "Müller:2020/x's-y.z", c.ID)
		}},
		{"case-insensitive types and fields", `@ARTICLE{k, TITLE = {T}, Journal = {J}}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, citation.TypeArticleJournal, c.Type)
			assert.Equal(t, "J", c.ContainerTitle)
		}},
		{"trailing comma and no fields", `@misc{k,}`, func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "k", c.ID)
		}},
		{"comment lines between fields", "@misc{k,\n  % a comment, with = signs\n  title = {T}, % trailing\n}", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "T", c.Title)
		}},
		{"CRLF and tabs", "@misc{k,\r\n\ttitle\t=\t{T},\r\n}\r\n", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "T", c.Title)
		}},
		{"BOM", "\ufeff@misc{k, title = {T}}", func(t *testing.T, c *citation.Citation) {
			assert.Equal(t, "T", c.Title)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, decodeOne(t, tc.src)) })
	}
}

// mark returns the 1-based line and column of the first "^" in src, and
// src without it.
func mark(src string) (string, int, int) {
	i := strings.IndexByte(src, '^')
	before := src[:i]
	line := strings.Count(before, "\n") + 1
	col := i - strings.LastIndexByte(before, '\n')
	return before + src[i+1:], line, col
}

func TestBibTeXErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src     string // ^ marks where the error is reported
		record, field string
		sentinel      error
		msg           string
		ids           []string // entries returned
		withRecord    bool     // the error comes with its entry
	}{
		{"undefined macro", "@article{k,\n  journal = ^nosuch,\n  title = {T}}\n@misc{next}",
			"k", "journal", parse.ErrInvalidValue, `undefined macro "nosuch"`, []string{"k", "next"}, true},
		{"duplicate field", "@article{k,\n  title = {A},\n  ^title = {B}}",
			"k", "title", parse.ErrInvalidValue, "duplicate field title", []string{"k"}, true},
		{"unbalanced brace", "@article{k,\n  title = ^{A {B {C},\n  year = 2001}\n@misc{next, title={N}}",
			"k", "title", parse.ErrSyntax, "unterminated value: a new entry begins on line 4", []string{"next"}, false},
		{"brace closes late", "@article{k,\n  title = {A {B},\n  year = 2001}\n^@misc{next, title={N}}",
			"k", "title", parse.ErrSyntax, "expected , or } after the value of title, found '@'", []string{"next"}, false},
		{"missing comma", "@article{k,\n  title = {A}\n  ^year = 2001}\n@misc{next}",
			"k", "title", parse.ErrSyntax, "expected , or }", []string{"next"}, false},
		{"missing field name", "@article{k, ^= {x}}\n@misc{next}",
			"k", "", parse.ErrSyntax, "expected a field name", []string{"next"}, false},
		{"field name with a digit first", "@article{k, ^2title = {x}}\n@misc{next}",
			"k", "", parse.ErrSyntax, "begins with a digit", []string{"next"}, false},
		{"missing value", "@article{k, title = ^}\n@misc{next}",
			"k", "title", parse.ErrSyntax, "missing value", []string{"next"}, false},
		{"bad delimiter", "@article ^k, title={x}}\n@misc{next}",
			"", "", parse.ErrSyntax, "expected { or (", []string{"next"}, false},
		{"mismatched closer", "@book{k, year = 2021\n^)\n@misc{next}",
			"k", "year", parse.ErrSyntax, "expected , or }", []string{"next"}, false},
		{"end of input", "@misc{k, title = {T}, ^",
			"k", "", parse.ErrSyntax, "unexpected end of input", nil, false},
		{"no key", "@article{\n  ^author = {A. Smith},\n  title = {T}}",
			"", "", parse.ErrMissingField, "no citation key", []string{""}, true},
		{"crossref cycle", "^@book{a, crossref = {b}}\n@book{b, crossref = {a}}",
			"a", "crossref", parse.ErrInvalidValue, "cycle a -> b -> a", []string{"a", "b"}, true},
		{"crossref missing", "^@book{a, crossref = {zz}}",
			"a", "crossref", parse.ErrMissingField, `parent "zz" not found`, []string{"a"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, line, col := mark(tc.src)
			cs, errs := decodeBib(t, src)
			require.NotEmpty(t, errs)
			e := errs[0]
			assert.Equal(t, line, e.Line, "line")
			assert.Equal(t, col, e.Column, "column")
			assert.Equal(t, tc.record, e.Record)
			assert.Equal(t, tc.field, e.Field)
			assert.ErrorIs(t, e, tc.sentinel)
			assert.Contains(t, e.Error(), tc.msg)
			assert.True(t, strings.HasPrefix(e.Error(), fmt.Sprintf("bibtex: line %d, column %d", line, col)), e.Error())
			var ids []string
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
			assert.Equal(t, tc.ids, ids)
			// The record of an error that comes with its entry is that entry.
			d := parse.NewBibTeXDecoder(strings.NewReader(src))
			c, err := d.Decode()
			if tc.withRecord {
				assert.NotNil(t, c)
				assert.Error(t, err)
			}
		})
	}
}

func TestBibTeXRecordPos(t *testing.T) {
	d := parse.NewBibTeXDecoder(strings.NewReader("junk\n  @misc{a}\n\n@misc{b,\n title={B}}"))
	_, err := d.Decode()
	require.NoError(t, err)
	l, c := d.RecordPos()
	assert.Equal(t, [2]int{2, 3}, [2]int{l, c})
	_, err = d.Decode()
	require.NoError(t, err)
	l, c = d.RecordPos()
	assert.Equal(t, [2]int{4, 1}, [2]int{l, c})
}

func TestBibTeXMapping(t *testing.T) {
	c := decodeOne(t, `@article{k,
  author = {Doe, Jane and others},
  title = {Main},
  subtitle = {Sub},
  journaltitle = {Journal},
  shortjournal = {J.},
  number = {3},
  issue = {Spring},
  eid = {e1234},
  pages = {1--10},
  date = {2020-05-17},
  urldate = {2021-01-02},
  doi = {https://doi.org/10.1000/XYZ.1},
  issn = {1529-2401, 0095-2338},
  isbn = {0-306-40615-2},
  pmid = {12653513},
  pmcid = {1234567},
  eprint = {2101.00001v2},
  archiveprefix = {arXiv},
  url = {https://example.org/a\_b},
  keywords = {one, two; three},
  location = {Berlin},
  language = {German},
  abstract = {An \emph{abstract}.},
  note = {A note},
  owner = {me},
  file = {:a.pdf:PDF},
}`)
	assert.Equal(t, []citation.Name{{Family: "Doe", Given: "Jane"}, {Others: true}}, c.Authors)
	assert.Equal(t, "Main: Sub", c.Title)
	assert.Equal(t, "Journal", c.ContainerTitle)
	assert.Equal(t, "J.", c.ContainerTitleShort)
	assert.Equal(t, "3", c.Issue)
	assert.Equal(t, "e1234", c.Number)
	assert.Equal(t, "1-10", c.Pages)
	assert.Equal(t, citation.Date{Year: 2020, Month: 5, Day: 17}, c.Issued)
	assert.Equal(t, citation.Date{Year: 2021, Month: 1, Day: 2}, c.Accessed)
	assert.Equal(t, "10.1000/XYZ.1", c.DOI)
	assert.Equal(t, []string{"1529-2401", "0095-2338"}, c.ISSN)
	assert.Equal(t, []string{"9780306406157"}, c.ISBN)
	assert.Equal(t, "12653513", c.PMID)
	assert.Equal(t, "PMC1234567", c.PMCID)
	assert.Equal(t, "2101.00001v2", c.ArXiv)
	assert.Equal(t, "https://example.org/a_b", c.URL)
	assert.Equal(t, []string{"one", "two", "three"}, c.Keywords)
	assert.Equal(t, "Berlin", c.PublisherPlace)
	assert.Equal(t, "German", c.Language)
	assert.Equal(t, "An <i>abstract</i>.", c.Abstract)
	assert.Equal(t, "A note", c.Note)
	assert.Equal(t, []citation.Field{
		{Name: "bibtex:issue", Value: "Spring"},
		{Name: "bibtex:owner", Value: "me"},
		{Name: "bibtex:file", Value: ":a.pdf:PDF"},
	}, c.Extra)

	for _, tc := range []struct {
		src  string
		want func(c *citation.Citation)
	}{
		{`@book{k, series = {S}, number = {7}, publisher = {P}, address = {A}, edition = {2}, chapter = {3}}`, func(c *citation.Citation) {
			assert.Equal(t, "S", c.CollectionTitle)
			assert.Equal(t, "7", c.CollectionNumber)
			assert.Equal(t, "P", c.Publisher)
			assert.Equal(t, "A", c.PublisherPlace)
			assert.Equal(t, "2", c.Edition)
			assert.Equal(t, "3", c.Var("chapter-number"))
		}},
		{`@techreport{k, institution = {MIT}, number = {TR-1}, type = {Memo}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.TypeReport, c.Type)
			assert.Equal(t, "MIT", c.Publisher)
			assert.Equal(t, "TR-1", c.Number)
			assert.Equal(t, "Memo", c.Genre)
		}},
		{`@phdthesis{k, school = {Stanford}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.TypeThesis, c.Type)
			assert.Equal(t, "PhD thesis", c.Genre)
			assert.Equal(t, "Stanford", c.Publisher)
		}},
		{`@mastersthesis{k, school = {S}, publisher = {P}}`, func(c *citation.Citation) {
			assert.Equal(t, "Master's thesis", c.Genre)
			assert.Equal(t, "P", c.Publisher)
			assert.Equal(t, []citation.Field{{Name: "bibtex:school", Value: "S"}}, c.Extra)
		}},
		{`@misc{k, howpublished = {\url{http://x.org}}}`, func(c *citation.Citation) {
			assert.Equal(t, "http://x.org", c.URL)
		}},
		{`@misc{k, howpublished = {Blog post}}`, func(c *citation.Citation) {
			assert.Equal(t, "Blog post", c.Publisher)
		}},
		{`@misc{k, howpublished = {Blog post}, publisher = {P}}`, func(c *citation.Citation) {
			assert.Equal(t, "Blog post", c.Medium)
			assert.Equal(t, "P", c.Publisher)
		}},
		{`@inproceedings{k, address = {New York}, location = {Dallas}, numpages = {10}}`, func(c *citation.Citation) {
			assert.Equal(t, "New York", c.PublisherPlace)
			assert.Equal(t, "Dallas", c.EventPlace)
			assert.Equal(t, "10", c.NumberOfPages)
		}},
		{`@article{k, author = {A, B and C, D}, author+an:orcid = {2="0000-0002-1825-0097"}}`, func(c *citation.Citation) {
			assert.Equal(t, "0000-0002-1825-0097", c.Authors[1].ORCID)
			assert.Empty(t, c.Extra)
		}},
		{`@misc{k, eprint = {12345}, eprinttype = {pubmed}}`, func(c *citation.Citation) {
			assert.Equal(t, "12345", c.PMID)
		}},
		{`@misc{k, eprint = {hdl:1/2}, eprinttype = {hdl}}`, func(c *citation.Citation) {
			assert.Equal(t, []citation.Field{{Name: "bibtex:eprint", Value: "hdl:1/2"}, {Name: "bibtex:eprinttype", Value: "hdl"}}, c.Extra)
		}},
		{`@article{k, entrysubtype = {newspaper}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.TypeArticleNewspaper, c.Type)
		}},
		{`@online{k}`, func(c *citation.Citation) { assert.Equal(t, citation.TypeWebpage, c.Type) }},
		{`@unpublished{k}`, func(c *citation.Citation) { assert.Equal(t, citation.TypeManuscript, c.Type) }},
		{`@incollection{k, booktitle = {B}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.TypeChapter, c.Type)
			assert.Equal(t, "B", c.ContainerTitle)
		}},
		{`@conference{k}`, func(c *citation.Citation) { assert.Equal(t, citation.TypePaperConference, c.Type) }},
		{`@whatever{k}`, func(c *citation.Citation) {
			assert.Equal(t, citation.TypeDocument, c.Type)
			assert.Equal(t, []citation.Field{{Name: "bibtex:entrytype", Value: "whatever"}}, c.Extra)
		}},
		{`@misc{k, year = {in press}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Literal: "in press"}, c.Issued)
		}},
		{`@misc{k, year = {1999--2001}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 1999, EndYear: 2001}, c.Issued)
		}},
		{`@misc{k, year = 2001, month = {Jul--Aug}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2001, Month: 7, EndYear: 2001, EndMonth: 8}, c.Issued)
		}},
		{`@misc{k, year = 2001, month = {Spring}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2001, Season: citation.Spring}, c.Issued)
		}},
		{`@misc{k, year = 2001, month = {Whenever}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2001}, c.Issued)
			assert.Equal(t, []citation.Field{{Name: "bibtex:month", Value: "Whenever"}}, c.Extra)
		}},
		{`@misc{k, date = {2001-03-04/2001-03-09}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2001, Month: 3, Day: 4, EndYear: 2001, EndMonth: 3, EndDay: 9}, c.Issued)
		}},
		{`@misc{k, date = {-0044-03-15}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: -44, Month: 3, Day: 15}, c.Issued)
		}},
		{`@misc{k, date = {1850?}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 1850, Circa: true}, c.Issued)
		}},
		{`@misc{k, date = {2014-12-31/}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Literal: "2014-12-31/"}, c.Issued)
		}},
		{`@misc{k, date = {Fr{\"u}hjahr 2001}}`, func(c *citation.Citation) {
			// A date that is not EDTF is a literal, read as text.
			assert.Equal(t, citation.Date{Literal: "Frühjahr 2001"}, c.Issued)
		}},
		{`@misc{k, year = 2002, month = {July 30th}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2002, Month: 7, Day: 30}, c.Issued)
			assert.Empty(t, c.Extra)
		}},
		{`@misc{k, year = 2002, month = {1st July}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2002, Month: 7, Day: 1}, c.Issued)
		}},
		{`@misc{k, year = 2002, month = {5th}}`, func(c *citation.Citation) {
			// An ordinal alone is no month.
			assert.Equal(t, citation.Date{Year: 2002}, c.Issued)
			assert.Equal(t, []citation.Field{{Name: "bibtex:month", Value: "5th"}}, c.Extra)
		}},
		{`@misc{k, year = 2002, month = {July 31st}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2002, Month: 7, Day: 31}, c.Issued)
		}},
		{`@misc{k, year = 2002, month = {July 11st}}`, func(c *citation.Citation) {
			// Not an English ordinal.
			assert.Equal(t, citation.Date{Year: 2002}, c.Issued)
		}},
		{`@misc{k, date = {~1990}}`, func(c *citation.Citation) {
			// Not EDTF ("~" goes after the year there), but a year once read
			// as text.
			assert.Equal(t, citation.Date{Year: 1990}, c.Issued)
		}},
		{`@misc{k, date = {\relax}, year = 2001}`, func(c *citation.Citation) {
			// A date whose text is empty is no date.
			assert.Equal(t, citation.Date{Year: 2001}, c.Issued)
		}},
		{`@misc{k, date = {2001}, year = {2001}, month = {5}}`, func(c *citation.Citation) {
			assert.Equal(t, citation.Date{Year: 2001}, c.Issued)
			assert.Equal(t, []citation.Field{{Name: "bibtex:month", Value: "5"}}, c.Extra)
		}},
	} {
		tc.want(decodeOne(t, tc.src))
	}
}

func TestBibTeXNames(t *testing.T) {
	for in, want := range map[string][]citation.Name{
		`Charles Louis Xavier Joseph de la Vall{\'e}e Poussin`: {{Given: "Charles Louis Xavier Joseph", NonDroppingParticle: "de la", Family: "Vallée Poussin"}},
		`{\L}ukasz Nowak`:                        {{Given: "Łukasz", Family: "Nowak"}},
		`Brinch Hansen, Per`:                     {{Given: "Per", Family: "Brinch Hansen"}},
		`King, Jr, Martin Luther`:                {{Given: "Martin Luther", Family: "King", Suffix: "Jr"}},
		`{World Health Organization}`:            {{Literal: "World Health Organization"}},
		`{Barnes and Noble} and Smith, J.`:       {{Literal: "Barnes and Noble"}, {Family: "Smith", Given: "J."}},
		`Mar{\'\i}a Garc{\'i}a and others`:       {{Given: "María", Family: "García"}, {Others: true}},
		`family=Gogh, given=Vincent, prefix=van`: {{Given: "Vincent", NonDroppingParticle: "van", Family: "Gogh"}},
	} {
		assert.Equal(t, want, parse.BibTeXNames(in), in)
	}
}

func TestBibTeXCrossref(t *testing.T) {
	src := `@inproceedings{c1, title = {Paper}, crossref = {p}}
@article{between, title = {Between}}
@inproceedings{c2, title = {Other}, booktitle = {Own}, crossref = {P}}
@proceedings{p, title = {Proc}, editor = {E. Ditor}, year = 2005, publisher = {Pub}}
@xdata{x, publisher = {XPub}, address = {XCity}}
@book{b, title = {B}, xdata = {x}}
@incollection{after, title = {After}, crossref = {p}}`
	cs, errs := decodeBib(t, src)
	require.Empty(t, errs)
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	// Children wait for their parent, as BibTeX places parents after them;
	// @xdata is not a record.
	assert.Equal(t, []string{"between", "c1", "c2", "p", "b", "after"}, ids)
	c1, c2, b, after := cs[1], cs[2], cs[4], cs[5]
	assert.Equal(t, "Proc", c1.ContainerTitle)
	assert.Equal(t, "Paper", c1.Title)
	assert.Equal(t, 2005, c1.Issued.Year)
	assert.Equal(t, "Pub", c1.Publisher)
	assert.Equal(t, []citation.Name{{Given: "E.", Family: "Ditor"}}, c1.Editors)
	assert.Equal(t, "Own", c2.ContainerTitle)
	assert.Equal(t, "XPub", b.Publisher)
	assert.Equal(t, "XCity", b.PublisherPlace)
	assert.Equal(t, "Proc", after.ContainerTitle, "a parent before its child is found too")
	assert.Empty(t, c1.Extra)
}

// TestBibTeXOrphansInFileOrder checks that children whose parents never
// come are returned in file order, also when several share a line (the
// waiting children were once ordered by line alone, after a map walk).
func TestBibTeXOrphansInFileOrder(t *testing.T) {
	src := `@misc{a, crossref = {x}}@misc{b, crossref = {y}}@misc{c, crossref = {z}}@misc{d, crossref = {w}}`
	for range 20 {
		cs, errs := decodeBib(t, src)
		require.Len(t, errs, 4)
		var ids []string
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		require.Equal(t, []string{"a", "b", "c", "d"}, ids)
	}
}

func TestReadBibTeXDocument(t *testing.T) {
	doc, err := parse.ReadBibTeXDocument(strings.NewReader(`@string{acm = {ACM}}
@preamble{"\x"}
@article{k, Title = {T}, journal = acm # { Press}, month = jan, year = 2001, note = undefined}`))
	var el parse.ErrorList
	require.ErrorAs(t, err, &el)
	require.Len(t, el, 1)
	assert.ErrorIs(t, el[0], parse.ErrInvalidValue)
	require.Len(t, doc.Entries, 1)
	e := doc.Entries[0]
	assert.Equal(t, "article", e.Type)
	assert.Equal(t, "k", e.CiteName)
	assert.Equal(t, bibtex.BibConst("T"), e.Fields["title"])
	assert.Equal(t, "ACM Press", e.Fields["journal"].String())
	assert.Equal(t, "acm # {ACM Press}"[:3], e.Fields["journal"].(*bibtex.BibComposite).RawString()[:3])
	assert.Equal(t, &bibtex.BibVar{Key: "jan", Value: bibtex.BibConst("January")}, e.Fields["month"])
	assert.Equal(t, "ACM", doc.StringVar["acm"].String())
	require.Len(t, doc.Preambles, 1)
	assert.Equal(t, `\x`, doc.Preambles[0].String())
}

func TestBibTeXReaderItems(t *testing.T) {
	r := parse.NewBibTeXReader(strings.NewReader("@comment{c {x}}\n@string{s = {S}}\n@preamble{{P}}\n@misc{k, a = s # 1}"))
	var kinds []parse.BibTeXItemKind
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		kinds = append(kinds, it.Kind)
		switch it.Kind {
		case parse.BibTeXComment:
			assert.Equal(t, "c {x}", it.Text)
		case parse.BibTeXEntry:
			assert.Equal(t, []parse.BibTeXPart{{Text: "S", Macro: "s"}, {Text: "1"}}, it.Fields[0].Parts)
			assert.Equal(t, "S1", it.Fields[0].Value)
		}
	}
	assert.Equal(t, []parse.BibTeXItemKind{parse.BibTeXComment, parse.BibTeXString, parse.BibTeXPreamble, parse.BibTeXEntry}, kinds)
}

func TestBibTeXSniff(t *testing.T) {
	for in, want := range map[string]bool{
		"@article{k,":              true,
		"% comment\n\n  @Book (k,": true,
		"Some text\n@misc{":        true,
		"TY  - JOUR\n":             false,
		"[{\"id\": 1}]":            false,
		"me@example.org wrote":     false,
		"":                         false,
	} {
		assert.Equal(t, want, parse.SniffBibTeX([]byte(in)), in)
	}
	f, r, err := parse.Default().Detect(strings.NewReader("@article{k, title={T}}"))
	require.NoError(t, err)
	assert.Equal(t, "bibtex", f.Name)
	cs, err := parse.ReadAll(f.NewDecoder(r))
	require.NoError(t, err)
	assert.Len(t, cs, 1)
	f, ok := parse.Default().ByExtension("refs.bib")
	assert.True(t, ok)
	assert.Equal(t, "bibtex", f.Name)
}

// TestBibTeXGolden decodes testdata/bibtex/*.bib and compares the CSL-JSON
// with x.json and the errors with x.errors.
func TestBibTeXGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root(t), "testdata", "bibtex", "*.bib"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			cs, errs := decodeBib(t, string(data))
			var out bytes.Buffer
			enc := export.NewCSLJSONEncoder(&out)
			for _, c := range cs {
				require.NoError(t, enc.Encode(c))
			}
			require.NoError(t, enc.Close())
			base := strings.TrimSuffix(f, ".bib")
			testutil.Golden(t, base+".json", out.Bytes(), *update)
			var eb strings.Builder
			for _, e := range errs {
				eb.WriteString(e.Error())
				eb.WriteByte('\n')
			}
			testutil.Golden(t, base+".errors", []byte(eb.String()), *update)
		})
	}
}

func root(t testing.TB) string {
	r, err := testutil.ModuleRoot()
	require.NoError(t, err)
	return r
}

// corpusFiles lists the .bib files of the shared corpus.
func corpusFiles(t testing.TB) []string {
	dir := testutil.Shared(t, "corpus/bibtex")
	var files []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && strings.HasSuffix(p, ".bib") {
			files = append(files, p)
		}
		return nil
	})
	require.NotEmpty(t, files)
	return files
}

// entryStart finds where entries begin, as an independent count of the
// records in a file: "@type{" or "@type(" not after a backslash, not on a
// line after a "%", and not @string, @preamble, @comment or @xdata.

func countEntries(data []byte) int {
	text, _ := io.ReadAll(textio.NewReader(bytes.NewReader(data)))
	n := 0
	for _, line := range strings.SplitAfter(string(text), "\n") {
		for _, m := range entryAt.FindAllStringSubmatchIndex(line, -1) {
			if at := m[0] + strings.IndexByte(line[m[0]:], '@'); strings.Contains(line[:at], "%") {
				continue
			}
			switch strings.ToLower(line[m[2]:m[3]]) {
			case "string", "preamble", "comment", "xdata":
			default:
				n++
			}
		}
	}
	return n
}

var entryAt = regexp.MustCompile(`(?:^|[^\\])@[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t\r]*(?:[{(]|$)`)

// TestBibTeXCorpus reads every file of the shared corpus: each entry is
// converted or reported (entries in = converted + reported), nothing
// panics, and the decoder ends.
func TestBibTeXCorpus(t *testing.T) {
	total := 0
	for _, f := range corpusFiles(t) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		in := countEntries(data)
		d := parse.NewBibTeXDecoder(bytes.NewReader(data))
		converted, reported, other := 0, 0, 0
		for {
			c, err := d.Decode()
			if err == io.EOF {
				break
			}
			var pe *parse.ParseError
			switch {
			case c != nil:
				converted++
				if err != nil {
					require.ErrorAs(t, err, &pe)
					other++
				}
			case errors.As(err, &pe):
				if !strings.HasPrefix(pe.Record, "@") {
					// Not a problem of an @string or @preamble.
					reported++
				}
			default:
				t.Fatalf("%s: %v", f, err)
			}
		}
		rel, _ := filepath.Rel(testutil.SharedDir(t), f)
		total += converted
		assert.Equal(t, in, converted+reported, "%s: entries in = converted + reported", rel)
	}
	t.Logf("%d entries converted", total)
}

// TestBibTeXConcurrent runs many decoders at once, for go test -race.
func TestBibTeXConcurrent(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root(t), "testdata", "bibtex", "syntax.bib"))
	require.NoError(t, err)
	want, _ := decodeBib(t, string(data))
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				got, _ := parse.ReadAll(parse.NewBibTeXDecoder(bytes.NewReader(data)))
				if !assert.Equal(t, want, got) {
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestBibTeXHostile(t *testing.T) {
	t.Run("huge value", func(t *testing.T) {
		// A value over the limit is reported and the next entry read.
		var b strings.Builder
		b.WriteString("@misc{big, title = {")
		b.WriteString(strings.Repeat("x", parse.DefaultBibTeXMaxValue+10))
		b.WriteString("}}\n@misc{next, title = {N}}\n")
		cs, errs := decodeBib(t, b.String())
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], parse.ErrTooLarge)
		require.Len(t, cs, 1)
		assert.Equal(t, "next", cs[0].ID)
	})
	t.Run("100 MB value", func(t *testing.T) {
		// Streamed, not built in memory: the reader holds at most the
		// value limit, reports the value and reads the next entry.
		src := &repeatReader{prefix: []byte("@misc{big, title = {"), unit: bytes.Repeat([]byte("x"), 64<<10),
			count: 1600, suffix: []byte("}}\n@misc{next, title = {N}}\n")}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		cs, err := parse.ReadAll(parse.NewBibTeXDecoder(src))
		runtime.ReadMemStats(&after)
		assert.ErrorIs(t, err, parse.ErrTooLarge)
		require.Len(t, cs, 1)
		assert.Equal(t, "next", cs[0].ID)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(3*parse.DefaultBibTeXMaxValue),
			"allocated for a 100 MB value")
	})
	t.Run("huge value lower limit", func(t *testing.T) {
		d := parse.NewBibTeXDecoder(strings.NewReader("@misc{k, title = {" + strings.Repeat("y", 5000) + "}}"))
		d.Reader().MaxValue = 1000
		_, err := d.Decode()
		assert.ErrorIs(t, err, parse.ErrTooLarge)
	})
	t.Run("deep nesting", func(t *testing.T) {
		src := "@misc{k, title = {" + strings.Repeat("{", 10000) + "x" + strings.Repeat("}", 10000) + "}}\n@misc{next}"
		cs, errs := decodeBib(t, src)
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], parse.ErrTooLarge)
		require.Len(t, cs, 1)
		// Within the limit it is read.
		d := parse.NewBibTeXDecoder(strings.NewReader(src))
		d.Reader().MaxDepth = 20000
		c, err := d.Decode()
		require.NoError(t, err)
		assert.Equal(t, "x", citation.PlainText(c.Title))
	})
	t.Run("macro bomb", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("@string{a0 = {" + strings.Repeat("z", 1024) + "}}\n")
		for i := 1; i < 40; i++ {
			fmt.Fprintf(&b, "@string{a%d = a%d # a%d}\n", i, i-1, i-1)
		}
		b.WriteString("@misc{k, title = a39}\n")
		cs, errs := decodeBib(t, b.String())
		require.NotEmpty(t, errs)
		assert.ErrorIs(t, errs[0], parse.ErrTooLarge)
		require.Len(t, cs, 1)
	})
	t.Run("random bytes", func(t *testing.T) {
		rng := rand.New(rand.NewSource(1))
		buf := make([]byte, 1<<20)
		for i := range buf {
			buf[i] = byte(rng.Intn(256))
			if i%97 == 0 {
				buf[i] = "@{}=,\"#\n"[rng.Intn(8)]
			}
		}
		decodeBib(t, string(buf))
	})
	t.Run("many unterminated", func(t *testing.T) {
		src := strings.Repeat("@misc{k, title = {open\n", 1000)
		cs, errs := decodeBib(t, src)
		assert.Empty(t, cs)
		assert.Len(t, errs, 1000)
	})
}

// failingReader fails after its data.
type failingReader struct{ r io.Reader }

var errRead = errors.New("disk on fire")

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errRead
	}
	return n, err
}

func TestBibTeXReadError(t *testing.T) {
	d := parse.NewBibTeXDecoder(&failingReader{strings.NewReader("@misc{a}\n@misc{b, title = {unfinished")})
	c, err := d.Decode()
	require.NoError(t, err)
	assert.Equal(t, "a", c.ID)
	_, err = d.Decode()
	assert.ErrorIs(t, err, errRead)
	_, err = d.Decode()
	assert.ErrorIs(t, err, errRead)
}

func FuzzBibTeX(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "bibtex", "*.bib"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("@string{a = {x}}@misc{k, t = a # \"y\"}"))
	f.Add([]byte("@misc(k, author = {{\\L}ukasz and others}, date = {2001-02/2003~})"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := parse.NewBibTeXDecoder(bytes.NewReader(data))
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatal("decoder does not end")
			}
			c, err := d.Decode()
			if err == io.EOF {
				break
			}
			if err != nil {
				_ = err.Error()
				var pe *parse.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("not a ParseError: %v", err)
				}
			}
			_ = c
		}
	})
}

// TestBibTeXEmptyPublisherField checks that an empty organization gives
// way to the institution (found by FuzzBibTeXRoundTrip: the institution
// was kept as Extra and read back as the publisher).
func TestBibTeXEmptyPublisherField(t *testing.T) {
	c := decodeOne(t, "@misc{k, organization = {}, institution = {Inst}}")
	assert.Equal(t, "Inst", c.Publisher)
	assert.Empty(t, c.Extra)
}

// The original edition of a translation and the version of a report:
// BibLaTeX's origtitle, origpublisher, origlocation and version are CSL
// variables, read and written back.
func TestBibTeXOriginalEdition(t *testing.T) {
	src := `@book{gowers, title = {Wiskunde}, author = {Gowers, Timothy}, date = 2014,
  origtitle = {Mathematics: A Very Short {Introduction}}, origpublisher = {Oxford University Press},
  origlocation = {Oxford}, origlanguage = {English}, version = {1.4.8}}`
	c := decodeOne(t, src)
	assert.Equal(t, `Mathematics: A Very Short <span class="nocase">Introduction</span>`, c.Var("original-title"))
	assert.Equal(t, "Oxford University Press", c.Var("original-publisher"))
	assert.Equal(t, "Oxford", c.Var("original-publisher-place"))
	assert.Equal(t, "1.4.8", c.Var("version"))
	assert.Equal(t, []citation.Field{{Name: "bibtex:origlanguage", Value: "English"}}, c.Extra)

	var out bytes.Buffer
	enc := export.NewBibTeXEncoder(&out)
	enc.Dialect = export.BibLaTeX
	require.NoError(t, enc.Encode(c))
	require.NoError(t, enc.Close())
	assert.Contains(t, out.String(), "origtitle = {Mathematics: A Very Short {Introduction}}")
	assert.Contains(t, out.String(), "origlocation = {Oxford}")
	assert.Equal(t, c, decodeOne(t, out.String()))
}
