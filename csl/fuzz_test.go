package csl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/csl"
)

// FuzzStyle parses arbitrary styles and renders a few items with those
// that parse: no input may panic or hang.
func FuzzStyle(f *testing.F) {
	for _, name := range []string{"apa", "vancouver"} {
		data, err := os.ReadFile(filepath.Join("styles", name+".csl"))
		if err == nil {
			f.Add(string(data), "Title <i>it</i> \"q\" 'a'", "12-15")
		}
	}
	f.Add(`<style version="1.0"><citation><layout><text variable="title" text-case="title"/></layout></citation></style>`, "the cat", "x")
	f.Add(`<style><macro name="m"><text macro="m"/></macro><citation><layout><text macro="m"/></layout></citation></style>`, "", "")
	f.Add(`<style><citation disambiguate-add-year-suffix="true" collapse="year-suffix-ranged"><sort><key variable="issued"/></sort><layout delimiter="; "><names variable="author"><name et-al-min="2" et-al-use-first="1"/></names><date variable="issued" form="text"/></layout></citation><bibliography subsequent-author-substitute="---" second-field-align="flush"><layout><text variable="citation-number"/><number variable="page" form="roman"/></layout></bibliography></style>`, "T", "3")
	items := func(title, page string) []*citation.Citation {
		return []*citation.Citation{
			{ID: "1", Type: citation.TypeArticleJournal, Title: title, Pages: page, Volume: page,
				Authors: []citation.Name{{Family: "Doe", Given: "J. R."}, {Family: "Roe", Given: "Ann-Marie"}},
				Issued:  citation.Date{Year: 2000, Month: 3, EndYear: 2001, EndMonth: 4}},
			{ID: "2", Type: citation.TypeBook, Title: title, Edition: page,
				Authors: []citation.Name{{Family: "Doe", Given: "J. R."}},
				Issued:  citation.Date{Year: 2000, Season: citation.Winter, Circa: true}},
			{ID: "3", Type: citation.TypeChapter, Title: page, Editors: []citation.Name{{Literal: title}}},
		}
	}
	f.Fuzz(func(t *testing.T, style, title, page string) {
		s, err := csl.ParseStyle(strings.NewReader(style))
		if err != nil {
			_ = err.Error()
			return
		}
		if s.IsDependent() {
			return
		}
		p, err := csl.NewProcessor(s)
		if err != nil {
			return
		}
		its := items(title, page)
		res := p.Render(its, []csl.Cluster{
			{Items: []csl.CiteItem{{ID: "1", Locator: page}, {ID: "2"}}},
			{Items: []csl.CiteItem{{ID: "1"}}, NoteIndex: 2},
		})
		for _, e := range append(res.Citations, res.Bibliography...) {
			_ = e.HTML()
			_ = e.Markdown()
			_ = e.String()
		}
	})
}
