package parse

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/citekit/citekit/citation"
)

// Sentinel errors wrapped by [ParseError.Err].
var (
	ErrSyntax        = citation.ErrSyntax       // the input is not of the format's form
	ErrMissingField  = citation.ErrMissingField // a record lacks a value it must have
	ErrInvalidValue  = citation.ErrInvalidValue // a value is not allowed
	ErrTooLarge      = citation.ErrTooLarge     // a line, value, record or nesting depth is over a limit
	ErrUnknownFormat = errors.New("unknown format")
)

// A ParseError reports a problem with one record of an input.
type ParseError struct {
	Format string // the format's registry name, such as "ris"
	Line   int    // 1-based line of the problem; 0 when unknown
	Column int    // 1-based byte column; 0 when unknown
	Record string // the record's identifier (a citation key, a PMID) when known
	Field  string // the field or tag, when the problem is in one
	Err    error  // the cause; wraps a sentinel such as ErrSyntax
}

// Error formats e as "ris: line 12, column 3, record X, field PY: invalid year".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.Format)
	b.WriteString(":")
	sep := " "
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ", column %d", e.Column)
		}
		sep = ", "
	}
	if e.Record != "" {
		fmt.Fprintf(&b, "%srecord %s", sep, e.Record)
		sep = ", "
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%sfield %s", sep, e.Field)
	}
	if b.Len() > len(e.Format)+1 {
		b.WriteString(":")
	}
	b.WriteString(" ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("invalid input")
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error { return e.Err }

// An ErrorList is a list of *ParseErrors. The zero value is an empty list
// ready to use.
type ErrorList []*ParseError

// Add appends a ParseError.
func (l *ErrorList) Add(e *ParseError) { *l = append(*l, e) }

// Len, Swap and Less sort the list by line, then column.
func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	if l[i].Line != l[j].Line {
		return l[i].Line < l[j].Line
	}
	return l[i].Column < l[j].Column
}

// Sort sorts the list by position.
func (l ErrorList) Sort() { sort.Stable(l) }

// Error returns the first error and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns nil for an empty list and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
