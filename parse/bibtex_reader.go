package parse

import (
	"errors"
	"fmt"
	"io"
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

	readErr error // problems reported by the reader, for the decoder
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
	parts      []BibTeXPart // backing array of the fields' parts
	err        error        // sticky read error
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
	typ := strings.ToLower(s.ident())
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
	it := &BibTeXItem{Type: typ, Line: line, Column: col, Fields: make([]BibTeXField, 0, 16)}
	r.parts = make([]BibTeXPart, 0, 16)
	var problems []*ParseError
	switch typ {
	case "preamble":
		it.Kind = BibTeXPreamble
		it.Key = "@preamble"
		s.skipSpace()
		f, ps, err := r.value(closer, "preamble", s.line, s.col(), it)
		if err != nil {
			return nil, nil, r.withKey(err, it)
		}
		problems = ps
		it.Fields = []BibTeXField{f}
		if err := r.expectClose(closer); err != nil {
			return nil, nil, r.withKey(err, it)
		}
		it.Key = ""
		return it, problems, nil
	case "string":
		it.Kind = BibTeXString
		it.Key = "@string"
		s.skipSpace()
		fl, fc := s.line, s.col()
		name := strings.ToLower(s.ident())
		if name == "" {
			return nil, nil, r.withKey(r.syntax("expected a macro name in @string"), it)
		}
		s.skipSpace()
		if c, ok := s.peek(); !ok || c != '=' {
			return nil, nil, r.withKey(r.syntax("expected = after @string name %q", name), it)
		}
		s.advance()
		s.skipSpace()
		f, ps, err := r.value(closer, name, fl, fc, it)
		if err != nil {
			return nil, nil, r.withKey(err, it)
		}
		f.Name = name
		problems = ps
		it.Fields = []BibTeXField{f}
		if err := r.expectClose(closer); err != nil {
			return nil, nil, r.withKey(err, it)
		}
		it.Key = name
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
	it.Key = s.key(closer)
	s.skipSpace()
	pendingName := ""
	if c, ok := s.peek(); ok && c == '=' && isFieldName(it.Key) {
		// "@article{author = ...": an entry without a key (BibTeX rejects
		// it; Zotero and biber read it). Report it and read on.
		pendingName = strings.ToLower(it.Key)
		problems = append(problems, &ParseError{Format: "bibtex", Line: kl, Column: kc,
			Err: fmt.Errorf("entry has no citation key: %w", ErrMissingField)})
		it.Key = ""
	} else if err := r.skipFieldSpace(); err != nil {
		return nil, nil, r.withKey(err, it)
	} else if c, ok := s.peek(); ok && c != ',' && c != closer {
		return nil, nil, r.withKey(r.syntax("expected , after the key %q, found %q", it.Key, c), it)
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
			name = strings.ToLower(s.ident())
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
		f, ps, err := r.value(closer, name, fl, fc, it)
		if err != nil {
			return nil, nil, r.withKey(err, it)
		}
		problems = append(problems, ps...)
		dup := false
		for i := range it.Fields {
			if it.Fields[i].Name == name {
				dup = true
				break
			}
		}
		if dup {
			problems = append(problems, &ParseError{Format: "bibtex", Line: fl, Column: fc, Record: it.Key, Field: name,
				Err: fmt.Errorf("duplicate field %s ignored (the first is kept, as in BibTeX): %w", name, ErrInvalidValue)})
		} else {
			it.Fields = append(it.Fields, f)
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

func (r *BibTeXReader) withKey(err error, it *BibTeXItem) error {
	var pe *ParseError
	if errors.As(err, &pe) && pe.Record == "" {
		pe.Record = it.Key
	}
	return err
}

// skipFieldSpace skips white space and, where a field name is expected,
// "%" comment lines (as biber does).
func (r *BibTeXReader) skipFieldSpace() error {
	for {
		r.s.skipSpace()
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

// value reads "part # part ...".
func (r *BibTeXReader) value(closer byte, field string, line, col int, it *BibTeXItem) (BibTeXField, []*ParseError, error) {
	f := BibTeXField{Name: field, Line: line, Column: col}
	var problems []*ParseError
	var val []byte
	size := 0
	start, nparts := len(r.parts), 0
	for {
		c, ok := r.s.peek()
		if !ok {
			return f, nil, r.fieldErr(r.syntax("unexpected end of input in the value of %s", field), field)
		}
		var part BibTeXPart
		switch {
		case c == '{' || c == '"':
			r.s.advance()
			text, err := r.s.delimited(c, r.maxValue(), r.maxDepth())
			if err != nil {
				return f, nil, r.fieldErr(err, field)
			}
			part.Text = text
		case c >= '0' && c <= '9':
			part.Text = r.s.digits()
		default:
			pl, pc := r.s.line, r.s.col()
			name := strings.ToLower(r.s.ident())
			if name == "" {
				if c == closer || c == ',' {
					return f, nil, r.fieldErr(r.syntax("missing value for %s", field), field)
				}
				return f, nil, r.fieldErr(r.syntax("unexpected %q in the value of %s", c, field), field)
			}
			part.Macro = name
			if v, ok := r.Macro(name); ok {
				part.Text = v
			} else {
				problems = append(problems, &ParseError{Format: "bibtex", Line: pl, Column: pc, Record: it.Key, Field: field,
					Err: fmt.Errorf("undefined macro %q (taken as empty, as BibTeX does): %w", name, ErrInvalidValue)})
			}
		}
		if size += len(part.Text); size > r.maxValue() {
			return f, nil, r.fieldErr(&ParseError{Format: "bibtex", Line: line, Column: col,
				Err: fmt.Errorf("value of %s exceeds %d bytes: %w", field, r.maxValue(), ErrTooLarge)}, field)
		}
		if nparts == 1 {
			val = append(val, r.parts[start].Text...)
		}
		if nparts > 0 {
			val = append(val, part.Text...)
		}
		// The parts of all fields of an item share one array.
		r.parts = append(r.parts, part)
		nparts++
		r.s.skipSpace()
		if c, ok := r.s.peek(); ok && c == '#' {
			r.s.advance()
			r.s.skipSpace()
			continue
		}
		break
	}
	f.Parts = r.parts[start : start+nparts : start+nparts]
	if nparts == 1 {
		f.Value = f.Parts[0].Text
	} else {
		f.Value = string(val)
	}
	return f, problems, nil
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

// isFieldName reports whether s can be a field name: identifier bytes,
// not beginning with a digit.
func isFieldName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
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
		i := indexByte(chunk, c)
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

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// countLines accounts for the newlines in b, which starts at s.pos.
func (s *scanner) countLines(b []byte) {
	for i, x := range b {
		if x == '\n' {
			s.line++
			s.lineStart = s.pos + i + 1
		}
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
	for {
		c, ok := s.peek()
		if !ok {
			return
		}
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			s.advance()
		default:
			return
		}
	}
}

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

func (s *scanner) ident() string {
	s.scratch = s.scratch[:0]
	for {
		c, ok := s.peek()
		if !ok || !isIdentByte(c) {
			break
		}
		s.advance()
		if len(s.scratch) < bibMaxIdent {
			s.scratch = append(s.scratch, c)
		}
	}
	if v, ok := commonIdents[string(s.scratch)]; ok {
		return v // no allocation for the usual names
	}
	return string(s.scratch)
}

// commonIdents holds the usual entry types, field names and macros.
var commonIdents = func() map[string]string {
	m := map[string]string{}
	for _, w := range strings.Fields(`article book inbook incollection inproceedings misc phdthesis
		mastersthesis techreport manual proceedings unpublished online thesis report string comment
		preamble author editor title journal journaltitle booktitle year month day date volume number
		issue pages publisher address location school institution organization series edition note
		doi url urldate issn isbn pmid pmcid eprint eprinttype archiveprefix keywords abstract file
		language langid type howpublished chapter crossref
		jan feb mar apr may jun jul aug sep oct nov dec`) {
		m[w] = w
	}
	return m
}()

// key reads a citation key: every byte up to white space, a comma or the
// entry's closing delimiter.
func (s *scanner) key(closer byte) string {
	s.scratch = s.scratch[:0]
	for {
		c, ok := s.peek()
		if !ok {
			break
		}
		if c == ',' || c == closer || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			break
		}
		s.advance()
		if len(s.scratch) < bibMaxIdent {
			s.scratch = append(s.scratch, c)
		}
	}
	return string(s.scratch)
}

func (s *scanner) digits() string {
	s.scratch = s.scratch[:0]
	for {
		c, ok := s.peek()
		if !ok || c < '0' || c > '9' {
			break
		}
		s.advance()
		if len(s.scratch) < bibMaxIdent {
			s.scratch = append(s.scratch, c)
		}
	}
	return string(s.scratch)
}

// delimited reads a braced (open '{') or quoted (open '"') string after its
// opening delimiter and returns its text without the outer delimiters.
func (s *scanner) delimited(open byte, maxLen, maxDepth int) (string, error) {
	startLine, startCol := s.line, s.col()-1
	if cap(s.scratch) > 1<<20 {
		s.scratch = nil // a huge value is not kept for the rest of the file
	}
	s.scratch = s.scratch[:0]
	level := 0
	if open == '{' {
		level = 1
	}
	for {
		if s.pos >= s.end && !s.fill() {
			return "", &ParseError{Format: "bibtex", Line: startLine, Column: startCol,
				Err: fmt.Errorf("unterminated value (unbalanced braces or quotes): %w", ErrSyntax)}
		}
		chunk := s.buf[s.pos:s.end]
		i := 0
	scan:
		for ; i < len(chunk); i++ {
			switch chunk[i] {
			case '{', '}', '"', '\n':
				break scan
			}
		}
		if i > 0 {
			if len(s.scratch)+i > maxLen {
				return "", &ParseError{Format: "bibtex", Line: startLine, Column: startCol,
					Err: fmt.Errorf("value exceeds %d bytes: %w", maxLen, ErrTooLarge)}
			}
			if n := len(s.scratch) + i; n > cap(s.scratch) {
				// Grow by doubling, up to the limit: append's gentler
				// growth for large slices would allocate several times
				// the value's size on the way to a huge one.
				grown := make([]byte, len(s.scratch), min(max(2*cap(s.scratch), n), maxLen))
				copy(grown, s.scratch)
				s.scratch = grown
			}
			s.scratch = append(s.scratch, chunk[:i]...)
			s.pos += i
		}
		if i == len(chunk) {
			continue
		}
		c := chunk[i]
		switch c {
		case '\n':
			s.advance()
			s.scratch = append(s.scratch, c)
			if s.entryStartsHere() {
				return "", &ParseError{Format: "bibtex", Line: startLine, Column: startCol,
					Err: fmt.Errorf("unterminated value: a new entry begins on line %d: %w", s.line, ErrSyntax)}
			}
			continue
		case '{':
			level++
			if level > maxDepth {
				return "", &ParseError{Format: "bibtex", Line: s.line, Column: s.col(),
					Err: fmt.Errorf("braces nested deeper than %d: %w", maxDepth, ErrTooLarge)}
			}
		case '}':
			level--
			if level < 0 {
				// A closing brace in a quoted value at level 0: BibTeX
				// rejects it, and so do we.
				return "", &ParseError{Format: "bibtex", Line: s.line, Column: s.col(),
					Err: fmt.Errorf("unbalanced closing brace in a quoted value: %w", ErrSyntax)}
			}
			if level == 0 && open == '{' {
				s.advance()
				return string(s.scratch), nil
			}
		case '"':
			if open == '"' && level == 0 {
				s.advance()
				return string(s.scratch), nil
			}
		}
		s.advance()
		s.scratch = append(s.scratch, c)
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
	return indexByte(s.buf[s.lineStart:s.pos], '%') >= 0
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
