package parse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"

	"github.com/citekit/citekit/internal/textio"
	"github.com/nickng/bibtex"
)

// Limits of the BibTeX reader, the defaults of [BibTeXReader]'s fields.
const (
	DefaultBibTeXMaxValue = 16 << 20 // bytes in one value, after macro expansion
	DefaultBibTeXMaxDepth = 1000     // brace nesting depth in one value
)

// Fixed limits of the BibTeX reader.
const (
	bibMaxMacroBytes = 64 << 20 // bytes of all @string values together
	bibMaxComment    = 1 << 20  // bytes of an @comment kept; the rest is skipped
	bibMaxIdent      = 1024     // bytes of an entry type, key, field or macro name
)

// A BibTeXItemKind says what a [BibTeXItem] is.
type BibTeXItemKind int

// The kinds of BibTeX items.
const (
	BibTeXEntry    BibTeXItemKind = iota + 1 // @article{key, ...}: Type, Key, Fields
	BibTeXString                             // @string{name = value}: Key is the macro name, Fields[0] its value
	BibTeXPreamble                           // @preamble{...}: Fields[0] is the value
	BibTeXComment                            // @comment{...}: Text
)

// A BibTeXItem is one item of a BibTeX file as written, with macros
// expanded.
type BibTeXItem struct {
	Kind   BibTeXItemKind
	Type   string // entry type, lower case: "article"
	Key    string // citation key as written, or the macro name (lower case) of an @string
	Fields []BibTeXField
	Text   string // the body of an @comment
	Line   int    // 1-based line of the "@"
	Column int    // 1-based byte column of the "@"
}

// A BibTeXField is one "name = value" of an entry.
type BibTeXField struct {
	Name   string       // lower case
	Value  string       // the value with its parts joined and macros expanded, outer delimiters removed
	Parts  []BibTeXPart // the parts of a "#" concatenation, at least one
	Line   int          // 1-based line of the field name
	Column int          // 1-based byte column of the field name
}

// A BibTeXPart is one operand of a value: a braced or quoted string, a
// number, or a macro reference.
type BibTeXPart struct {
	Text  string // the text, delimiters removed; a macro's expansion
	Macro string // the macro name, lower case, when the part is a reference
}

// Field returns the value of the field named name (lower case) and whether
// the entry has it.
func (it *BibTeXItem) Field(name string) (string, bool) {
	for i := range it.Fields {
		if it.Fields[i].Name == name {
			return it.Fields[i].Value, true
		}
	}
	return "", false
}

// BibEntry returns the entry as a nickng/bibtex entry: each value a
// BibConst, a *BibVar for a macro reference, or a *BibComposite for a
// concatenation.
func (it *BibTeXItem) BibEntry() *bibtex.BibEntry {
	e := &bibtex.BibEntry{Type: it.Type, CiteName: it.Key, Fields: make(map[string]bibtex.BibString, len(it.Fields))}
	for _, f := range it.Fields {
		e.Fields[f.Name] = f.BibString()
	}
	return e
}

// BibString returns the value as a nickng/bibtex string.
func (f *BibTeXField) BibString() bibtex.BibString {
	if len(f.Parts) == 1 {
		return f.Parts[0].BibString()
	}
	comp := make(bibtex.BibComposite, 0, len(f.Parts))
	for _, p := range f.Parts {
		comp = append(comp, p.BibString())
	}
	return &comp
}

// BibString returns the part as a nickng/bibtex string.
func (p BibTeXPart) BibString() bibtex.BibString {
	if p.Macro != "" {
		return &bibtex.BibVar{Key: p.Macro, Value: bibtex.BibConst(p.Text)}
	}
	return bibtex.BibConst(p.Text)
}

// monthMacros are the macros BibTeX's standard styles predefine.
var monthMacros = map[string]string{
	"jan": "January", "feb": "February", "mar": "March", "apr": "April",
	"may": "May", "jun": "June", "jul": "July", "aug": "August",
	"sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

// A BibTeXReader reads the items of a BibTeX or BibLaTeX file one at a
// time, with memory bounded by the size of one item. It is the low-level
// API under [NewBibTeXDecoder]; see the package documentation of the BibTeX
// format ([NewBibTeXDecoder]) for the syntax it accepts.
//
// Set the exported fields before the first call to Next.
type BibTeXReader struct {
	// MaxValue is the largest value in bytes, after macro expansion; a larger
	// value is reported with ErrTooLarge and its entry skipped. 0 means
	// DefaultBibTeXMaxValue.
	MaxValue int
	// MaxDepth is the deepest brace nesting allowed in a value. 0 means
	// DefaultBibTeXMaxDepth.
	MaxDepth int

	s          scanner
	macros     map[string]string
	macroBytes int
	err        error      // sticky read error
	cur        BibTeXItem // the entry read last by next, without key and fields

	// The item being read: its key and values are gathered in text, and
	// its fields and their parts in fields and parts, then copied out in
	// one string and two exact slices (see finish).
	text             []byte
	fields           []fieldScratch
	parts            []partScratch
	keyStart, keyEnd int    // the entry's key in text, or -1
	seen             uint64 // fieldBit of the names in fields

	// Blocks that record cuts records and bounds from.
	recs   []bibRecord
	bounds []int
}

// fieldScratch is a field of the item being read.
type fieldScratch struct {
	name          string
	line, col     int
	part0, nparts int // its parts: parts[part0 : part0+nparts]
	start, end    int // its value in text when it has several parts
}

// partScratch is a part of a value of the item being read: a macro's
// expansion, or text[start:end].
type partScratch struct {
	macro      string
	text       string // a macro's expansion
	start, end int
}

// NewBibTeXReader returns a reader of r. A UTF-8 byte order mark is skipped
// and UTF-16 input transcoded.
func NewBibTeXReader(r io.Reader) *BibTeXReader {
	br := &BibTeXReader{macros: make(map[string]string)}
	br.s.init(textio.NewReader(r))
	return br
}

// Macro returns the expansion of a macro defined so far (or predefined: the
// twelve months).
func (r *BibTeXReader) Macro(name string) (string, bool) {
	name = strings.ToLower(name)
	if v, ok := r.macros[name]; ok {
		return v, true
	}
	v, ok := monthMacros[name]
	return v, ok
}

func (r *BibTeXReader) maxValue() int {
	if r.MaxValue > 0 {
		return r.MaxValue
	}
	return DefaultBibTeXMaxValue
}

func (r *BibTeXReader) maxDepth() int {
	if r.MaxDepth > 0 {
		return r.MaxDepth
	}
	return DefaultBibTeXMaxDepth
}

// Next returns the next item. At the end of the input it returns (nil,
// io.EOF). A syntax error gives (nil, err) with a *ParseError, and reading
// resumes at the next "@" that begins a line. An item read despite problems
// (an undefined macro, a duplicate field) comes with a *ParseError
// describing them. Any error of the underlying reader ends reading.
func (r *BibTeXReader) Next() (*BibTeXItem, error) {
	it, err := r.next()
	if it == &r.cur {
		e := new(BibTeXItem)
		*e = r.cur
		r.finish(e)
		it = e
	}
	return it, err
}

// next is Next, but returns an entry as &r.cur with its key and fields
// still in the scratch (see finish and record).
func (r *BibTeXReader) next() (*BibTeXItem, error) {
	if r.err != nil {
		return nil, r.err
	}
	for {
		if !r.s.skipTo('@') {
			r.err = r.s.failure()
			return nil, r.err
		}
		line, col := r.s.line, r.s.col()
		if r.s.commentedLine() {
			// "%@article{...": a commented-out entry, as biber reads it.
			r.s.advance()
			continue
		}
		r.s.advance() // '@'
		it, problems, err := r.item(line, col)
		if r.s.readErr != nil && r.s.readErr != io.EOF {
			// The input failed, not the entry.
			r.err = r.s.readErr
			return nil, r.err
		}
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				if pe.Line == 0 {
					pe.Line, pe.Column = line, col
				}
				r.s.recover()
				if r.s.readErr != nil && r.s.readErr != io.EOF {
					r.err = r.s.readErr
				}
				return nil, pe
			}
			r.err = err
			return nil, err
		}
		if it == nil {
			continue // "@" in free text, or an @comment without delimiters
		}
		if len(problems) > 0 {
			return it, combine(problems)
		}
		return it, nil
	}
}

// combine folds the problems of one item into one ParseError: the first,
// with the messages of the others appended.
func combine(ps []*ParseError) *ParseError {
	if len(ps) == 1 {
		return ps[0]
	}
	first := *ps[0]
	errs := []error{first.Err}
	for _, p := range ps[1:] {
		errs = append(errs, fmt.Errorf("line %d, field %s: %w", p.Line, p.Field, p.Err))
	}
	first.Err = joinErrors(errs)
	return &first
}

// joinedErrors is errors.Join with the messages on one line.
type joinedErrors []error

func (j joinedErrors) Error() string {
	parts := make([]string, len(j))
	for i, e := range j {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

func (j joinedErrors) Unwrap() []error { return j }

func joinErrors(errs []error) error { return joinedErrors(errs) }

func (r *BibTeXReader) syntax(format string, args ...any) *ParseError {
	return &ParseError{Format: "bibtex", Line: r.s.line, Column: r.s.col(),
		Err: fmt.Errorf(format+": %w", append(args, ErrSyntax)...)}
}

// item reads one item after its "@".
func (r *BibTeXReader) item(line, col int) (*BibTeXItem, []*ParseError, error) {
	s := &r.s
	s.skipSpace()
	typ := s.ident()
	if typ == "" {
		// An "@" that begins nothing: free text, as in BibTeX.
		return nil, nil, nil
	}
	s.skipSpace()
	c, ok := s.peek()
	if typ == "comment" {
		if !ok || c != '{' && c != '(' {
			return nil, nil, nil // "@comment" alone comments out nothing more
		}
		s.advance()
		text, err := r.comment(c)
		if err != nil {
			return nil, nil, err
		}
		return &BibTeXItem{Kind: BibTeXComment, Type: typ, Text: text, Line: line, Column: col}, nil, nil
	}
	if !ok || c != '{' && c != '(' {
		if !isTypeName(typ) {
			// "knuth@example.org" in free text: not an entry.
			return nil, nil, nil
		}
		if !ok {
			return nil, nil, r.syntax("unexpected end of input after @%s", typ)
		}
		return nil, nil, r.syntax("expected { or ( after @%s, found %q", typ, c)
	}
	s.advance()
	closer := byte('}')
	if c == '(' {
		closer = ')'
	}
	var it *BibTeXItem
	if typ == "preamble" || typ == "string" {
		it = &BibTeXItem{Type: typ, Line: line, Column: col}
	} else {
		// An entry is read into r.cur and the scratch.
		r.cur = BibTeXItem{Type: typ, Line: line, Column: col}
		it = &r.cur
	}
	r.reset()
	var problems []*ParseError
	switch typ {
	case "preamble":
		it.Kind = BibTeXPreamble
		it.Key = "@preamble"
		s.skipSpace()
		ps, err := r.value(closer, "preamble", s.line, s.col(), it)
		if err != nil {
			return nil, nil, r.withKey(err, it)
		}
		problems = ps
		if err := r.expectClose(closer); err != nil {
			return nil, nil, r.withKey(err, it)
		}
		it.Key = ""
		r.finish(it)
		return it, problems, nil
	case "string":
		it.Kind = BibTeXString
		it.Key = "@string"
		s.skipSpace()
		fl, fc := s.line, s.col()
		name := s.ident()
		if name == "" {
			return nil, nil, r.withKey(r.syntax("expected a macro name in @string"), it)
		}
		s.skipSpace()
		if c, ok := s.peek(); !ok || c != '=' {
			return nil, nil, r.withKey(r.syntax("expected = after @string name %q", name), it)
		}
		s.advance()
		s.skipSpace()
		ps, err := r.value(closer, name, fl, fc, it)
		if err != nil {
			return nil, nil, r.withKey(err, it)
		}
		problems = ps
		if err := r.expectClose(closer); err != nil {
			return nil, nil, r.withKey(err, it)
		}
		it.Key = name
		r.finish(it)
		f := &it.Fields[0]
		if r.macroBytes+len(f.Value) > bibMaxMacroBytes {
			return nil, nil, &ParseError{Format: "bibtex", Line: fl, Column: fc, Record: "@string", Field: name,
				Err: fmt.Errorf("@string values exceed %d bytes together: %w", bibMaxMacroBytes, ErrTooLarge)}
		}
		r.macroBytes += len(f.Value)
		r.macros[name] = f.Value
		return it, problems, nil
	}
	it.Kind = BibTeXEntry
	s.skipSpace()
	kl, kc := s.line, s.col()
	// The key is kept in text; r.recordKey makes it a string for errors.
	r.keyStart = len(r.text)
	r.text = s.key(r.text, closer)
	r.keyEnd = len(r.text)
	s.skipSpace()
	pendingName := ""
	if c, ok := s.peek(); ok && c == '=' && isFieldNameBytes(r.text[r.keyStart:r.keyEnd]) {
		// "@article{author = ...": an entry without a key (BibTeX rejects
		// it; Zotero and biber read it). Report it and read on.
		pendingName = internIdent(r.text[r.keyStart:r.keyEnd])
		problems = append(problems, &ParseError{Format: "bibtex", Line: kl, Column: kc,
			Err: fmt.Errorf("entry has no citation key: %w", ErrMissingField)})
		r.text = r.text[:r.keyStart]
		r.keyStart, r.keyEnd = -1, -1
	} else if err := r.skipFieldSpace(); err != nil {
		return nil, nil, r.withKey(err, it)
	} else if c, ok := s.peek(); ok && c != ',' && c != closer {
		return nil, nil, r.withKey(r.syntax("expected , after the key %q, found %q", r.recordKey(it), c), it)
	}
	for {
		var c byte
		if pendingName == "" {
			if err := r.skipFieldSpace(); err != nil {
				return nil, nil, r.withKey(err, it)
			}
			var ok bool
			c, ok = s.peek()
			if !ok {
				return nil, nil, r.withKey(r.syntax("unexpected end of input in entry"), it)
			}
			if c == closer {
				s.advance()
				return it, problems, nil
			}
			if c == ',' {
				s.advance()
				continue
			}
		}
		fl, fc := s.line, s.col()
		var name string
		if pendingName != "" {
			name, fl, fc, pendingName = pendingName, kl, kc, ""
		} else {
			name = s.ident()
		}
		if name == "" {
			return nil, nil, r.withKey(r.syntax("expected a field name, found %q", c), it)
		}
		if name[0] >= '0' && name[0] <= '9' {
			pe := &ParseError{Format: "bibtex", Line: fl, Column: fc,
				Err: fmt.Errorf("field name %q begins with a digit: %w", name, ErrSyntax)}
			return nil, nil, r.withKey(pe, it)
		}
		s.skipSpace()
		if c, ok := s.peek(); !ok || c != '=' {
			pe := r.syntax("expected = after field name %q", name)
			pe.Field = name
			return nil, nil, r.withKey(pe, it)
		}
		s.advance()
		s.skipSpace()
		dup := false
		if bit := fieldBit(name); r.seen&bit == 0 {
			r.seen |= bit
		} else {
			for i := range r.fields {
				if r.fields[i].name == name {
					dup = true
					break
				}
			}
		}
		textLen, partsLen := len(r.text), len(r.parts)
		ps, err := r.value(closer, name, fl, fc, it)
		if err != nil {
			return nil, nil, r.withKey(err, it)
		}
		problems = append(problems, ps...)
		if dup {
			problems = append(problems, &ParseError{Format: "bibtex", Line: fl, Column: fc, Record: r.recordKey(it), Field: name,
				Err: fmt.Errorf("duplicate field %s ignored (the first is kept, as in BibTeX): %w", name, ErrInvalidValue)})
			r.text, r.parts, r.fields = r.text[:textLen], r.parts[:partsLen], r.fields[:len(r.fields)-1]
		}
		if err := r.skipFieldSpace(); err != nil {
			return nil, nil, r.withKey(err, it)
		}
		c, ok := s.peek()
		if ok && c != ',' && c != closer {
			// A value must be followed by a comma or the end of the entry.
			pe := r.syntax("expected , or %c after the value of %s, found %q", closer, name, c)
			pe.Field = name
			return nil, nil, r.withKey(pe, it)
		}
	}
}

// reset empties the scratch of the item being read.
func (r *BibTeXReader) reset() {
	if cap(r.text) > 1<<20 {
		r.text = nil // a huge value is not kept for the rest of the file
	}
	r.text = r.text[:0]
	r.fields = r.fields[:0]
	r.parts = r.parts[:0]
	r.keyStart, r.keyEnd = -1, -1
	r.seen = 0
}

// recordKey returns the key of the item being read, for errors.
func (r *BibTeXReader) recordKey(it *BibTeXItem) string {
	if r.keyStart >= 0 {
		return string(r.text[r.keyStart:r.keyEnd])
	}
	return it.Key
}

// A bibRecord is an entry as the decoder keeps it: its key, lower-case
// key, field names and values in one string, and where each begins in a
// table without pointers, so that the entries the decoder retains for
// crossref look-ups cost the garbage collector little.
type bibRecord struct {
	typ, key  string
	lkey      string // key in lower case, for look-ups
	line, col int
	text      string
	bounds    []int    // 4 per field: name start and end, value start and end
	ext       []string // values that are a macro's expansion: value start -1, value end the index
	readErr   error    // problems reported by the reader
	parents   bool     // it has a crossref or xdata field
	dupAfter  bool     // a later retained entry may have its key (BibTeXDecoder.index)
}

// record returns the entry read last by next as a bibRecord.
func (r *BibTeXReader) record() *bibRecord {
	// Records and their bounds are cut from blocks shared by a few dozen
	// entries: fewer, larger allocations. (A block lives while one of its
	// records does; the decoder keeps a bounded number.)
	if len(r.recs) == 0 {
		r.recs = make([]bibRecord, 32)
	}
	rec := &r.recs[0]
	r.recs = r.recs[1:]
	*rec = bibRecord{typ: r.cur.Type, line: r.cur.Line, col: r.cur.Column}
	lkey := len(r.text)
	if r.keyStart >= 0 {
		for _, c := range r.text[r.keyStart:r.keyEnd] {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			r.text = append(r.text, c)
		}
	}
	names := len(r.text)
	for i := range r.fields {
		switch n := r.fields[i].name; n {
		case "crossref", "xdata":
			rec.parents = true
			fallthrough
		default:
			r.text = append(r.text, n...)
		}
	}
	all := string(r.text)
	if r.keyStart >= 0 {
		rec.key = all[r.keyStart:r.keyEnd]
		rec.lkey = all[lkey:names]
		if rec.lkey == rec.key {
			rec.lkey = rec.key
		}
	}
	rec.text = all
	n := 4 * len(r.fields)
	if n > len(r.bounds) {
		r.bounds = make([]int, max(n, 1024))
	}
	bounds := r.bounds[:n:n]
	r.bounds = r.bounds[n:]
	for i := range r.fields {
		f := &r.fields[i]
		b := bounds[4*i : 4*i+4]
		b[0], b[1] = names, names+len(f.name)
		names += len(f.name)
		switch p := r.parts[f.part0]; {
		case f.nparts > 1:
			b[2], b[3] = f.start, f.end
		case p.macro != "":
			b[2], b[3] = -1, len(rec.ext)
			rec.ext = append(rec.ext, p.text)
		default:
			b[2], b[3] = p.start, p.end
		}
	}
	rec.bounds = bounds
	return rec
}

// detached returns a copy of rec that shares no block with other records.
func (rec *bibRecord) detached() *bibRecord {
	c := *rec
	c.bounds = append([]int(nil), rec.bounds...)
	return &c
}

// nfields returns the number of fields of rec.
func (rec *bibRecord) nfields() int { return len(rec.bounds) / 4 }

// field returns the name and value of field i.
func (rec *bibRecord) field(i int) (name, value string) {
	b := rec.bounds[4*i : 4*i+4]
	name = rec.text[b[0]:b[1]]
	if b[2] < 0 {
		return name, rec.ext[b[3]]
	}
	return name, rec.text[b[2]:b[3]]
}

// Field returns the value of the field named name and whether rec has it.
func (rec *bibRecord) Field(name string) (string, bool) {
	for i := 0; i < rec.nfields(); i++ {
		if n, v := rec.field(i); n == name {
			return v, true
		}
	}
	return "", false
}

// appendFields appends the names and values of the fields of rec to dst.
func (rec *bibRecord) appendFields(dst []BibTeXField) []BibTeXField {
	for i := 0; i < rec.nfields(); i++ {
		n, v := rec.field(i)
		dst = append(dst, BibTeXField{Name: n, Value: v})
	}
	return dst
}

// finish sets the key and the fields of it from the scratch: one string
// holds all their texts, one array all fields and one all parts.
func (r *BibTeXReader) finish(it *BibTeXItem) {
	all := string(r.text)
	if r.keyStart >= 0 {
		it.Key = all[r.keyStart:r.keyEnd]
	}
	fields := make([]BibTeXField, len(r.fields))
	var parts []BibTeXPart
	if len(r.parts) > 0 {
		parts = make([]BibTeXPart, len(r.parts))
	}
	for i, p := range r.parts {
		if p.macro != "" {
			parts[i] = BibTeXPart{Text: p.text, Macro: p.macro}
		} else {
			parts[i].Text = all[p.start:p.end]
		}
	}
	for i := range r.fields {
		sf := &r.fields[i]
		f := &fields[i]
		f.Name, f.Line, f.Column = sf.name, sf.line, sf.col
		f.Parts = parts[sf.part0 : sf.part0+sf.nparts : sf.part0+sf.nparts]
		if sf.nparts == 1 {
			f.Value = f.Parts[0].Text
		} else {
			f.Value = all[sf.start:sf.end]
		}
	}
	it.Fields = fields
}

func (r *BibTeXReader) withKey(err error, it *BibTeXItem) error {
	var pe *ParseError
	if errors.As(err, &pe) && pe.Record == "" {
		pe.Record = r.recordKey(it)
	}
	return err
}

// skipFieldSpace skips white space and, where a field name is expected,
// "%" comment lines (as biber does).
func (r *BibTeXReader) skipFieldSpace() error {
	for {
		r.s.skipSpace()
		if r.s.pos < r.s.end && r.s.buf[r.s.pos] != '%' {
			return nil
		}
		c, ok := r.s.peek()
		if !ok || c != '%' {
			return r.s.fatal()
		}
		r.s.skipLine()
	}
}

func (r *BibTeXReader) expectClose(closer byte) error {
	r.s.skipSpace()
	c, ok := r.s.peek()
	if !ok {
		return r.syntax("unexpected end of input, expected %c", closer)
	}
	if c != closer {
		return r.syntax("expected %c, found %q", closer, c)
	}
	r.s.advance()
	return nil
}

// value reads "part # part ..." into the scratch, as the last field.
func (r *BibTeXReader) value(closer byte, field string, line, col int, it *BibTeXItem) ([]*ParseError, error) {
	var problems []*ParseError
	size := 0
	maxValue := r.maxValue()
	part0 := len(r.parts)
	for {
		c, ok := r.s.peek()
		if !ok {
			return nil, r.fieldErr(r.syntax("unexpected end of input in the value of %s", field), field)
		}
		var part partScratch
		switch {
		case c == '{' || c == '"':
			r.s.advance()
			part.start = len(r.text)
			var err error
			r.text, err = r.s.delimited(r.text, c, maxValue, r.maxDepth())
			if err != nil {
				return nil, r.fieldErr(err, field)
			}
			part.end = len(r.text)
		case c >= '0' && c <= '9':
			part.start = len(r.text)
			r.text = r.s.digits(r.text)
			part.end = len(r.text)
		default:
			pl, pc := r.s.line, r.s.col()
			name := r.s.ident()
			if name == "" {
				if c == closer || c == ',' {
					return nil, r.fieldErr(r.syntax("missing value for %s", field), field)
				}
				return nil, r.fieldErr(r.syntax("unexpected %q in the value of %s", c, field), field)
			}
			part.macro = name
			if v, ok := r.Macro(name); ok {
				part.text = v
			} else {
				problems = append(problems, &ParseError{Format: "bibtex", Line: pl, Column: pc, Record: r.recordKey(it), Field: field,
					Err: fmt.Errorf("undefined macro %q (taken as empty, as BibTeX does): %w", name, ErrInvalidValue)})
			}
		}
		n := len(part.text)
		if part.macro == "" {
			n = part.end - part.start
		}
		if size += n; size > maxValue {
			return nil, r.fieldErr(&ParseError{Format: "bibtex", Line: line, Column: col,
				Err: fmt.Errorf("value of %s exceeds %d bytes: %w", field, maxValue, ErrTooLarge)}, field)
		}
		r.parts = append(r.parts, part)
		r.s.skipSpace()
		if c, ok := r.s.peek(); ok && c == '#' {
			r.s.advance()
			r.s.skipSpace()
			continue
		}
		break
	}
	f := fieldScratch{name: field, line: line, col: col, part0: part0, nparts: len(r.parts) - part0}
	if f.nparts > 1 {
		// The joined value follows the texts of the parts.
		f.start = len(r.text)
		for _, p := range r.parts[part0:] {
			if p.macro != "" {
				r.text = append(r.text, p.text...)
			} else {
				r.text = append(r.text, r.text[p.start:p.end]...)
			}
		}
		f.end = len(r.text)
	}
	r.fields = append(r.fields, f)
	return problems, nil
}

func (r *BibTeXReader) fieldErr(err error, field string) error {
	var pe *ParseError
	if errors.As(err, &pe) && pe.Field == "" {
		pe.Field = field
	}
	return err
}

// comment reads a balanced @comment body after its opening delimiter.
func (r *BibTeXReader) comment(open byte) (string, error) {
	closer := byte('}')
	if open == '(' {
		closer = ')'
	}
	var b []byte
	level := 0
	for {
		c, ok := r.s.peek()
		if !ok {
			return "", r.syntax("unexpected end of input in @comment")
		}
		r.s.advance()
		switch {
		case c == '{':
			level++
		case c == '}' && level > 0:
			level--
		case c == closer && level == 0:
			return string(b), nil
		}
		if len(b) < bibMaxComment {
			b = append(b, c)
		}
	}
}

// isFieldNameBytes reports whether b can be a field name: identifier
// bytes, not beginning with a digit.
func isFieldNameBytes(b []byte) bool {
	if len(b) == 0 || b[0] >= '0' && b[0] <= '9' {
		return false
	}
	for _, c := range b {
		if !identByte[c] {
			return false
		}
	}
	return true
}

// isTypeName reports whether s looks like an entry type: ASCII letters and
// digits, starting with a letter.
func isTypeName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// scanner is a buffered byte scanner with line and column tracking.
type scanner struct {
	r         io.Reader
	buf       []byte
	pos, end  int
	readErr   error
	line      int
	lineStart int // offset in buf of the current line's start (may be negative)
	scratch   []byte
}

const scanBuf = 64 << 10

func (s *scanner) init(r io.Reader) {
	s.r = r
	s.buf = make([]byte, scanBuf)
	s.line = 1
}

func (s *scanner) col() int { return s.pos - s.lineStart + 1 }

// fill reads more input, keeping the unread bytes; it reports whether any
// byte is available.
func (s *scanner) fill() bool {
	if s.pos < s.end {
		return true
	}
	if s.readErr != nil {
		return false
	}
	s.lineStart -= s.pos
	s.pos, s.end = 0, 0
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf)
		s.end = n
		if err != nil {
			s.readErr = err
		}
		if n > 0 || err != nil {
			break
		}
	}
	if s.end == 0 && s.readErr == nil {
		s.readErr = io.ErrNoProgress
	}
	return s.end > 0
}

// failure returns io.EOF at the end of the input, or the read error.
func (s *scanner) failure() error {
	if s.readErr == nil {
		return io.EOF
	}
	return s.readErr
}

// fatal returns a read error other than io.EOF.
func (s *scanner) fatal() error {
	if s.readErr != nil && s.readErr != io.EOF && s.pos >= s.end {
		return s.readErr
	}
	return nil
}

func (s *scanner) peek() (byte, bool) {
	if s.pos >= s.end && !s.fill() {
		return 0, false
	}
	return s.buf[s.pos], true
}

// advance consumes the byte peeked.
func (s *scanner) advance() {
	if s.buf[s.pos] == '\n' {
		s.line++
		s.lineStart = s.pos + 1
	}
	s.pos++
}

// skipTo advances to the next byte c, reporting whether there is one.
func (s *scanner) skipTo(c byte) bool {
	for {
		if s.pos >= s.end && !s.fill() {
			return false
		}
		chunk := s.buf[s.pos:s.end]
		i := bytes.IndexByte(chunk, c)
		n := i
		if i < 0 {
			n = len(chunk)
		}
		s.countLines(chunk[:n])
		s.pos += n
		if i >= 0 {
			return true
		}
	}
}

// countLines accounts for the newlines in b, which starts at s.pos.
func (s *scanner) countLines(b []byte) {
	if n := bytes.Count(b, []byte{'\n'}); n > 0 {
		s.line += n
		s.lineStart = s.pos + bytes.LastIndexByte(b, '\n') + 1
	}
}

func (s *scanner) skipLine() {
	for {
		c, ok := s.peek()
		if !ok {
			return
		}
		s.advance()
		if c == '\n' {
			return
		}
	}
}

func (s *scanner) skipSpace() {
	if s.pos < s.end && s.buf[s.pos] > ' ' {
		return // no white space (all of it is below '!')
	}
	s.skipSpaceLoop()
}

func (s *scanner) skipSpaceLoop() {
	for {
		i := s.pos
		for i < s.end {
			c := s.buf[i]
			if !isSpaceByte(c) {
				s.pos = i
				return
			}
			i++
			if c == '\n' {
				s.line++
				s.lineStart = i
			}
		}
		s.pos = i
		if !s.fill() {
			return
		}
	}
}

// isSpaceByte reports whether c is white space: ' ', '\t', '\n', '\v',
// '\f' or '\r'.
func isSpaceByte(c byte) bool { return c == ' ' || c-'\t' <= '\r'-'\t' }

// isIdentByte reports whether c may be part of a BibTeX identifier (entry
// type, field or macro name): any printable ASCII byte but white space and
// " # % ' ( ) , = { } @ \. (Keys may hold any byte; see key.)
func isIdentByte(c byte) bool {
	switch c {
	case '"', '#', '%', '\'', '(', ')', ',', '=', '{', '}', '@', '\\':
		return false
	}
	return c > ' ' && c < 0x7f
}

// ident reads an identifier (entry type, field or macro name) and returns
// it in lower case, its first bibMaxIdent bytes.
func (s *scanner) ident() string {
	// Usually the whole identifier is in the buffer and is one of the
	// common names: no copy, no allocation.
	start := s.pos
	i := start
	for i < s.end && identByte[s.buf[i]] {
		i++
	}
	if i < s.end && i-start <= bibMaxIdent {
		s.pos = i
		return internIdent(s.buf[start:i])
	}
	s.scratch = s.scratch[:0]
	for {
		for s.pos < s.end && identByte[s.buf[s.pos]] {
			if len(s.scratch) < bibMaxIdent {
				s.scratch = append(s.scratch, s.buf[s.pos])
			}
			s.pos++
		}
		if s.pos < s.end || !s.fill() {
			break
		}
	}
	return internIdent(s.scratch)
}

// identByte tells the bytes that may be part of a BibTeX identifier; see
// isIdentByte.
var identByte = func() (t [256]bool) {
	for c := range t {
		t[c] = isIdentByte(byte(c))
	}
	return t
}()

// internIdent returns b in lower case as a string, without allocating for
// the usual entry types, field names and macros.
func internIdent(b []byte) string {
	upper := false
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			upper = true
			break
		}
	}
	if upper {
		var arr [32]byte
		lower := arr[:0]
		if len(b) > len(arr) {
			lower = make([]byte, 0, len(b))
		}
		for _, c := range b {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower = append(lower, c)
		}
		b = lower
	}
	if len(b) == 0 {
		return ""
	}
	h := identHash(b)
	for {
		v := commonIdents[h]
		if v == "" {
			break
		}
		if v == string(b) {
			return v
		}
		h = (h + 1) & (identTable - 1)
	}
	return string(b)
}

func identHash(b []byte) int {
	n := len(b)
	return int(uint(n)*131+uint(b[0])*31+uint(b[n-1])*7+uint(b[n/2])) & (identTable - 1)
}

const identTable = 512 // size of commonIdents, a power of two

// commonIdents holds the usual entry types, field names and macros, in an
// open-addressing table by identHash.
var commonIdents = func() (t [identTable]string) {
	for _, w := range strings.Fields(`article book inbook incollection inproceedings misc phdthesis
		mastersthesis techreport manual proceedings unpublished online thesis report string comment
		preamble booklet collection conference electronic periodical patent dataset software www
		author editor title journal journaltitle booktitle year month day date volume number
		issue pages publisher address location school institution organization series edition note
		doi url urldate issn isbn pmid pmcid eprint eprinttype archiveprefix keywords abstract file
		language langid type howpublished chapter crossref xdata subtitle titleaddon shorttitle
		journalsubtitle booksubtitle booktitleaddon maintitle eventtitle venue eventdate origdate
		pubstate pagetotal numpages volumes translator bookauthor entrysubtype shortjournal annote
		annotation eid ids primaryclass eprintclass addendum timestamp owner bibsource biburl
		mendeley-tags keyword copyright
		jan feb mar apr may jun jul aug sep oct nov dec`) {
		b := []byte(w)
		h := identHash(b)
		for t[h] != "" {
			h = (h + 1) & (identTable - 1)
		}
		t[h] = w
	}
	return t
}()

// key appends a citation key to dst: every byte up to white space, a comma
// or the entry's closing delimiter, its first bibMaxIdent bytes.
func (s *scanner) key(dst []byte, closer byte) []byte {
	n := 0
	for {
		if s.pos >= s.end && !s.fill() {
			return dst
		}
		i := s.pos
		for i < s.end {
			c := s.buf[i]
			if c == ',' || c == closer || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
				break
			}
			i++
		}
		if k := min(i-s.pos, bibMaxIdent-n); k > 0 {
			dst = append(dst, s.buf[s.pos:s.pos+k]...)
			n += k
		}
		s.pos = i
		if i < s.end {
			return dst
		}
	}
}

// digits appends a run of digits to dst, its first bibMaxIdent bytes.
func (s *scanner) digits(dst []byte) []byte {
	n := 0
	for {
		if s.pos >= s.end && !s.fill() {
			return dst
		}
		i := s.pos
		for i < s.end && s.buf[i] >= '0' && s.buf[i] <= '9' {
			i++
		}
		if k := min(i-s.pos, bibMaxIdent-n); k > 0 {
			dst = append(dst, s.buf[s.pos:s.pos+k]...)
			n += k
		}
		s.pos = i
		if i < s.end {
			return dst
		}
	}
}

// stopIndex returns the index in b of the first byte where delimited
// stops copying: '{', '}', a newline or, when quoted is set, '"'; len(b)
// when there is none. It tests eight bytes at a time.
func stopIndex(b []byte, quoted bool) int {
	i := 0
	if quoted {
		for ; i+8 <= len(b); i += 8 {
			x := binary.LittleEndian.Uint64(b[i:])
			if m := zeroBytes(x^('{'*lsb)) | zeroBytes(x^('}'*lsb)) | zeroBytes(x^('"'*lsb)) | zeroBytes(x^('\n'*lsb)); m != 0 {
				// The lowest flag is exact: a borrow only runs upwards
				// from a zero byte.
				return i + bits.TrailingZeros64(m)/8
			}
		}
	} else {
		for ; i+8 <= len(b); i += 8 {
			x := binary.LittleEndian.Uint64(b[i:])
			if m := zeroBytes(x^('{'*lsb)) | zeroBytes(x^('}'*lsb)) | zeroBytes(x^('\n'*lsb)); m != 0 {
				return i + bits.TrailingZeros64(m)/8
			}
		}
	}
	for ; i < len(b); i++ {
		switch b[i] {
		case '{', '}', '\n':
			return i
		case '"':
			if quoted {
				return i
			}
		}
	}
	return i
}

const lsb = 0x0101010101010101 // the lowest bit of each byte

// zeroBytes sets the high bit of the lowest zero byte of x (and maybe of
// bytes above it); it is 0 when x has no zero byte.
func zeroBytes(x uint64) uint64 { return (x - lsb) &^ x & (lsb << 7) }

// delimited reads a braced (open '{') or quoted (open '"') string after its
// opening delimiter and appends its text, without the outer delimiters,
// to dst.
func (s *scanner) delimited(dst []byte, open byte, maxLen, maxDepth int) ([]byte, error) {
	startLine, startCol := s.line, s.col()-1
	base := len(dst)
	level := 0
	if open == '{' {
		level = 1
	}
	for {
		if s.pos >= s.end && !s.fill() {
			return dst, &ParseError{Format: "bibtex", Line: startLine, Column: startCol,
				Err: fmt.Errorf("unterminated value (unbalanced braces or quotes): %w", ErrSyntax)}
		}
		chunk := s.buf[s.pos:s.end]
		i := stopIndex(chunk, open == '"')
		if i > 0 {
			// The limit applies to the text up to each run of ordinary
			// bytes; a '"' in a braced value is one of them here, but
			// counts like '{' (not checked) as it did when it ended a run.
			j := i
			for j > 0 && chunk[j-1] == '"' {
				j--
			}
			if j > 0 && len(dst)-base+j > maxLen {
				return dst, &ParseError{Format: "bibtex", Line: startLine, Column: startCol,
					Err: fmt.Errorf("value exceeds %d bytes: %w", maxLen, ErrTooLarge)}
			}
			if n := len(dst) + i; n > cap(dst) {
				// Grow by doubling, up to the limit: append's gentler
				// growth for large slices would allocate several times
				// the value's size on the way to a huge one.
				grown := make([]byte, len(dst), max(min(max(2*cap(dst), n), base+maxLen), n))
				copy(grown, dst)
				dst = grown
			}
			dst = append(dst, chunk[:i]...)
			s.pos += i
		}
		if i == len(chunk) {
			continue
		}
		c := chunk[i]
		switch c {
		case '\n':
			s.advance()
			dst = append(dst, c)
			if s.entryStartsHere() {
				return dst, &ParseError{Format: "bibtex", Line: startLine, Column: startCol,
					Err: fmt.Errorf("unterminated value: a new entry begins on line %d: %w", s.line, ErrSyntax)}
			}
			continue
		case '{':
			level++
			if level > maxDepth {
				return dst, &ParseError{Format: "bibtex", Line: s.line, Column: s.col(),
					Err: fmt.Errorf("braces nested deeper than %d: %w", maxDepth, ErrTooLarge)}
			}
		case '}':
			level--
			if level < 0 {
				// A closing brace in a quoted value at level 0: BibTeX
				// rejects it, and so do we.
				return dst, &ParseError{Format: "bibtex", Line: s.line, Column: s.col(),
					Err: fmt.Errorf("unbalanced closing brace in a quoted value: %w", ErrSyntax)}
			}
			if level == 0 && open == '{' {
				s.advance()
				return dst, nil
			}
		case '"':
			if open == '"' && level == 0 {
				s.advance()
				return dst, nil
			}
		}
		s.advance()
		dst = append(dst, c)
	}
}

// entryStartsHere reports whether the line at the current position (just
// after a newline) begins a new entry: optional blanks, "@", a name and an
// opening delimiter. An unterminated value stops there, so that one broken
// entry does not swallow the ones after it.
func (s *scanner) entryStartsHere() bool {
	// Make sure a little lookahead is buffered.
	if s.end-s.pos < 128 && s.readErr == nil {
		copy(s.buf, s.buf[s.pos:s.end])
		s.lineStart -= s.pos
		s.end -= s.pos
		s.pos = 0
		for s.end < 128 && s.readErr == nil {
			n, err := s.r.Read(s.buf[s.end:])
			s.end += n
			if err != nil {
				s.readErr = err
			}
			if n == 0 && err == nil {
				break
			}
		}
	}
	b := s.buf[s.pos:s.end]
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i >= len(b) || b[i] != '@' {
		return false
	}
	i++
	j := i
	for j < len(b) && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z') {
		j++
	}
	if j == i {
		return false
	}
	for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
		j++
	}
	return j < len(b) && (b[j] == '{' || b[j] == '(')
}

// recover skips to the next "@" that begins a line (after blanks), where
// reading resumes after a syntax error.
func (s *scanner) recover() {
	atStart := s.blankSinceLineStart()
	for {
		c, ok := s.peek()
		if !ok {
			return
		}
		if c == '@' && atStart {
			return
		}
		s.advance()
		switch c {
		case '\n':
			atStart = true
		case ' ', '\t', '\r':
		default:
			atStart = false
		}
	}
}

// commentedLine reports whether a "%" precedes the current position on its
// line.
func (s *scanner) commentedLine() bool {
	if s.lineStart < 0 || s.lineStart > s.pos {
		return false
	}
	return bytes.IndexByte(s.buf[s.lineStart:s.pos], '%') >= 0
}

// blankSinceLineStart reports whether only blanks precede the current
// position on its line (as far as the buffer still holds the line).
func (s *scanner) blankSinceLineStart() bool {
	if s.lineStart < 0 || s.lineStart > s.pos {
		return false
	}
	for _, c := range s.buf[s.lineStart:s.pos] {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}
