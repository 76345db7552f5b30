package parse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/nickng/bibtex"
)

// DefaultBibTeXRetain is the default of [BibTeXDecoder.Retain].
const DefaultBibTeXRetain = 4096

// A BibTeXDecoder reads BibTeX and BibLaTeX entries as citations. See
// [NewBibTeXDecoder].
type BibTeXDecoder struct {
	// Retain is how many recent entries are kept for crossref and xdata
	// look-ups of parents that precede their children. 0 means
	// DefaultBibTeXRetain; a negative value keeps none.
	Retain int

	r         *BibTeXReader
	line, col int

	// The last Retain entries, oldest at ring[head], and an index of them
	// by lower-case key (the first of them with each key), built at the
	// first look-up: a file without crossref and xdata needs none.
	ring    []*bibRecord
	head    int
	recent  map[string]*bibRecord
	indexed bool
	xdata   map[string]*bibRecord // @xdata entries, always kept
	waiting map[string][]*bibRecord
	queue   []decoded // results to return, from queue[qhead]
	qhead   int
	eof     bool
	conv    bibConv       // its buffer is reused from entry to entry
	fields  []BibTeXField // the fields of the entry converted, reused
}

type decoded struct {
	c         *citation.Citation
	err       error
	line, col int
}

// NewBibTeXDecoder returns a decoder of the BibTeX or BibLaTeX file r.
//
// # Syntax
//
// It reads what BibTeX 0.99d reads (Patashnik, "BibTeXing";
// /work/shared/specs/bibtex.md), with the BibLaTeX data model on top:
//
//   - Entries @type{key, field = value, ...} and @type(key, ...); types and
//     field names in any case; keys with any byte but white space, a comma
//     or the closing delimiter (non-ASCII, ' : / included); a trailing comma
//     and entries without fields are accepted.
//   - Values: {braced} with nested braces, "quoted" (braces inside must
//     balance), bare numbers and macro names, joined with #. @string{...}
//     and @string(...) define macros; the twelve month macros (jan ... dec,
//     any case) are predefined as the English month names.
//   - @preamble; @comment{...} (balanced; biber's and JabRef's comment
//     conventions are comments like any other); free text between entries,
//     an "@" in it included when no name and delimiter follow; "@" inside
//     values.
//   - Duplicate fields: the first wins, as in BibTeX, and the others are
//     reported. An undefined macro is reported and taken as empty, as in
//     BibTeX; the entry is still returned with the error.
//
// # Errors
//
// Errors are *ParseError values with Format "bibtex", the line and byte
// column, the entry's key as Record ("@string" or "@preamble" for those)
// and the field. A syntax error costs the one entry it is in: reading
// resumes at the next "@" that begins a line. Problems with an entry that
// could still be read (undefined macros, duplicate fields, a missing key,
// crossref cycles and missing parents) come with the entry, several joined
// into one error. A read error of r ends decoding.
//
// # Divergences from BibTeX
//
//   - An unterminated braced or quoted value ends at the first line that
//     begins a new entry ("@name{" or "@name(" after optional blanks), so an
//     unbalanced brace cannot swallow the rest of a file; BibTeX reads on.
//   - "%" starts a comment where BibTeX expects a field name or a comma, and
//     an "@" after a "%" on its line does not begin an entry (commented-out
//     entries, as biber and JabRef read them). BibTeX treats "%" as text.
//   - An entry without a key ("@article{author = ...}") is read, with an
//     error (Zotero and biber read it; BibTeX rejects it).
//   - Values that are not UTF-8 are read as Windows-1252 (Latin-1 files).
//
// # Conversion
//
// Values are converted from LaTeX to Unicode (NFC) by internal/latex:
// accent and special-letter commands in all their spellings, escaped
// specials, dashes, quotes, ties, font commands as CSL rich text in titles,
// abstracts and notes, case-protecting braces as <span class="nocase">, and
// math when it is simple ($\alpha$, x^2); other math and unknown commands
// are kept as written. Names are split by BibTeX's rules
// (internal/bibname): First von Last, von Last, First and von Last, Jr,
// First; tokens split at blanks, ties and hyphens; a name that is one brace
// group is a Literal; "others" a Name with Others set; BibLaTeX's
// "family=..., given=..." names and author+an:orcid annotations are read.
//
// Fields map to citation.Citation after specs/bibtex.md §6-7 (citation-js's
// mapping, compared with its expected output in TestBibTeXCitationJS, where
// each disagreement is documented): journal/journaltitle, booktitle, date
// (ISO 8601-2: ranges, "~ ? %" as Circa, seasons 21-24) before
// year+month(+day), number as issue for articles, as collection number for
// books and proceedings and as number otherwise, issue, eid, eprint with
// eprinttype/archiveprefix (arxiv, pubmed, pmc, doi), doi (resolver
// stripped), issn, isbn (as ISBN-13), pmid, pmcid, keywords (split on , and
// ;), url, urldate, address/location (ACM's location beside an address is
// the event place), publisher/school/institution/organization by type,
// howpublished (a URL, else the publisher), version, and the original
// edition's origtitle, origpublisher and origlocation (CSL original-title,
// original-publisher, original-publisher-place). Fields with no place in the
// model are kept, as written, in Citation.Extra labelled "bibtex:<field>";
// so is an entry type with no CSL type ("bibtex:entrytype").
//
// # Inheritance
//
// crossref and xdata are resolved: a child inherits the fields it lacks
// from its parent (for in* entries the parent's title becomes the
// booktitle, and a book's author an inbook's bookauthor, as in BibLaTeX; a
// periodical's title becomes an article's journal) and from its xdata
// entries, recursively; cycles and missing parents are reported with the
// entry still returned. As in BibTeX a crossref parent may follow its
// children: a child waits for its parent and is returned just before it
// (so children move after the entries between them and their parent). A
// parent that precedes its child (BibLaTeX allows it) is found when it is
// among the last [BibTeXDecoder.Retain] entries (the first of them, when
// several have its key). @xdata entries are data,
// like @string, and are not returned as records.
//
// # Limits
//
// A value may hold at most [DefaultBibTeXMaxValue] bytes and
// [DefaultBibTeXMaxDepth] levels of braces (settable on the reader, see
// [BibTeXDecoder.Reader]); all @string values together 64 MiB; identifiers
// 1024 bytes; an @comment keeps its first 1 MiB. Over a limit the entry is
// reported with ErrTooLarge and skipped. Memory is bounded by one entry plus
// the retained window, the macros and the children waiting for a parent.
//
// # Concurrency
//
// A decoder serves one goroutine; separate decoders may run in parallel
// (there is no package-level mutable state; TestBibTeXConcurrent runs them
// under -race). The same holds for [BibTeXReader] and [ReadBibTeXDocument].
func NewBibTeXDecoder(r io.Reader) *BibTeXDecoder {
	return &BibTeXDecoder{r: NewBibTeXReader(r)}
}

// Reader returns the decoder's low-level reader, to set its limits before
// the first Decode.
func (d *BibTeXDecoder) Reader() *BibTeXReader { return d.r }

// RecordPos returns the line and column of the "@" of the entry last
// returned or reported.
func (d *BibTeXDecoder) RecordPos() (line, column int) { return d.line, d.col }

// Decode returns the next entry as a citation; see [Decoder].
func (d *BibTeXDecoder) Decode() (*citation.Citation, error) {
	for {
		if d.qhead < len(d.queue) {
			q := d.queue[d.qhead]
			d.queue[d.qhead] = decoded{}
			if d.qhead++; d.qhead == len(d.queue) {
				d.queue, d.qhead = d.queue[:0], 0 // reuse the array
			}
			d.line, d.col = q.line, q.col
			return q.c, q.err
		}
		if d.eof {
			return nil, io.EOF
		}
		it, err := d.r.next()
		if it == nil {
			if err == io.EOF {
				d.eof = true
				d.flushWaiting()
				continue
			}
			var pe *ParseError
			if errors.As(err, &pe) {
				d.line, d.col = pe.Line, pe.Column
			}
			return nil, err
		}
		if it.Kind != BibTeXEntry {
			// @string, @preamble and @comment are not records; a problem in
			// one (an undefined macro in an @string) is still reported.
			if err != nil {
				d.line, d.col = it.Line, it.Column
				return nil, err
			}
			continue
		}
		d.entry(d.r.record(), err)
	}
}

// entry handles one entry read: it converts it (now, or once its crossref
// parent arrives) and releases the children that waited for it.
func (d *BibTeXDecoder) entry(it *bibRecord, readErr error) {
	if it.parents || it.typ == "xdata" {
		// It may be kept beyond the window of recent entries (as xdata or
		// a child waiting for its parent): not in a block of records.
		it = it.detached()
	}
	if readErr != nil {
		it.readErr = readErr
	}
	if it.typ == "xdata" {
		if d.xdata == nil {
			d.xdata = make(map[string]*bibRecord)
		}
		d.xdata[it.key] = it
		if readErr != nil {
			d.push(decoded{err: readErr, line: it.line, col: it.col})
		}
		d.release(it.lkey)
		return
	}
	d.remember(it)
	if missing := d.missingParent(it); missing != "" && !d.eof {
		if d.waiting == nil {
			d.waiting = make(map[string][]*bibRecord)
		}
		d.waiting[strings.ToLower(missing)] = append(d.waiting[strings.ToLower(missing)], it)
		return
	}
	d.release(it.lkey)
	d.convertQueued(it)
}

// push queues a result.
func (d *BibTeXDecoder) push(q decoded) { d.queue = append(d.queue, q) }

func (d *BibTeXDecoder) convertQueued(it *bibRecord) {
	c, err := d.convert(it)
	d.push(decoded{c: c, err: err, line: it.line, col: it.col})
}

// release converts the children that waited for key (lower case), before
// key's entry.
func (d *BibTeXDecoder) release(key string) {
	if len(d.waiting) == 0 {
		return
	}
	kids := d.waiting[key]
	if len(kids) == 0 {
		return
	}
	delete(d.waiting, key)
	for _, k := range kids {
		if missing := d.missingParent(k); missing != "" && !d.eof {
			missing = strings.ToLower(missing)
			d.waiting[missing] = append(d.waiting[missing], k)
			continue
		}
		d.convertQueued(k)
	}
}

// flushWaiting converts, at the end of the input, the children whose parent
// never came, in the order they were read.
func (d *BibTeXDecoder) flushWaiting() {
	var kids []*bibRecord
	for _, ks := range d.waiting {
		kids = append(kids, ks...)
	}
	d.waiting = nil
	// Restore file order.
	for i := 1; i < len(kids); i++ {
		for j := i; j > 0 && (kids[j].line < kids[j-1].line ||
			kids[j].line == kids[j-1].line && kids[j].col < kids[j-1].col); j-- {
			kids[j], kids[j-1] = kids[j-1], kids[j]
		}
	}
	for _, k := range kids {
		d.convertQueued(k)
	}
}

func (d *BibTeXDecoder) retain() int {
	switch {
	case d.Retain < 0:
		return 0
	case d.Retain == 0:
		return DefaultBibTeXRetain
	}
	return d.Retain
}

// remember keeps it among the recent entries.
func (d *BibTeXDecoder) remember(it *bibRecord) {
	n := d.retain()
	if n == 0 || it.key == "" {
		return
	}
	var old *bibRecord
	if len(d.ring) < n {
		d.ring = append(d.ring, it)
	} else {
		old = d.ring[d.head]
		d.ring[d.head] = it
		d.head = (d.head + 1) % n
	}
	if !d.indexed {
		return
	}
	if old != nil && d.recent[old.lkey] == old {
		// The entry that leaves the window gives way to the next one of
		// its key, if any.
		delete(d.recent, old.lkey)
		if old.dupAfter {
			d.indexFirst(old.lkey)
		}
	}
	d.index(it)
}

// index adds it to the index, unless an older entry of its key is there.
func (d *BibTeXDecoder) index(it *bibRecord) {
	if cur, dup := d.recent[it.lkey]; !dup {
		it.dupAfter = false
		d.recent[it.lkey] = it
	} else if cur != it {
		cur.dupAfter = true
	}
}

// indexFirst indexes the oldest retained entry of key.
func (d *BibTeXDecoder) indexFirst(key string) {
	for i := range d.ring {
		if it := d.ring[(d.head+i)%len(d.ring)]; it.lkey == key {
			d.index(it)
			it.dupAfter = true // there may be more; looked for when it leaves
			return
		}
	}
}

// buildIndex indexes the retained entries, oldest first.
func (d *BibTeXDecoder) buildIndex() {
	d.indexed = true
	d.recent = make(map[string]*bibRecord, len(d.ring))
	for i := range d.ring {
		d.index(d.ring[(d.head+i)%len(d.ring)])
	}
}

// lookup finds a parent or xdata entry by key (BibTeX compares keys
// without regard to case).
func (d *BibTeXDecoder) lookup(key string) *bibRecord {
	if it, ok := d.xdata[key]; ok {
		return it
	}
	for k, it := range d.xdata {
		if strings.EqualFold(k, key) {
			return it
		}
	}
	if !d.indexed {
		d.buildIndex()
	}
	return d.recent[strings.ToLower(key)]
}

// missingParent returns the first crossref or xdata key of it (or of its
// ancestors) that has not been read yet.
func (d *BibTeXDecoder) missingParent(it *bibRecord) string {
	if !hasParents(it) {
		return ""
	}
	seen := map[*bibRecord]bool{}
	var walk func(it *bibRecord, depth int) string
	walk = func(it *bibRecord, depth int) string {
		if seen[it] || depth > 32 {
			return ""
		}
		seen[it] = true
		for _, key := range parentKeys(it) {
			p := d.lookup(key)
			if p == nil {
				return key
			}
			if m := walk(p, depth+1); m != "" {
				return m
			}
		}
		return ""
	}
	return walk(it, 0)
}

// hasParents reports whether parentKeys(it) is not empty.
func hasParents(it *bibRecord) bool {
	return it.parents && len(parentKeys(it)) > 0
}

// parentKeys lists the xdata keys and then the crossref key of an entry.
func parentKeys(it *bibRecord) []string {
	var keys []string
	if v, ok := it.Field("xdata"); ok {
		for _, k := range strings.Split(v, ",") {
			if k = strings.TrimSpace(k); k != "" {
				keys = append(keys, k)
			}
		}
	}
	if v, ok := it.Field("crossref"); ok {
		if v = strings.TrimSpace(v); v != "" {
			keys = append(keys, v)
		}
	}
	return keys
}

// noInherit lists the fields a child never takes from a parent (BibLaTeX
// manual §4.5.3 and BibTeX's crossref).
var noInherit = map[string]bool{
	"crossref": true, "xref": true, "xdata": true, "ids": true, "entryset": true,
	"execute": true, "label": true, "options": true, "presort": true, "related": true,
	"relatedoptions": true, "relatedstring": true, "relatedtype": true, "shorthand": true,
	"shorthandintro": true, "sortkey": true, "key": true,
}

// inTypes are the entry types whose parent's title is their booktitle.
var inTypes = map[string]bool{
	"inbook": true, "bookinbook": true, "suppbook": true, "incollection": true,
	"suppcollection": true, "inproceedings": true, "conference": true, "inreference": true,
}

// inherit returns the fields of it with those it inherits from its xdata
// and crossref parents, and the problems found (missing parents, cycles).
func (d *BibTeXDecoder) inherit(it *bibRecord) ([]BibTeXField, []error) {
	if !it.parents {
		// No crossref or xdata field.
		d.fields = it.appendFields(d.fields[:0])
		return d.fields, nil
	}
	var errs []error
	var resolve func(it *bibRecord, path []string) []BibTeXField
	resolve = func(it *bibRecord, path []string) []BibTeXField {
		fields := it.appendFields(nil)
		has := make(map[string]bool, len(fields))
		for _, f := range fields {
			has[f.Name] = true
		}
		add := func(f BibTeXField) {
			if !has[f.Name] && !noInherit[f.Name] {
				has[f.Name] = true
				fields = append(fields, f)
			}
		}
		for _, key := range parentKeys(it) {
			cycle := false
			for _, p := range path {
				if strings.EqualFold(p, key) {
					cycle = true
				}
			}
			if cycle && !strings.EqualFold(path[0], key) {
				// A cycle among the ancestors is reported on their own entries.
				continue
			}
			if cycle {
				errs = append(errs, fmt.Errorf("crossref/xdata cycle %s -> %s not followed: %w",
					strings.Join(path, " -> "), key, ErrInvalidValue))
				continue
			}
			p := d.lookup(key)
			if p == nil {
				errs = append(errs, fmt.Errorf("crossref/xdata parent %q not found: %w", key, ErrMissingField))
				continue
			}
			pf := resolve(p, append(path, p.key))
			if it.typ == "article" && p.typ == "periodical" {
				// BibLaTeX: the periodical's title is the journal's.
				for _, f := range pf {
					switch f.Name {
					case "title", "subtitle":
						f.Name = "journal" + f.Name
					case "titleaddon", "shorttitle":
						continue
					}
					add(f)
				}
				continue
			}
			if inTypes[it.typ] && p.typ != "xdata" {
				for _, f := range pf {
					switch f.Name {
					case "author":
						// BibLaTeX: book -> inbook passes the author on as
						// bookauthor.
						if it.typ == "inbook" || it.typ == "bookinbook" || it.typ == "suppbook" {
							f.Name = "bookauthor"
						}
						add(f)
					case "title", "subtitle", "titleaddon":
						f.Name = "book" + f.Name
						add(f)
					case "booktitle", "booksubtitle", "booktitleaddon":
						// The parent's own container does not apply.
					default:
						add(f)
					}
				}
				continue
			}
			for _, f := range pf {
				add(f)
			}
		}
		return fields
	}
	return resolve(it, []string{it.key}), errs
}

// ReadBibTeXDocument reads a whole BibTeX file into nickng/bibtex's
// document model: its entries, @string macros and preambles. Problems are
// returned as an ErrorList beside the document, which holds every entry
// that could be read; a read error of r ends reading and is returned as is.
// Unlike bibtex.Parse it keeps every part of a # concatenation, takes an
// undefined macro as empty (and reports it) instead of exiting the process,
// and is safe for concurrent use.
func ReadBibTeXDocument(r io.Reader) (*bibtex.BibTex, error) {
	doc := bibtex.NewBibTex()
	br := NewBibTeXReader(r)
	var errs ErrorList
	for {
		it, err := br.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				return doc, err
			}
			errs.Add(pe)
		}
		if it == nil {
			continue
		}
		switch it.Kind {
		case BibTeXEntry:
			doc.AddEntry(it.BibEntry())
		case BibTeXString:
			doc.AddStringVar(it.Key, it.Fields[0].BibString())
		case BibTeXPreamble:
			doc.AddPreamble(it.Fields[0].BibString())
		}
	}
	return doc, errs.Err()
}

// SniffBibTeX reports whether an input prefix looks like BibTeX: its first
// "@" that begins a line is followed by a name and "{" or "(".
func SniffBibTeX(prefix []byte) bool {
	for len(prefix) > 0 {
		line := prefix
		if i := bytes.IndexByte(prefix, '\n'); i >= 0 {
			line, prefix = prefix[:i], prefix[i+1:]
		} else {
			prefix = nil
		}
		line = bytes.TrimLeft(line, " \t\r")
		if len(line) == 0 || line[0] != '@' {
			continue
		}
		i := 1
		for i < len(line) && (line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z') {
			i++
		}
		if i == 1 {
			return false
		}
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		return i == len(line) && prefix == nil || i < len(line) && (line[i] == '{' || line[i] == '(')
	}
	return false
}
