// Package bibvars holds the BibTeX and BibLaTeX fields that the BibTeX
// decoder and encoder map to CSL variables kept in citation.Citation.Vars,
// so that the two directions agree.
package bibvars

// A Var is a field and the CSL variable it holds.
type Var struct {
	Field string // the BibTeX or BibLaTeX field
	CSL   string // the CSL variable
	Rich  bool   // the value is rich text (a title), not plain text
}

// Vars lists them, in no particular order. The orig* fields are the
// original edition of a translation or reprint.
var Vars = [...]Var{
	{"chapter", "chapter-number", false},
	{"volumes", "number-of-volumes", false},
	{"version", "version", false},
	{"origtitle", "original-title", true},
	{"origpublisher", "original-publisher", false},
	{"origlocation", "original-publisher-place", false},
}
