package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonStream walks a JSON API response and yields its records one at a time
// without holding the whole response: Crossref's {"message": {"items": [...]}}
// and DataCite's {"data": [...]}. A record is a JSON object, returned as its
// members. The value of envKey ("message", "data") is the payload: an object
// holding the list under listKey ("items"), an array of records, or a single
// record; a top-level array is a list of records; a top-level object without
// envKey is a single record. Several JSON values in a row (NDJSON) are read in
// turn.
type jsonStream struct {
	format          string
	envKey, listKey string
	maxItem         int64

	src   *jsonSource
	dec   *json.Decoder
	stack []jsonFrame
	err   error

	// Members of the top-level object other than the payload, such as
	// Crossref's "status".
	top map[string]json.RawMessage

	// pending holds records of a payload that was decoded whole.
	pending []json.RawMessage
	pendPos [2]int
}

type jsonFrameKind int

const (
	frameTop  jsonFrameKind = iota // a top-level object
	frameEnv                       // the payload object
	frameList                      // an array of records
)

type jsonFrame struct {
	kind      jsonFrameKind
	line, col int // where the object began
	m         map[string]json.RawMessage
	sawEnv    bool // frameTop: the payload was seen
	sawList   bool // frameEnv: the list was seen
}

// errJSONBudget stops a record that is too large.
var errJSONBudget = errors.New("json record too large")

// jsonSource counts the bytes and lines read, so that positions can be
// reported, and stops at a byte budget.
type jsonSource struct {
	r      io.Reader
	off    int64   // bytes read
	nl     []int64 // offsets of newlines not yet passed
	lines  int     // newlines before nl[0]
	lastNL int64   // offset of the last newline before nl[0], or -1
	limit  int64
	budget bool
}

func (s *jsonSource) Read(p []byte) (int, error) {
	if s.budget && s.off >= s.limit {
		return 0, errJSONBudget
	}
	if s.budget && int64(len(p)) > s.limit-s.off {
		p = p[:s.limit-s.off]
	}
	n, err := s.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		s.nl = append(s.nl, s.off+int64(i+j))
		i += j + 1
	}
	s.off += int64(n)
	return n, err
}

// pos returns the 1-based line and column of byte offset o, forgetting the
// newlines before it (offsets are asked for in increasing order).
func (s *jsonSource) pos(o int64) (line, col int) {
	k := 0
	for k < len(s.nl) && s.nl[k] < o {
		k++
	}
	if k > 0 {
		s.lastNL = s.nl[k-1]
		s.lines += k
		s.nl = s.nl[:copy(s.nl, s.nl[k:])]
	}
	if o <= s.lastNL {
		// An earlier offset than one asked for before: its line is gone.
		return s.lines + 1, 1
	}
	return s.lines + 1, int(o - s.lastNL)
}

func newJSONStream(r io.Reader, format, envKey, listKey string) *jsonStream {
	src := &jsonSource{r: r, lastNL: -1}
	d := json.NewDecoder(src)
	d.UseNumber()
	return &jsonStream{format: format, envKey: envKey, listKey: listKey, src: src, dec: d}
}

// next returns the members of the next record and the position where it
// began, or io.EOF. A record whose JSON is not an object gives a
// *ParseError; a syntax error ends the stream.
func (s *jsonStream) next() (rec map[string]json.RawMessage, line, col int, err error) {
	if s.err != nil {
		return nil, 0, 0, s.err
	}
	for {
		if len(s.pending) > 0 {
			raw := s.pending[0]
			s.pending = s.pending[1:]
			m, err := objectMembers(raw)
			if err != nil {
				return nil, s.pendPos[0], s.pendPos[1], &ParseError{Format: s.format, Line: s.pendPos[0], Column: s.pendPos[1], Err: err}
			}
			return m, s.pendPos[0], s.pendPos[1], nil
		}
		if len(s.stack) == 0 {
			if !s.dec.More() {
				// At the end, or a stray closing delimiter.
				_, err := s.dec.Token()
				switch {
				case err == io.EOF:
					s.err = io.EOF
					return nil, 0, 0, io.EOF
				case err != nil:
					return nil, 0, 0, s.fail(err)
				}
				return nil, 0, 0, s.fail(fmt.Errorf("unexpected delimiter: %w", ErrSyntax))
			}
			line, col = s.posNow()
			tok, err := s.dec.Token()
			if err != nil {
				return nil, line, col, s.fail(err)
			}
			switch tok {
			case json.Delim('{'):
				s.top = make(map[string]json.RawMessage)
				s.stack = append(s.stack, jsonFrame{kind: frameTop, m: s.top, line: line, col: col})
			case json.Delim('['):
				s.stack = append(s.stack, jsonFrame{kind: frameList})
			default:
				return nil, line, col, &ParseError{Format: s.format, Line: line, Column: col,
					Err: fmt.Errorf("JSON value %v is not an object or array: %w", tok, ErrSyntax)}
			}
			continue
		}
		f := &s.stack[len(s.stack)-1]
		if f.kind == frameList {
			if !s.dec.More() {
				if _, err := s.dec.Token(); err != nil { // ']'
					return nil, 0, 0, s.fail(err)
				}
				s.stack = s.stack[:len(s.stack)-1]
				continue
			}
			line, col = s.posNow()
			s.startBudget()
			var raw json.RawMessage
			err := s.dec.Decode(&raw)
			s.src.budget = false
			if err != nil {
				return nil, line, col, s.fail(err)
			}
			m, err := objectMembers(raw)
			if err != nil {
				return nil, line, col, &ParseError{Format: s.format, Line: line, Column: col, Err: err}
			}
			return m, line, col, nil
		}
		// An object: read its next member.
		if !s.dec.More() {
			if _, err := s.dec.Token(); err != nil { // '}'
				return nil, 0, 0, s.fail(err)
			}
			s.stack = s.stack[:len(s.stack)-1]
			switch {
			case f.kind == frameTop && !f.sawEnv, f.kind == frameEnv && !f.sawList:
				return f.m, f.line, f.col, nil
			}
			continue
		}
		tok, err := s.dec.Token()
		if err != nil {
			return nil, 0, 0, s.fail(err)
		}
		key, _ := tok.(string)
		switch {
		case f.kind == frameTop && key == s.envKey && !f.sawEnv:
			f.sawEnv = true
			line, col = s.posNow()
			if s.peekObjectOrArray() {
				tok, err := s.dec.Token()
				if err != nil {
					return nil, line, col, s.fail(err)
				}
				if tok == json.Delim('{') {
					s.stack = append(s.stack, jsonFrame{kind: frameEnv, m: make(map[string]json.RawMessage), line: line, col: col})
				} else {
					s.stack = append(s.stack, jsonFrame{kind: frameList})
				}
				continue
			}
			// The value could not be peeked at: decode it whole.
			var raw json.RawMessage
			if err := s.dec.Decode(&raw); err != nil {
				return nil, line, col, s.fail(err)
			}
			s.pendPos = [2]int{line, col}
			s.pending = splitPayload(raw, s.listKey)
			continue
		case f.kind == frameEnv && key == s.listKey && s.listKey != "":
			if s.peekObjectOrArray() && s.peekByte() == '[' {
				f.sawList = true
				if _, err := s.dec.Token(); err != nil {
					return nil, 0, 0, s.fail(err)
				}
				s.stack = append(s.stack, jsonFrame{kind: frameList})
				continue
			}
		}
		s.startBudget()
		var raw json.RawMessage
		err = s.dec.Decode(&raw)
		s.src.budget = false
		if err != nil {
			return nil, 0, 0, s.fail(err)
		}
		f.m[key] = raw
	}
}

func (s *jsonStream) startBudget() {
	if s.maxItem > 0 {
		s.src.limit = s.src.off + s.maxItem
		s.src.budget = true
	}
}

// posNow returns the position of the next token.
func (s *jsonStream) posNow() (int, int) {
	o := s.dec.InputOffset()
	rest := s.dec.Buffered()
	var b [1]byte
	for {
		n, _ := rest.Read(b[:])
		if n == 0 || (b[0] != ' ' && b[0] != '\t' && b[0] != '\n' && b[0] != '\r' && b[0] != ',' && b[0] != ':') {
			break
		}
		o++
	}
	return s.src.pos(o)
}

// peekByte returns the next byte of the input that is not white space or a
// separator, from the decoder's buffer.
func (s *jsonStream) peekByte() byte {
	rest := s.dec.Buffered()
	var b [1]byte
	for {
		n, _ := rest.Read(b[:])
		if n == 0 {
			return 0
		}
		if b[0] != ' ' && b[0] != '\t' && b[0] != '\n' && b[0] != '\r' && b[0] != ',' && b[0] != ':' {
			return b[0]
		}
	}
}

// peekObjectOrArray reports whether the next value starts an object or an
// array. The decoder's buffer holds it unless the value starts exactly at a
// buffer boundary; then the value is decoded as a whole (not streamed).
func (s *jsonStream) peekObjectOrArray() bool {
	c := s.peekByte()
	return c == '{' || c == '['
}

// fail turns a decoding error into a *ParseError (or returns the reader's
// error) and ends the stream: JSON gives no way to resynchronize.
func (s *jsonStream) fail(err error) error {
	line, col := s.src.pos(s.dec.InputOffset())
	pe := &ParseError{Format: s.format, Line: line, Column: col}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, errJSONBudget):
		pe.Err = fmt.Errorf("record larger than %d bytes: %w", s.maxItem, ErrTooLarge)
	case errors.As(err, &se):
		line, col = s.src.pos(se.Offset)
		pe.Line, pe.Column = line, col
		pe.Err = fmt.Errorf("%v: %w", se, ErrSyntax)
	case errors.As(err, &te):
		pe.Err = fmt.Errorf("%v: %w", te, ErrSyntax)
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		pe.Err = fmt.Errorf("unexpected end of JSON input: %w", ErrSyntax)
	case errors.Is(err, ErrSyntax):
		pe.Err = err
	default:
		s.err = err
		return err
	}
	s.err = io.EOF
	return pe
}

// objectMembers splits a JSON object into its members.
func objectMembers(raw json.RawMessage) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, fmt.Errorf("record is not a JSON object: %w", ErrSyntax)
	}
	return m, nil
}

// splitPayload returns the records of a payload decoded whole: the elements
// of an array, the elements of the list member of an object, or the object.
func splitPayload(raw json.RawMessage, listKey string) []json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var list []json.RawMessage
	if raw[0] == '[' {
		if json.Unmarshal(raw, &list) == nil {
			return list
		}
		return nil
	}
	if raw[0] == '{' && listKey != "" {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) == nil {
			if items, ok := m[listKey]; ok && json.Unmarshal(items, &list) == nil {
				return list
			}
		}
	}
	return []json.RawMessage{raw}
}
