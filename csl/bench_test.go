package csl_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/csl"
)

// syntheticItems makes n varied journal articles, books and chapters, by
// authors drawn from 1,000 family names (so that some cites collide and
// need disambiguation, as in a real library).
func syntheticItems(n int) []*citation.Citation {
	var families []string
	heads := []string{"Smith", "García", "Müller", "Nguyen", "O'Brien", "Kowalski", "Chen", "Ivanova", "Dubois", "Okafor"}
	tails := []string{"", "son", "berg", "ez", "ski", "ova", "er", "man", "ini", "ley"}
	mids := []string{"", "-Lee", " Jones", "-Ruiz", "-Park", " Costa", "-Ali", " Brown", "-Khan", " Silva"}
	for _, h := range heads {
		for _, t := range tails {
			for _, m := range mids {
				families = append(families, h+t+m)
			}
		}
	}
	givens := []string{"John Ronald", "María", "Jürgen", "Thi Mai", "Seán", "Pieter", "Anna", "Wei", "Olga", "Jean-Luc"}
	items := make([]*citation.Citation, n)
	for i := range items {
		c := &citation.Citation{
			ID:     fmt.Sprintf("item%d", i),
			Title:  fmt.Sprintf("A study of <i>topic</i> number %d in the modern world", i),
			Issued: citation.Date{Year: 1950 + i%75, Month: 1 + i%12},
		}
		for k := 0; k < 1+i%7; k++ {
			c.Authors = append(c.Authors, citation.Name{Family: families[(i*7919+k*104729)%len(families)], Given: givens[(i+k)%len(givens)]})
		}
		switch i % 3 {
		case 0:
			c.Type = citation.TypeArticleJournal
			c.ContainerTitle = "Journal of Examples"
			c.Volume, c.Issue, c.Pages = fmt.Sprint(i%90), fmt.Sprint(i%12), fmt.Sprintf("%d-%d", 100+i%500, 110+i%500)
			c.DOI = fmt.Sprintf("10.1000/ex.%d", i)
		case 1:
			c.Type = citation.TypeBook
			c.Publisher, c.PublisherPlace, c.Edition = "Example Press", "Boston", fmt.Sprint(1+i%4)
		default:
			c.Type = citation.TypeChapter
			c.ContainerTitle = "Handbook of Examples"
			c.Editors = []citation.Name{{Family: "Editor", Given: "Ed"}}
			c.Publisher, c.Pages = "Example Press", "1-20"
		}
		items[i] = c
	}
	return items
}

// BenchmarkBibliography renders a 10,000-item reference list in the
// built-in styles (sorting, disambiguation and writing included).
func BenchmarkBibliography(b *testing.B) {
	items := syntheticItems(10000)
	for _, name := range []string{"apa", "vancouver"} {
		b.Run(name, func(b *testing.B) {
			s, err := csl.BuiltinStyle(name)
			if err != nil {
				b.Fatal(err)
			}
			p, err := csl.NewProcessor(s)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := p.WriteBibliography(io.Discard, items, csl.HTML); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
