package parse

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/citekit/citekit/internal/textio"
)

// SniffLen is how many bytes of an input [Registry.Detect] looks at.
const SniffLen = 512

// A Format describes one input format.
type Format struct {
	Name        string   // registry name, lower case: "ris", "bibtex"
	Description string   // one line for people: "RIS (Research Information Systems)"
	Extensions  []string // file name extensions with the dot: ".ris"

	// Sniff reports whether an input that begins with prefix is in this
	// format. The prefix holds at most SniffLen bytes, fewer when the input
	// is shorter; a UTF-8 byte order mark is removed and UTF-16 is given as
	// UTF-8. Nil means the format is never detected, only named.
	Sniff func(prefix []byte) bool

	// NewDecoder returns a decoder with default options over r.
	NewDecoder func(r io.Reader) Decoder
}

// A Registry is a list of formats. The zero value is an empty registry ready
// to use; [Default] returns one with every format citekit reads. Register
// formats before sharing a Registry between goroutines; after that it is safe
// for concurrent use.
type Registry struct {
	formats []Format
}

// Register adds f to r. Formats registered earlier are sniffed first, so the
// most specific formats should be registered first. A format with the name of
// one already registered replaces it in place.
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

// ByExtension returns the first format that claims the extension of path,
// ignoring case.
func (r *Registry) ByExtension(path string) (Format, bool) {
	ext := filepath.Ext(path)
	if ext == "" {
		return Format{}, false
	}
	for _, f := range r.formats {
		for _, e := range f.Extensions {
			if strings.EqualFold(e, ext) {
				return f, true
			}
		}
	}
	return Format{}, false
}

// Detect peeks at the first SniffLen bytes of in and returns the first
// registered format whose Sniff accepts them, and a reader that yields the
// whole input, peeked bytes included. When no format accepts the input it
// returns an error wrapping [ErrUnknownFormat].
func (r *Registry) Detect(in io.Reader) (Format, io.Reader, error) {
	br, ok := in.(*bufio.Reader)
	if !ok || br.Size() < SniffLen {
		br = bufio.NewReaderSize(in, SniffLen)
	}
	prefix, err := br.Peek(SniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return Format{}, br, err
	}
	sniff := textio.SniffText(prefix)
	for _, f := range r.formats {
		if f.Sniff != nil && f.Sniff(sniff) {
			return f, br, nil
		}
	}
	what := "empty input"
	if len(bytes.TrimSpace(sniff)) > 0 {
		what = fmt.Sprintf("input beginning %q", clip(sniff, 40))
	}
	return Format{}, br, fmt.Errorf("%w: no registered format recognizes %s", ErrUnknownFormat, what)
}

func clip(b []byte, n int) string {
	b = bytes.TrimSpace(b)
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}
