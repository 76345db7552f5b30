package parse

import (
	"slices"
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/cslvars"
	"github.com/citekit/citekit/internal/ristags"
)

// risConv converts the fields of one RIS record.
type risConv struct {
	c        *citation.Citation
	typ      citation.ItemType
	journal  bool
	whole    bool
	dates    [3]risDate // DA, PY, Y1
	sp, ep   string
	kw       []string
	kwTags   int
	snTags   int // SN tags in the record
	kwCount  int // KW tags in the record
	doiLinks []string
}

// risDate is a date tag's value.
type risDate struct {
	tag, raw string
	d        citation.Date
	dups     []string // later values of the same tag
	other    string   // text in the fourth part that is not a season
	ok       bool
}

// convert makes a Citation of the fields of one record.
func (d *RISDecoder) convert(fields []risField) *citation.Citation {
	c := &citation.Citation{}
	cv := risConv{c: c}
	// One string holds every value of the record; values are slices of it.
	all := string(d.valueBuf)
	value := func(f risField) string { return all[f.start:f.end] }
	for _, f := range fields {
		if f.tag() != "TY" {
			continue
		}
		code := strings.ToUpper(strings.TrimSpace(value(f)))
		t, known := ristags.ReadType(code)
		if known {
			c.Type = t
			if w, _ := ristags.WriteType(t); w != code {
				c.AddExtra("ris:TY", code)
			}
		} else {
			c.AddExtra("ris:TY", normText(value(f)))
		}
		break
	}
	// Room for the names, which are large.
	na, ne := 0, 0
	for _, f := range fields {
		switch f.tag() {
		case "AU", "A1":
			na++
		case "A2", "ED":
			ne++
		case "SN":
			cv.snTags++
		case "KW":
			cv.kwCount++
		}
	}
	if na > 0 {
		c.Authors = make([]citation.Name, 0, na)
	}
	if ne > 0 {
		c.Editors = make([]citation.Name, 0, ne)
	}
	if cv.kwCount > 0 {
		cv.kw = make([]string, 0, cv.kwCount)
	}
	cv.typ = c.Type
	cv.journal = ristags.Journal(c.Type)
	cv.whole = ristags.Whole(c.Type)
	for _, f := range fields {
		if f.tag() == "TY" {
			continue
		}
		cv.field(f.tag(), value(f))
	}
	cv.finish()
	if len(c.Authors) == 0 {
		c.Authors = nil
	}
	if len(c.Editors) == 0 {
		c.Editors = nil
	}
	c.Normalize()
	return c
}

// set fills the CSL variable name from tag, or keeps the value as Extra
// when the variable already holds another value.
func (cv *risConv) set(name, tag, v string) {
	v = normText(v)
	if v == "" {
		return
	}
	switch cur := cv.c.Var(name); cur {
	case "":
		cv.c.SetVar(name, v)
	case v:
	default:
		cv.extra(tag, v)
	}
}

func (cv *risConv) extra(tag, v string) {
	cv.c.AddExtra("ris:"+tag, normText(v))
}

// extraFirst keeps v as Extra before the values of the same tag kept
// already: the first of repeated tags, which conversion holds back until the
// record ends (EP without SP), stays first, so RIS -> RIS keeps their order.
func (cv *risConv) extraFirst(tag, v string) {
	c, name := cv.c, "ris:"+tag
	for i, f := range c.Extra {
		if f.Name == name {
			c.Extra = slices.Insert(c.Extra, i, citation.Field{Name: name, Value: normText(v)})
			return
		}
	}
	cv.extra(tag, v)
}

func (cv *risConv) field(tag, v string) {
	c := cv.c
	switch tag {
	case "ID":
		if v = normText(v); c.ID == "" {
			c.ID = v
		} else if v != c.ID {
			cv.extra(tag, v)
		}
	case "AU", "A1":
		cv.names(citation.RoleAuthor, v)
	case "A2", "ED":
		cv.names(citation.RoleEditor, v)
	case "A3":
		cv.names(citation.RoleCollectionEditor, v)
	case "A4":
		cv.names(citation.RoleTranslator, v)
	case "BT":
		if cv.whole || cv.typ == citation.TypeManuscript {
			cv.set("title", tag, v)
		} else {
			cv.set("container-title", tag, v)
		}
	case "T2":
		if cv.whole {
			cv.set("collection-title", tag, v)
		} else {
			cv.set("container-title", tag, v)
		}
	case "DA", "PY", "Y1":
		i := 0 // DA
		switch tag {
		case "PY":
			i = 1
		case "Y1":
			i = 2
		}
		v = normText(v)
		if v == "" {
			return
		}
		if cv.dates[i].raw != "" {
			if v != cv.dates[i].raw && !slices.Contains(cv.dates[i].dups, v) {
				// Kept after the first value's own Extra, if any (see issued).
				cv.dates[i].dups = append(cv.dates[i].dups, v)
			}
			return
		}
		d, other, ok := parseRISDate(v)
		cv.dates[i] = risDate{tag: tag, raw: v, d: d, other: other, ok: ok}
	case "Y2":
		cv.date(&c.Accessed, tag, v)
	case "M1":
		if cv.journal {
			// EndNote's issue; Embase puts affiliations here.
			if n := normText(v); len(n) <= 16 && !strings.ContainsAny(n, " ;") {
				cv.set("issue", tag, n)
			} else {
				cv.extra(tag, n)
			}
		} else {
			cv.set("number", tag, v)
		}
	case "SP":
		// A repeated SP or EP is kept even when it equals the first: the
		// page range written back splits the first, so dropping an equal
		// repeat would lose it on the next reading.
		if v = normText(v); cv.sp == "" {
			cv.sp = v
		} else if v != "" {
			cv.extra(tag, v)
		}
	case "EP":
		if v = normText(v); cv.ep == "" {
			cv.ep = v
		} else if v != "" {
			cv.extra(tag, v)
		}
	case "SN":
		cv.serial(v)
	case "DO":
		v = normText(v)
		if doi, ok := doiIn(v); ok {
			if c.DOI == "" {
				c.DOI = doi
			} else if !strings.EqualFold(doi, c.DOI) {
				cv.extra(tag, v)
			}
		} else {
			cv.extra(tag, v)
		}
	case "M3":
		v = normText(v)
		if doi, ok := doiIn(v); ok && (c.DOI == "" || strings.EqualFold(doi, c.DOI)) {
			c.DOI = doi
			return
		}
		cv.set("genre", tag, v)
	case "UR":
		for _, u := range splitURLs(v) {
			if pm, ok := strings.CutPrefix(u, "PM:"); ok && isDigits(strings.TrimSpace(pm)) && c.PMID == "" {
				c.PMID = strings.TrimSpace(pm)
				continue
			}
			if c.URL == "" {
				c.URL = u
			} else if u != c.URL {
				cv.extra(tag, u)
			}
			cv.doiLinks = append(cv.doiLinks, u)
		}
	case "L1", "L2", "L3", "L4":
		for _, u := range strings.Split(v, "\n") {
			if u = normText(u); u != "" {
				cv.extra(tag, u)
				cv.doiLinks = append(cv.doiLinks, u)
			}
		}
	case "KW":
		cv.kwTags++
		if !strings.Contains(v, "\n") {
			if k := normText(v); k != "" {
				cv.kw = append(cv.kw, k)
			}
			return
		}
		for _, k := range strings.Split(v, "\n") {
			if k = normText(k); k != "" {
				cv.kw = append(cv.kw, k)
			}
		}
	case "N1":
		cv.note(v)
	case "AN":
		v = normText(v)
		if pmid, ok := pmidIn(v); ok && (c.PMID == "" || c.PMID == pmid) {
			c.PMID = pmid
			return
		}
		cv.extra(tag, v)
	case "ET":
		if cv.journal {
			if d, other, ok := parseRISDate(normText(v)); ok && d.Year != 0 && other == "" && c.AvailableDate.IsZero() {
				c.AvailableDate = d
				return
			}
		}
		cv.set("edition", tag, v)
	case "C2":
		v = normText(v)
		if isPMCID(v) && (c.PMCID == "" || c.PMCID == v) {
			c.PMCID = v
			return
		}
		cv.extra(tag, v)
	case "C7":
		if cv.journal {
			cv.set("number", tag, v)
			return
		}
		cv.extra(tag, v)
	default:
		if name, ok := ristags.Var(tag); ok {
			cv.set(name, tag, v)
			return
		}
		cv.extra(tag, v)
	}
}

func isDigits(s string) bool {
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

func isPMCID(s string) bool {
	return len(s) > 3 && s[:3] == "PMC" && isDigits(s[3:])
}

// pmidIn reads "PMID:123", "PMID 123", "PM:123" and "MEDLINE:123".
func pmidIn(s string) (string, bool) {
	for _, p := range [...]string{"PMID", "PM", "MEDLINE"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
			if isDigits(rest) {
				return rest, true
			}
		}
	}
	return "", false
}

// splitURLs splits a UR value into its links: one a line, or several
// separated by ";" (old spec) when every part is a link.
func splitURLs(v string) []string {
	if !strings.ContainsAny(v, "\n;") {
		if v = normText(v); v == "" {
			return nil
		}
		if !strings.Contains(v, ";") { // NFC may make one (U+037E)
			return []string{v}
		}
	}
	var out []string
	for _, line := range strings.Split(v, "\n") {
		line = normText(line)
		if line == "" {
			continue
		}
		parts := strings.Split(line, ";")
		all := len(parts) > 1
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if !(strings.Contains(p, "://") || strings.HasPrefix(p, "www.") || strings.HasPrefix(p, "PM:")) {
				all = false
			}
		}
		if !all {
			out = append(out, line)
			continue
		}
		for _, p := range parts {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

// names adds the names of a name tag; continuation lines give more names.
func (cv *risConv) names(role citation.Role, v string) {
	if !strings.Contains(v, "\n") {
		if s := normText(v); s != "" {
			cv.c.SetNames(role, append(cv.c.Names(role), risName(s)))
		}
		return
	}
	for _, s := range strings.Split(v, "\n") {
		if s = normText(s); s == "" {
			continue
		}
		cv.c.SetNames(role, append(cv.c.Names(role), risName(s)))
	}
}

// date sets a date from tag, keeping the text as Extra when the date is
// already set or the text has more than a date.
func (cv *risConv) date(dst *citation.Date, tag, v string) {
	v = normText(v)
	if v == "" {
		return
	}
	d, other, ok := parseRISDate(v)
	if !ok {
		d = citation.Date{Literal: v}
	}
	if !dst.IsZero() {
		if *dst != d || other != "" {
			cv.extra(tag, v)
		}
		return
	}
	*dst = d
	if other != "" {
		cv.extra(tag, v)
	}
}

// serial sorts the values of an SN tag into ISSNs and ISBNs.
func (cv *risConv) serial(v string) {
	// The parts between line breaks and semicolons, as strings.FieldsFunc
	// would give them, without the slice. Each line is normalized first:
	// its NFC form may hold a semicolon that the text did not (U+037E, the
	// Greek question mark, is ";" in NFC).
	for lines := v; lines != ""; {
		line := lines
		if i := strings.IndexByte(lines, '\n'); i >= 0 {
			line, lines = lines[:i], lines[i+1:]
		} else {
			lines = ""
		}
		for rest := normText(line); rest != ""; {
			part := rest
			if i := strings.IndexByte(rest, ';'); i >= 0 {
				part, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			if part != "" {
				cv.serialPart(part)
			}
		}
	}
}

// serialPart reads the values of an SN tag between two semicolons.
func (cv *risConv) serialPart(part string) {
	// Commas separate identifiers only when every part is one ("1234-5678,
	// 978-..."); a patent number may hold commas.
	if !strings.Contains(part, ",") {
		cv.serialValue(part)
		return
	}
	sub := strings.Split(part, ",")
	for _, x := range sub {
		x = strings.TrimSpace(x)
		if i := strings.IndexByte(x, '('); i > 0 {
			x = strings.TrimSpace(x[:i])
		}
		_, e1 := canonISSN(x)
		_, e2 := canonISBN(x)
		if !e1 && !e2 {
			cv.serialValue(part)
			return
		}
	}
	for _, x := range sub {
		cv.serialValue(x)
	}
}

// serialValue reads one value of an SN tag.
func (cv *risConv) serialValue(part string) {
	c := cv.c
	part = normText(part)
	hint := ""
	// Scopus annotates: "11009233 (ISSN)"; others "1234-5678 (Print)".
	for {
		open := strings.LastIndexByte(part, '(')
		if open < 0 || !strings.HasSuffix(part, ")") {
			break
		}
		note := strings.ToUpper(part[open+1 : len(part)-1])
		if strings.Contains(note, "ISBN") {
			hint = "ISBN"
		} else if strings.Contains(note, "ISSN") {
			hint = "ISSN"
		}
		part = strings.TrimSpace(part[:open])
	}
	for _, p := range [...]string{"ISSN:", "ISSN", "ISBN:", "ISBN", "eISSN:", "EISSN"} {
		if rest, ok := strings.CutPrefix(part, p); ok && rest != "" && (rest[0] == ' ' || rest[0] == ':' || p[len(p)-1] == ':') {
			hint = strings.ToUpper(strings.TrimPrefix(strings.TrimSuffix(p, ":"), "e"))
			if hint == "EISSN" {
				hint = "ISSN"
			}
			part = strings.TrimSpace(strings.TrimLeft(rest, ": "))
		}
	}
	if part == "" {
		return
	}
	if s, ok := canonISSN(part); ok && hint != "ISBN" {
		c.ISSN = appendNew(cv.serials(c.ISSN), s)
		return
	}
	if s, ok := canonISBN(part); ok {
		c.ISBN = appendNew(cv.serials(c.ISBN), s)
		return
	}
	switch {
	case hint == "ISSN":
		c.ISSN = appendNew(cv.serials(c.ISSN), part)
	case hint == "ISBN" || cv.whole || cv.typ == citation.TypeChapter || cv.typ == citation.TypePaperConference:
		c.ISBN = appendNew(cv.serials(c.ISBN), part)
	case (cv.typ == citation.TypePatent || cv.typ == citation.TypeStandard) && c.Number == "":
		c.Number = part
	default:
		c.ISSN = appendNew(cv.serials(c.ISSN), part)
	}
}

// note reads an N1 value: the note, a further note kept as Extra, or a
// "label:name: value" line written by citekit's encoder.
func (cv *risConv) note(v string) {
	c := cv.c
	if label, name, value, ok := ristags.NoteLabel(v); ok {
		switch label {
		case "csl":
			cv.cslVar(name, value)
		case "extra":
			c.AddExtra(name, normText(value))
		default:
			c.AddExtra(label+":"+name, normText(value))
		}
		return
	}
	v = normText(v)
	if v == "" {
		return
	}
	if c.Note == "" {
		c.Note = v
	} else {
		cv.extra("N1", v)
	}
}

// cslVar sets a CSL variable from an N1 "csl:" line.
func (cv *risConv) cslVar(name, value string) {
	c := cv.c
	if role, ok := strings.CutPrefix(name, "role:"); ok {
		cv.names(citation.Role(role), value)
		return
	}
	if name == "type" {
		if t := citation.ItemType(strings.TrimSpace(value)); t.Valid() {
			c.Type = t
			return
		}
		c.AddExtra("csl:type", normText(value))
		return
	}
	v, known := cslvars.Lookup(name)
	if !known {
		if value = normText(value); value != "" {
			if c.Vars == nil {
				c.Vars = make(map[string]string)
			}
			c.Vars[name] = value
		}
		return
	}
	switch v.Kind {
	case cslvars.Name:
		cv.names(citation.Role(name), value)
		return
	case cslvars.Date:
		p := itemParser{b: []byte(value), s: value, c: c}
		if err := p.date(name, 0); err != nil || p.first != nil {
			c.AddExtra("csl:"+name, normText(value))
		}
		return
	}
	value = normText(value)
	switch name {
	case "ISSN":
		c.ISSN = appendNew(c.ISSN, value)
	case "ISBN":
		c.ISBN = appendNew(c.ISBN, value)
	case "keyword":
		cv.kw = append(cv.kw, value)
	default:
		c.SetVar(name, value)
	}
}

func (cv *risConv) finish() {
	c := cv.c
	// Keywords: one KW tag may hold several, separated by semicolons.
	if cv.kwTags == 1 && len(cv.kw) == 1 && strings.Contains(cv.kw[0], ";") {
		cv.kw = splitList(cv.kw[0], ';')
	}
	if c.Keywords == nil {
		// appendNew to an empty list, in place: cv.kw is the record's own.
		out := cv.kw[:0]
		for _, k := range cv.kw {
			out = appendNew(out, k)
		}
		if len(out) > 0 {
			c.Keywords = out
		}
	} else {
		for _, k := range cv.kw {
			c.Keywords = appendNew(c.Keywords, k)
		}
	}
	// Pages.
	switch {
	case cv.sp != "" && cv.ep != "":
		if strings.ContainsAny(cv.sp, "-–") {
			cv.set("page", "SP", cv.sp)
			cv.extraFirst("EP", cv.ep)
		} else {
			cv.set("page", "SP", cv.sp+"-"+cv.ep)
		}
	case cv.sp != "":
		if cv.whole && isDigits(cv.sp) {
			cv.set("number-of-pages", "SP", cv.sp)
		} else {
			cv.set("page", "SP", cv.sp)
		}
	case cv.ep != "":
		cv.extraFirst("EP", cv.ep)
	}
	// DOI from links.
	if c.DOI == "" {
		for _, u := range cv.doiLinks {
			if doi, ok := doiIn(u); ok {
				c.DOI = doi
				break
			}
		}
	}
	cv.issued()
}

// issued sets the publication date from DA, PY and Y1, keeping as Extra
// each tag whose value the date does not fully hold.
func (cv *risConv) issued() {
	c := cv.c
	da, py, y1 := &cv.dates[0], &cv.dates[1], &cv.dates[2]
	var d citation.Date
	switch {
	case da.ok && da.d.Year != 0:
		d = da.d
	case py.ok && py.d.Year != 0:
		d = py.d
	case y1.ok && y1.d.Year != 0:
		d = y1.d
	}
	if d.Year != 0 && da.ok && da.d.Year == 0 && d.Month == 0 {
		// EndNote and Web of Science: the month (and day) in DA, the year in PY.
		d.Month, d.Day, d.Season = da.d.Month, da.d.Day, da.d.Season
		if d.Season == 0 {
			d.Season = da.d.Season
		}
	}
	if d.Year == 0 {
		for _, x := range []*risDate{da, py, y1} {
			if x.raw != "" {
				d = citation.Date{Literal: x.raw}
				break
			}
		}
	}
	if c.Issued.IsZero() {
		c.Issued = d
	} else {
		d = c.Issued
	}
	for _, x := range []*risDate{da, py, y1} {
		if x.raw == "" {
			continue
		}
		if !(d.Literal == x.raw || (x.ok && x.other == "" && covers(d, x.d))) {
			cv.extra(x.tag, x.raw)
		}
		for _, v := range x.dups {
			// A repeat the date holds, as it holds the first value, is not
			// kept: written back, it would be that value.
			if e, other, ok := parseRISDate(v); d.Literal == v || ok && other == "" && covers(d, e) {
				continue
			}
			cv.extra(x.tag, v)
		}
	}
}

// covers reports whether d holds every part of e.
func covers(d, e citation.Date) bool {
	eq := func(a, b int) bool { return b == 0 || a == b }
	return eq(d.Year, e.Year) && eq(d.Month, e.Month) && eq(d.Day, e.Day) &&
		(e.Season == 0 || d.Season == e.Season) && e.EndYear == 0 && e.Literal == ""
}

var risMonths = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

// parseRISDate reads a RIS date: "YYYY/MM/DD/other" with any part empty
// ("2014//", "1998///Spring", "/03/05/"), zeros for unknown parts, an ISO
// date, a year, or a month or season name with an optional day and year
// ("July", "NOV", "Nov 2019", "12 November 2025"). other is the text of the
// fourth part when it is not a season. ok is false when s is none of these.
func parseRISDate(s string) (d citation.Date, other string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return d, "", false
	}
	if strings.Contains(s, "/") {
		// strings.SplitN(s, "/", 4), without the slice.
		var partsBuf [4]string
		parts := partsBuf[:0]
		for rest := s; ; {
			i := strings.IndexByte(rest, '/')
			if i < 0 || len(parts) == 3 {
				parts = append(parts, rest)
				break
			}
			parts = append(parts, rest[:i])
			rest = rest[i+1:]
		}
		var nums [3]int
		for i := 0; i < 3 && i < len(parts); i++ {
			p := strings.TrimSpace(parts[i])
			if p == "" {
				continue
			}
			if !isDigits(p) || len(p) > 4 || (i > 0 && len(p) > 2) {
				return citation.Date{}, "", false
			}
			nums[i], _ = strconv.Atoi(p)
		}
		d.Year, d.Month, d.Day = nums[0], nums[1], nums[2]
		if d.Month > 12 || d.Day > daysIn(d.Year, d.Month) || (d.Month == 0 && d.Day != 0) {
			return citation.Date{}, "", false
		}
		if len(parts) == 4 {
			rest := strings.TrimSpace(parts[3])
			if rest == "" || isDigits(rest) {
				other = rest
			} else if season, isSeason := parseSeason(rest); isSeason {
				d.Season = season
			} else {
				other = rest
			}
		}
		if d.Year == 0 && d.Month == 0 && d.Season == 0 {
			return citation.Date{}, other, false
		}
		return d, other, true
	}
	if isDigits(s) && len(s) <= 4 {
		d.Year, _ = strconv.Atoi(s)
		return d, "", d.Year != 0
	}
	if y, m, day, isISO := parseISODate(s); isISO {
		return citation.Date{Year: y, Month: m, Day: day}, "", true
	}
	// Words: month or season names, a day, a year.
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '-' }) {
		lw := strings.ToLower(w)
		switch {
		case risMonths[lw] != 0 && d.Month == 0:
			d.Month = risMonths[lw]
		case isDigits(w) && len(w) == 4 && d.Year == 0:
			d.Year, _ = strconv.Atoi(w)
		case isDigits(w) && len(w) <= 2 && d.Day == 0:
			d.Day, _ = strconv.Atoi(w)
		default:
			if season, isSeason := parseSeason(w); isSeason && !isDigits(w) && d.Season == 0 {
				d.Season = season
				continue
			}
			return citation.Date{}, "", false
		}
	}
	if (d.Day != 0 && d.Month == 0) || d.Day > daysIn(d.Year, d.Month) || (d.Month != 0 && d.Season != 0) {
		return citation.Date{}, "", false
	}
	return d, "", d.Month != 0 || d.Season != 0 || d.Year != 0
}

// risName reads a RIS name: "Family, Given", "Family, Given, Suffix" and
// other forms [citation.ParseName] reads, and "Family GI" (Embase "Adler
// D.G.", MEDLINE "Smith JA"), which it reads with
// [citation.ParseMedlineName]. As the RIS specification has it, the part
// after the only comma is the given name even when it looks like a suffix
// ("Smith, II"); a suffix without a given name is written "Smith,, II".
func risName(s string) citation.Name {
	commas := strings.Count(s, ",")
	if commas == 0 {
		if f := strings.Fields(s); len(f) >= 2 && isInitials(f[len(f)-1]) {
			ini := strings.ReplaceAll(f[len(f)-1], ".", "")
			return citation.ParseMedlineName(strings.Join(f[:len(f)-1], " ") + " " + ini)
		}
	}
	n := citation.ParseName(s)
	if commas == 1 && n.Given == "" && n.DroppingParticle == "" && n.Suffix != "" {
		n.Given, n.Suffix, n.CommaSuffix = n.Suffix, "", false
	}
	return n
}

// isInitials reports whether s is initials: "R.", "D.G.", "JA", "J-P".
func isInitials(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '.' || c == '-':
		default:
			return false
		}
	}
	return letters >= 1 && letters <= 3
}

// serials returns list, or when it is nil an empty list with room for a
// value from each SN tag.
func (cv *risConv) serials(list []string) []string {
	if list == nil && cv.snTags > 0 {
		return make([]string, 0, cv.snTags)
	}
	return list
}
