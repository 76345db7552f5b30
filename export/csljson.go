package export

import (
	"errors"
	"io"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/cslvars"
)

// A CSLJSONEncoder writes citations as CSL-JSON items, valid against the CSL
// 1.0.2 input schema (csl-data.json): an array of items, or NDJSON (one
// compact item a line) from [NewNDJSONEncoder].
//
// # Layout
//
// The output is deterministic. Each item has "id" and "type" first, then its
// variables in case-insensitive alphabetical order ("abstract", "author",
// "container-title", "DOI", "issued", ...), then "custom" last. Indented
// output (the default) puts each item key on its own line, indented by two
// spaces a level, each name of a name list on its own line, and dates and
// other small values inline:
//
//	[
//	  {
//	    "id": "smith2020",
//	    "type": "article-journal",
//	    "author": [
//	      {"family": "Smith", "given": "Jane"}
//	    ],
//	    "issued": {"date-parts": [[2020, 3, 5]]},
//	    "title": "A <i>title</i>"
//	  }
//	]
//
// With Compact set the array is written without any white space except a
// final newline. An empty output is "[]".
//
// # Values
//
// A citation without an ID gets "item-N", N counting the records written
// from 1; one without a type gets "document". Number variables are written
// as strings, as they are held. Rich text markup (<i>, <b>, ...) is written
// as is; JSON escapes only what JSON requires, plus U+2028 and U+2029.
// Several ISSNs or ISBNs are joined by ", " (as Zotero writes them), and
// keywords are joined by ", " into "keyword".
//
// # The custom object
//
// What the schema has no property for goes into "custom", the object CSL
// 1.0.2 designates for it, so that nothing is lost and the output stays
// valid:
//
//   - "ISSN", "ISBN", "keywords": the lists, when joining them is lossy (a
//     value holds a comma, or is empty);
//   - the CSL variables the schema lacks ("license", "part-number",
//     "printing-number", "supplement-number", and "editor-translator" names);
//   - "var:NAME" for an entry of Citation.Vars that CSL does not define or
//     that is not a string variable ("author", "keyword"), and for the
//     names of a role CSL does not define;
//   - "names": per role, one object per name holding its "ORCID" and
//     "affiliation" (a list), aligned with the role's name list; {} for a
//     name without either;
//   - "others": the roles whose name list ends with "and others";
//   - "related": Citation.Related as objects with "id", "title", "URL" and
//     "type";
//   - each Extra label, with its value, or a list of values when the label
//     repeats, in the order the labels first occur ("ris:C1": "..."). A
//     label that could be taken for one of the keys above, or that begins
//     with "extra:" or "var:", is written with an "extra:" prefix.
//
// Extra values labelled "csljson:categories" are written as the schema's
// "categories" list instead.
//
// [parse.CSLJSONDecoder] reads all of this back.
//
// # Concurrency
//
// An encoder serves one goroutine.
type CSLJSONEncoder struct {
	// Compact writes no indentation or spaces. The default is indented.
	Compact bool

	w        io.Writer
	jw       jsonWriter
	ndjson   bool
	n        int // records written
	err      error
	closed   bool
	marks    []uint64 // bit i: the item has the variable of schema index i
	roles    []citation.Role
	varNames []string
}

// NewCSLJSONEncoder returns an encoder that writes a CSL-JSON array to w.
func NewCSLJSONEncoder(w io.Writer) *CSLJSONEncoder {
	return &CSLJSONEncoder{w: w}
}

// NewNDJSONEncoder returns an encoder that writes CSL-JSON items to w as
// newline-delimited JSON: one compact item a line, no enclosing array.
func NewNDJSONEncoder(w io.Writer) *CSLJSONEncoder {
	return &CSLJSONEncoder{w: w, ndjson: true, Compact: true}
}

var errClosed = errors.New("export: encoder is closed")

const flushSize = 32 << 10

// Encode writes c as one item.
func (e *CSLJSONEncoder) Encode(c *citation.Citation) error {
	if e.err != nil {
		return e.err
	}
	if e.closed {
		return errClosed
	}
	jw := &e.jw
	jw.compact = e.Compact || e.ndjson
	e.n++
	depth := 1
	switch {
	case e.ndjson:
		depth = 0
	case e.n == 1:
		jw.buf = append(jw.buf, '[')
		jw.newline(1)
	default:
		jw.buf = append(jw.buf, ',')
		jw.newline(1)
	}
	e.writeItem(c, depth)
	if e.ndjson {
		jw.buf = append(jw.buf, '\n')
	}
	if len(jw.buf) >= flushSize {
		return e.flush()
	}
	return nil
}

// Close ends the array and flushes. It does not close the underlying writer.
func (e *CSLJSONEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	if e.closed {
		return nil
	}
	e.closed = true
	if !e.ndjson {
		jw := &e.jw
		if e.n == 0 {
			jw.buf = append(jw.buf, '[', ']', '\n')
		} else {
			jw.newline(0)
			jw.buf = append(jw.buf, ']', '\n')
		}
	}
	return e.flush()
}

func (e *CSLJSONEncoder) flush() error {
	if len(e.jw.buf) == 0 {
		return nil
	}
	_, err := e.w.Write(e.jw.buf)
	e.jw.buf = e.jw.buf[:0]
	if err != nil {
		e.err = err
	}
	return err
}

// memberKey starts an item member at depth d+1 (the item itself is at d),
// for a key already quoted, with its colon: `"k":`.
func (e *CSLJSONEncoder) memberKey(first *bool, depth int, quoted string) {
	jw := &e.jw
	if !*first {
		jw.buf = append(jw.buf, ',')
	}
	*first = false
	jw.newline(depth + 1)
	jw.buf = append(jw.buf, quoted...)
	if !jw.compact {
		jw.buf = append(jw.buf, ' ')
	}
}

func (e *CSLJSONEncoder) writeItem(c *citation.Citation, depth int) {
	jw := &e.jw
	jw.buf = append(jw.buf, '{')
	jw.newline(depth + 1)
	jw.knownKey(`"id":`)
	if c.ID != "" {
		jw.str(c.ID)
	} else {
		jw.buf = append(jw.buf, `"item-`...)
		jw.int(e.n)
		jw.buf = append(jw.buf, '"')
	}
	jw.buf = append(jw.buf, ',')
	jw.newline(depth + 1)
	jw.knownKey(`"type":`)
	if c.Type != "" {
		jw.str(string(c.Type))
	} else {
		jw.str(string(citation.TypeDocument))
	}
	first := false
	// Which variables of the schema c has, by schema index: marked by
	// looking at each field once, then written in schema order.
	plan := schemaPlan()
	if len(e.marks) < len(plan.vars)/64+1 {
		e.marks = make([]uint64, len(plan.vars)/64+1)
	}
	marks := e.marks
	mark := func(i int) { marks[i>>6] |= 1 << (i & 63) }
	markString := func(i int, s string) {
		if s != "" && i >= 0 {
			mark(i)
		}
	}
	fi := &plan.fieldIndex
	markString(fi[fTitle], c.Title)
	markString(fi[fTitleShort], c.TitleShort)
	markString(fi[fContainerTitle], c.ContainerTitle)
	markString(fi[fContainerTitleShort], c.ContainerTitleShort)
	markString(fi[fCollectionTitle], c.CollectionTitle)
	markString(fi[fCollectionNumber], c.CollectionNumber)
	markString(fi[fVolume], c.Volume)
	markString(fi[fIssue], c.Issue)
	markString(fi[fPage], c.Pages)
	markString(fi[fNumberOfPages], c.NumberOfPages)
	markString(fi[fNumber], c.Number)
	markString(fi[fEdition], c.Edition)
	markString(fi[fPublisher], c.Publisher)
	markString(fi[fPublisherPlace], c.PublisherPlace)
	markString(fi[fGenre], c.Genre)
	markString(fi[fLanguage], c.Language)
	markString(fi[fAbstract], c.Abstract)
	markString(fi[fURL], c.URL)
	markString(fi[fNote], c.Note)
	markString(fi[fEventTitle], c.EventTitle)
	markString(fi[fEventPlace], c.EventPlace)
	markString(fi[fMedium], c.Medium)
	markString(fi[fSource], c.Source)
	markString(fi[fStatus], c.Status)
	markString(fi[fLicense], c.License)
	markString(fi[fDOI], c.DOI)
	markString(fi[fPMID], c.PMID)
	markString(fi[fPMCID], c.PMCID)
	for k, v := range c.Vars {
		if i, ok := plan.index[k]; ok && v != "" {
			mark(i)
		}
	}
	for id, i := range plan.listIndex {
		if list := listValue(c, uint8(id)); i >= 0 && (len(list) > 1 || len(list) == 1 && list[0] != "") {
			mark(i)
		}
	}
	if i := plan.authorIndex; i >= 0 && countNames(c.Authors) > 0 {
		mark(i)
	}
	if i := plan.editorIndex; i >= 0 && countNames(c.Editors) > 0 {
		mark(i)
	}
	for r, names := range c.Contributors {
		if i, ok := plan.roleIndex[r]; ok && countNames(names) > 0 {
			mark(i)
		}
	}
	markDate := func(i int, d *citation.Date) {
		if i >= 0 && !dateZero(d) {
			mark(i)
		}
	}
	di := &plan.dateIndex
	markDate(di[0], &c.Issued)
	markDate(di[1], &c.Accessed)
	markDate(di[2], &c.OriginalDate)
	markDate(di[3], &c.EventDate)
	markDate(di[4], &c.Submitted)
	markDate(di[5], &c.AvailableDate)
	if len(c.Extra) > 0 {
		for _, i := range plan.stringsIndex {
			for _, f := range c.Extra {
				if f.Name == plan.vars[i].extra {
					mark(i)
					break
				}
			}
		}
	}
	for w := range marks {
		for m := marks[w]; m != 0; m &= m - 1 {
			e.writeVar(c, &plan.vars[w<<6+bits.TrailingZeros64(m)], depth)
		}
		marks[w] = 0
	}
	e.writeCustom(c, &first, depth)
	jw.newline(depth)
	jw.buf = append(jw.buf, '}')
}

// writeVar writes the variable v, which c has. The id and type come
// first, so a comma comes before it.
func (e *CSLJSONEncoder) writeVar(c *citation.Citation, v *planVar, depth int) {
	jw := &e.jw
	var s string
	switch v.op {
	case opField:
		s = fieldValue(c, v.id)
	case opVars:
		s = c.Vars[v.name]
	default:
		if depth == 1 && !jw.compact {
			jw.buf = append(jw.buf, v.line...)
		} else {
			first := false
			e.memberKey(&first, depth, v.key)
		}
		e.writeValue(c, v, depth)
		return
	}
	// A string: the comma, key and opening quote at once.
	switch {
	case jw.compact:
		jw.buf = append(jw.buf, v.openCompact...)
	case depth == 1:
		jw.buf = append(jw.buf, v.openLine...)
	default:
		first := false
		e.memberKey(&first, depth, v.key)
		jw.buf = append(jw.buf, '"')
	}
	jw.buf = appendJSONContent(jw.buf, s)
	jw.buf = append(jw.buf, '"')
}

// writeValue writes the value of v, other than a string.
func (e *CSLJSONEncoder) writeValue(c *citation.Citation, v *planVar, depth int) {
	jw := &e.jw
	switch v.op {
	case opList:
		// ISSN, ISBN, keyword: the list joined, written without building
		// the joined string.
		jw.strJoin(listValue(c, v.id), ", ")
	case opAuthor:
		e.writeNames(c.Authors, depth+1)
	case opEditor:
		e.writeNames(c.Editors, depth+1)
	case opNames:
		e.writeNames(c.Contributors[v.role], depth+1)
	case opDate:
		e.writeDate(dateValue(c, v.id))
	case opStrings:
		jw.buf = append(jw.buf, '[')
		n := 0
		for _, f := range c.Extra {
			if f.Name == v.extra {
				if n > 0 {
					jw.comma()
				}
				n++
				jw.str(f.Value)
			}
		}
		jw.buf = append(jw.buf, ']')
	}
}

// Where Citation holds a string or number variable of the schema.
const (
	inOther = iota // ISSN, ISBN, keyword: lists, see listValue
	inField        // a field of its own (citation.FieldVars)
	inVars         // Vars
)

// How writeItem reads a variable of the schema.
const (
	opField   = iota // a string field: fieldValue
	opVars           // an entry of Vars
	opList           // ISSN, ISBN, keyword: listValue
	opAuthor         // Authors
	opEditor         // Editors
	opNames          // an entry of Contributors
	opDate           // dateValue
	opStrings        // Extra values labelled "csljson:" and the name
	opSkip           // a variable Citation cannot hold
)

// A planVar tells how writeItem reads and writes one variable of the schema.
type planVar struct {
	op    uint8
	id    uint8         // for opField, opList and opDate: the argument of fieldValue, listValue or dateValue
	role  citation.Role // for opNames
	name  string
	extra string // for opStrings: the Extra label, "csljson:" and the name
	key   string // the name as written by jsonWriter.key, without the space
	line  string // the comma, newline, indentation and key of the member in an indented array

	// For a string, line and the opening quote, and the same when compact.
	openLine, openCompact string
}

// A csljsonPlan tells, for each variable of cslvars.Schema (by index),
// where a Citation holds it.
type csljsonPlan struct {
	holder []uint8
	index  map[string]int // schema index by name, for the string and number variables in Vars
	keys   []string       // the names as written by jsonWriter.key, without the space
	vars   []planVar

	// The schema index of each variable, -1 for those the schema lacks.
	fieldIndex   [nFields]int // by fieldValue id
	listIndex    [3]int       // by listValue id
	dateIndex    [6]int       // by dateValue id
	authorIndex  int
	editorIndex  int
	roleIndex    map[citation.Role]int // the other name variables
	stringsIndex []int                 // the variables of kind cslvars.Strings
}

var schemaPlan = sync.OnceValue(func() *csljsonPlan {
	fields := make(map[string]uint8)
	for _, name := range citation.FieldVars() {
		if id, ok := fieldID(name); ok {
			fields[name] = id
		}
	}
	schema := cslvars.Schema()
	p := &csljsonPlan{holder: make([]uint8, len(schema)), index: make(map[string]int), keys: make([]string, len(schema)), vars: make([]planVar, len(schema)),
		authorIndex: -1, editorIndex: -1, roleIndex: make(map[citation.Role]int)}
	for _, idx := range [][]int{p.fieldIndex[:], p.listIndex[:], p.dateIndex[:]} {
		for j := range idx {
			idx[j] = -1
		}
	}
	for i, v := range schema {
		w := jsonWriter{compact: true}
		w.key(v.Name)
		p.keys[i] = string(w.buf)
		pv := planVar{name: v.Name, key: p.keys[i]}
		w = jsonWriter{buf: []byte{','}}
		w.newline(2)
		w.key(v.Name)
		pv.line = string(w.buf)
		pv.openLine = pv.line + `"`
		pv.openCompact = "," + p.keys[i] + `"`
		switch v.Kind {
		case cslvars.Name:
			switch r := citation.Role(v.Name); r {
			case citation.RoleAuthor:
				pv.op, p.authorIndex = opAuthor, i
			case citation.RoleEditor:
				pv.op, p.editorIndex = opEditor, i
			default:
				pv.op, pv.role = opNames, r
				p.roleIndex[r] = i
			}
		case cslvars.Date:
			pv.op, pv.id = opDate, dateID(v.Name)
			if int(pv.id) < len(p.dateIndex) {
				p.dateIndex[pv.id] = i
			} else {
				pv.op = opSkip // not a date Citation holds
			}
		case cslvars.Strings:
			pv.op, pv.extra = opStrings, "csljson:"+v.Name
			p.stringsIndex = append(p.stringsIndex, i)
		}
		id, isField := fields[v.Name]
		switch {
		case v.Name == "ISSN" || v.Name == "ISBN" || v.Name == "keyword":
			p.holder[i] = inOther
			if v.Kind == cslvars.String || v.Kind == cslvars.Number {
				pv.op, pv.id = opList, listID(v.Name)
				p.listIndex[pv.id] = i
			}
		case isField:
			p.holder[i] = inField
			if v.Kind == cslvars.String || v.Kind == cslvars.Number {
				pv.op, pv.id = opField, id
				p.fieldIndex[id] = i
			}
		default:
			p.holder[i] = inVars
			if v.Kind == cslvars.String || v.Kind == cslvars.Number {
				pv.op = opVars
				p.index[v.Name] = i
			}
		}
		p.vars[i] = pv
	}
	return p
})

// The ids of fieldValue, in the order of citation.FieldVars.
const (
	fTitle = iota
	fTitleShort
	fContainerTitle
	fContainerTitleShort
	fCollectionTitle
	fCollectionNumber
	fVolume
	fIssue
	fPage
	fNumberOfPages
	fNumber
	fEdition
	fPublisher
	fPublisherPlace
	fGenre
	fLanguage
	fAbstract
	fURL
	fNote
	fEventTitle
	fEventPlace
	fMedium
	fSource
	fStatus
	fLicense
	fDOI
	fPMID
	fPMCID
	nFields
)

// fieldID returns the id for fieldValue of the CSL variable that a field of
// Citation holds.
func fieldID(name string) (uint8, bool) {
	for i, n := range [...]string{
		fTitle: "title", fTitleShort: "title-short", fContainerTitle: "container-title",
		fContainerTitleShort: "container-title-short", fCollectionTitle: "collection-title",
		fCollectionNumber: "collection-number", fVolume: "volume", fIssue: "issue", fPage: "page",
		fNumberOfPages: "number-of-pages", fNumber: "number", fEdition: "edition",
		fPublisher: "publisher", fPublisherPlace: "publisher-place", fGenre: "genre",
		fLanguage: "language", fAbstract: "abstract", fURL: "URL", fNote: "note",
		fEventTitle: "event-title", fEventPlace: "event-place", fMedium: "medium",
		fSource: "source", fStatus: "status", fLicense: "license", fDOI: "DOI",
		fPMID: "PMID", fPMCID: "PMCID",
	} {
		if n == name {
			return uint8(i), true
		}
	}
	return 0, false
}

// fieldValue is c.Var of the variable that fieldID gave id for, read from
// its field without looking the name up.
func fieldValue(c *citation.Citation, id uint8) string {
	switch id {
	case fTitle:
		return c.Title
	case fTitleShort:
		return c.TitleShort
	case fContainerTitle:
		return c.ContainerTitle
	case fContainerTitleShort:
		return c.ContainerTitleShort
	case fCollectionTitle:
		return c.CollectionTitle
	case fCollectionNumber:
		return c.CollectionNumber
	case fVolume:
		return c.Volume
	case fIssue:
		return c.Issue
	case fPage:
		return c.Pages
	case fNumberOfPages:
		return c.NumberOfPages
	case fNumber:
		return c.Number
	case fEdition:
		return c.Edition
	case fPublisher:
		return c.Publisher
	case fPublisherPlace:
		return c.PublisherPlace
	case fGenre:
		return c.Genre
	case fLanguage:
		return c.Language
	case fAbstract:
		return c.Abstract
	case fURL:
		return c.URL
	case fNote:
		return c.Note
	case fEventTitle:
		return c.EventTitle
	case fEventPlace:
		return c.EventPlace
	case fMedium:
		return c.Medium
	case fSource:
		return c.Source
	case fStatus:
		return c.Status
	case fLicense:
		return c.License
	case fDOI:
		return c.DOI
	case fPMID:
		return c.PMID
	case fPMCID:
		return c.PMCID
	}
	return ""
}

// dateID returns the id for dateValue of a CSL date variable, in the order
// of citation.DateVars.
func dateID(name string) uint8 {
	for i, n := range citation.DateVars() {
		if n == name {
			return uint8(i)
		}
	}
	return 255
}

// dateValue is c.Date of the variable that dateID gave id for.
func dateValue(c *citation.Citation, id uint8) *citation.Date {
	switch id {
	case 1:
		return &c.Accessed
	case 2:
		return &c.OriginalDate
	case 3:
		return &c.EventDate
	case 4:
		return &c.Submitted
	case 5:
		return &c.AvailableDate
	}
	return &c.Issued
}

// dateZero is d.IsZero, field by field (TestDateZero checks that it
// looks at every field).
func dateZero(d *citation.Date) bool {
	return d.Year == 0 && d.Month == 0 && d.Day == 0 && d.EndYear == 0 && d.EndMonth == 0 && d.EndDay == 0 &&
		d.Season == 0 && !d.Circa && d.Literal == ""
}

// listID returns the id for listValue of ISSN, ISBN or keyword.
func listID(name string) uint8 {
	switch name {
	case "ISSN":
		return 0
	case "ISBN":
		return 1
	}
	return 2
}

// listValue returns the list written joined by ", " as the variable with
// that id (ISSN, ISBN, keyword).
func listValue(c *citation.Citation, id uint8) []string {
	switch id {
	case 0:
		return c.ISSN
	case 1:
		return c.ISBN
	}
	return c.Keywords
}

// countNames counts the names other than the "and others" mark.
func countNames(names []citation.Name) int {
	n := 0
	for _, nm := range names {
		if !nm.Others {
			n++
		}
	}
	return n
}

func endsWithOthers(names []citation.Name) bool {
	for _, nm := range names {
		if nm.Others {
			return true
		}
	}
	return false
}

func (e *CSLJSONEncoder) writeNames(names []citation.Name, depth int) {
	jw := &e.jw
	k := &nameKeys()[0]
	if jw.compact {
		k = &nameKeys()[1]
	}
	jw.buf = append(jw.buf, '[')
	i := 0
	for j := range names {
		n := &names[j]
		if n.Others {
			continue
		}
		if i > 0 {
			jw.buf = append(jw.buf, ',')
		}
		i++
		jw.newline(depth + 1)
		e.writeName(n, k)
	}
	jw.newline(depth)
	jw.buf = append(jw.buf, ']')
}

// writeName writes n with the keys k (of nameKeys, for the layout).
func (e *CSLJSONEncoder) writeName(n *citation.Name, k *nameKeySet) {
	b := e.jw.buf
	// state: 0 before the first member, 1 after a string (its closing
	// quote not yet written), 2 after comma-suffix.
	state := 0
	// The parts in the order of nameFamily ... nameSuffix.
	for i, v := range [...]string{n.Family, n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Suffix} {
		if v != "" {
			b = append(b, k.open[state][i]...)
			b = appendJSONContent(b, v)
			state = 1
		}
	}
	if n.CommaSuffix {
		b = append(b, k.commaSuffix[state]...)
		state = 2
	}
	if n.Literal != "" {
		b = append(b, k.open[state][nameLiteral]...)
		b = appendJSONContent(b, n.Literal)
		state = 1
	}
	e.jw.buf = append(b, k.end[state]...)
}

// The string members of a name object, in the order written.
const (
	nameFamily = iota
	nameGiven
	nameDropping
	nameNonDropping
	nameSuffix
	nameLiteral
	nNameParts
)

// nameKeySet holds what writeName writes between the values of a name
// object, by the state before it (see writeName): for each string member,
// the end of the value before, the separator, the key and the opening
// quote; the same for "comma-suffix": true; and the end of the object.
type nameKeySet struct {
	open        [3][nNameParts]string
	commaSuffix [3]string
	end         [3]string
}

// nameKeys returns the nameKeySet of the indented layout, then of the
// compact one.
var nameKeys = sync.OnceValue(func() *[2]nameKeySet {
	var ks [2]nameKeySet
	for j, compact := range []bool{false, true} {
		k := &ks[j]
		comma, colon := ", ", ": "
		if compact {
			comma, colon = ",", ":"
		}
		before := [3]string{"{", `"` + comma, comma}
		for st := range before {
			for i, name := range [nNameParts]string{"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"} {
				k.open[st][i] = before[st] + `"` + name + `"` + colon + `"`
			}
			k.commaSuffix[st] = before[st] + `"comma-suffix"` + colon + "true"
		}
		k.end = [3]string{"{}", `"}`, "}"}
	}
	return &ks
})

func (e *CSLJSONEncoder) writeDate(d *citation.Date) {
	jw := &e.jw
	jw.buf = append(jw.buf, '{')
	sep := false
	start := dateParts(d.Year, d.Month, d.Day)
	end := dateParts(d.EndYear, d.EndMonth, d.EndDay)
	if start != nil || end != nil {
		jw.sepKey(&sep, `"date-parts":`)
		jw.buf = append(jw.buf, '[')
		e.writeParts(start)
		if end != nil {
			jw.comma()
			e.writeParts(end)
		}
		jw.buf = append(jw.buf, ']')
	}
	if d.Season != 0 {
		jw.sepKey(&sep, `"season":`)
		jw.int(int(d.Season))
	}
	if d.Circa {
		jw.sepKey(&sep, `"circa":`)
		jw.buf = append(jw.buf, "true"...)
	}
	if d.Literal != "" {
		jw.sepKey(&sep, `"literal":`)
		jw.str(d.Literal)
	}
	jw.buf = append(jw.buf, '}')
}

// dateParts returns the parts to write for y, m, d: none when all are zero,
// and otherwise up to the last one that is not zero.
func dateParts(y, m, d int) []int {
	switch {
	case d != 0:
		return []int{y, m, d}
	case m != 0:
		return []int{y, m}
	case y != 0:
		return []int{y}
	}
	return nil
}

func (e *CSLJSONEncoder) writeParts(p []int) {
	jw := &e.jw
	jw.buf = append(jw.buf, '[')
	if p == nil {
		// An end without a start: a start of year 0 keeps it a range.
		p = []int{0}
	}
	for i, n := range p {
		if i > 0 {
			jw.comma()
		}
		jw.int(n)
	}
	jw.buf = append(jw.buf, ']')
}

// customReserved lists the keys of custom with a meaning of their own.
func customReserved(k string) bool {
	switch k {
	case "ISSN", "ISBN", "keywords", "names", "others", "related":
		return true
	}
	return strings.HasPrefix(k, "extra:") || strings.HasPrefix(k, "var:")
}

// ExtraKey returns the key of custom under which the CSL-JSON encoder writes
// the Extra values labelled label.
func extraKey(label string) string {
	if i := strings.IndexByte(label, ':'); i > 0 && label[:i] != "extra" && label[:i] != "var" {
		// "ris:C1", "bibtex:owner": not a CSL variable, nor reserved
		// (see TestExtraKeyColon).
		return label
	}
	if _, ok := cslvars.Lookup(label); ok || label == "" || customReserved(label) {
		return "extra:" + label
	}
	return label
}

// lossyJoin reports whether joining list with ", " and splitting on commas
// would not give list back.
func lossyJoin(list []string) bool {
	if len(list) == 0 {
		return false
	}
	for _, s := range list {
		if s == "" || strings.IndexByte(s, ',') >= 0 || !trimmed(s) {
			return true
		}
	}
	return false
}

// trimmed reports whether strings.TrimSpace(s) is s, looking only at the
// ends of s when they are ASCII.
func trimmed(s string) bool {
	if a, z := s[0], s[len(s)-1]; a < utf8.RuneSelf && z < utf8.RuneSelf {
		return !asciiSpace(a) && !asciiSpace(z)
	}
	return strings.TrimSpace(s) == s
}

// asciiSpace reports whether the ASCII byte c is white space to
// unicode.IsSpace.
func asciiSpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

func (e *CSLJSONEncoder) writeCustom(c *citation.Citation, first *bool, depth int) {
	jw := &e.jw
	n := 0
	entry := func(k string) {
		if n == 0 {
			if !*first {
				jw.buf = append(jw.buf, ',')
			}
			*first = false
			jw.newline(depth + 1)
			jw.knownKey(`"custom":`)
			jw.buf = append(jw.buf, '{')
		} else {
			jw.buf = append(jw.buf, ',')
		}
		n++
		jw.newline(depth + 2)
		jw.key(k)
	}
	if lossyJoin(c.ISBN) {
		entry("ISBN")
		jw.strs(c.ISBN)
	}
	if lossyJoin(c.ISSN) {
		entry("ISSN")
		jw.strs(c.ISSN)
	}
	if lossyJoin(c.Keywords) {
		entry("keywords")
		jw.strs(c.Keywords)
	}
	// CSL variables the schema lacks, then variables CSL does not define.
	if names := c.Contributors[citation.RoleEditorTranslator]; countNames(names) > 0 {
		entry(string(citation.RoleEditorTranslator))
		e.writeNames(names, depth+2)
	}
	if c.License != "" {
		entry("license")
		jw.str(c.License)
	}
	if len(c.Vars) > 0 {
		// c.Var of these is the Vars entry: they have no field.
		for _, k := range [...]string{"part-number", "printing-number", "supplement-number"} {
			if s := c.Vars[k]; s != "" {
				entry(k)
				jw.str(s)
			}
		}
	}
	if len(c.Vars) > 0 {
		// c.VarNames(), in a list the encoder reuses.
		e.varNames = e.varNames[:0]
		for k := range c.Vars {
			e.varNames = append(e.varNames, k)
		}
		sort.Strings(e.varNames)
		for _, k := range e.varNames {
			if writtenFromVars(c, k) {
				continue
			}
			if c.Vars[k] != "" {
				entry("var:" + k)
				jw.str(c.Vars[k])
			}
		}
	}
	// Without Contributors, only authors and editors can have ORCIDs,
	// affiliations or "and others": most records have none.
	if len(c.Contributors) > 0 || hasNameExtras(c.Authors) || hasNameExtras(c.Editors) {
		e.writeRoleData(c, depth, entry)
	}
	if len(c.Related) > 0 {
		entry("related")
		jw.buf = append(jw.buf, '[')
		for i, r := range c.Related {
			if i > 0 {
				jw.comma()
			}
			jw.buf = append(jw.buf, '{')
			sep := false
			for _, kv := range [...][2]string{{"id", r.ID}, {"title", r.Title}, {"URL", r.URL}, {"type", r.Type}} {
				if kv[1] == "" {
					continue
				}
				if sep {
					jw.comma()
				}
				sep = true
				jw.key(kv[0])
				jw.str(kv[1])
			}
			jw.buf = append(jw.buf, '}')
		}
		jw.buf = append(jw.buf, ']')
	}
	e.writeExtra(c, entry)
	if n > 0 {
		jw.newline(depth + 1)
		jw.buf = append(jw.buf, '}')
	}
}

// hasNameExtras reports whether a name of names has an ORCID, affiliations
// or is the "and others" mark.
func hasNameExtras(names []citation.Name) bool {
	for i := range names {
		if n := &names[i]; n.Others || n.ORCID != "" || len(n.Affiliations) > 0 {
			return true
		}
	}
	return false
}

// writeRoleData writes to custom, through entry, the names of the roles CSL
// does not define, the ORCIDs and affiliations of names, and the roles that
// end with "and others".
func (e *CSLJSONEncoder) writeRoleData(c *citation.Citation, depth int, entry func(string)) {
	jw := &e.jw
	roles := unknownRoles(c)
	for _, r := range roles {
		if countNames(c.Contributors[r]) > 0 {
			entry("var:" + string(r))
			e.writeNames(c.Contributors[r], depth+2)
		}
	}
	// c.Roles() and the unknown roles, in a list the encoder reuses.
	rs := e.roles[:0]
	if len(c.Contributors) == 0 {
		// Only the roles with fields of their own can have names.
		if len(c.Authors) > 0 {
			rs = append(rs, citation.RoleAuthor)
		}
		if len(c.Editors) > 0 {
			rs = append(rs, citation.RoleEditor)
		}
	} else {
		for _, r := range citation.AllRoles() {
			if len(c.Names(r)) > 0 {
				rs = append(rs, r)
			}
		}
	}
	roles = append(rs, roles...)
	e.roles = roles[:0]
	e.writeNameData(c, roles, entry)
	var others []string
	for _, r := range roles {
		if endsWithOthers(c.Names(r)) {
			others = append(others, string(r))
		}
	}
	if len(others) > 0 {
		entry("others")
		jw.strs(others)
	}
}

// writtenFromVars reports whether the value of Vars[k] is written as the
// variable k, at the top level or in custom, by the code above. Other
// entries of Vars (a name, date or list variable, or one CSL does not
// define) are written as custom "var:k".
func writtenFromVars(c *citation.Citation, k string) bool {
	v, ok := cslvars.Lookup(k)
	if !ok || (v.Kind != cslvars.String && v.Kind != cslvars.Number) {
		return false
	}
	switch k {
	case "keyword", "ISSN", "ISBN", "license":
		return false
	}
	return c.Var(k) == c.Vars[k]
}

// unknownRoles returns the roles of c.Contributors that CSL does not define,
// sorted.
func unknownRoles(c *citation.Citation) []citation.Role {
	var rs []citation.Role
	for r := range c.Contributors {
		if !r.Valid() {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	return rs
}

// writeNameData writes the ORCIDs and affiliations of names under "names".
func (e *CSLJSONEncoder) writeNameData(c *citation.Citation, roles []citation.Role, entry func(string)) {
	jw := &e.jw
	started := false
	for _, r := range roles {
		names := c.Names(r)
		has := false
		for _, n := range names {
			if n.ORCID != "" || len(n.Affiliations) > 0 {
				has = true
				break
			}
		}
		if !has {
			continue
		}
		if !started {
			entry("names")
			jw.buf = append(jw.buf, '{')
			started = true
		} else {
			jw.comma()
		}
		key := string(r)
		if !r.Valid() {
			key = "var:" + key
		}
		jw.key(key)
		jw.buf = append(jw.buf, '[')
		i := 0
		for _, n := range names {
			if n.Others {
				continue
			}
			if i > 0 {
				jw.comma()
			}
			i++
			jw.buf = append(jw.buf, '{')
			if n.ORCID != "" {
				jw.key("ORCID")
				jw.str(n.ORCID)
			}
			if len(n.Affiliations) > 0 {
				if n.ORCID != "" {
					jw.comma()
				}
				jw.key("affiliation")
				jw.strs(n.Affiliations)
			}
			jw.buf = append(jw.buf, '}')
		}
		jw.buf = append(jw.buf, ']')
	}
	if started {
		jw.buf = append(jw.buf, '}')
	}
}

// writeExtra writes Extra grouped by label, labels in order of first
// occurrence.
func (e *CSLJSONEncoder) writeExtra(c *citation.Citation, entry func(string)) {
	jw := &e.jw
	for i, f := range c.Extra {
		if f.Name == "csljson:categories" {
			continue
		}
		seen := false
		for _, g := range c.Extra[:i] {
			if g.Name == f.Name {
				seen = true
				break
			}
		}
		if seen {
			continue
		}
		count := 0
		for _, g := range c.Extra[i:] {
			if g.Name == f.Name {
				count++
			}
		}
		entry(extraKey(f.Name))
		if count == 1 {
			jw.str(f.Value)
			continue
		}
		jw.buf = append(jw.buf, '[')
		k := 0
		for _, g := range c.Extra[i:] {
			if g.Name == f.Name {
				if k > 0 {
					jw.comma()
				}
				k++
				jw.str(g.Value)
			}
		}
		jw.buf = append(jw.buf, ']')
	}
}
