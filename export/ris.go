package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/cslvars"
	"github.com/citekit/citekit/internal/ristags"
)

// A RISEncoder writes citations as RIS records.
//
// # Layout
//
// Each record begins with TY and ends with "ER  - " and a blank line. Tags
// come in a fixed order: TY, ID, titles (TI, ST, T2, J2, T3), names (AU, A2
// for editors, A3 for collection editors, A4 for translators), dates (PY,
// DA as "YYYY/MM/DD/season", Y2), ET, VL, IS, SP, EP, C7 or M1 (number), NV,
// SV, PB, CY, SN (ISSNs then ISBNs), DO, UR, AN ("PMID:nnn"), C2 (PMCID),
// AV, CN, DB, DP, LA, M3, SE, OP, RI, RN, KW (one a keyword), AB, N1 (the
// note), then N1 lines for what has no tag, then the Extra values labelled
// "ris:<TAG>" as their tags (or, where a reader would take the tag for one
// of the record's variables, as N1 "ris:<TAG>: value" lines), and other
// Extra values as N1 lines. Names are written "Family, Given, Suffix",
// particles joined to the family name, "Family,, Suffix" when there is no
// given name.
//
// Every value is one line: line breaks inside a value are folded to spaces,
// so no value can end the record or start another. Lines end in LF, or CRLF
// when CRLF is set.
//
// # What RIS has no tag for
//
// CSL variables without a RIS tag, names of other roles, dates RIS cannot
// write (ranges, circa, literal dates, and the original, event and
// submitted dates), and a type that RIS has no code for are written as N1
// lines "csl:<variable>: <value>" (dates as CSL-JSON date objects, names as
// RIS names); Extra values with other labels as "<label>: <value>" (with an
// "extra:" prefix when the label could not be read back). [parse.RISDecoder]
// reads these back, so a round trip keeps them; other RIS readers show them
// as notes. What is still lost is listed in the package documentation.
//
// # Concurrency
//
// An encoder serves one goroutine.
type RISEncoder struct {
	// CRLF ends lines with CRLF, as the RIS specification asks; the default
	// is LF.
	CRLF bool

	w       io.Writer
	buf     []byte
	err     error
	closed  bool
	csl     CSLJSONEncoder  // formats dates for N1 lines
	done    map[string]bool // reused by each record's risWriter
	scratch []byte          // a name being written
}

// NewRISEncoder returns an encoder that writes RIS to w.
func NewRISEncoder(w io.Writer) *RISEncoder {
	return &RISEncoder{w: w}
}

// Close flushes. It does not close the underlying writer.
func (e *RISEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	e.closed = true
	return e.flush()
}

func (e *RISEncoder) flush() error {
	if len(e.buf) == 0 {
		return nil
	}
	_, err := e.w.Write(e.buf)
	e.buf = e.buf[:0]
	if err != nil {
		e.err = err
	}
	return err
}

// tag writes one tag line; empty values are not written.
func (e *RISEncoder) tag(t, v string) {
	v = foldLine(v)
	if v == "" {
		return
	}
	e.buf = append(e.buf, t...)
	e.buf = append(e.buf, "  - "...)
	e.buf = append(e.buf, v...)
	e.eol()
}

func (e *RISEncoder) eol() {
	if e.CRLF {
		e.buf = append(e.buf, '\r', '\n')
	} else {
		e.buf = append(e.buf, '\n')
	}
}

// foldLine returns v trimmed, with every line break folded to a space.
func foldLine(v string) string {
	clean := true
	for i := 0; i < len(v) && clean; i++ {
		switch c := v[i]; c {
		case '\n', '\r', '\v', '\f':
			clean = false
		case 0xC2: // U+0085 NEL is C2 85
			clean = i+1 >= len(v) || v[i+1] != 0x85
		case 0xE2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			clean = !(i+2 < len(v) && v[i+1] == 0x80 && (v[i+2] == 0xA8 || v[i+2] == 0xA9))
		}
	}
	if clean {
		return strings.TrimSpace(v)
	}
	var b strings.Builder
	for _, r := range v {
		switch r {
		case '\n', '\r', '\v', '\f', 0x85, '\u2028', '\u2029':
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// RISName formats a name as RIS writes it: "Family, Given, Suffix", with
// particles joined to the family and given names, or the literal name. A
// name with a family name only is written "Family," so that readers do not
// take it for a single-field name.
func risName(n citation.Name) string {
	if n.Literal != "" && n.Family == "" && n.Given == "" {
		return n.Literal
	}
	return string(appendRISName(nil, n))
}

// appendRISName appends the "Family, Given, Suffix" form of risName to b.
func appendRISName(b []byte, n citation.Name) []byte {
	b = appendJoined(b, n.NonDroppingParticle, n.Family)
	b = append(b, ',')
	if n.Given != "" || n.DroppingParticle != "" {
		b = append(b, ' ')
		b = appendJoined(b, n.Given, n.DroppingParticle)
	}
	if n.Suffix != "" {
		b = append(b, ", "...)
		b = append(b, n.Suffix...)
	}
	return b
}

// appendJoined appends x and y to b, with a space between them when both
// are set: join(" ", x, y).
func appendJoined(b []byte, x, y string) []byte {
	b = append(b, x...)
	if x != "" && y != "" {
		b = append(b, ' ')
	}
	return append(b, y...)
}

// risDate formats a date as "YYYY/MM/DD/season" (empty parts for unknown
// ones), and reports whether the format holds the whole date.
func risDate(d citation.Date) (string, bool) {
	if d.Year <= 0 || d.IsRange() || d.Circa || d.Literal != "" || (d.Day != 0 && d.Month == 0) ||
		d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return "", false // written as a csl N1 line
	}
	b := strconv.AppendInt(nil, int64(d.Year), 10)
	b = append(b, '/')
	if d.Month != 0 {
		b = fmt.Appendf(b, "%02d", d.Month)
	}
	b = append(b, '/')
	if d.Day != 0 {
		b = fmt.Appendf(b, "%02d", d.Day)
	}
	b = append(b, '/')
	if d.Season != 0 {
		b = append(b, [...]string{"", "Spring", "Summer", "Autumn", "Winter"}[min(int(d.Season), 4)]...)
		if d.Season > 4 {
			return "", false
		}
	}
	return string(b), true
}

// Encode writes c as one record.
func (e *RISEncoder) Encode(c *citation.Citation) error {
	if e.err != nil {
		return e.err
	}
	if e.closed {
		return errClosed
	}
	if e.done == nil {
		e.done = make(map[string]bool, 64)
	}
	clear(e.done)
	w := risWriter{e: e, c: c, done: e.done}
	w.record()
	if len(e.buf) >= flushSize {
		return e.flush()
	}
	return nil
}

// risWriter writes one record, remembering which variables have a tag.
type risWriter struct {
	e     *RISEncoder
	c     *citation.Citation
	done  map[string]bool // CSL variables written as tags
	notes []string        // N1 lines for what has no tag
}

// v writes CSL variable name as tag t.
func (w *risWriter) v(t, name string) {
	w.done[name] = true
	w.e.tag(t, w.c.Var(name))
}

// later writes variable name as an N1 "csl:" line.
func (w *risWriter) later(name, value string) {
	if value = foldLine(value); value != "" {
		w.notes = append(w.notes, "csl:"+name+": "+value)
	}
}

func (w *risWriter) names(t string, role citation.Role) {
	for _, n := range w.c.Names(role) {
		if n.Others {
			continue
		}
		if n.Literal != "" && n.Family == "" && n.Given == "" {
			w.e.tag(t, n.Literal)
			continue
		}
		// Built in a buffer the encoder keeps, and written from it.
		w.e.scratch = appendRISName(w.e.scratch[:0], n)
		w.e.tag(t, string(w.e.scratch))
	}
}

func (w *risWriter) record() {
	e, c := w.e, w.c
	typ := c.Type
	if typ == "" {
		typ = citation.TypeDocument
	}
	code, lossless := ristags.WriteType(typ)
	if ty, ok := c.ExtraValue("ris:TY"); ok {
		if t, known := ristags.ReadType(ty); (known && t == typ) || (!known && typ == citation.TypeDocument) {
			code, lossless = ty, true
		}
	}
	e.tag("TY", code)
	if !lossless {
		w.later("type", string(typ))
	}
	e.tag("ID", c.ID)
	journal, whole := ristags.Journal(typ), ristags.Whole(typ)

	w.v("TI", "title")
	w.v("ST", "title-short")
	if whole {
		w.later("container-title", c.ContainerTitle)
		w.done["container-title"] = true
	} else {
		w.v("T2", "container-title")
	}
	w.v("J2", "container-title-short")
	w.v("T3", "collection-title")

	w.names("AU", citation.RoleAuthor)
	w.names("A2", citation.RoleEditor)
	w.names("A3", citation.RoleCollectionEditor)
	w.names("A4", citation.RoleTranslator)

	w.date("issued", c.Issued, "PY", "DA")
	w.date("accessed", c.Accessed, "", "Y2")
	if journal {
		w.date("available-date", c.AvailableDate, "", "ET")
	} else {
		w.v("ET", "edition")
	}

	w.v("VL", "volume")
	w.v("IS", "issue")
	w.pages(whole)
	if journal {
		w.v("C7", "number")
	} else {
		w.v("M1", "number")
	}
	w.v("NV", "number-of-volumes")
	w.v("SV", "collection-number")
	w.v("PB", "publisher")
	w.v("CY", "publisher-place")
	for _, s := range c.ISSN {
		if canonicalISSN(s) {
			e.tag("SN", s)
		} else {
			e.tag("SN", s+" (ISSN)")
		}
	}
	for _, s := range c.ISBN {
		if validISBN(s) {
			e.tag("SN", s)
		} else {
			e.tag("SN", s+" (ISBN)")
		}
	}
	w.v("DO", "DOI")
	w.v("UR", "URL")
	if c.PMID != "" {
		e.tag("AN", "PMID:"+c.PMID)
	}
	w.done["PMID"] = true
	if isPMCIDForm(c.PMCID) {
		w.v("C2", "PMCID")
	}
	w.v("AV", "archive_location")
	w.v("CN", "call-number")
	w.v("DB", "archive")
	w.v("DP", "source")
	w.v("LA", "language")
	w.v("M3", "genre")
	w.v("SE", "section")
	w.v("OP", "original-title")
	w.v("RI", "reviewed-title")
	w.v("RN", "annote")
	if len(c.Keywords) == 1 && strings.Contains(c.Keywords[0], ";") {
		// One keyword holding a semicolon would be read as several.
		w.later("keyword", c.Keywords[0])
	} else {
		for _, k := range c.Keywords {
			e.tag("KW", k)
		}
	}
	w.v("AB", "abstract")
	if _, _, _, looks := ristags.NoteLabel(foldLine(c.Note)); looks {
		w.later("note", c.Note)
	} else {
		e.tag("N1", c.Note)
	}
	w.done["note"] = true
	w.rest()
	for _, n := range w.notes {
		e.tag("N1", n)
	}
	w.extra()
	e.buf = append(e.buf, "ER  - "...)
	e.eol()
	e.eol()
}

// date writes a date as PY (its year) and dtag ("YYYY/MM/DD/season"), or as
// a csl N1 line when RIS cannot hold it.
func (w *risWriter) date(name string, d citation.Date, ytag, dtag string) {
	w.done[name] = true
	if d.IsZero() {
		return
	}
	s, ok := risDate(d)
	if ytag != "" && d.Year != 0 {
		w.e.tag(ytag, strconv.Itoa(d.Year))
	}
	// The date tag also when Extra holds more values of it, which are
	// written after it: the first of repeated tags is the one read as the
	// date.
	if ok && (ytag == "" || d.Month != 0 || d.Season != 0 || w.hasExtra(dtag)) {
		w.e.tag(dtag, s)
	}
	if !ok {
		w.laterDate(name, d)
	}
}

// hasExtra reports whether the citation has an Extra value written as tag.
func (w *risWriter) hasExtra(tag string) bool {
	for _, f := range w.c.Extra {
		if t, ok := strings.CutPrefix(f.Name, "ris:"); ok && t == tag {
			return true
		}
	}
	return false
}

func (w *risWriter) laterDate(name string, d citation.Date) {
	enc := &w.e.csl
	enc.jw.buf = enc.jw.buf[:0]
	enc.jw.compact = true
	enc.writeDate(&d)
	w.notes = append(w.notes, "csl:"+name+": "+string(enc.jw.buf))
}

// pages writes page as SP and EP, and number-of-pages as SP for whole
// works, so that reading them back gives the same variables.
func (w *risWriter) pages(whole bool) {
	c := w.c
	w.done["page"], w.done["number-of-pages"] = true, true
	p := foldLine(c.Pages)
	switch {
	case p == "":
	case whole && isDigitString(p):
		w.later("page", p) // SP alone would read as the number of pages
	default:
		first, last, ok := strings.Cut(p, "-")
		if ok && first != "" && last != "" && !strings.ContainsAny(last, "-,") && !strings.Contains(first, ",") {
			w.e.tag("SP", first)
			w.e.tag("EP", last)
		} else {
			w.e.tag("SP", p)
		}
	}
	if np := foldLine(c.NumberOfPages); np != "" {
		if whole && p == "" && isDigitString(np) {
			w.e.tag("SP", np)
		} else {
			w.later("number-of-pages", np)
		}
	}
}

// rest writes the variables, names and dates that have no tag as N1 lines.
func (w *risWriter) rest() {
	c := w.c
	for _, name := range citation.FieldVars() {
		if !w.done[name] {
			w.later(name, c.Var(name))
		}
	}
	for _, name := range c.VarNames() {
		if !w.done[name] {
			w.later(name, c.Vars[name])
		}
	}
	for _, name := range citation.DateVars() {
		if d := c.Date(name); !w.done[name] && !d.IsZero() {
			w.laterDate(name, *d)
		}
	}
	var roles []citation.Role
	for r := range c.Contributors {
		roles = append(roles, r)
	}
	sortRoles(roles)
	for _, r := range roles {
		switch r {
		case citation.RoleCollectionEditor, citation.RoleTranslator:
			continue
		}
		key := string(r)
		if _, ok := cslvars.Lookup(key); !ok {
			key = "role:" + key
		}
		for _, n := range c.Contributors[r] {
			if !n.Others {
				w.later(key, risName(n))
			}
		}
	}
}

func sortRoles(rs []citation.Role) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j] < rs[j-1]; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// extra writes the Extra values: "ris:<TAG>" as their tags when reading
// the tag back keeps it as that Extra value, others as N1 "label: value"
// lines.
func (w *risWriter) extra() {
	for _, f := range w.c.Extra {
		if t, ok := strings.CutPrefix(f.Name, "ris:"); ok && ristags.Tag(t) {
			if t == "TY" || t == "ER" {
				if t == "TY" {
					continue // written as the record's TY, or stale
				}
			} else if w.extraAsTag(t, foldLine(f.Value)) {
				w.e.tag(t, f.Value)
				continue
			}
		}
		v := foldLine(f.Value)
		if v == "" {
			continue
		}
		line := f.Name + ": " + v
		if l, n, val, ok := ristags.NoteLabel(line); !ok || l+":"+n != f.Name || val != v || l == "csl" || l == "extra" {
			line = "extra:" + strings.Join(strings.Fields(f.Name), "_") + ": " + v
		}
		w.e.tag("N1", line)
	}
}

func isDigitString(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isPMCIDForm(s string) bool {
	return len(s) > 3 && s[:3] == "PMC" && isDigitString(s[3:])
}

// canonicalISSN reports whether s is an ISSN in canonical form with a valid
// check digit, which the RIS reader recognizes without a hint.
func canonicalISSN(s string) bool {
	n, err := citation.ParseISSN(s)
	return err == nil && n.String() == s
}

// validISBN reports whether s is an ISBN-13 in canonical form with a valid
// check digit, which the RIS reader recognizes without a hint.
func validISBN(s string) bool {
	n, err := citation.ParseISBN(s)
	return err == nil && n.Is13() && n.String() == s
}

// extraAsTag reports whether an Extra value "ris:<t>" (folded to v) can be
// written as tag t: whether a RIS reader, meeting the tag after the tags the
// record's variables were written as, keeps it as the same Extra value. It
// does when the tag has no variable (C1, L1, unknown tags) or when its
// variable holds another value already, so that the tag reads as a repeat;
// it does not when the tag would fill an empty variable ("ris:T1" on a
// citation without a title would read back as the title), add a name or a
// keyword, or set an identifier. Such values are written as N1
// "ris:<t>: value" lines, which read back as the same Extra value.
func (w *risWriter) extraAsTag(t, v string) bool {
	c, typ := w.c, w.c.Type
	// repeat reports whether v reads as a repeat of variable cur: RIS
	// readers drop a repeat equal to the value.
	repeat := func(cur string) bool {
		cur = foldLine(cur)
		return cur != "" && citation.NormalizeText(cur) != citation.NormalizeText(v)
	}
	hasDOI := func() bool { return c.DOI == "" && strings.Contains(v, "10.") }
	whole, journal := ristags.Whole(typ), ristags.Journal(typ)
	switch t {
	case "AU", "A1", "A2", "ED", "A3", "A4", "KW", "SN":
		return false // always read as one more name, keyword or serial
	case "ID":
		return repeat(c.ID)
	case "BT":
		if whole || typ == citation.TypeManuscript {
			return repeat(c.Title)
		}
		return repeat(c.ContainerTitle)
	case "T2":
		if whole {
			return repeat(c.CollectionTitle)
		}
		return repeat(c.ContainerTitle)
	case "DA", "PY", "Y1":
		return !c.Issued.IsZero()
	case "Y2":
		return !c.Accessed.IsZero()
	case "M1":
		if journal {
			return len(v) > 16 || strings.ContainsAny(v, " ;") || repeat(c.Issue)
		}
		return repeat(c.Number)
	case "C7":
		return !journal || repeat(c.Number)
	case "SP", "EP":
		return foldLine(c.Pages) != "" && !(whole && isDigitString(foldLine(c.Pages)))
	case "DO", "M3":
		return !strings.Contains(v, "10.") && (t == "DO" || repeat(c.Genre))
	case "UR":
		return repeat(c.URL) && !strings.ContainsAny(v, ";") && !strings.HasPrefix(v, "PM:") && !hasDOI()
	case "L1", "L2", "L3", "L4":
		return !hasDOI()
	case "N1":
		_, _, _, looks := ristags.NoteLabel(v)
		return !looks && repeat(c.Note)
	case "AN":
		return !strings.HasPrefix(v, "PM") && !strings.HasPrefix(v, "MEDLINE")
	case "C2":
		return !isPMCIDForm(v)
	case "ET":
		if journal {
			return !c.AvailableDate.IsZero() && repeat(c.Edition)
		}
		return repeat(c.Edition)
	}
	if name, ok := ristags.Var(t); ok {
		return repeat(c.Var(name))
	}
	return true // kept as Extra whatever the record holds
}
