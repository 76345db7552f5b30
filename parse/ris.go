package parse

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/textio"
)

// Limits of the RIS decoder, used when the corresponding field of
// [RISDecoder] is zero.
const (
	DefaultRISMaxLineSize   = 1 << 20  // bytes of one line
	DefaultRISMaxRecordSize = 16 << 20 // bytes of the values of one record
)

// A RISDecoder reads RIS records (Research Information Systems tagged
// format), as written by PubMed's citation managers, Scopus, Web of Science,
// Embase, Ovid, ProQuest, EndNote, Zotero, Mendeley and others.
//
// # Spec
//
// The decoder follows the 2011 "RIS Format Specifications" and the older
// Reference Manager specification, as digested in ../shared/specs/ris.md:
// every tag and reference type of both, mapped to CSL as Zotero and
// citation-js do (see the table in the package documentation of export).
//
// # Leniency
//
// Real files bend the syntax, and the decoder accepts what they do:
//
//   - a tag line is a tag (an upper-case letter and a letter or digit), one
//     or two spaces or a tab, a hyphen, and a space, a tab or nothing before
//     the value: "TY  - JOUR", "TY - JOUR", "A1\t- Name", "ER  -";
//   - a line that is not a tag line continues the value of the tag before it
//     (indented Web of Science continuations, wrapped abstracts, the blank
//     lines of Scopus notes); continuations of KW give more keywords;
//   - a UTF-8 or UTF-16 byte order mark; LF, CRLF or CR-only line ends;
//   - banners before the first TY and between records ("Record #1 of 2",
//     "1.", "Provider: ...") are skipped;
//   - a missing ER: a new TY, or the end of the input, ends the record;
//   - a record that lacks TY (its first tag is another one) is converted
//     without a type and reported with a [*ParseError] wrapping
//     [ErrMissingField], at the line of its first tag;
//   - text outside any record that is not a banner is reported once per
//     block, and so is an input with no record at all.
//
// # Mapping
//
// TY gives the type (unknown codes give no type, and the code is kept as
// Extra "ris:TY"; so is a known code that is not the one citekit writes for
// the type, such as EBOOK). Dates: issued comes from DA when it has a year,
// else PY, else Y1; a DA without a year (EndNote "July", Web of Science
// "NOV") gives the month and day of the year in PY. A date tag whose value
// issued does not fully hold is also kept as Extra. SP and EP make the page
// range (SP alone is the number of pages of a book, report or thesis). SN
// values are ISSNs or ISBNs by whichever check digit fits, in canonical
// form; values that fit neither are kept as given. DO gives the DOI, and so
// do doi.org links and "doi=" parameters in UR and L1-L4 when DO is absent.
// "PM:nnn" in UR and "PMID:nnn" in AN give the PMID; "PMCnnn" in C2 the
// PMCID. When two tags map to one field (TI and T1, AB and N2, JO and JF,
// several UR or N1), the first fills it and the others are kept as Extra
// "ris:<TAG>". C1-C8, U1-U6, L1-L4, AD, AN and every tag that has no CSL
// variable are kept as Extra "ris:<TAG>", in input order.
//
// N1 lines of the form "label:name: value", which citekit's RIS encoder
// writes for values RIS has no tag for, are read back: "csl:<variable>"
// sets a CSL variable (names in RIS form, dates as CSL-JSON date objects),
// "extra:<label>" and any other "<format>:<label>" give Extra values.
//
// Each record is brought to citekit's normal form with
// [citation.Citation.Normalize]: text in NFC with white space folded, one
// trailing period dropped from titles (as PubMed and Ovid write them),
// identifiers in canonical form, duplicate keywords removed.
//
// # Limits
//
// A line may hold MaxLineSize bytes and a record MaxRecordSize bytes of
// values; a longer line or record is reported ([ErrTooLarge]) and skipped.
// Memory use is bounded by one record.
//
// # Concurrency
//
// A decoder serves one goroutine.
type RISDecoder struct {
	// MaxLineSize bounds one line; 0 means DefaultRISMaxLineSize.
	MaxLineSize int
	// MaxRecordSize bounds the values of one record; 0 means
	// DefaultRISMaxRecordSize.
	MaxRecordSize int

	lr       lineReader
	pending  bool // lr.line is to be read again
	err      error
	pos      [2]int
	records  int
	textLine int // first line of non-RIS text seen before any record
	fields   []risField
	valueBuf []byte
	queue    []risResult // queue[qhead:] are still to be returned
	qhead    int
}

// risResult is one result of Decode, queued.
type risResult struct {
	c    *citation.Citation
	err  error
	line int
}

// risField is one tag and its value within a record. It holds no pointer,
// so that filling the list costs no write barriers.
type risField struct {
	tagIndex   int // in allTags
	start, end int // value within valueBuf
	line       int
}

// tag returns the field's tag.
func (f *risField) tag() string { return allTags()[f.tagIndex] }

// NewRISDecoder returns a decoder reading RIS from r. A byte order mark is
// skipped and UTF-16 input transcoded.
func NewRISDecoder(r io.Reader) *RISDecoder {
	d := &RISDecoder{}
	d.lr.r = textio.NewReader(smallBuffered(r))
	return d
}

// RecordPos returns the line and column where the last record began.
func (d *RISDecoder) RecordPos() (line, column int) { return d.pos[0], d.pos[1] }

// Decode returns the next record.
func (d *RISDecoder) Decode() (*citation.Citation, error) {
	for d.qhead == len(d.queue) {
		if d.err != nil {
			return nil, d.err
		}
		d.read()
	}
	r := d.queue[d.qhead]
	d.queue[d.qhead] = risResult{}
	d.qhead++
	if d.qhead == len(d.queue) {
		// Empty: reuse the array.
		d.queue, d.qhead = d.queue[:0], 0
	}
	if r.line > 0 {
		d.pos = [2]int{r.line, 1}
	}
	return r.c, r.err
}

func (d *RISDecoder) push(c *citation.Citation, err error, line int) {
	d.queue = append(d.queue, risResult{c: c, err: err, line: line})
}

// read reads one record, or up to the end of the input, and queues what it
// found: records, problems, or the error that ends decoding.
func (d *RISDecoder) read() {
	maxLine := d.MaxLineSize
	if maxLine <= 0 {
		maxLine = DefaultRISMaxLineSize
	}
	maxRecord := d.MaxRecordSize
	if maxRecord <= 0 {
		maxRecord = DefaultRISMaxRecordSize
	}
	d.lr.max = maxLine
	d.fields = d.fields[:0]
	d.valueBuf = d.valueBuf[:0]
	var (
		inRecord   bool
		afterER    bool // the record's ER was read; tags before the next TY may trail it (Ovid's NL)
		erIndex    int  // fields before the ER
		missingTY  bool
		startLine  int
		textStart  int // first line of a block of non-RIS text outside records
		tooLarge   *ParseError
		lastField  = -1
		recordSize int
	)
	flushText := func() {
		if textStart > 0 {
			d.push(nil, d.textError(textStart), 0)
			textStart = 0
		}
	}
	for {
		var line []byte
		var err error
		if d.pending {
			line, d.pending = d.lr.line, false
		} else {
			line, err = d.lr.next()
		}
		if err == errLineTooLong {
			pe := &ParseError{Format: "ris", Line: d.lr.n, Column: 1, Err: fmt.Errorf("line longer than %d bytes: %w", maxLine, ErrTooLarge)}
			if inRecord && !afterER {
				if tooLarge == nil {
					tooLarge = pe
				}
				continue
			}
			d.push(nil, pe, 0)
			if inRecord {
				continue
			}
			return
		}
		if err != nil {
			if err != io.EOF {
				if inRecord {
					d.finish(d.fields, startLine, missingTY, tooLarge)
				}
				d.err = err
				return
			}
			if inRecord {
				d.finish(d.fields, startLine, missingTY, tooLarge)
			}
			flushText()
			if d.records == 0 && d.textLine > 0 {
				d.push(nil, &ParseError{Format: "ris", Line: d.textLine, Column: 1,
					Err: fmt.Errorf("no RIS record found (no line like \"TY  - JOUR\"): %w", ErrSyntax)}, 0)
			}
			d.err = io.EOF
			return
		}
		tag, value, isTag := splitTagLine(line)
		if !inRecord || afterER {
			if !isTag {
				switch {
				case len(bytes.TrimSpace(line)) == 0:
					lastField = -1 // a blank line ends the trailing tags' values
				case isBanner(line):
				case afterER && len(d.fields) > erIndex && lastField >= 0:
					goto continuation // a continuation of a trailing tag
				case d.records == 0:
					if d.textLine == 0 {
						d.textLine = d.lr.n
					}
				case textStart == 0:
					textStart = d.lr.n
				}
				continue
			}
			switch {
			case afterER && tag == "TY":
				d.pending = true
				d.finish(d.fields, startLine, missingTY, tooLarge)
				flushText()
				return
			case afterER && tag == "ER":
				if len(d.fields) == erIndex {
					continue // a stray ER
				}
				// The tags after the ER form a record without TY.
				d.finish(d.fields[:erIndex], startLine, missingTY, tooLarge)
				flushText()
				d.finish(d.fields[erIndex:], d.fields[erIndex].line, true, nil)
				return
			case afterER:
				// A tag trailing the record; see above.
			case tag == "ER":
				continue // a stray ER
			default:
				flushText()
				inRecord = true
				startLine = d.lr.n
				missingTY = tag != "TY"
				d.records++
			}
		} else if isTag {
			switch tag {
			case "ER":
				afterER = true
				erIndex = len(d.fields)
				lastField = -1
				continue
			case "TY":
				// A new record without an ER before it.
				d.pending = true
				d.finish(d.fields, startLine, missingTY, tooLarge)
				return
			}
		}
		if isTag {
			recordSize += len(value)
			if recordSize > maxRecord {
				if tooLarge == nil {
					tooLarge = &ParseError{Format: "ris", Line: startLine, Column: 1, Field: tag,
						Err: fmt.Errorf("record larger than %d bytes: %w", maxRecord, ErrTooLarge)}
				}
				continue
			}
			start := len(d.valueBuf)
			d.valueBuf = append(d.valueBuf, value...)
			d.fields = append(d.fields, risField{tagIndex: tagIndexOf(tag), start: start, end: len(d.valueBuf), line: d.lr.n})
			lastField = len(d.fields) - 1
			continue
		}
	continuation:
		if lastField < 0 || tooLarge != nil {
			continue
		}
		recordSize += len(line) + 1
		if recordSize > maxRecord {
			if tooLarge == nil {
				tooLarge = &ParseError{Format: "ris", Line: startLine, Column: 1, Field: d.fields[lastField].tag(),
					Err: fmt.Errorf("record larger than %d bytes: %w", maxRecord, ErrTooLarge)}
			}
			continue
		}
		f := &d.fields[lastField]
		d.valueBuf = append(d.valueBuf, '\n')
		d.valueBuf = append(d.valueBuf, bytes.TrimSpace(line)...)
		f.end = len(d.valueBuf)
	}
}

func (d *RISDecoder) textError(line int) *ParseError {
	return &ParseError{Format: "ris", Line: line, Column: 1,
		Err: fmt.Errorf("text outside a record is not RIS (skipped): %w", ErrSyntax)}
}

// finish converts the fields of a record and queues the result.
func (d *RISDecoder) finish(fields []risField, line int, missingTY bool, tooLarge *ParseError) {
	if tooLarge != nil {
		d.push(nil, tooLarge, line)
		return
	}
	c := d.convert(fields)
	if missingTY {
		d.push(c, &ParseError{Format: "ris", Line: line, Column: 1, Record: c.ID, Field: "TY",
			Err: fmt.Errorf("record does not begin with TY; converted without a type: %w", ErrMissingField)}, line)
		return
	}
	d.push(c, nil, line)
}

// isBanner reports whether a line outside records is one of the headers
// exporters write between records: "1.", "Record #1 of 2", "Provider: x",
// "Database: x", "Content: text/plain".
func isBanner(line []byte) bool {
	s := bytes.TrimSpace(line)
	if len(s) == 0 {
		return true
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && (i == len(s) || (s[i] == '.' && i+1 == len(s))) {
		return true
	}
	for _, p := range [...]string{"Record #", "Provider:", "Database:", "Content:", "Export Date:", "Source:", "Search "} {
		if bytes.HasPrefix(s, []byte(p)) {
			return true
		}
	}
	return false
}

// splitTagLine splits a tag line. It accepts one to three spaces or tabs
// between the tag and the hyphen, and a space, a tab or nothing after it.
func splitTagLine(line []byte) (tag string, value []byte, ok bool) {
	if len(line) < 4 {
		return "", nil, false
	}
	c0, c1 := line[0], line[1]
	if c0 < 'A' || c0 > 'Z' || !(c1 >= 'A' && c1 <= 'Z' || c1 >= '0' && c1 <= '9') {
		return "", nil, false
	}
	i := 2
	for i < len(line) && i < 5 && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i == 2 || i >= len(line) || line[i] != '-' {
		return "", nil, false
	}
	i++
	if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return tagString(c0, c1), line[i:], true
}

// tagString returns the two-byte tag without allocating.
func tagString(c0, c1 byte) string {
	return allTags()[tagIndexOf2(c0, c1)]
}

// tagIndexOf returns the index in allTags of a tag from splitTagLine.
func tagIndexOf(tag string) int { return tagIndexOf2(tag[0], tag[1]) }

func tagIndexOf2(c0, c1 byte) int {
	idx := func(c byte) int {
		if c >= 'A' {
			return int(c - 'A')
		}
		return 26 + int(c-'0')
	}
	return idx(c0)*36 + idx(c1)
}

var allTags = sync.OnceValue(func() []string {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	out := make([]string, 26*36)
	for i := 0; i < 26; i++ {
		for j := 0; j < 36; j++ {
			out[i*36+j] = string([]byte{letters[i], letters[j]})
		}
	}
	return out
})

// errLineTooLong reports a line over the limit; the rest of it is skipped.
var errLineTooLong = fmt.Errorf("line too long: %w", ErrTooLarge)

// A lineReader splits input into lines ending in LF, CRLF or CR.
type lineReader struct {
	r    io.Reader
	max  int
	buf  []byte
	pos  int
	eof  bool
	err  error
	n    int    // number of the line last returned
	line []byte // the line last returned
}

// next returns the next line without its end. The slice is valid until the
// following call.
func (lr *lineReader) next() ([]byte, error) {
	for {
		b := lr.buf[lr.pos:]
		k := indexEOL(b)
		if k >= 0 && !(b[k] == '\r' && k == len(b)-1 && !lr.eof) {
			adv := k + 1
			if b[k] == '\r' && k+1 < len(b) && b[k+1] == '\n' {
				adv++
			}
			lr.pos += adv
			lr.n++
			lr.line = b[:k]
			if k > lr.max {
				return nil, errLineTooLong
			}
			return lr.line, nil
		}
		if lr.eof {
			if len(b) == 0 {
				if lr.err != nil {
					return nil, lr.err
				}
				return nil, io.EOF
			}
			lr.n++
			lr.line = b
			lr.pos = len(lr.buf)
			if len(b) > lr.max {
				return nil, errLineTooLong
			}
			return lr.line, nil
		}
		if len(b) > lr.max {
			// Skip the rest of an overlong line.
			lr.skipLine()
			lr.n++
			return nil, errLineTooLong
		}
		lr.fill()
	}
}

// indexEOL returns the index of the first CR or LF in b, or -1.
func indexEOL(b []byte) int {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.IndexByte(b, '\r')
	}
	if j := bytes.IndexByte(b[:i], '\r'); j >= 0 {
		return j
	}
	return i
}

// fill reads more input, keeping buf[pos:].
func (lr *lineReader) fill() {
	n := copy(lr.buf, lr.buf[lr.pos:])
	lr.buf = lr.buf[:n]
	lr.pos = 0
	if cap(lr.buf)-n <= cap(lr.buf)/2 {
		nb := make([]byte, n, 2*cap(lr.buf)+8<<10)
		copy(nb, lr.buf)
		lr.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		m, err := lr.r.Read(lr.buf[n:cap(lr.buf)])
		lr.buf = lr.buf[:n+m]
		if err != nil {
			lr.eof = true
			if err != io.EOF {
				lr.err = err
			}
			return
		}
		if m > 0 {
			return
		}
	}
	lr.eof = true
	lr.err = io.ErrNoProgress
}

// skipLine discards input up to and including the next line end.
func (lr *lineReader) skipLine() {
	for {
		b := lr.buf[lr.pos:]
		if k := indexEOL(b); k >= 0 {
			lr.pos += k + 1
			if b[k] == '\r' && k+1 < len(b) && b[k+1] == '\n' {
				lr.pos++
			}
			return
		}
		lr.pos = len(lr.buf)
		if lr.eof {
			return
		}
		lr.fill()
	}
}

// SniffRIS reports whether prefix looks like RIS: a "TY  - " line among its
// first lines, or at least three tag lines and no MEDLINE "PMID- " line.
func SniffRIS(prefix []byte) bool {
	tags := 0
	for len(prefix) > 0 {
		k := indexEOL(prefix)
		line := prefix
		if k >= 0 {
			line, prefix = prefix[:k], prefix[k+1:]
		} else {
			prefix = nil
		}
		if bytes.HasPrefix(line, []byte("PMID-")) {
			return false
		}
		if tag, _, ok := splitTagLine(line); ok {
			if tag == "TY" {
				return true
			}
			tags++
		}
	}
	return tags >= 3
}
