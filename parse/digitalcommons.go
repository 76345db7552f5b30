package parse

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/pagemeta"
	"github.com/citekit/citekit/internal/textio"
)

// MaxDigitalCommonsRecord is the largest Digital Commons record, in bytes,
// that a [DigitalCommonsDecoder] reads; a longer record is reported with an
// error wrapping [ErrTooLarge] and skipped.
const MaxDigitalCommonsRecord = 4 << 20

// A DigitalCommonsDecoder reads bepress Digital Commons record pages
// rendered as plain text (copied from a browser, or saved as text):
//
//	The Neuromuscular Junction: A Shared Vulnerability in Aging and Disease.
//
//	Document Type
//
//	Article
//
//	Publication Date
//
//	11-12-2025
//	…
//
// # Layout
//
// The first block of lines is the title. Then come label/value blocks
// separated by blank lines: a label on a line of its own, then its value,
// which may span lines and paragraphs. A known label may also share its line
// with its value ("Publication Date: 11-12-2025"). No published specification
// exists; the labels are those Digital Commons shows (web-metadata.md §5) and
// the ones institutions configure, matched without regard to case or a final
// colon:
//
//   - Author, Authors, Author(s), Creator(s): one person a line,
//     "Given Family" or "Family, Given", an affiliation after a comma
//     ("Robert W. Burgess, The Jackson Laboratory") going to
//     Name.Affiliations; a line with ";" holds several "Family, Given" names.
//   - Editor(s) likewise.
//   - Document Type: the item type (Article → article-journal, Book Chapter →
//     chapter, Thesis and Dissertation → thesis, Conference Proceeding →
//     paper-conference, Presentation and Poster → speech, Report, Data Set →
//     dataset, …); a known type that the item type does not fully say
//     ("Poster", "Doctoral Dissertation", "Editorial") is also kept as the
//     genre. Unknown types give article-journal when the record names a
//     journal and document otherwise, and the raw value is kept as Extra
//     "digitalcommons:Document Type".
//   - Publication Date (also Date, Date of this Version, Publication Year):
//     numeric dates in [DigitalCommonsDecoder.DateOrder], and "2019",
//     "Spring 2019", "March 2019", "Nov 12, 2025", ISO dates.
//   - Keywords (Subjects): split on commas and semicolons.
//   - a journal source line, labelled JAX Source, Source Publication,
//     Journal Title, Publication Title, Journal, Source, Published In,
//     Publication, Citation Source: read with [citation.ParseNLMSource] when
//     it is an NLM line (journal abbreviation to container-title-short,
//     volume, issue, pages, date when there is no Publication Date, DOI,
//     Epub date to available-date, supplement and part to the CSL
//     supplement-number and part-number); other text is the container title.
//   - Volume, Issue, First Page, Last Page, Pages, ISSN, ISBN, PMID, PMCID,
//     DOI (a resolver URL is reduced to the DOI), Abstract (Description),
//     Comments (the note), Rights (the license), Publisher, Language, Place of
//     Publication, Series, Book Title, Conference Name, Degree Name (genre),
//     Number of Pages, Edition, URL.
//   - Disciplines, Recommended Citation, Grant, Department, Advisor and every
//     unknown label: kept as Extra "digitalcommons:<Label as written>".
//   - Page furniture is ignored with its value: Share, COinS, Download(s),
//     Included in, PlumX Metrics, Follow; so is a breadcrumb trail
//     ("Home > Faculty Research > 2025") before the title.
//
// An unknown label is recognized after a value when it is one short line
// (at most 6 words and 60 bytes) that starts with a capital letter, holds no
// sentence punctuation and is followed by a value. The values of Abstract,
// Comments, Recommended Citation, Rights and Description are prose: only
// known labels end them, so a paragraph heading inside an abstract stays in
// it.
//
// # Records
//
// One input holds one record, or several separated by form feeds (U+000C),
// the page separator of text dumps. A part between form feeds that holds
// only white space is skipped. A record needs at least one known label;
// otherwise it is reported with an error wrapping [ErrSyntax]. A record
// converted despite a problem (no title: [ErrMissingField]; a date, DOI or
// ISSN that cannot be read: [ErrInvalidValue] or [ErrSyntax], the value then
// kept as a literal date or an Extra field) comes back with one error that
// names the first problem's line and field and joins the others.
//
// # Text
//
// A UTF-8 byte order mark and UTF-16 input are handled; CRLF and CR line
// ends are read as LF. Values are normalized with [citation.NormalizeText],
// the title with [citation.NormalizeTitle], and the paragraphs of an abstract
// are joined with one space.
//
// # Limits and concurrency
//
// A record over [MaxDigitalCommonsRecord] bytes is reported and skipped.
// A decoder serves one goroutine.
type DigitalCommonsDecoder struct {
	// DateOrder is the field order of numeric publication dates. The zero
	// value, citation.OrderUnspecified, means citation.OrderMDY, the order
	// Digital Commons shows. Set it before the first call to Decode.
	DateOrder citation.DateOrder

	r        *bufio.Reader // nil while src is read
	in       io.Reader     // the input, until the first Decode
	src      string        // the rest of an input read whole (see dcReadWhole)
	line     int           // lines consumed before the next record
	recLine  int
	recCol   int
	err      error
	recIndex int

	// scratch of parseRecord for records too large for its arrays on the
	// stack, kept for the next record; nothing returned refers to it
	blocks  []dcBlock
	lines   []string
	entries []dcEntry
}

// dcReadWhole is the largest input held in memory (a bytes.Reader,
// strings.Reader or bytes.Buffer) that a DigitalCommonsDecoder copies in
// one piece; its records are then cut from that copy instead of being read
// through a buffer and copied one by one.
const dcReadWhole = 64 << 10

// NewDigitalCommonsDecoder returns a decoder that reads Digital Commons
// record pages as text from r.
func NewDigitalCommonsDecoder(r io.Reader) *DigitalCommonsDecoder {
	return &DigitalCommonsDecoder{in: r, line: 1}
}

// start sets up the reading of d.in: a small page held in memory is copied
// whole to d.src, other input is read through a buffer.
func (d *DigitalCommonsDecoder) start() {
	d.src, d.r = openPage(d.in, dcReadWhole)
	d.in = nil
}

// openPage sets up the reading of a page from r: a page held in memory of
// at most limit bytes is copied whole and returned as src, without its
// UTF-8 byte order mark; other input, and UTF-16 text (which textio
// transcodes), is read through the buffered reader br.
func openPage(r io.Reader, limit int) (src string, br *bufio.Reader) {
	if s, ok := readWhole(r, limit); ok {
		switch {
		case strings.HasPrefix(s, "\xef\xbb\xbf"):
			return s[3:], nil
		case !strings.HasPrefix(s, "\xff\xfe") && !strings.HasPrefix(s, "\xfe\xff"):
			return s, nil
		}
		r = strings.NewReader(s)
	}
	return "", smallBufReader(r)
}

// readWhole returns the rest of r when r is a bytes.Reader, strings.Reader
// or bytes.Buffer holding at most limit bytes: copied into one string,
// which the caller's records then share.
func readWhole(r io.Reader, limit int) (string, bool) {
	var n int
	switch r := r.(type) {
	case *bytes.Reader:
		n = r.Len()
	case *strings.Reader:
		n = r.Len()
	case *bytes.Buffer:
		n = r.Len()
	default:
		return "", false
	}
	if n > limit {
		return "", false
	}
	var b strings.Builder
	b.Grow(n)
	// these readers' WriteTo fail only when the writer does, and a
	// Builder does not
	_, _ = r.(io.WriterTo).WriteTo(&b)
	return b.String(), true
}

// smallBufReader returns a buffered reader of r's text (see
// textio.NewReader) with a 2 KiB buffer: pages are small, and ReadSlice
// callers accumulate longer lines.
func smallBufReader(r io.Reader) *bufio.Reader {
	size := 2048
	if l, ok := r.(interface{ Len() int }); ok && l.Len() < size {
		// A page held in memory (bytes.Reader, strings.Reader,
		// bytes.Buffer): no bigger buffer than the page.
		size = max(l.Len()+1, 64)
	}
	t := textio.NewReader(bufio.NewReaderSize(r, size))
	if br, ok := t.(*bufio.Reader); ok {
		return br
	}
	return bufio.NewReaderSize(t, 2048)
}

// RecordPos returns the line and column at which the last record began.
func (d *DigitalCommonsDecoder) RecordPos() (line, column int) { return d.recLine, d.recCol }

// Decode returns the next record.
func (d *DigitalCommonsDecoder) Decode() (*citation.Citation, error) {
	if d.in != nil {
		d.start()
	}
	for {
		if d.err != nil {
			return nil, d.err
		}
		var rec string
		var tooLarge bool
		var err error
		if d.r == nil {
			rec, err = d.nextInSrc()
		} else {
			var b []byte
			b, tooLarge, err = d.readRecord()
			if err != nil && err != io.EOF {
				d.err = err
				return nil, err
			}
			rec = string(b)
		}
		start := d.line
		d.line += countLinesString(rec)
		if tooLarge {
			d.recLine, d.recCol = start, 1
			d.recIndex++
			if err == io.EOF {
				d.err = io.EOF
			}
			return nil, &ParseError{Format: "digitalcommons", Line: start, Column: 1,
				Err: fmt.Errorf("record over %d bytes: %w", MaxDigitalCommonsRecord, ErrTooLarge)}
		}
		if err == io.EOF {
			d.err = io.EOF
		}
		if len(strings.TrimSpace(rec)) == 0 {
			continue
		}
		d.recIndex++
		c, perr := d.parseRecord(rec, start)
		return c, perr
	}
}

// nextInSrc cuts the next record from d.src as readRecord reads it: up to
// and including the next form feed, io.EOF with the last part.
func (d *DigitalCommonsDecoder) nextInSrc() (string, error) {
	i := strings.IndexByte(d.src, '\f')
	if i < 0 {
		rec := d.src
		d.src = ""
		return rec, io.EOF
	}
	rec := d.src[:i+1]
	d.src = d.src[i+1:]
	return rec, nil
}

// readRecord reads up to and including the next form feed. tooLarge reports
// that the record was over the limit; its bytes were then discarded except
// for line ends, so that positions stay right.
func (d *DigitalCommonsDecoder) readRecord() (rec []byte, tooLarge bool, err error) {
	var buf []byte
	for {
		chunk, err := d.r.ReadSlice('\f')
		if buf == nil && err != bufio.ErrBufferFull {
			// the whole record is in the reader's buffer; the caller
			// copies it before the next read
			return chunk, false, err
		}
		if !tooLarge {
			buf = append(buf, chunk...)
			if len(buf) > MaxDigitalCommonsRecord {
				tooLarge = true
				buf = bytes.Repeat([]byte{'\n'}, countLines(buf))
			}
		} else {
			buf = append(buf, bytes.Repeat([]byte{'\n'}, countLines(chunk))...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return buf, tooLarge, err
		}
		return buf, tooLarge, nil
	}
}

// countLines counts line ends: LF, CRLF and lone CR.
func countLines(b []byte) int {
	n := bytes.Count(b, []byte{'\n'})
	if bytes.IndexByte(b, '\r') >= 0 {
		for i, c := range b {
			if c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
				n++
			}
		}
	}
	return n
}

// countLinesString is countLines for a string.
func countLinesString(s string) int {
	n := strings.Count(s, "\n")
	if strings.IndexByte(s, '\r') >= 0 {
		for i := 0; i < len(s); i++ {
			if s[i] == '\r' && (i+1 == len(s) || s[i+1] != '\n') {
				n++
			}
		}
	}
	return n
}

// A dcBlock is a run of non-blank lines, lines[lo:lo+n] of the record's
// lines. It holds no pointers, so that the blocks of a small record live on
// parseRecord's stack.
type dcBlock struct {
	line  int32 // the line of its first line, counted from the record's first
	lo, n int32 // its lines
	field dcField
	known bool // the first line is a known label alone, of field field
}

// splitBlocks splits a record's text into blocks of non-blank lines,
// appended to blocks, their lines (trimmed) to lines.
func splitBlocks(blocks []dcBlock, lines []string, s string) ([]dcBlock, []string) {
	var line int32
	s = strings.TrimSuffix(s, "\f") // the record's end; there is no other
	cr := strings.IndexByte(s, '\r') >= 0
	all := lines[:0]
	blocks = blocks[:0]
	open := false
	end := func() {
		if open {
			b := &blocks[len(blocks)-1]
			b.field, b.known = knownLabel(all[b.lo])
		}
		open = false
	}
	plain := !cr && strings.IndexByte(s, '\f') < 0
	for len(s) > 0 {
		var i int
		if plain {
			i = strings.IndexByte(s, '\n')
		} else {
			i = lineEnd(s)
		}
		var l string
		if i < 0 {
			l, s = s, ""
		} else {
			l = s[:i]
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			s = s[i+1:]
		}
		t := l
		if n := len(l); n > 0 && (l[0] <= ' ' || l[0] >= utf8.RuneSelf || l[n-1] <= ' ' || l[n-1] >= utf8.RuneSelf) {
			t = strings.TrimSpace(l) // see trimSpace
		}
		if t == "" {
			end()
		} else {
			if open && strings.IndexByte(t, ':') > 0 {
				if _, _, _, ok := labelOnLine(t); ok {
					end() // "Label: value" starts a block
				}
			}
			if !open {
				blocks = append(blocks, dcBlock{line: line, lo: int32(len(all))})
				open = true
			}
			all = append(all, t)
			blocks[len(blocks)-1].n++
		}
		if i >= 0 {
			line++
		}
	}
	end()
	return blocks, all
}

// lineEnd returns the index of the first CR, LF or form feed in s, or -1.
func lineEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\n' || c == '\r' || c == '\f' {
			return i
		}
	}
	return -1
}

// dcField says what a known label holds.
type dcField uint8

const (
	dcExtra dcField = iota // kept as Extra under its own label
	dcFurniture
	dcTitle
	dcAuthors
	dcEditors
	dcType
	dcDate
	dcKeywords
	dcSource
	dcVolume
	dcIssue
	dcFirstPage
	dcLastPage
	dcPages
	dcISSN
	dcISBN
	dcPMID
	dcPMCID
	dcDOI
	dcAbstract
	dcNote
	dcLicense
	dcPublisher
	dcLanguage
	dcPlace
	dcSeries
	dcBookTitle
	dcEvent
	dcGenre
	dcNumPages
	dcEdition
	dcURL
)

// dcLabel returns the field of a known label, given in lower case without
// a final colon.
func dcLabel(l string) (dcField, bool) {
	switch l {
	case "title":
		return dcTitle, true
	case "author", "authors", "author(s)", "creator", "creators", "creator(s)", "contributor(s)":
		return dcAuthors, true
	case "editor", "editors", "editor(s)":
		return dcEditors, true
	case "document type", "type", "publication type":
		return dcType, true
	case "publication date", "date", "date of this version", "publication year", "year", "date published":
		return dcDate, true
	case "keywords", "keyword", "subjects", "author keywords":
		return dcKeywords, true
	case "jax source", "source publication", "journal title", "publication title", "journal", "source",
		"published in", "publication", "citation source", "journal/book title", "journal/book/conference title",
		"source title", "journal name":
		return dcSource, true
	case "volume", "volume number":
		return dcVolume, true
	case "issue", "issue number", "number":
		return dcIssue, true
	case "first page", "first page number", "start page":
		return dcFirstPage, true
	case "last page", "last page number", "end page":
		return dcLastPage, true
	case "pages", "page numbers", "page range":
		return dcPages, true
	case "issn", "eissn", "e-issn":
		return dcISSN, true
	case "isbn":
		return dcISBN, true
	case "pmid", "pubmed id":
		return dcPMID, true
	case "pmcid":
		return dcPMCID, true
	case "doi", "digital object identifier (doi)":
		return dcDOI, true
	case "abstract", "description":
		return dcAbstract, true
	case "comments", "notes", "comment":
		return dcNote, true
	case "rights", "copyright", "creative commons license", "license":
		return dcLicense, true
	case "publisher":
		return dcPublisher, true
	case "language":
		return dcLanguage, true
	case "place of publication":
		return dcPlace, true
	case "series", "series title":
		return dcSeries, true
	case "book title", "title of book":
		return dcBookTitle, true
	case "conference name", "conference", "event":
		return dcEvent, true
	case "degree name":
		return dcGenre, true
	case "number of pages":
		return dcNumPages, true
	case "edition":
		return dcEdition, true
	case "url", "link", "publisher's link":
		return dcURL, true
	case "disciplines", "recommended citation", "grant", "grant number", "funding", "department", "advisor",
		"advisors", "first advisor", "second advisor", "third advisor", "orcid":
		return dcExtra, true
	case "included in", "share", "coins", "download", "downloads", "plumx metrics", "follow", "metrics":
		return dcFurniture, true
	}
	return 0, false
}

// dcProse lists the fields whose values only a known label ends.
func dcProse(f dcField, label string) bool {
	switch f {
	case dcAbstract, dcNote, dcLicense:
		return true
	}
	return f == dcExtra && strings.EqualFold(label, "Recommended Citation")
}

// dcMaxLabel is the length of the longest label dcLabel knows
// ("digital object identifier (doi)"); TestDCLabelLengths checks it.
const dcMaxLabel = 31

// knownLabel returns the field of a known label line.
func knownLabel(l string) (dcField, bool) {
	l = trimSpace(strings.TrimSuffix(l, ":"))
	if len(l) > dcMaxLabel || l == "" {
		return 0, false
	}
	// lower case on the stack; a byte that no label has ends the search
	var buf [dcMaxLabel]byte
	for i := 0; i < len(l); i++ {
		c := dcLabelBytes[l[i]]
		if c == 0 {
			return 0, false
		}
		buf[i] = c
	}
	f, ok := dcLabel(string(buf[:len(l)]))
	return f, ok
}

// dcLabelBytes maps the bytes that labels are written with (ASCII letters,
// space and ( ) / - ') to lower case, and other bytes to 0.
var dcLabelBytes = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	for _, c := range " ()/-'" {
		t[c] = byte(c)
	}
	return t
}()

// trimSpace is strings.TrimSpace, quicker for text that needs no
// trimming: one that starts and ends with ASCII other than white space (a
// byte below 0x80 is a character of its own in UTF-8).
func trimSpace(s string) string {
	if n := len(s); n > 0 && s[0] > ' ' && s[0] < utf8.RuneSelf && s[n-1] > ' ' && s[n-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}

// looksLikeLabel reports whether l may be an unknown label.
func looksLikeLabel(l string) bool {
	if len(l) > 60 || l == "" {
		return false
	}
	c := l[0]
	if c < 'A' || c > 'Z' {
		return false
	}
	if hasSentencePunct(l) {
		return false
	}
	if strings.HasSuffix(l, ":") {
		l = l[:len(l)-1]
	}
	if strings.Contains(l, ":") {
		return false
	}
	return fieldsUpTo(l, 7) <= 6
}

// hasSentencePunct is strings.ContainsAny(s, ".,;!?\"“”"). The bytes of “
// and ” (E2 80 9C, E2 80 9D) are those runes wherever they are: E2 is not
// a continuation byte, so decoding starts at it.
func hasSentencePunct(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', ',', ';', '!', '?', '"':
			return true
		case 0xE2:
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x9C || s[i+2] == 0x9D) {
				return true
			}
		}
	}
	return false
}

// fieldsUpTo returns len(strings.Fields(s)), or max once it is reached.
func fieldsUpTo(s string, max int) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			in = false
		} else if !in {
			in = true
			if n++; n == max {
				return n
			}
		}
	}
	return n
}

// labelOnLine splits "Label: value" lines of known labels.
func labelOnLine(l string) (label, value string, f dcField, ok bool) {
	i := strings.IndexByte(l, ':')
	if i <= 0 || i > 40 {
		return "", "", 0, false
	}
	f, ok = knownLabel(l[:i])
	if !ok {
		return "", "", 0, false
	}
	v := trimSpace(l[i+1:])
	if v == "" {
		return "", "", 0, false
	}
	return trimSpace(l[:i]), v, f, true
}

// dcEntry is one label with its value blocks, blocks[lo:hi].
type dcEntry struct {
	label  string
	line   int32 // counted from the record's first line
	lo, hi int32
	field  dcField
	known  bool
}

// Sizes of parseRecord's arrays on the stack, enough for most records. A
// record of more than dcScratchLines lines uses the decoder's scratch
// instead; a record with more non-blank lines, blocks or entries than the
// arrays hold has them grown on the heap.
const (
	dcStackLines   = 64
	dcStackBlocks  = 48
	dcStackEntries = 32
	dcScratchLines = 128
)

func (d *DigitalCommonsDecoder) parseRecord(s string, line int) (*citation.Citation, error) {
	var lineArr [dcStackLines]string
	var blockArr [dcStackBlocks]dcBlock
	var entryArr [dcStackEntries]dcEntry
	lines, blocks, entries := lineArr[:0], blockArr[:0], entryArr[:0]
	// at most this many lines, so at most this many blocks and entries
	if n := strings.Count(s, "\n") + strings.Count(s, "\r") + 1; n > dcScratchLines {
		if cap(d.lines) < n {
			d.lines = make([]string, 0, n)
			d.blocks = make([]dcBlock, 0, n)
			d.entries = make([]dcEntry, 0, n)
		}
		lines, blocks, entries = d.lines[:0], d.blocks[:0], d.entries[:0]
		defer func() {
			// the record's text is not kept alive
			clear(d.lines[:cap(d.lines)])
			clear(d.entries[:cap(d.entries)])
		}()
	}
	blocks, lines = splitBlocks(blocks, lines, s)
	if len(blocks) == 0 {
		return nil, nil
	}
	d.recLine, d.recCol = line+int(blocks[0].line), 1
	perr := func(line int, field string, err error) *ParseError {
		return &ParseError{Format: "digitalcommons", Line: line, Column: 1, Field: field, Err: err}
	}
	// A breadcrumb trail ("Home > Faculty Research > 2025") before the
	// title is page furniture.
	if len(blocks) > 1 && blocks[0].n == 1 && strings.Count(lines[0], " > ") >= 1 &&
		strings.HasPrefix(strings.ToLower(lines[0]), "home >") {
		blocks = blocks[1:]
		d.recLine = line + int(blocks[0].line)
	}
	firstLine := line + int(blocks[0].line)
	// The title: the blocks before the first label, blocks[:titleEnd],
	// unless the record starts with a label line.
	titleEnd := 0
	i := 0
	if !blocks[0].known || blocks[0].n > 1 {
		titleEnd, i = 1, 1
	}
	// An entry's value is a run of blocks, blocks[lo:i+1] once block i is
	// taken: a label's block is cut down to its value when they share it.
	for ; i < len(blocks); i++ {
		b := blocks[i]
		first := lines[b.lo]
		var e dcEntry
		if b.known {
			e = dcEntry{label: trimSpace(strings.TrimSuffix(first, ":")), field: b.field, known: true, line: b.line}
			if b.n > 1 {
				// label and value in one block, without a blank line
				blocks[i] = dcBlock{lo: b.lo + 1, n: b.n - 1, line: b.line + 1}
				e.lo, e.hi = int32(i), int32(i+1)
			}
		} else if lab, v, f, ok := labelOnLine(first); ok {
			e = dcEntry{label: lab, field: f, known: true, line: b.line}
			lines[b.lo] = v // the lines are this record's: nothing else reads it
			blocks[i] = dcBlock{lo: b.lo, n: b.n, line: b.line}
			e.lo, e.hi = int32(i), int32(i+1)
		} else if len(entries) == 0 && !(b.n == 1 && looksLikeLabel(first)) {
			// text before any label: more title lines
			titleEnd = i + 1
			continue
		} else if len(entries) == 0 || (b.n == 1 && looksLikeLabel(first) && i+1 < len(blocks) &&
			!dcProse(entries[len(entries)-1].field, entries[len(entries)-1].label) &&
			entries[len(entries)-1].hi > entries[len(entries)-1].lo) {
			e = dcEntry{label: strings.TrimSuffix(first, ":"), field: dcExtra, line: b.line}
		} else {
			// a further paragraph of the current value, which ends
			// before block i when it has one
			last := &entries[len(entries)-1]
			if last.hi == last.lo {
				last.lo = int32(i)
			}
			last.hi = int32(i + 1)
			continue
		}
		// A label's first value block follows it, whatever it looks like,
		// unless it is a known label (an empty value).
		if e.hi == e.lo && i+1 < len(blocks) {
			if nb := blocks[i+1]; !nb.known || nb.n > 1 {
				i++
				e.lo, e.hi = int32(i), int32(i+1)
			}
		}
		entries = append(entries, e)
	}
	known := 0
	for _, e := range entries {
		if e.known && e.field != dcFurniture {
			known++
		}
	}
	if known == 0 {
		return nil, perr(firstLine, "", fmt.Errorf("no Digital Commons label (Document Type, Publication Date, Authors, ...) found: %w", ErrSyntax))
	}

	c := &citation.Citation{}
	var errs []*ParseError
	if titleEnd > 0 {
		c.Title = citation.NormalizeTitle(dcJoin(lines, blocks[:titleEnd], " ", " "))
	}
	var itemType citation.ItemType // of the last Document Type, when known
	typeKnown := false
	var src citation.NLMSource
	haveSrc := false
	var srcLine int
	var firstPage, lastPage string
	dateSet := false
	valueLine := func(e *dcEntry) int {
		if e.hi > e.lo {
			return line + int(blocks[e.lo].line)
		}
		return line + int(e.line)
	}
	for k := range entries {
		e := &entries[k]
		if e.hi == e.lo {
			continue // a label without a value
		}
		vbs := blocks[e.lo:e.hi]
		// The value's text, its lines and paragraphs joined with spaces:
		// what NormalizeText makes of it is what it makes of the text
		// with its line breaks, which it folds into spaces.
		val := dcJoin(lines, vbs, " ", " ")
		switch e.field {
		case dcFurniture:
			continue
		case dcTitle:
			if c.Title == "" {
				c.Title = citation.NormalizeTitle(val)
			} else {
				c.AddExtra("digitalcommons:"+e.label, citation.NormalizeText(val))
			}
		case dcAuthors, dcEditors:
			names := &c.Authors
			if e.field == dcEditors {
				names = &c.Editors
			}
			n := 0
			for _, b := range vbs {
				n += int(b.n)
			}
			*names = slices.Grow(*names, n) // a name a line, mostly
			for _, b := range vbs {
				for _, l := range lines[b.lo : b.lo+b.n] {
					*names = dcNames(*names, l)
				}
			}
		case dcType:
			rawType := citation.NormalizeText(val)
			var buf [32]byte
			var lowType string
			if b, ok := appendLowerASCII(buf[:0], rawType); ok {
				lowType = string(b) // on the stack: it does not escape
			} else {
				lowType = strings.ToLower(rawType)
			}
			itemType, typeKnown = dcItemTypeOf(lowType)
			if !typeKnown {
				c.AddExtra("digitalcommons:"+e.label, rawType)
			} else if !dcPlainTypes[lowType] {
				c.Genre = rawType
			}
		case dcDate:
			v := citation.NormalizeText(val)
			if v == "" {
				continue
			}
			order := d.DateOrder
			if order == citation.OrderUnspecified {
				order = citation.OrderMDY
			}
			dt, err := pagemeta.ParseDate(v, order)
			if err != nil {
				dt = citation.Date{Literal: v}
				errs = append(errs, perr(valueLine(e), e.label, err))
			}
			c.Issued = dt
			dateSet = true
		case dcKeywords:
			if kws := pagemeta.SplitList(val); c.Keywords == nil {
				c.Keywords = kws
			} else {
				c.Keywords = append(c.Keywords, kws...)
			}
		case dcSource:
			v := citation.NormalizeText(val)
			if s, err := citation.ParseNLMSource(v); err == nil {
				src, haveSrc = s, true
				srcLine = valueLine(e)
				if s.Remainder != "" {
					c.AddExtra("digitalcommons:"+e.label, s.Remainder)
				}
			} else if c.ContainerTitle == "" {
				c.ContainerTitle = citation.NormalizeTitle(v)
			} else {
				c.AddExtra("digitalcommons:"+e.label, v)
			}
		case dcVolume:
			c.Volume = citation.NormalizeText(val)
		case dcIssue:
			c.Issue = citation.NormalizeText(val)
		case dcFirstPage:
			firstPage = citation.NormalizeText(val)
		case dcLastPage:
			lastPage = citation.NormalizeText(val)
		case dcPages:
			c.Pages = citation.ExpandPageRange(citation.NormalizeText(val))
		case dcISSN:
			issns := pagemeta.ISSNs(dcJoin(lines, vbs, "\n", "\n\n")) // line breaks end ISSNs
			if len(issns) == 0 {
				errs = append(errs, perr(valueLine(e), e.label, fmt.Errorf("no ISSN in %q: %w", citation.NormalizeText(val), ErrInvalidValue)))
				c.AddExtra("digitalcommons:"+e.label, citation.NormalizeText(val))
			}
			if c.ISSN == nil {
				c.ISSN = issns // new and without duplicates, as appendNew would copy it
			} else {
				c.ISSN = appendNew(c.ISSN, issns...)
			}
		case dcISBN:
			raw := dcJoin(lines, vbs, "\n", "\n\n")
			for _, v := range strings.FieldsFunc(raw, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
				if v = strings.TrimSpace(v); v != "" {
					c.ISBN = appendNew(c.ISBN, v)
				}
			}
		case dcPMID:
			c.PMID = citation.NormalizeText(val)
		case dcPMCID:
			c.PMCID = citation.NormalizeText(val)
		case dcDOI:
			v := citation.NormalizeText(val)
			if doi := pagemeta.CleanDOI(v); doi != "" {
				c.DOI = doi
			} else {
				errs = append(errs, perr(valueLine(e), e.label, fmt.Errorf("no DOI in %q: %w", v, ErrInvalidValue)))
				c.AddExtra("digitalcommons:"+e.label, v)
			}
		case dcAbstract:
			c.Abstract = joinNonEmpty(c.Abstract, citation.NormalizeText(val))
		case dcNote:
			c.Note = joinNonEmpty(c.Note, citation.NormalizeText(val))
		case dcLicense:
			c.License = citation.NormalizeText(val)
		case dcPublisher:
			c.Publisher = citation.NormalizeText(val)
		case dcLanguage:
			c.Language = citation.NormalizeText(val)
		case dcPlace:
			c.PublisherPlace = citation.NormalizeText(val)
		case dcSeries:
			c.CollectionTitle = citation.NormalizeTitle(val)
		case dcBookTitle:
			c.ContainerTitle = citation.NormalizeTitle(val)
		case dcEvent:
			c.EventTitle = citation.NormalizeText(val)
		case dcGenre:
			c.Genre = citation.NormalizeText(val)
		case dcNumPages:
			c.NumberOfPages = citation.NormalizeText(val)
		case dcEdition:
			c.Edition = citation.NormalizeText(val)
		case dcURL:
			c.URL = citation.NormalizeText(val)
		default:
			c.AddExtra("digitalcommons:"+e.label, citation.NormalizeText(val))
		}
	}
	if c.Pages == "" && firstPage != "" {
		c.Pages = firstPage
		if lastPage != "" && lastPage != firstPage {
			c.Pages = firstPage + "-" + lastPage
		}
	} else if lastPage != "" && c.Pages == "" {
		c.AddExtra("digitalcommons:Last Page", lastPage)
	}
	if haveSrc {
		applyNLMSource(c, &src, !dateSet)
		if !dateSet && src.Date.IsZero() && src.DateText != "" {
			errs = append(errs, perr(srcLine, "source", fmt.Errorf("date %q: %w", src.DateText, ErrInvalidValue)))
		}
	}
	c.Type = dcItemType(itemType, typeKnown, c)
	c.Normalize()
	if c.Title == "" {
		errs = append(errs, perr(firstLine, "title", fmt.Errorf("no title: %w", ErrMissingField)))
	}
	if len(errs) == 0 {
		return c, nil
	}
	rec := c.PMID
	if rec == "" {
		rec = c.DOI
	}
	for _, e := range errs {
		e.Record = rec
	}
	if len(errs) > 1 {
		// one report for the record: the first problem, joined by the
		// others with their positions
		all := []error{errs[0].Err}
		for _, e := range errs[1:] {
			all = append(all, fmt.Errorf("line %d, field %s: %w", e.Line, e.Field, e.Err))
		}
		errs[0].Err = errors.Join(all...)
	}
	return c, errs[0]
}

// dcJoin joins the lines of blocks bs: lines with lineSep, blocks with
// blockSep.
func dcJoin(lines []string, bs []dcBlock, lineSep, blockSep string) string {
	switch {
	case len(bs) == 0:
		return ""
	case len(bs) == 1 && bs[0].n == 1:
		return lines[bs[0].lo]
	}
	size := (len(bs) - 1) * len(blockSep)
	for _, b := range bs {
		size += int(b.n-1) * len(lineSep)
		for _, l := range lines[b.lo : b.lo+b.n] {
			size += len(l)
		}
	}
	var sb strings.Builder
	sb.Grow(size)
	for i, b := range bs {
		if i > 0 {
			sb.WriteString(blockSep)
		}
		for j, l := range lines[b.lo : b.lo+b.n] {
			if j > 0 {
				sb.WriteString(lineSep)
			}
			sb.WriteString(l)
		}
	}
	return sb.String()
}

// appendLowerASCII appends s in lower case to b when s is ASCII, as
// strings.ToLower would give it, and reports whether it did.
func appendLowerASCII(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return b, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

func appendNew(list []string, vs ...string) []string {
outer:
	for _, v := range vs {
		for _, o := range list {
			if o == v {
				continue outer
			}
		}
		list = append(list, v)
	}
	return list
}

// orgWords mark an affiliation rather than a given name after a comma.
var orgWords = []string{"university", "universit", "laborator", "institut", "college", "center", "centre",
	"hospital", "school", "department", "dept", "faculty", "clinic", "foundation", "academy", "inc", "llc",
	"ltd", "company", "corporation", "library", "museum", "society", "council", "agency", "ministry",
	"program", "office", "service", "group", "lab"}

// dcNames appends the names of one line of an author block to dst: "Given
// Family, Affiliation", "Family, Given" or "Family, Given; Family, Given".
func dcNames(dst []citation.Name, l string) []citation.Name {
	l = citation.NormalizeText(l)
	if l == "" {
		return dst
	}
	if strings.Contains(l, ";") {
		for p := range strings.SplitSeq(l, ";") {
			if p = strings.TrimSpace(p); p != "" {
				dst = append(dst, pagemeta.SplitName(p))
			}
		}
		return dst
	}
	var partArr [8]string
	parts := partArr[:0]
	for p := range strings.SplitSeq(l, ",") {
		parts = append(parts, strings.TrimSpace(p))
	}
	name := parts[0]
	rest := parts[1:]
	suffix := ""
	if len(rest) > 0 && pagemeta.IsSuffix(rest[0]) {
		suffix, rest = rest[0], rest[1:]
	}
	if !strings.Contains(name, " ") && len(rest) > 0 && looksLikeGiven(rest[0]) {
		// "Burgess, Robert W.[, Affiliation]"
		n := pagemeta.SplitName(name + ", " + rest[0])
		if suffix != "" {
			n.Suffix, n.CommaSuffix = suffix, true
		}
		if aff := strings.Join(rest[1:], ", "); aff != "" {
			n.Affiliations = []string{aff}
		}
		return append(dst, n)
	}
	n := pagemeta.SplitName(name)
	if suffix != "" {
		n.Suffix, n.CommaSuffix = suffix, true
	}
	if aff := strings.Join(rest, ", "); aff != "" {
		n.Affiliations = []string{aff}
	}
	return append(dst, n)
}

// looksLikeGiven reports whether s may be given names: up to three words,
// each capitalized, none of them an organization word.
func looksLikeGiven(s string) bool {
	words := 0
	for w := range strings.FieldsSeq(s) {
		words++
		if words > 3 {
			return false
		}
		if c := w[0]; (c < 'A' || c > 'Z') && c < 0x80 {
			return false
		}
	}
	if words == 0 {
		return false
	}
	for _, w := range orgWords {
		if containsFoldASCII(s, w) {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether s contains word, a lower-case ASCII
// word, ignoring ASCII case: for the organization words this is
// strings.Contains(strings.ToLower(s), word), since no letter of theirs
// has a non-ASCII case variant and none ends with i (İ lowers to i and a
// combining dot).
func containsFoldASCII(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[0] {
			continue
		}
		j := 1
		for ; j < len(word); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// applyNLMSource fills c from a parsed source line, without overwriting
// values given by their own labels.
func applyNLMSource(c *citation.Citation, s *citation.NLMSource, setDate bool) {
	if c.ContainerTitleShort == "" {
		c.ContainerTitleShort = s.Journal
	}
	if c.Volume == "" {
		c.Volume = s.Volume
	}
	if c.Issue == "" {
		c.Issue = s.Issue
	}
	if c.Pages == "" {
		c.Pages = s.Pages
	}
	if s.Supplement != "" && c.Var("supplement-number") == "" {
		c.SetVar("supplement-number", s.Supplement)
	}
	if s.Part != "" && c.Var("part-number") == "" {
		c.SetVar("part-number", s.Part)
	}
	if setDate {
		switch {
		case !s.Date.IsZero():
			c.Issued = s.Date
		case s.DateText != "":
			c.Issued = citation.Date{Literal: s.DateText}
		}
	}
	if c.DOI == "" && s.DOI != "" {
		c.DOI = pagemeta.CleanDOI(s.DOI)
		if c.DOI == "" {
			c.DOI = s.DOI
		}
	}
	if c.PMID == "" {
		c.PMID = s.PMID
	}
	if c.PMCID == "" {
		c.PMCID = s.PMCID
	}
	if c.AvailableDate.IsZero() && !s.Epub.IsZero() {
		c.AvailableDate = s.Epub
	}
	if c.URL == "" {
		c.URL = s.URL
	}
	if c.Accessed.IsZero() && !s.Cited.IsZero() {
		c.Accessed = s.Cited
	}
	if s.AheadOfPrint && c.Status == "" {
		c.Status = "epub ahead of print"
	}
	if s.ELocation != "" {
		c.AddExtra("digitalcommons:pii", s.ELocation)
	}
}

// dcTypes maps Digital Commons document types, lower case.
var dcTypes = map[string]citation.ItemType{
	"article": citation.TypeArticleJournal, "journal article": citation.TypeArticleJournal,
	"peer-reviewed article": citation.TypeArticleJournal, "research article": citation.TypeArticleJournal,
	"article (peer-reviewed)": citation.TypeArticleJournal, "review article": citation.TypeArticleJournal,
	"editorial": citation.TypeArticleJournal, "letter": citation.TypeArticleJournal,
	"letter to the editor": citation.TypeArticleJournal, "case report": citation.TypeArticleJournal,
	"article in press": citation.TypeArticleJournal, "contribution to journal": citation.TypeArticleJournal,
	"magazine article": citation.TypeArticleMagazine, "newspaper article": citation.TypeArticleNewspaper,
	"book chapter": citation.TypeChapter, "chapter": citation.TypeChapter, "book section": citation.TypeChapter,
	"contribution to book": citation.TypeChapter,
	"book":                 citation.TypeBook, "edited book": citation.TypeBook, "monograph": citation.TypeBook,
	"thesis": citation.TypeThesis, "dissertation": citation.TypeThesis, "master's thesis": citation.TypeThesis,
	"masters thesis": citation.TypeThesis, "doctoral dissertation": citation.TypeThesis,
	"honors thesis": citation.TypeThesis, "honors project": citation.TypeThesis,
	"thesis/dissertation": citation.TypeThesis, "capstone": citation.TypeThesis,
	"conference proceeding": citation.TypePaperConference, "conference proceedings": citation.TypePaperConference,
	"conference paper": citation.TypePaperConference, "proceedings paper": citation.TypePaperConference,
	"presentation": citation.TypeSpeech, "poster": citation.TypeSpeech, "poster session": citation.TypeSpeech,
	"lecture": citation.TypeSpeech, "conference presentation": citation.TypeSpeech, "speech": citation.TypeSpeech,
	"report": citation.TypeReport, "technical report": citation.TypeReport, "working paper": citation.TypeReport,
	"white paper": citation.TypeReport, "policy brief": citation.TypeReport,
	"data set": citation.TypeDataset, "dataset": citation.TypeDataset, "data": citation.TypeDataset,
	"book review": citation.TypeReviewBook, "review": citation.TypeReview,
	"preprint": citation.TypeArticle, "blog post": citation.TypePostWeblog, "video": citation.TypeMotionPicture,
	"software": citation.TypeSoftware, "patent": citation.TypePatent, "map": citation.TypeMap,
	"image": citation.TypeGraphic, "photograph": citation.TypeGraphic, "interview": citation.TypeInterview,
	"musical score": citation.TypeMusicalScore, "newsletter": citation.TypeArticleMagazine,
	"website": citation.TypeWebpage, "web page": citation.TypeWebpage, "manuscript": citation.TypeManuscript,
	"pamphlet": citation.TypePamphlet, "brochure": citation.TypePamphlet, "audio": citation.TypeSong,
	"article-journal": citation.TypeArticleJournal,
}

// dcPlainTypes are the document types that their item type renders
// without loss; other known types are also kept as the genre ("Poster",
// "Doctoral Dissertation").
var dcPlainTypes = map[string]bool{
	"article": true, "journal article": true, "book chapter": true, "chapter": true, "book": true,
	"thesis": true, "report": true, "data set": true, "dataset": true, "book review": true,
	"software": true, "patent": true, "map": true, "interview": true, "musical score": true,
	"manuscript": true, "pamphlet": true, "article-journal": true, "conference paper": true,
	"conference proceeding": true, "presentation": true, "speech": true, "website": true, "web page": true,
	"blog post": true, "magazine article": true, "newspaper article": true, "preprint": true,
}

// dcItemTypeOf maps a document type, given in lower case.
func dcItemTypeOf(low string) (citation.ItemType, bool) {
	if t, ok := dcTypes[low]; ok {
		return t, true
	}
	if t := citation.ItemType(low); t.Valid() {
		return citation.ItemType(strings.Clone(low)), true // low may be on the caller's stack
	}
	return "", false
}

// dcItemType returns the item type of a record, t when known; unknown or
// missing types give article-journal when the record names a journal,
// document otherwise.
func dcItemType(t citation.ItemType, known bool, c *citation.Citation) citation.ItemType {
	if known {
		return t
	}
	if c.ContainerTitle != "" || c.ContainerTitleShort != "" || len(c.ISSN) > 0 {
		return citation.TypeArticleJournal
	}
	return citation.TypeDocument
}

// dcSniffLabels are the labels whose line, alone between blank lines,
// marks a Digital Commons text page.
var dcSniffLabels = []string{"document type", "publication date", "authors", "author(s)", "author",
	"keywords", "abstract", "disciplines", "recommended citation", "source publication", "jax source",
	"date of this version", "journal title", "publication title"}

// sniffDigitalCommons reports whether a prefix looks like a Digital Commons
// page as text: text that is not markup, JSON, BibTeX, YAML front matter or
// a tagged format, with one of the usual labels alone on a line between
// blank lines (or at the end of the prefix).
func sniffDigitalCommons(p []byte) bool {
	if !textio.IsText(p) {
		return false
	}
	t := bytes.TrimLeft(p, " \t\r\n")
	if len(t) == 0 {
		return false
	}
	switch t[0] {
	case '<', '{', '[', '@', '%':
		return false
	}
	if bytes.HasPrefix(t, []byte("---")) || bytes.HasPrefix(t, []byte("+++")) {
		return false
	}
	// tagged formats: "TY  - ", "PMID- ", "%0 "
	if len(t) >= 6 && t[4] == '-' && (t[5] == ' ' || t[5] == '\r' || t[5] == '\n') {
		return false
	}
	lines := bytes.Split(bytes.ReplaceAll(p, []byte("\r\n"), []byte("\n")), []byte("\n"))
	for i := 1; i < len(lines); i++ {
		l := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(lines[i])), ":")))
		if l == "" || len(l) > 30 {
			continue
		}
		for _, lab := range dcSniffLabels {
			if l != lab {
				continue
			}
			before := len(bytes.TrimSpace(lines[i-1])) == 0
			after := i+1 >= len(lines) || len(bytes.TrimSpace(lines[i+1])) == 0
			if before && after {
				return true
			}
		}
	}
	return false
}

// DigitalCommonsFormat is the registry entry of Digital Commons text pages.
func DigitalCommonsFormat() Format {
	return Format{
		Name:        "digitalcommons",
		Description: "bepress Digital Commons record page as plain text",
		// No extension: ".txt" is what everything is saved as (PubMed's
		// MEDLINE export too), so the format is only detected or named.
		Sniff:      sniffDigitalCommons,
		NewDecoder: func(r io.Reader) Decoder { return NewDigitalCommonsDecoder(r) },
	}
}
