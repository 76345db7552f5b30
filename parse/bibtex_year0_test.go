package parse_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/citekit/citekit/citation"
)

// TestBibTeXYearZero: year 0 is "no year" in the model, so a BibLaTeX date
// with year 0000 is kept as written, not read as a date without a year or
// a range from nothing (found by FuzzBibTeXRoundTrip).
func TestBibTeXYearZero(t *testing.T) {
	for _, v := range []string{"0000", "0000/0001", "0000-01", "1999/0000"} {
		c := decodeOne(t, "@misc{k, date = {"+v+"}}")
		assert.Equal(t, citation.Date{Literal: v}, c.Issued, v)
	}
}

// TestBibTeXEmptyDate: an empty date field is no date; the year gives it
// (found by FuzzBibTeXRoundTrip: the year was kept as Extra and read back
// as the date).
func TestBibTeXEmptyDate(t *testing.T) {
	c := decodeOne(t, "@misc{k, date = { }, year = {2001}, month = mar}")
	assert.Equal(t, citation.Date{Year: 2001, Month: 3}, c.Issued)
	assert.Empty(t, c.Extra)
}

// TestBibTeXEmptyYear: an empty year (here an undefined macro) is no date;
// the month is kept as written (found by FuzzBibTeXRoundTrip: the citation
// had a month and no year, which BibTeX cannot write).
func TestBibTeXEmptyYear(t *testing.T) {
	cs, _ := decodeBib(t, "@misc{k, year = undefinedmacro, month = 1}")
	assert.Len(t, cs, 1)
	assert.True(t, cs[0].Issued.IsZero())
	assert.Equal(t, []citation.Field{{Name: "bibtex:month", Value: "1"}}, cs[0].Extra)
}

// TestBibTeXIdentifierWhiteSpace: identifiers that do not parse are kept
// with their white space folded, as BibTeX folds it in every value (found
// by FuzzBibTeXRoundTrip: "0\n00" was written back as "0 00").
func TestBibTeXIdentifierWhiteSpace(t *testing.T) {
	c := decodeOne(t, "@misc{k, pmid = {0\n00}, pmcid = {x\n y}, issn = {a\tb}, isbn = {c\n\nd}, eprint = {e\nf}, eprinttype = {arxiv}}")
	assert.Equal(t, "0 00", c.PMID)
	assert.Equal(t, "x y", c.PMCID)
	assert.Equal(t, []string{"a b"}, c.ISSN)
	assert.Equal(t, []string{"c d"}, c.ISBN)
	assert.Equal(t, "e f", c.ArXiv)
}
