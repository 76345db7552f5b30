package export

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/citekit/citekit/citation"
)

// An Encoder writes records in one format.
//
// Encode writes one record. Close writes what the format needs after the last
// record and flushes; it must be called once all records are written, even
// when there were none, and it does not close the underlying writer. After an
// error from the writer, Encode and Close return that error.
type Encoder interface {
	Encode(c *citation.Citation) error
	Close() error
}

// A Format describes one output format.
type Format struct {
	Name        string   // registry name, lower case: "ris", "csljson"
	Description string   // one line for people
	Extensions  []string // file name extensions with the dot: ".ris"

	// NewEncoder returns an encoder with default options over w.
	NewEncoder func(w io.Writer) Encoder
}

// A Registry is a list of output formats. The zero value is an empty
// registry ready to use; [Default] returns one with every format citekit
// writes. Register formats before sharing a Registry between goroutines;
// after that it is safe for concurrent use.
type Registry struct {
	formats []Format
}

// Register adds f to r, replacing a format of the same name.
func (r *Registry) Register(f Format) {
	for i := range r.formats {
		if strings.EqualFold(r.formats[i].Name, f.Name) {
			r.formats[i] = f
			return
		}
	}
	r.formats = append(r.formats, f)
}

// Formats returns the registered formats in order.
func (r *Registry) Formats() []Format {
	return append([]Format(nil), r.formats...)
}

// Lookup returns the format with the given name, ignoring case.
func (r *Registry) Lookup(name string) (Format, bool) {
	for _, f := range r.formats {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Format{}, false
}

// ByExtension returns the first format that claims the extension of path.
func (r *Registry) ByExtension(path string) (Format, bool) {
	ext := filepath.Ext(path)
	for _, f := range r.formats {
		for _, e := range f.Extensions {
			if ext != "" && strings.EqualFold(e, ext) {
				return f, true
			}
		}
	}
	return Format{}, false
}

// Default returns a new registry of every format citekit writes.
func Default() *Registry {
	r := new(Registry)
	for _, f := range builtin() {
		r.Register(f)
	}
	return r
}

// builtin lists the built-in output formats.
func builtin() []Format {
	return []Format{
		// One line a format.
		{Name: "csljson", Description: "CSL-JSON (an array of items)", Extensions: []string{".json"}, NewEncoder: func(w io.Writer) Encoder { return NewCSLJSONEncoder(w) }},
		{Name: "ris", Description: "RIS (Research Information Systems)", Extensions: []string{".ris"}, NewEncoder: func(w io.Writer) Encoder { return NewRISEncoder(w) }},
		{Name: "ndjson", Description: "CSL-JSON items as newline-delimited JSON", Extensions: []string{".ndjson", ".jsonl"}, NewEncoder: func(w io.Writer) Encoder { return NewNDJSONEncoder(w) }},
		{Name: "bibtex", Description: "BibTeX (.bib), UTF-8", Extensions: []string{".bib"}, NewEncoder: func(w io.Writer) Encoder { return NewBibTeXEncoder(w) }},
		{Name: "biblatex", Description: "BibLaTeX (.bib) for biber", Extensions: []string{".bib"}, NewEncoder: func(w io.Writer) Encoder { return NewBibLaTeXEncoder(w) }},
	}
}
