package export

import (
	"errors"
	"io"
	"sort"
	"strings"
	"sync"

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
	marks    []bool // by schema index: the variable is in the item's Vars
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

// member starts an item member at depth d+1 (the item itself is at d).
func (e *CSLJSONEncoder) member(first *bool, depth int, key string) {
	jw := &e.jw
	if !*first {
		jw.buf = append(jw.buf, ',')
	}
	*first = false
	jw.newline(depth + 1)
	jw.key(key)
}

// memberKey is member for a key already quoted, with its colon: `"k":`.
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
	first := true
	e.member(&first, depth, "id")
	if c.ID != "" {
		jw.str(c.ID)
	} else {
		jw.buf = append(jw.buf, `"item-`...)
		jw.int(e.n)
		jw.buf = append(jw.buf, '"')
	}
	e.member(&first, depth, "type")
	if c.Type != "" {
		jw.str(string(c.Type))
	} else {
		jw.str(string(citation.TypeDocument))
	}
	// Which variables of the schema Vars holds: marked once, rather than
	// looked up in the map for each variable.
	plan := schemaPlan()
	var inVarsMarks []bool
	if len(c.Vars) > 0 {
		if len(e.marks) < len(plan.holder) {
			e.marks = make([]bool, len(plan.holder))
		}
		inVarsMarks = e.marks
		for k := range c.Vars {
			if i, ok := plan.index[k]; ok {
				inVarsMarks[i] = true
			}
		}
	}
	for i, v := range cslvars.Schema() {
		switch v.Kind {
		case cslvars.Name:
			names := c.Names(citation.Role(v.Name))
			if countNames(names) == 0 {
				continue
			}
			e.memberKey(&first, depth, plan.keys[i])
			e.writeNames(names, depth+1)
		case cslvars.Date:
			d := c.Date(v.Name)
			if d == nil || d.IsZero() {
				continue
			}
			e.memberKey(&first, depth, plan.keys[i])
			e.writeDate(d)
		case cslvars.Strings:
			var list []string
			for _, f := range c.Extra {
				if f.Name == "csljson:"+v.Name {
					list = append(list, f.Value)
				}
			}
			if len(list) == 0 {
				continue
			}
			e.memberKey(&first, depth, plan.keys[i])
			jw.strs(list)
		default:
			var s string
			switch plan.holder[i] {
			case inField:
				s = c.Var(v.Name)
			case inVars:
				if inVarsMarks != nil && inVarsMarks[i] {
					s = c.Vars[v.Name]
				}
			default:
				// ISSN, ISBN, keyword: the list joined, written without
				// building the joined string.
				if list := joinedList(c, v.Name); len(list) > 1 || len(list) == 1 && list[0] != "" {
					e.memberKey(&first, depth, plan.keys[i])
					jw.strJoin(list, ", ")
				}
				continue
			}
			if s == "" {
				continue
			}
			e.memberKey(&first, depth, plan.keys[i])
			jw.str(s)
		}
	}
	for k := range c.Vars {
		if i, ok := plan.index[k]; ok {
			inVarsMarks[i] = false
		}
	}
	e.writeCustom(c, &first, depth)
	jw.newline(depth)
	jw.buf = append(jw.buf, '}')
}

// Where Citation holds a string or number variable of the schema.
const (
	inOther = iota // ISSN, ISBN, keyword: lists, see joinedList
	inField        // a field of its own (citation.FieldVars)
	inVars         // Vars
)

// A csljsonPlan tells, for each variable of cslvars.Schema (by index),
// where a Citation holds it.
type csljsonPlan struct {
	holder []uint8
	index  map[string]int // schema index by name, for the variables in Vars
	keys   []string       // the names as written by jsonWriter.key, without the space
}

var schemaPlan = sync.OnceValue(func() *csljsonPlan {
	fields := make(map[string]bool)
	for _, name := range citation.FieldVars() {
		fields[name] = true
	}
	schema := cslvars.Schema()
	p := &csljsonPlan{holder: make([]uint8, len(schema)), index: make(map[string]int), keys: make([]string, len(schema))}
	for i, v := range schema {
		w := jsonWriter{compact: true}
		w.key(v.Name)
		p.keys[i] = string(w.buf)
		switch {
		case v.Name == "ISSN" || v.Name == "ISBN" || v.Name == "keyword":
			p.holder[i] = inOther
		case fields[v.Name]:
			p.holder[i] = inField
		default:
			p.holder[i] = inVars
			p.index[v.Name] = i
		}
	}
	return p
})

// joinedList returns the list written joined by ", " as the variable name
// (ISSN, ISBN, keyword), or nil.
func joinedList(c *citation.Citation, name string) []string {
	switch name {
	case "ISSN":
		return c.ISSN
	case "ISBN":
		return c.ISBN
	case "keyword":
		return c.Keywords
	}
	return nil
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
	jw.buf = append(jw.buf, '[')
	i := 0
	for _, n := range names {
		if n.Others {
			continue
		}
		if i > 0 {
			jw.buf = append(jw.buf, ',')
		}
		i++
		jw.newline(depth + 1)
		e.writeName(n)
	}
	jw.newline(depth)
	jw.buf = append(jw.buf, ']')
}

func (e *CSLJSONEncoder) writeName(n citation.Name) {
	jw := &e.jw
	jw.buf = append(jw.buf, '{')
	sep := false
	part := func(k, v string) {
		if v == "" {
			return
		}
		if sep {
			jw.comma()
		}
		sep = true
		jw.key(k)
		jw.str(v)
	}
	part("family", n.Family)
	part("given", n.Given)
	part("dropping-particle", n.DroppingParticle)
	part("non-dropping-particle", n.NonDroppingParticle)
	part("suffix", n.Suffix)
	if n.CommaSuffix {
		if sep {
			jw.comma()
		}
		sep = true
		jw.key("comma-suffix")
		jw.buf = append(jw.buf, "true"...)
	}
	part("literal", n.Literal)
	jw.buf = append(jw.buf, '}')
}

func (e *CSLJSONEncoder) writeDate(d *citation.Date) {
	jw := &e.jw
	jw.buf = append(jw.buf, '{')
	sep := false
	next := func(k string) {
		if sep {
			jw.comma()
		}
		sep = true
		jw.key(k)
	}
	start := dateParts(d.Year, d.Month, d.Day)
	end := dateParts(d.EndYear, d.EndMonth, d.EndDay)
	if start != nil || end != nil {
		next("date-parts")
		jw.buf = append(jw.buf, '[')
		e.writeParts(start)
		if end != nil {
			jw.comma()
			e.writeParts(end)
		}
		jw.buf = append(jw.buf, ']')
	}
	if d.Season != 0 {
		next("season")
		jw.int(int(d.Season))
	}
	if d.Circa {
		next("circa")
		jw.buf = append(jw.buf, "true"...)
	}
	if d.Literal != "" {
		next("literal")
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
		if s == "" || strings.ContainsRune(s, ',') || strings.TrimSpace(s) != s {
			return true
		}
	}
	return false
}

func (e *CSLJSONEncoder) writeCustom(c *citation.Citation, first *bool, depth int) {
	jw := &e.jw
	n := 0
	entry := func(k string) {
		if n == 0 {
			e.member(first, depth, "custom")
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
	if names := c.Names(citation.RoleEditorTranslator); countNames(names) > 0 {
		entry(string(citation.RoleEditorTranslator))
		e.writeNames(names, depth+2)
	}
	for _, k := range [...]string{"license", "part-number", "printing-number", "supplement-number"} {
		if s := c.Var(k); s != "" {
			entry(k)
			jw.str(s)
		}
	}
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
