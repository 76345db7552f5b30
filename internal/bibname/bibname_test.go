package bibname_test

import (
	"testing"

	"github.com/citekit/citekit/internal/bibname"
	"github.com/stretchr/testify/assert"
)

func TestSplit(t *testing.T) {
	for in, want := range map[string][]string{
		"A and B":                           {"A", "B"},
		"A AND B And C":                     {"A", "B", "C"},
		"{Barnes and Noble} and Smith, J.":  {"{Barnes and Noble}", "Smith, J."},
		"Alexander Anderson and Sandy Land": {"Alexander Anderson", "Sandy Land"},
		"A and\nB and\tothers":              {"A", "B", "others"},
		"  ":                                nil,
		"A and and B":                       {"A", "B"},
	} {
		assert.Equal(t, want, bibname.Split(in), in)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]bibname.Parts{
		"Donald E. Knuth":         {First: "Donald E.", Last: "Knuth"},
		"Knuth, Donald E.":        {First: "Donald E.", Last: "Knuth"},
		"Brinch Hansen, Per":      {First: "Per", Last: "Brinch Hansen"},
		"King, Jr, Martin Luther": {First: "Martin Luther", Last: "King", Jr: "Jr"},
		"Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin": {
			First: "Charles Louis Xavier Joseph", Von: "de la", Last: "Vall{\\'e}e Poussin"},
		"van Gogh, Vincent":           {First: "Vincent", Von: "van", Last: "Gogh"},
		"Ludwig van Beethoven":        {First: "Ludwig", Von: "van", Last: "Beethoven"},
		"Van der Berg, Jan":           {First: "Jan", Von: "Van der", Last: "Berg"},
		"{World Health Organization}": {Literal: "World Health Organization"},
		"{\\L}ukasz Nowak":            {First: "{\\L}ukasz", Last: "Nowak"},
		"{\\l}ukasz Nowak":            {First: "", Von: "{\\l}ukasz", Last: "Nowak"},
		"Aristotle":                   {Last: "Aristotle"},
		"others":                      {Others: true},
		"Jean-Paul Sartre":            {First: "Jean-Paul", Last: "Sartre"},
		"Ludwig~van Beethoven":        {First: "Ludwig", Von: "van", Last: "Beethoven"},
		"{von Neumann}, John":         {First: "John", Last: "{von Neumann}"},
		"Smith, Jr., Bill, Lee":       {First: "Bill Lee", Last: "Smith", Jr: "Jr."},
		"{}, Given":                   {First: "Given", Last: "{}"},
		"jean de la fontaine":         {First: "", Von: "jean de la", Last: "fontaine"},
	} {
		assert.Equal(t, want, bibname.Parse(in), in)
	}
}

func TestFormatRoundTrip(t *testing.T) {
	for _, p := range []bibname.Parts{
		{First: "Donald E.", Last: "Knuth"},
		{First: "Per", Last: "Brinch Hansen"},
		{First: "Martin Luther", Last: "King", Jr: "Jr"},
		{First: "Vincent", Von: "van", Last: "Gogh"},
		{First: "Jan", Von: "van der", Last: "Berg"},
		{Literal: "World Health Organization"},
		{Literal: "Barnes and Noble"},
		{Others: true},
		{Last: "Aristotle"},
		{Last: "Brinch Hansen"},
		{First: "Juan", Last: "de la Cruz"},
		{Last: "de la Cruz"},
		{First: "Anna, Maria", Last: "Smith"},
		{First: "Tom and Jerry", Last: "Cat"},
		{First: "Given"},
		{First: "Jean", Von: "De", Last: "Gaulle"},
	} {
		s := bibname.Format(p)
		names := bibname.Split(s)
		if assert.Len(t, names, 1, "%q splits", s) {
			got := bibname.Parse(names[0])
			// Braces added for protection are part of the written form.
			want := p
			if p.Von == "De" {
				want = bibname.Parts{First: "Jean", Von: "{D}e", Last: "Gaulle"}
			}
			if got.Last != want.Last && "{"+want.Last+"}" == got.Last {
				got.Last = want.Last
			}
			if got.First != want.First && "{"+want.First+"}" == got.First {
				got.First = want.First
			}
			if got.Last == "{}" && want.Last == "" {
				got.Last = ""
			}
			assert.Equal(t, want, got, "via %q", s)
		}
	}
}
