package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/textio"
)

// DefaultJSONMaxRecord is the default limit of one record of the Crossref
// and DataCite decoders.
const DefaultJSONMaxRecord = 16 << 20 // 16 MiB

// A CrossrefDecoder reads Crossref REST API works.
//
// # Format
//
// The decoder reads the JSON of the Crossref REST API
// (https://api.crossref.org/swagger-ui, "Work" schema): the response of
// /works/{doi} ({"status": "ok", "message-type": "work", "message": {...}}),
// the response of a /works query ({"message-type": "work-list", "message":
// {"items": [...]}}), which it streams item by item, a bare work object or
// an array of them, and several of these in a row (NDJSON). The CSL-JSON
// that DOI content negotiation returns is CSL-JSON, read by the csljson
// decoder; this decoder reads it too when named, since Crossref's CSL output
// keeps Crossref's types and date names.
//
// # Mapping
//
//   - type (and subtype) to CSL types: journal-article is article-journal,
//     book-chapter chapter, proceedings-article paper-conference,
//     posted-content article (its institution, such as "medRxiv", is the
//     container title), dissertation thesis, and so on; CSL types pass.
//   - title and subtitle give the title ("Title: Subtitle"); short-title,
//     container-title (the first; more in Extra), short-container-title.
//     Titles and the JATS abstract keep <i>, <b>, <sup>, <sub> and small
//     capitals as CSL rich text; other tags are dropped.
//   - author, editor, translator, chair and the other CSL name variables,
//     with ORCID and affiliation names.
//   - issued, else published-print, published-online, published, posted,
//     created; published-online is also the available date. date-parts
//     ranges, seasons, "circa" and "literal" are kept.
//   - ISSN and issn-type: print first, roles in Extra "crossref:issn-type";
//     ISBN (as ISBN-13) likewise.
//   - license: the first "vor" license URL (else the first) is the license;
//     every license is kept in Extra "crossref:license". funder goes to Extra
//     "crossref:funder" ("Name [DOI] award: A, B"). Each reference becomes a
//     [citation.Related] of type "references" (ID its DOI, title its
//     unstructured text), and each relation ("is-preprint-of") a Related of
//     that type.
//   - Other CSL variables present (CSL-JSON input) are set by name. Service
//     metadata (indexed, deposited, score, counts, links, member, prefix) is
//     dropped.
//
// # Errors and limits
//
// A record that is not a JSON object, or whose values have the wrong JSON
// types, is reported with its line and column and decoding goes on. A
// response with "status" other than "ok" is reported with its message. A
// JSON syntax error ends decoding (JSON gives no point to resume at), as
// does a record larger than [CrossrefDecoder.MaxRecordBytes].
//
// A CrossrefDecoder serves one goroutine.
type CrossrefDecoder struct {
	// MaxRecordBytes is the largest record accepted; 0 means
	// DefaultJSONMaxRecord. Set it before the first call to Decode.
	MaxRecordBytes int64

	s               *jsonStream
	recLine, recCol int
	n               int
}

// NewCrossrefDecoder returns a decoder of Crossref works from r.
func NewCrossrefDecoder(r io.Reader) *CrossrefDecoder {
	return &CrossrefDecoder{s: newJSONStream(textio.NewReader(r), "crossref", "message", "items")}
}

// RecordPos returns the line and column at which the record last returned or
// reported by Decode began.
func (d *CrossrefDecoder) RecordPos() (line, column int) { return d.recLine, d.recCol }

// Decode returns the next work, or io.EOF after the last.
func (d *CrossrefDecoder) Decode() (*citation.Citation, error) {
	d.s.maxItem = d.MaxRecordBytes
	if d.s.maxItem <= 0 {
		d.s.maxItem = DefaultJSONMaxRecord
	}
	m, line, col, err := d.s.next()
	d.recLine, d.recCol = line, col
	if err != nil {
		if pe, ok := err.(*ParseError); ok {
			d.recLine, d.recCol = pe.Line, pe.Column
		}
		return nil, err
	}
	d.n++
	if st := jString(d.s.top["status"]); st != "" && st != "ok" {
		msg := jString(m["message"])
		if msg == "" {
			b, _ := json.Marshal(m)
			msg = string(clip(b, 200))
		}
		return nil, &ParseError{Format: "crossref", Line: line, Column: col,
			Err: fmt.Errorf("response status %q: %s: %w", st, msg, ErrInvalidValue)}
	}
	c, problems := crossrefWork(m)
	if len(problems) > 0 {
		pe := &ParseError{Format: "crossref", Line: line, Column: col, Record: c.DOI, Field: problems[0].field,
			Err: problems[0].err}
		if len(problems) > 1 {
			var errs []error
			for _, p := range problems {
				errs = append(errs, fmt.Errorf("field %s: %w", p.field, p.err))
			}
			pe.Field, pe.Err = "", joinErrs(errs)
		}
		if c.Title == "" && c.DOI == "" {
			return nil, pe
		}
		return c, pe
	}
	if c.Title == "" && c.DOI == "" && len(c.Authors) == 0 {
		return nil, &ParseError{Format: "crossref", Line: line, Column: col,
			Err: fmt.Errorf("record has no DOI, title or author: %w", ErrMissingField)}
	}
	return c, nil
}

type fieldProblem struct {
	field string
	err   error
}

// crossrefTypes maps Crossref work types to CSL types.
var crossrefTypes = map[string]citation.ItemType{
	"journal-article":     citation.TypeArticleJournal,
	"book-chapter":        citation.TypeChapter,
	"book-section":        citation.TypeChapter,
	"book-part":           citation.TypeChapter,
	"book-track":          citation.TypeChapter,
	"reference-entry":     citation.TypeEntry,
	"book":                citation.TypeBook,
	"monograph":           citation.TypeBook,
	"edited-book":         citation.TypeBook,
	"reference-book":      citation.TypeBook,
	"book-series":         citation.TypeBook,
	"book-set":            citation.TypeBook,
	"proceedings-article": citation.TypePaperConference,
	"proceedings":         citation.TypeBook,
	"proceedings-series":  citation.TypeBook,
	"posted-content":      citation.TypeArticle,
	"dissertation":        citation.TypeThesis,
	"report":              citation.TypeReport,
	"report-component":    citation.TypeReport,
	"report-series":       citation.TypeReport,
	"dataset":             citation.TypeDataset,
	"database":            citation.TypeDataset,
	"standard":            citation.TypeStandard,
	"standard-series":     citation.TypeStandard,
	"peer-review":         citation.TypeReview,
	"journal-issue":       citation.TypePeriodical,
	"journal-volume":      citation.TypePeriodical,
	"journal":             citation.TypePeriodical,
	"component":           citation.TypeDocument,
	"grant":               citation.TypeDocument,
	"other":               citation.TypeDocument,
}

// cslStringVars are CSL string and number variables without a field of
// their own in Citation, set by name from CSL-JSON-like input.
var cslStringVars = [...]string{"archive", "archive-place", "archive_collection", "archive_location",
	"authority", "call-number", "chapter-number", "citation-label", "dimensions", "division",
	"jurisdiction", "original-publisher", "original-publisher-place", "original-title", "part-number",
	"part-title", "printing-number", "references", "reviewed-genre", "reviewed-title", "scale", "section",
	"supplement-number", "version", "volume-title", "year-suffix"}

// crossrefWork maps the members of a Crossref work to a citation.
func crossrefWork(m map[string]json.RawMessage) (*citation.Citation, []fieldProblem) {
	c := new(citation.Citation)
	var problems []fieldProblem
	bad := func(field string, err error) {
		problems = append(problems, fieldProblem{field, fmt.Errorf("%s: %w", jsonErrText(err), ErrInvalidValue)})
	}
	str := func(key string) string {
		v, err := jStringErr(m[key])
		if err != nil {
			bad(key, err)
		}
		return citation.NormalizeText(v)
	}
	strs := func(key string) []string {
		v, err := jStringsErr(m[key])
		if err != nil {
			bad(key, err)
		}
		return v
	}
	date := func(key string) citation.Date {
		d, err := jDate(m[key])
		if err != nil {
			bad(key, err)
		}
		return d
	}

	doi := str("DOI")
	if c.DOI = pmDOI(doi); c.DOI == "" {
		c.DOI = doi
	}
	typ := str("type")
	if t, ok := crossrefTypes[typ]; ok {
		c.Type = t
	} else if citation.ItemType(typ).Valid() {
		c.Type = citation.ItemType(typ)
	} else if typ != "" {
		c.Type = citation.TypeDocument
		c.AddExtra("crossref:type", typ)
	}
	if sub := str("subtype"); sub != "" {
		c.AddExtra("crossref:subtype", sub)
		if sub == "preprint" {
			c.Genre = "Preprint"
		}
	}

	titles := strs("title")
	if len(titles) > 0 {
		t := richFromHTML(titles[0])
		if subs := strs("subtitle"); len(subs) > 0 && subs[0] != "" {
			st := richFromHTML(subs[0])
			if !strings.Contains(citation.PlainText(t), citation.PlainText(st)) {
				t += ": " + st
			}
		}
		c.Title = citation.NormalizeText(t)
		for _, x := range titles[1:] {
			c.AddExtra("crossref:title", citation.NormalizeText(richFromHTML(x)))
		}
	}
	if st := strs("short-title"); len(st) > 0 {
		c.TitleShort = citation.NormalizeText(richFromHTML(st[0]))
	}
	if ot := strs("original-title"); len(ot) > 0 {
		c.SetVar("original-title", citation.NormalizeText(richFromHTML(ot[0])))
	}
	ct := strs("container-title")
	if len(ct) > 0 {
		c.ContainerTitle = citation.NormalizeText(richFromHTML(ct[0]))
		for _, x := range ct[1:] {
			c.AddExtra("crossref:container-title", citation.NormalizeText(x))
		}
	}
	if s := strs("short-container-title"); len(s) > 0 {
		c.ContainerTitleShort = citation.NormalizeText(s[0])
	} else if s := strs("container-title-short"); len(s) > 0 {
		c.ContainerTitleShort = citation.NormalizeText(s[0])
	} else if s := strs("journalAbbreviation"); len(s) > 0 {
		c.ContainerTitleShort = citation.NormalizeText(s[0])
	}
	if gt := str("group-title"); gt != "" {
		c.AddExtra("crossref:group-title", gt)
	}
	var inst []struct {
		Name string          `json:"name"`
		Raw  json.RawMessage `json:"-"`
	}
	if raw, ok := m["institution"]; ok {
		if err := unmarshalOneOrMany(raw, &inst); err != nil {
			bad("institution", err)
		}
	}
	if len(inst) > 0 && inst[0].Name != "" {
		name := citation.NormalizeText(inst[0].Name)
		if c.ContainerTitle == "" && typ == "posted-content" {
			c.ContainerTitle = name
		} else {
			c.AddExtra("crossref:institution", name)
		}
	}

	// Names.
	for _, r := range citation.AllRoles() {
		raw, ok := m[string(r)]
		if !ok {
			continue
		}
		names, err := jNames(raw)
		if err != nil {
			bad(string(r), err)
			continue
		}
		c.SetNames(r, names)
	}

	// Dates.
	c.Issued = date("issued")
	for _, k := range [...]string{"published-print", "published-online", "published", "posted", "created"} {
		if !c.Issued.IsZero() {
			break
		}
		c.Issued = date(k)
	}
	c.AvailableDate = date("published-online")
	if c.AvailableDate.IsZero() {
		c.AvailableDate = date("available-date")
	}
	c.Accessed = date("accessed")
	c.OriginalDate = date("original-date")
	c.EventDate = date("event-date")
	c.Submitted = date("submitted")

	c.Volume = str("volume")
	c.Issue = str("issue")
	c.Pages = strings.ReplaceAll(str("page"), "\u2013", "-")
	if an := str("article-number"); an != "" {
		if c.Pages == "" {
			c.Pages = an
		}
		c.AddExtra("crossref:article-number", an)
	}
	c.Publisher = str("publisher")
	c.PublisherPlace = str("publisher-location")
	if c.PublisherPlace == "" {
		c.PublisherPlace = str("publisher-place")
	}
	c.Edition = str("edition-number")
	if c.Edition == "" {
		c.Edition = str("edition")
	}
	if deg := strs("degree"); len(deg) > 0 {
		c.Genre = citation.NormalizeText(deg[0])
	}
	if c.Language = str("language"); c.Language != "" {
		c.Language = langTag(c.Language)
	}
	c.URL = str("URL")
	if abs := str("abstract"); abs != "" {
		c.Abstract = citation.NormalizeText(richFromHTML(abs))
	}
	for _, s := range strs("subject") {
		addKeyword(c, s)
	}
	if kw := str("keyword"); kw != "" {
		for _, k := range strings.Split(kw, ",") {
			addKeyword(c, k)
		}
	}

	// Event: an object in Crossref, strings in CSL.
	if raw, ok := m["event"]; ok {
		var ev struct {
			Name     string          `json:"name"`
			Location string          `json:"location"`
			Start    json.RawMessage `json:"start"`
			End      json.RawMessage `json:"end"`
		}
		if s, err := jStringErr(raw); err == nil {
			c.EventTitle = citation.NormalizeText(s)
		} else if err := json.Unmarshal(raw, &ev); err == nil {
			c.EventTitle, c.EventPlace = citation.NormalizeText(ev.Name), citation.NormalizeText(ev.Location)
			if d, err := jDate(ev.Start); err == nil && c.EventDate.IsZero() {
				c.EventDate = d
				if e, err := jDate(ev.End); err == nil && e.Year != 0 && !d.IsRange() {
					c.EventDate.EndYear, c.EventDate.EndMonth, c.EventDate.EndDay = e.Year, e.Month, e.Day
					if (d.Month == 0) != (e.Month == 0) || (d.Day == 0) != (e.Day == 0) {
						c.EventDate.EndYear, c.EventDate.EndMonth, c.EventDate.EndDay = 0, 0, 0
					}
				}
			}
		} else {
			bad("event", err)
		}
	}
	if s := str("event-title"); s != "" {
		c.EventTitle = s
	}
	if s := str("event-place"); s != "" {
		c.EventPlace = s
	}

	// Identifiers.
	var issnTypes []struct{ Value, Type string }
	if raw, ok := m["issn-type"]; ok {
		if err := json.Unmarshal(raw, &issnTypes); err != nil {
			bad("issn-type", err)
		}
	}
	var issns [4][]string
	for _, it := range issnTypes {
		role := 3
		switch strings.ToLower(it.Type) {
		case "print":
			role = 0
		case "linking":
			role = 1
		case "electronic":
			role = 2
		}
		if s, _, ok := pmISSN(it.Value); ok {
			issns[role] = append(issns[role], s)
		}
		c.AddExtra("crossref:issn-type", it.Value+" ("+it.Type+")")
	}
	for _, s := range strs("ISSN") {
		if n, _, ok := pmISSN(s); ok {
			issns[3] = append(issns[3], n)
		} else if s != "" {
			issns[3] = append(issns[3], s)
		}
	}
	for _, list := range issns {
		for _, s := range list {
			c.ISSN = appendUnique(c.ISSN, s)
		}
	}
	var isbnTypes []struct{ Value, Type string }
	if raw, ok := m["isbn-type"]; ok {
		if err := json.Unmarshal(raw, &isbnTypes); err != nil {
			bad("isbn-type", err)
		}
	}
	for _, it := range isbnTypes {
		if s, ok := pmISBN(it.Value); ok {
			c.ISBN = appendUnique(c.ISBN, s)
		}
		c.AddExtra("crossref:isbn-type", it.Value+" ("+it.Type+")")
	}
	for _, s := range strs("ISBN") {
		if n, ok := pmISBN(s); ok {
			c.ISBN = appendUnique(c.ISBN, n)
		} else if s != "" {
			c.ISBN = appendUnique(c.ISBN, s)
		}
	}

	// Licenses.
	var lic []struct {
		URL            string          `json:"URL"`
		Start          json.RawMessage `json:"start"`
		Delay          json.Number     `json:"delay-in-days"`
		ContentVersion string          `json:"content-version"`
	}
	if raw, ok := m["license"]; ok {
		if s, err := jStringErr(raw); err == nil {
			c.License = citation.NormalizeText(s)
		} else if err := json.Unmarshal(raw, &lic); err != nil {
			bad("license", err)
		}
	}
	vor := false
	for _, l := range lic {
		if l.URL == "" {
			continue
		}
		if c.License == "" || (l.ContentVersion == "vor" && !vor) {
			c.License = l.URL
			vor = l.ContentVersion == "vor"
		}
		desc := l.URL
		var meta []string
		if l.ContentVersion != "" {
			meta = append(meta, l.ContentVersion)
		}
		if d, err := jDate(l.Start); err == nil && d.Year != 0 {
			meta = append(meta, "start "+isoDateString(d))
		}
		if l.Delay != "" && l.Delay != "0" {
			meta = append(meta, "delay "+string(l.Delay)+" days")
		}
		if len(meta) > 0 {
			desc += " (" + strings.Join(meta, ", ") + ")"
		}
		c.AddExtra("crossref:license", desc)
	}
	if cp := str("copyright"); cp != "" && c.License == "" {
		c.License = cp
	}

	// Funders.
	var funders []struct {
		Name  string          `json:"name"`
		DOI   string          `json:"DOI"`
		Award json.RawMessage `json:"award"`
	}
	if raw, ok := m["funder"]; ok {
		if err := json.Unmarshal(raw, &funders); err != nil {
			bad("funder", err)
		}
	}
	for _, f := range funders {
		s := citation.NormalizeText(f.Name)
		if f.DOI != "" {
			s += " [" + f.DOI + "]"
		}
		if awards, _ := jStringsErr(f.Award); len(awards) > 0 {
			s += " award: " + strings.Join(awards, ", ")
		}
		c.AddExtra("crossref:funder", strings.TrimSpace(s))
	}

	// References and relations.
	var refs []struct {
		Key          string `json:"key"`
		DOI          string `json:"DOI"`
		Unstructured string `json:"unstructured"`
		ArticleTitle string `json:"article-title"`
		JournalTitle string `json:"journal-title"`
		VolumeTitle  string `json:"volume-title"`
	}
	if raw, ok := m["reference"]; ok {
		if err := json.Unmarshal(raw, &refs); err != nil {
			bad("reference", err)
		}
	}
	for _, r := range refs {
		rel := citation.Related{Type: "references", Title: citation.NormalizeText(r.Unstructured)}
		if rel.Title == "" {
			var parts []string
			for _, x := range [...]string{r.ArticleTitle, r.JournalTitle, r.VolumeTitle} {
				if x = citation.NormalizeText(x); x != "" {
					parts = append(parts, x)
				}
			}
			rel.Title = strings.Join(parts, ". ")
		}
		if doi := pmDOI(r.DOI); doi != "" {
			rel.ID, rel.URL = doi, "https://doi.org/"+doi
		}
		if rel.ID == "" && rel.Title == "" {
			continue
		}
		c.Related = append(c.Related, rel)
	}
	if raw, ok := m["relation"]; ok {
		var rels map[string]json.RawMessage
		if err := json.Unmarshal(raw, &rels); err != nil {
			bad("relation", err)
		}
		keys := make([]string, 0, len(rels))
		for k := range rels {
			keys = append(keys, k)
		}
		sortStrings(keys)
		for _, k := range keys {
			var list []struct {
				IDType string `json:"id-type"`
				ID     string `json:"id"`
			}
			if err := unmarshalOneOrMany(rels[k], &list); err != nil {
				bad("relation", err)
				continue
			}
			for _, x := range list {
				rel := citation.Related{ID: x.ID, Type: k}
				if x.IDType == "doi" {
					rel.URL = "https://doi.org/" + x.ID
				}
				c.Related = append(c.Related, rel)
			}
		}
	}

	// Any other CSL variable, from CSL-JSON input.
	for _, name := range citation.FieldVars() {
		if c.Var(name) != "" {
			continue
		}
		if _, ok := m[name]; ok {
			c.SetVar(name, str(name))
		}
	}
	for _, name := range cslStringVars {
		if _, ok := m[name]; ok && c.Var(name) == "" {
			c.SetVar(name, str(name))
		}
	}
	for _, k := range [...]string{"PMID", "PMCID"} {
		if v := str(k); v != "" && c.Var(k) == "" {
			c.SetVar(k, v)
		}
	}
	if c.PMCID != "" {
		if id := pmPMCID(c.PMCID); id != "" {
			c.PMCID = id
		}
	}
	if c.Source == "" {
		c.Source = "Crossref"
	}
	if id := str("id"); id != "" && !strings.HasPrefix(id, "http") {
		c.ID = id
	} else {
		c.ID = c.DOI
	}
	c.Normalize()
	return c, problems
}

func isoDateString(d citation.Date) string {
	s := fmt.Sprintf("%04d", d.Year)
	if d.Month != 0 {
		s += fmt.Sprintf("-%02d", d.Month)
		if d.Day != 0 {
			s += fmt.Sprintf("-%02d", d.Day)
		}
	}
	return s
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func joinErrs(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return joinedError(errs)
}

// joinedError is errors.Join with the messages on one line.
type joinedError []error

func (e joinedError) Error() string {
	parts := make([]string, len(e))
	for i, err := range e {
		parts[i] = err.Error()
	}
	return strings.Join(parts, "; ")
}

func (e joinedError) Unwrap() []error { return e }

// jsonErrText describes a JSON decoding error without Go type names.
func jsonErrText(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		want := "a value of another type"
		switch te.Type.Kind() {
		case reflect.Map, reflect.Struct:
			want = "an object"
		case reflect.Slice, reflect.Array:
			want = "a list"
		case reflect.String:
			want = "a string"
		}
		return fmt.Sprintf("expected %s, got a JSON %s", want, te.Value)
	}
	return err.Error()
}

// unmarshalOneOrMany decodes a JSON array, or a single value as a list of
// one, into the slice v points to.
func unmarshalOneOrMany(raw json.RawMessage, v any) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] != '[' && string(raw) != "null" {
		raw = append(append([]byte{'['}, raw...), ']')
	}
	return json.Unmarshal(raw, v)
}

// jString returns a JSON string or number as a string, "" for anything else.
func jString(raw json.RawMessage) string {
	s, _ := jStringErr(raw)
	return s
}

// jStringErr returns a JSON string or number as a string; null and absence
// give "", other values an error.
func jStringErr(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		err := json.Unmarshal(raw, &n)
		return n.String(), err
	case '[':
		// A list of one string, as Crossref gives titles.
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return "", err
		}
		if len(list) == 0 {
			return "", nil
		}
		return jStringErr(list[0])
	case 't', 'f':
		return string(raw), nil
	}
	return "", fmt.Errorf("expected a string, got %s", clip(raw, 20))
}

// jStringsErr returns a JSON array of strings (or a single string) as a list.
func jStringsErr(raw json.RawMessage) ([]string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '[' {
		s, err := jStringErr(raw)
		if s == "" {
			return nil, err
		}
		return []string{s}, err
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	var out []string
	for _, x := range list {
		s, err := jStringErr(x)
		if err != nil {
			return out, err
		}
		if s = citation.NormalizeText(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// jDate reads a CSL/Crossref date object: date-parts (one or two, values as
// numbers or strings, null for none), season, circa, literal, raw.
func jDate(raw json.RawMessage) (citation.Date, error) {
	var d citation.Date
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return d, nil
	}
	if raw[0] == '"' {
		// A bare string date, as some CSL producers write.
		s, err := jStringErr(raw)
		if err != nil {
			return d, err
		}
		return nlmDate(s), nil
	}
	var obj struct {
		DateParts [][]json.RawMessage `json:"date-parts"`
		Season    json.RawMessage     `json:"season"`
		Circa     json.RawMessage     `json:"circa"`
		Literal   string              `json:"literal"`
		Raw       string              `json:"raw"`
		DateTime  string              `json:"date-time"`
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return d, err
	}
	parts := func(p []json.RawMessage) (y, m, dd int, err error) {
		var v [3]int
		for i := 0; i < len(p) && i < 3; i++ {
			s, e := jStringErr(p[i])
			if e != nil {
				return 0, 0, 0, e
			}
			s = strings.TrimSpace(s)
			if s == "" {
				break
			}
			n, e := strconv.Atoi(s)
			if e != nil {
				return 0, 0, 0, fmt.Errorf("date part %q is not a number", s)
			}
			v[i] = n
		}
		return v[0], v[1], v[2], nil
	}
	if len(obj.DateParts) > 0 {
		y, m, dd, err := parts(obj.DateParts[0])
		if err != nil {
			return d, err
		}
		// CSL's seasons as months 13-16 (and 21-24).
		switch {
		case m >= 13 && m <= 16:
			d.Season, m = citation.Season(m-12), 0
		case m >= 21 && m <= 24:
			d.Season, m = citation.Season(m-20), 0
		}
		if m < 0 || m > 12 || dd < 0 || dd > 31 || (m == 0 && dd != 0) {
			return citation.Date{}, fmt.Errorf("invalid date-parts %d-%d-%d", y, m, dd)
		}
		d.Year, d.Month, d.Day = y, m, dd
		if len(obj.DateParts) > 1 {
			ey, em, ed, err := parts(obj.DateParts[1])
			if err == nil && ey != 0 && (em == 0) == (m == 0) && (ed == 0) == (dd == 0) && em <= 12 && ed <= 31 &&
				(ey != y || em != m || ed != dd) {
				d.EndYear, d.EndMonth, d.EndDay = ey, em, ed
			}
		}
	}
	if s, _ := jStringErr(obj.Season); s != "" && d.Season == 0 {
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 4 {
			d.Season = citation.Season(n)
		} else if se := seasonOf(s); se != 0 {
			d.Season = se
		}
		if d.Season != 0 {
			d.Month, d.Day = 0, 0
		}
	}
	if c, _ := jStringErr(obj.Circa); c != "" && c != "false" && c != "0" {
		d.Circa = true
	}
	if d.Year == 0 && d.Season == 0 {
		switch {
		case obj.Literal != "":
			d = citation.Date{Literal: citation.NormalizeText(obj.Literal)}
		case obj.Raw != "":
			d = nlmDate(obj.Raw)
		case obj.DateTime != "":
			d = nlmDate(obj.DateTime)
		}
	}
	return d, nil
}

// jNames reads a list of CSL/Crossref names: given, family, suffix,
// particles, literal or name (organizations), ORCID, affiliation (a list of
// names or of {"name": ...}).
func jNames(raw json.RawMessage) ([]citation.Name, error) {
	var list []map[string]json.RawMessage
	if err := unmarshalOneOrMany(raw, &list); err != nil {
		return nil, err
	}
	var out []citation.Name
	for _, m := range list {
		var n citation.Name
		n.Given = citation.NormalizeText(jString(m["given"]))
		n.Family = citation.NormalizeText(jString(m["family"]))
		n.Suffix = citation.NormalizeText(jString(m["suffix"]))
		n.NonDroppingParticle = citation.NormalizeText(jString(m["non-dropping-particle"]))
		n.DroppingParticle = citation.NormalizeText(jString(m["dropping-particle"]))
		if cs := jString(m["comma-suffix"]); cs == "true" || cs == "1" {
			n.CommaSuffix = true
		}
		if lit := citation.NormalizeText(jString(m["literal"])); lit != "" && n.Family == "" {
			n.Literal = lit
		}
		if name := citation.NormalizeText(jString(m["name"])); name != "" && n.Family == "" && n.Literal == "" {
			n.Literal = name
		}
		if n.Family == "" && n.Given != "" && n.Literal == "" {
			n.Literal, n.Given = n.Given, ""
		}
		if o := jString(m["ORCID"]); o != "" {
			if id, _, ok := normORCID(o); ok {
				n.ORCID = id
			}
		}
		n.Affiliations = jAffiliations(m["affiliation"])
		if n.IsZero() {
			continue
		}
		out = append(out, n)
	}
	return out, nil
}

// jAffiliations reads affiliations given as strings or {"name": ...}
// objects.
func jAffiliations(raw json.RawMessage) []string {
	var list []json.RawMessage
	if unmarshalOneOrMany(raw, &list) != nil {
		return nil
	}
	var out []string
	for _, a := range list {
		s := jString(a)
		if s == "" {
			var obj struct {
				Name string `json:"name"`
			}
			if json.Unmarshal(a, &obj) == nil {
				s = obj.Name
			}
		}
		if s = citation.NormalizeText(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// richFromHTML turns the HTML and JATS markup of Crossref and DataCite titles
// and abstracts into CSL rich text: <i>/<em>/<italic>, <b>/<strong>/<bold>,
// <sup>, <sub> and small capitals (<scp>, <sc>) are kept; paragraphs
// become spaces; a leading JATS <title>Abstract</title> is dropped; other
// tags are removed and entities decoded.
func richFromHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	first := true
	for i := 0; i < len(s); {
		c := s[i]
		if c != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			text := html.UnescapeString(s[i : i+j])
			if strings.TrimSpace(text) != "" {
				first = false
			}
			b.WriteString(text)
			i += j
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 || i+1 >= len(s) || !(s[i+1] == '/' || s[i+1] == '!' || isASCIILetter(s[i+1])) {
			b.WriteString("<")
			i++
			continue
		}
		tag := s[i+1 : i+end]
		i += end + 1
		closing := strings.HasPrefix(tag, "/")
		tag = strings.TrimPrefix(tag, "/")
		name := tag
		if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
			name = name[:k]
		}
		if k := strings.IndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		name = strings.ToLower(name)
		switch name {
		case "i", "em", "italic":
			b.WriteString(tagFor("i", closing))
		case "b", "strong", "bold":
			b.WriteString(tagFor("b", closing))
		case "sup":
			b.WriteString(tagFor("sup", closing))
		case "sub":
			b.WriteString(tagFor("sub", closing))
		case "scp", "sc", "smallcaps", "small-caps":
			if closing {
				b.WriteString("</span>")
			} else {
				b.WriteString(`<span style="font-variant:small-caps;">`)
			}
		case "title":
			// A leading "Abstract" heading is dropped.
			if !closing && first {
				if k := strings.Index(s[i:], "</"); k >= 0 {
					h := strings.TrimSpace(s[i : i+k])
					if strings.EqualFold(h, "abstract") || strings.EqualFold(h, "summary") {
						if e := strings.IndexByte(s[i+k:], '>'); e >= 0 {
							i += k + e + 1
						}
					}
				}
			}
			b.WriteByte(' ')
		case "p", "br", "sec", "list-item", "li", "div":
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

func tagFor(name string, closing bool) string {
	if closing {
		return "</" + name + ">"
	}
	return "<" + name + ">"
}

// sniffCrossref reports whether prefix begins a Crossref REST API response:
// an object with "message-type" work or work-list, or "status": "ok" with a
// "message".
func sniffCrossref(prefix []byte) bool {
	p := bytes.TrimSpace(prefix)
	if len(p) == 0 || p[0] != '{' {
		return false
	}
	if i := bytes.Index(p, []byte(`"message-type"`)); i >= 0 {
		rest := bytes.TrimLeft(p[i+len(`"message-type"`):], " \t\r\n:")
		return bytes.HasPrefix(rest, []byte(`"work"`)) || bytes.HasPrefix(rest, []byte(`"work-list"`))
	}
	if i := bytes.Index(p, []byte(`"status"`)); i >= 0 {
		rest := bytes.TrimLeft(p[i+len(`"status"`):], " \t\r\n:")
		return bytes.HasPrefix(rest, []byte(`"ok"`)) && bytes.Contains(p, []byte(`"message"`))
	}
	return false
}

// CrossrefFormat describes Crossref REST API JSON for a [Registry].
func CrossrefFormat() Format {
	return Format{
		Name:        "crossref",
		Description: "Crossref REST API works (JSON)",
		Extensions:  nil,
		Sniff:       sniffCrossref,
		NewDecoder:  func(r io.Reader) Decoder { return NewCrossrefDecoder(r) },
	}
}
