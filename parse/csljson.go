package parse

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/textio"
)

// Limits of the CSL-JSON decoder, used when the corresponding field of
// [CSLJSONDecoder] is zero.
const (
	DefaultCSLJSONMaxItemSize = 16 << 20 // bytes of one item
	DefaultCSLJSONMaxDepth    = 64       // nesting of arrays and objects in one item
)

// A CSLJSONDecoder reads CSL-JSON items: a JSON array of items (the standard
// form), a single item object, or a stream of item objects such as NDJSON
// (one object a line). The form is detected from the first byte.
//
// # Spec
//
// Items follow the CSL 1.0.2 input schema (csl-data.json) and the citeproc-js
// conventions (../shared/specs/csl-json.md): every item type and variable;
// names with particles, suffixes and literals; dates as "date-parts" (numbers
// or numeric strings, one or two parts for a range), "season", "circa",
// "literal" and "raw" (parsed, kept as a literal when it cannot be); the
// legacy keys "journalAbbreviation" and "shortTitle". The note "cheater
// syntax" is applied: "variable: value" lines (and "{:variable:value}") at
// the top of "note" set variables that are empty and are removed from the
// note; "type: x" overrides the type.
//
// The "custom" object written by [export.CSLJSONEncoder] is read back into
// Extra, Related, name ORCIDs and affiliations, and the rest of the model;
// other keys of custom become Extra values labelled with the key. An item
// property that is not a CSL variable is kept as Extra "csljson:<key>", with
// its JSON text when it is not a string.
//
// # Divergences
//
// Numbers are accepted for string variables ("PMID": 123), as processors do.
// A variable of the wrong JSON type (a string where names are expected) is
// reported with the item and the variable, and its JSON text kept as Extra
// "csljson:<variable>"; the item is still returned. A date given as a string
// (or a number) is read as a "raw" date without a report, as citeproc-js
// reads it and as pandoc writes some dates. An unknown "type" is
// reported, kept as Extra "csljson:type", and the item returned without a
// type. Text is normalized with [citation.NormalizeText], so newlines inside
// values become spaces. Unlike the decoders of other formats it does not
// call [citation.Citation.Normalize]: CSL-JSON is citekit's own lossless
// form, so a title's final period and identifiers are kept as written (call
// Normalize to canonicalize them; CSL-YAML likewise). Name flags "static-ordering" and "parse-names", and
// name or date keys citekit does not model, are kept as Extra
// "csljson:<variable>.<key>".
//
// # Errors and recovery
//
// Malformed JSON is reported with its line and column. An item that is not
// valid JSON is reported and skipped, and decoding goes on with the next
// item, as long as the brackets and quotes around it can still be matched; a
// string broken by a raw newline resynchronizes at the next line that starts
// an item, and in NDJSON (when the first object took one line) an object left
// open is reported when the next line begins another. Trailing commas are
// accepted.
//
// # Limits
//
// One item may hold at most MaxItemSize bytes and MaxDepth levels of nesting;
// a larger item is reported ([ErrTooLarge]) and skipped. Memory use is
// bounded by the largest item: an array or NDJSON stream of any length is
// read in constant memory.
//
// # Concurrency
//
// A decoder serves one goroutine.
type CSLJSONDecoder struct {
	// MaxItemSize bounds the bytes of one item; 0 means
	// DefaultCSLJSONMaxItemSize.
	MaxItemSize int
	// MaxDepth bounds the nesting of one item; 0 means DefaultCSLJSONMaxDepth.
	MaxDepth int

	fr        framer
	nameBuf   []citation.Name // reused by the items for their name lists
	state     int
	lineItems bool // a stream of objects is NDJSON
	n         int  // items seen
	err       error
	pos       [2]int // line, column of the last item
}

const (
	stStart = iota
	stArray
	stArrayItem // after an item of an array
	stObjects
	stDone
)

// NewCSLJSONDecoder returns a decoder reading CSL-JSON from r. A UTF-8 byte
// order mark is skipped and UTF-16 input transcoded.
func NewCSLJSONDecoder(r io.Reader) *CSLJSONDecoder {
	d := &CSLJSONDecoder{}
	d.fr.r = textio.NewReader(smallBuffered(r))
	d.fr.line = 1
	return d
}

// RecordPos returns the line and column where the last item began.
func (d *CSLJSONDecoder) RecordPos() (line, column int) { return d.pos[0], d.pos[1] }

func (d *CSLJSONDecoder) syntaxErr(line, col int, format string, args ...any) *ParseError {
	return &ParseError{Format: "csljson", Line: line, Column: col,
		Err: fmt.Errorf(format+": %w", append(args, ErrSyntax)...)}
}

// Decode returns the next item.
func (d *CSLJSONDecoder) Decode() (*citation.Citation, error) {
	if d.err != nil {
		return nil, d.err
	}
	fr := &d.fr
	for {
		c, err := fr.skipSpace()
		if err != nil {
			d.err = err
			return nil, err
		}
		line, col := fr.position()
		switch d.state {
		case stStart:
			switch c {
			case -1:
				d.state = stDone
				continue
			case '[':
				fr.pos++
				d.state = stArray
				continue
			case '{':
				d.state = stObjects
				continue
			}
			d.err = io.EOF
			return nil, d.syntaxErr(line, col, "input is not CSL-JSON: it begins with %s, not [ or {", quoteByte(c))
		case stArrayItem:
			switch c {
			case ',':
				fr.pos++
				d.state = stArray
				continue
			case ']':
				fr.pos++
				d.state = stDone
				continue
			case -1:
				d.state = stDone
				return nil, d.syntaxErr(line, col, "unexpected end of input: the array is not closed")
			}
			// A missing comma: report it, then read on as if it were there.
			d.state = stArray
			return nil, d.syntaxErr(line, col, "expected , or ] after an item, found %s", quoteByte(c))
		case stArray:
			switch c {
			case ']':
				fr.pos++
				d.state = stDone
				continue
			case ',':
				fr.pos++
				return nil, d.syntaxErr(line, col, "unexpected ,")
			case -1:
				d.state = stDone
				return nil, d.syntaxErr(line, col, "unexpected end of input: the array is not closed")
			}
			d.state = stArrayItem
			return d.item(line, col)
		case stObjects:
			if c == -1 {
				d.state = stDone
				continue
			}
			return d.item(line, col)
		case stDone:
			if c == -1 {
				d.err = io.EOF
				return nil, io.EOF
			}
			// Data after the array: report it once and stop.
			d.err = io.EOF
			return nil, d.syntaxErr(line, col, "unexpected %s after the end of the CSL-JSON data", quoteByte(c))
		}
	}
}

func quoteByte(c int) string {
	if c < 0 {
		return "end of input"
	}
	if c < 0x20 || c >= 0x7f {
		return fmt.Sprintf("byte %#02x", c)
	}
	return fmt.Sprintf("%q", rune(c))
}

// item frames and converts one item beginning at the current position.
func (d *CSLJSONDecoder) item(line, col int) (*citation.Citation, error) {
	d.n++
	d.pos = [2]int{line, col}
	maxSize := d.MaxItemSize
	if maxSize <= 0 {
		maxSize = DefaultCSLJSONMaxItemSize
	}
	maxDepth := d.MaxDepth
	if maxDepth <= 0 {
		maxDepth = DefaultCSLJSONMaxDepth
	}
	// In NDJSON (the first object of a stream took one line), an object that
	// begins a line while another is open means the open one is broken.
	raw, ferr := d.fr.frame(maxSize, maxDepth, d.state == stObjects && d.lineItems)
	if ferr == nil && d.state == stObjects && d.n == 1 {
		d.lineItems = d.fr.line == line
	}
	if ferr != nil {
		var fe *frameError
		if errors.As(ferr, &fe) {
			pe := &ParseError{Format: "csljson", Line: fe.line, Column: fe.col, Record: fmt.Sprintf("#%d", d.n), Err: fe.err}
			switch {
			case fe.fatal:
				d.state = stDone
				d.err = io.EOF
			case fe.resynced && d.state == stArrayItem:
				d.state = stArray // at the start of the next item
			}
			return nil, pe
		}
		d.err = ferr
		return nil, ferr
	}
	if raw[0] != '{' {
		return nil, &ParseError{Format: "csljson", Line: line, Column: col, Record: fmt.Sprintf("#%d", d.n),
			Err: fmt.Errorf("item is a JSON %s, not an object: %w", jsonKind(raw[0]), ErrInvalidValue)}
	}
	p := itemParser{b: raw, s: string(raw), n: d.n, nameBuf: d.nameBuf}
	c, err := p.parse()
	d.nameBuf = p.nameBuf
	if err != nil {
		var ie *itemError
		if errors.As(err, &ie) {
			l, cl := line, col
			if ie.off >= 0 {
				l, cl = offsetPos(raw, ie.off, line, col)
			}
			return c, &ParseError{Format: "csljson", Line: l, Column: cl, Record: p.record(), Field: ie.field, Err: ie.err}
		}
		return c, err
	}
	return c, nil
}

func jsonKind(c byte) string {
	switch c {
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// offsetPos returns the line and column of raw[off], raw beginning at line,
// col.
func offsetPos(raw []byte, off, line, col int) (int, int) {
	if off > len(raw) {
		off = len(raw)
	}
	nl := bytes.Count(raw[:off], []byte{'\n'})
	if nl == 0 {
		return line, col + off
	}
	return line + nl, off - bytes.LastIndexByte(raw[:off], '\n')
}

// A frameError is a syntax error found while framing an item.
type frameError struct {
	line, col int
	err       error
	fatal     bool // the rest of the input cannot be framed
	resynced  bool // framing skipped to a line that may begin the next item
}

func (e *frameError) Error() string { return e.err.Error() }

// A framer finds the extent of one JSON value in a stream, keeping the bytes
// of that value only, so that memory is bounded by the largest value.
type framer struct {
	r         io.Reader
	buf       []byte
	pos       int   // next byte to look at
	start     int   // first byte to keep
	off       int64 // input offset of buf[0]
	line      int   // line of buf[pos]
	lineStart int64 // input offset at which that line begins
	eof       bool
	rerr      error
}

// position returns the line and byte column of the next byte.
func (f *framer) position() (int, int) {
	return f.line, int(f.off+int64(f.pos)-f.lineStart) + 1
}

// more reads more input, keeping buf[start:]. It reports false at the end
// of input or on a read error (kept in rerr).
func (f *framer) more(limit int) bool {
	if f.eof {
		return false
	}
	if f.start > 0 {
		n := copy(f.buf, f.buf[f.start:])
		f.pos -= f.start
		f.off += int64(f.start)
		f.start = 0
		f.buf = f.buf[:n]
	}
	if cap(f.buf)-len(f.buf) <= cap(f.buf)/2 {
		// Less than half free: grow, so that reads stay large.
		size := 2 * cap(f.buf)
		if size < 8<<10 {
			size = 8 << 10 // small inputs stay small; large ones double the buffer
		}
		if size > limit+64<<10 {
			size = limit + 64<<10
		}
		if size > cap(f.buf) {
			nb := make([]byte, len(f.buf), size)
			copy(nb, f.buf)
			f.buf = nb
		} else if len(f.buf) == cap(f.buf) {
			return false
		}
	}
	for tries := 0; tries < 100; tries++ {
		n, err := f.r.Read(f.buf[len(f.buf):cap(f.buf)])
		f.buf = f.buf[:len(f.buf)+n]
		if err != nil {
			if err != io.EOF {
				f.rerr = err
			}
			f.eof = true
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	f.rerr = io.ErrNoProgress
	f.eof = true
	return false
}

// skipSpace skips white space and returns the next byte, -1 at the end of
// input.
func (f *framer) skipSpace() (int, error) {
	for {
		for f.pos < len(f.buf) {
			c := f.buf[f.pos]
			switch c {
			case ' ', '\t', '\r':
				f.pos++
				continue
			case '\n':
				f.pos++
				f.line++
				f.lineStart = f.off + int64(f.pos)
				continue
			}
			f.start = f.pos
			return int(c), nil
		}
		f.start = f.pos
		if !f.more(0) {
			if f.rerr != nil {
				return -1, f.rerr
			}
			return -1, nil
		}
	}
}

// frame returns the bytes of the JSON value at the current position, which
// skipSpace has found. The slice is valid until the next call. Inside a
// line-delimited stream (lines set) a raw newline inside a string is an error
// after which framing resumes on the next line; so is a newline inside a
// value in NDJSON, unless the value began a multi-line object.
func (f *framer) frame(limit, maxDepth int, lines bool) ([]byte, error) {
	f.start = f.pos
	depth := 0
	inString := false
	escape := false
	tooLarge := false
	tooDeep := false
	startLine, startCol := f.position()
	scalar := false
	for {
		if f.pos >= len(f.buf) {
			if f.pos-f.start >= limit {
				tooLarge = true
			}
			if tooLarge {
				f.start = f.pos // discard what was read of the item
			}
			if !f.more(limit) {
				if f.rerr != nil {
					return nil, f.rerr
				}
				if scalar && !inString {
					return f.take(startLine, startCol, tooLarge, tooDeep, limit, maxDepth)
				}
				l, c := f.position()
				return nil, &frameError{line: l, col: c, fatal: true,
					err: fmt.Errorf("unexpected end of input inside an item that began at line %d, column %d: %w", startLine, startCol, ErrSyntax)}
			}
			continue
		}
		if depth > 0 {
			// Inside an object or array, every byte but the brackets (and
			// a newline inside a string) only moves the state on: a tight
			// loop on local variables does those.
			buf, pos := f.buf, f.pos
		scan:
			for pos < len(buf) {
				c := buf[pos]
				if inString {
					if escape {
						escape = false
						pos++
						continue
					}
					switch c {
					case '\\':
						escape = true
					case '"':
						inString = false
					case '\n':
						break scan
					default:
						pos++
						for pos < len(buf) && !stringStop[buf[pos]] {
							pos++
						}
						continue
					}
					pos++
					continue
				}
				switch c {
				case '"':
					inString = true
				case '\n':
					f.line++
					f.lineStart = f.off + int64(pos) + 1
				case '{', '[', '}', ']':
					break scan
				}
				pos++
			}
			f.pos = pos
			if pos >= len(buf) {
				continue
			}
		}
		c := f.buf[f.pos]
		if inString {
			switch {
			case escape:
				escape = false
			case c == '\\':
				escape = true
			case c == '"':
				inString = false
				if scalar && depth == 0 {
					f.pos++
					return f.take(startLine, startCol, tooLarge, tooDeep, limit, maxDepth)
				}
			case c == '\n':
				// JSON strings cannot hold a raw newline: the quotes are
				// unbalanced. Resynchronize on a later line.
				l, col := f.position()
				f.resync()
				return nil, &frameError{line: l, col: col, resynced: true,
					err: fmt.Errorf("newline inside a string (unterminated string?): %w", ErrSyntax)}
			}
			f.pos++
			continue
		}
		switch c {
		case '"':
			inString = true
			if f.pos == f.start {
				scalar = true
			}
		case '{', '[':
			if c == '{' && lines && depth > 0 && f.pos > 0 && f.buf[f.pos-1] == '\n' {
				// In a stream of objects, an object at the start of a line
				// while one is still open: the open one is broken.
				l, col := f.position()
				f.start = f.pos
				return nil, &frameError{line: l, col: col, resynced: true,
					err: fmt.Errorf("item that began at line %d, column %d is not closed: %w", startLine, startCol, ErrSyntax)}
			}
			depth++
			if depth > maxDepth {
				tooDeep = true
			}
		case '}', ']':
			if depth == 0 {
				// The end of the enclosing array: a scalar ends here.
				if scalar {
					return f.take(startLine, startCol, tooLarge, tooDeep, limit, maxDepth)
				}
				l, col := f.position()
				f.pos++
				return nil, &frameError{line: l, col: col, err: fmt.Errorf("unexpected %q: %w", c, ErrSyntax)}
			}
			depth--
			if depth == 0 {
				f.pos++
				return f.take(startLine, startCol, tooLarge, tooDeep, limit, maxDepth)
			}
		case ',', ' ', '\t', '\r':
			if depth == 0 {
				return f.take(startLine, startCol, tooLarge, tooDeep, limit, maxDepth)
			}
		case '\n':
			if depth == 0 {
				return f.take(startLine, startCol, tooLarge, tooDeep, limit, maxDepth)
			}
			f.line++
			f.lineStart = f.off + int64(f.pos) + 1
		default:
			if f.pos == f.start {
				scalar = true
			}
		}
		f.pos++
	}
}

// stringStop marks the bytes that end a run of plain bytes inside a JSON
// string for the framer: the quote, the backslash and the newline.
var stringStop = [256]bool{'"': true, '\\': true, '\n': true}

func (f *framer) take(line, col int, tooLarge, tooDeep bool, limit, maxDepth int) ([]byte, error) {
	if tooLarge {
		return nil, &frameError{line: line, col: col, err: fmt.Errorf("item is larger than %d bytes: %w", limit, ErrTooLarge)}
	}
	if tooDeep {
		return nil, &frameError{line: line, col: col, err: fmt.Errorf("item nests deeper than %d levels: %w", maxDepth, ErrTooLarge)}
	}
	if f.pos == f.start {
		// A delimiter where a value should begin: "," in a stream of objects.
		l, col := f.position()
		c := f.buf[f.pos]
		f.pos++
		f.start = f.pos
		return nil, &frameError{line: l, col: col, err: fmt.Errorf("unexpected %s where an item should begin: %w", quoteByte(int(c)), ErrSyntax)}
	}
	raw := f.buf[f.start:f.pos]
	f.start = f.pos
	return raw, nil
}

// resync skips to the next line that begins (after white space) with "{",
// the start of the next item in NDJSON and in most indented arrays.
func (f *framer) resync() {
	for {
		for f.pos < len(f.buf) {
			c := f.buf[f.pos]
			f.pos++
			if c != '\n' {
				continue
			}
			f.line++
			f.lineStart = f.off + int64(f.pos)
			// Look at the new line.
			for {
				for f.pos < len(f.buf) && (f.buf[f.pos] == ' ' || f.buf[f.pos] == '\t') {
					f.pos++
				}
				if f.pos < len(f.buf) {
					break
				}
				f.start = f.pos
				if !f.more(0) {
					return
				}
			}
			if f.buf[f.pos] == '{' {
				f.start = f.pos
				return
			}
		}
		f.start = f.pos
		if !f.more(0) {
			return
		}
	}
}

// SniffCSLJSON reports whether prefix looks like CSL-JSON: an array of
// objects, or an object with a "type" that is a CSL item type or with CSL
// names or dates that is not a Crossref or DataCite API response.
func SniffCSLJSON(prefix []byte) bool {
	p := bytes.TrimLeft(prefix, " \t\r\n")
	if len(p) == 0 || (p[0] != '[' && p[0] != '{') {
		return false
	}
	if p[0] == '[' {
		q := bytes.TrimLeft(p[1:], " \t\r\n")
		if len(q) == 0 || (q[0] != '{' && q[0] != ']') {
			return false
		}
		if q[0] == ']' {
			return true // an empty array
		}
		// An array of objects: no other format citekit reads is one.
		return !bytes.Contains(p, []byte(`"message-type"`))
	}
	if bytes.Contains(p, []byte(`"message-type"`)) || bytes.Contains(p, []byte(`"types"`)) {
		return false
	}
	if bytes.Contains(p, []byte(`"date-parts"`)) || bytes.Contains(p, []byte(`"family"`)) {
		return true
	}
	for rest := p; ; {
		i := bytes.Index(rest, []byte(`"type"`))
		if i < 0 {
			return false
		}
		rest = rest[i+len(`"type"`):]
		v := bytes.TrimLeft(rest, " \t\r\n")
		if len(v) == 0 || v[0] != ':' {
			continue
		}
		v = bytes.TrimLeft(v[1:], " \t\r\n")
		if len(v) == 0 || v[0] != '"' {
			continue
		}
		end := bytes.IndexByte(v[1:], '"')
		if end < 0 {
			return false
		}
		if citation.ItemType(v[1 : 1+end]).Valid() {
			return true
		}
	}
}

// smallBuffered wraps r in a small bufio.Reader for textio.NewReader, which
// would otherwise allocate 64 KB: the decoders buffer input themselves, and
// bufio passes their large reads through.
func smallBuffered(r io.Reader) io.Reader {
	if _, ok := r.(*bufio.Reader); ok {
		return r
	}
	return bufio.NewReaderSize(r, 4<<10)
}
