package parse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/textio"
)

// A DataCiteDecoder reads DataCite DOI records.
//
// # Format
//
// The decoder reads the JSON:API responses of the DataCite REST API
// (https://support.datacite.org/docs/api, metadata schema 4.x): a single
// DOI ({"data": {"id", "type": "dois", "attributes": {...}}}) and a list
// ({"data": [...], "meta", "links"}), which it streams record by record. It
// also reads a bare attributes object and an array of resources. Only the
// attributes are read; relationships and meta are ignored.
//
// # Mapping
//
//   - types.resourceTypeGeneral to CSL types (Dataset dataset, Software
//     software, JournalArticle article-journal, Preprint article, Text
//     article, BookChapter chapter, Dissertation thesis, ...), else
//     types.citeproc; types.resourceType is the genre.
//   - titles: the one without titleType is the title, a Subtitle is added
//     as "Title: Subtitle"; other titles go to Extra "datacite:title".
//   - creators are authors (nameType Organizational, or a name without
//     given and family names, is a literal name), with ORCID nameIdentifiers
//     and affiliations (strings or objects); contributors of type Editor are
//     editors, the others go to Extra "datacite:contributor" ("Name (Type)").
//   - dates: Issued (else publicationYear) is the issued date, Available
//     the available date, Submitted the submitted date; the others go to
//     Extra "datacite:date" ("2011-02-01 (Created)").
//   - publisher (a string, or an object in schema 4.5), container and
//     relatedItems of relationType IsPublishedIn give the container title,
//     volume, issue, pages and ISSN.
//   - subjects are keywords, descriptions of type Abstract the abstract
//     (SeriesInformation the collection title, others Extra
//     "datacite:description"), rightsList the license (its URI, else its
//     text), fundingReferences Extra "datacite:funder", relatedIdentifiers
//     [citation.Related] items of their relationType, version the CSL
//     variable version, language the language.
//
// # Errors and limits
//
// As for [CrossrefDecoder]: a record that is not an object or has values of
// the wrong JSON type is reported with its position and decoding goes on; a
// JSON syntax error or a record over [DataCiteDecoder.MaxRecordBytes] ends
// decoding; a JSON:API "errors" document is reported.
//
// A DataCiteDecoder serves one goroutine.
type DataCiteDecoder struct {
	// MaxRecordBytes is the largest record accepted; 0 means
	// DefaultJSONMaxRecord. Set it before the first call to Decode.
	MaxRecordBytes int64

	s               *jsonStream
	recLine, recCol int
}

// NewDataCiteDecoder returns a decoder of DataCite records from r.
func NewDataCiteDecoder(r io.Reader) *DataCiteDecoder {
	return &DataCiteDecoder{s: newJSONStream(textio.NewReader(r), "datacite", "data", "")}
}

// RecordPos returns the line and column at which the record last returned or
// reported by Decode began.
func (d *DataCiteDecoder) RecordPos() (line, column int) { return d.recLine, d.recCol }

// Decode returns the next record, or io.EOF after the last.
func (d *DataCiteDecoder) Decode() (*citation.Citation, error) {
	d.s.maxItem = d.MaxRecordBytes
	if d.s.maxItem <= 0 {
		d.s.maxItem = DefaultJSONMaxRecord
	}
	for {
		m, line, col, err := d.s.next()
		d.recLine, d.recCol = line, col
		if err != nil {
			if pe, ok := err.(*ParseError); ok {
				d.recLine, d.recCol = pe.Line, pe.Column
			}
			return nil, err
		}
		if errs, ok := m["errors"]; ok && m["attributes"] == nil {
			return nil, &ParseError{Format: "datacite", Line: line, Column: col,
				Err: fmt.Errorf("error response: %s: %w", clip(errs, 200), ErrInvalidValue)}
		}
		attrs := m
		if raw, ok := m["attributes"]; ok {
			a, err := objectMembers(raw)
			if err != nil {
				return nil, &ParseError{Format: "datacite", Line: line, Column: col, Field: "attributes", Err: err}
			}
			attrs = a
			if _, ok := attrs["doi"]; !ok && m["id"] != nil {
				attrs["doi"] = m["id"]
			}
		} else if len(m) == 0 || (m["doi"] == nil && m["titles"] == nil && m["creators"] == nil) {
			// Not a record: the members of an envelope without data.
			if _, isEnv := m["meta"]; isEnv || len(m) == 0 {
				continue
			}
			return nil, &ParseError{Format: "datacite", Line: line, Column: col,
				Err: fmt.Errorf("record has no attributes, doi, titles or creators: %w", ErrMissingField)}
		}
		c, problems := dataciteRecord(attrs)
		if len(problems) > 0 {
			var errs []error
			for _, p := range problems {
				errs = append(errs, fmt.Errorf("field %s: %w", p.field, p.err))
			}
			pe := &ParseError{Format: "datacite", Line: line, Column: col, Record: c.DOI, Err: joinErrs(errs)}
			if len(problems) == 1 {
				pe.Field, pe.Err = problems[0].field, problems[0].err
			}
			return c, pe
		}
		return c, nil
	}
}

// dataciteTypes maps resourceTypeGeneral to CSL types.
var dataciteTypes = map[string]citation.ItemType{
	"audiovisual":            citation.TypeMotionPicture,
	"book":                   citation.TypeBook,
	"bookchapter":            citation.TypeChapter,
	"collection":             citation.TypeCollection,
	"computationalnotebook":  citation.TypeSoftware,
	"conferencepaper":        citation.TypePaperConference,
	"conferenceproceeding":   citation.TypeBook,
	"datapaper":              citation.TypeArticleJournal,
	"dataset":                citation.TypeDataset,
	"dissertation":           citation.TypeThesis,
	"event":                  citation.TypeEvent,
	"image":                  citation.TypeGraphic,
	"instrument":             citation.TypeDocument,
	"interactiveresource":    citation.TypeWebpage,
	"journal":                citation.TypePeriodical,
	"journalarticle":         citation.TypeArticleJournal,
	"model":                  citation.TypeDataset,
	"outputmanagementplan":   citation.TypeDocument,
	"peerreview":             citation.TypeReview,
	"physicalobject":         citation.TypeDocument,
	"preprint":               citation.TypeArticle,
	"report":                 citation.TypeReport,
	"service":                citation.TypeDocument,
	"software":               citation.TypeSoftware,
	"sound":                  citation.TypeSong,
	"standard":               citation.TypeStandard,
	"studyregistration":      citation.TypeDocument,
	"text":                   citation.TypeArticle,
	"workflow":               citation.TypeSoftware,
	"other":                  citation.TypeDocument,
	"poster":                 citation.TypeSpeech,
	"presentation":           citation.TypeSpeech,
	"award":                  citation.TypeDocument,
	"project":                citation.TypeDocument,
	"thesis":                 citation.TypeThesis,
	"softwaresourcecode":     citation.TypeSoftware,
	"scholarlyarticle":       citation.TypeArticleJournal,
	"creativework":           citation.TypeDocument,
	"computationalnotebooks": citation.TypeSoftware,
}

// dataciteRecord maps DataCite attributes to a citation.
func dataciteRecord(m map[string]json.RawMessage) (*citation.Citation, []fieldProblem) {
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
	list := func(key string) []map[string]json.RawMessage {
		var out []map[string]json.RawMessage
		if raw, ok := m[key]; ok {
			if err := unmarshalOneOrMany(raw, &out); err != nil {
				bad(key, err)
			}
		}
		return out
	}
	s := func(o map[string]json.RawMessage, key string) string {
		return citation.NormalizeText(jString(o[key]))
	}

	doi := str("doi")
	if c.DOI = pmDOI(doi); c.DOI == "" {
		c.DOI = doi
	}
	c.ID = c.DOI
	c.URL = str("url")
	c.Source = "DataCite"

	// Type.
	var types map[string]json.RawMessage
	if raw, ok := m["types"]; ok {
		if err := json.Unmarshal(raw, &types); err != nil {
			bad("types", err)
		}
	}
	general := strings.ToLower(jString(types["resourceTypeGeneral"]))
	if t, ok := dataciteTypes[general]; ok {
		c.Type = t
	} else if cp := citation.ItemType(jString(types["citeproc"])); cp.Valid() {
		c.Type = cp
	} else {
		c.Type = citation.TypeDocument
	}
	if rt := citation.NormalizeText(jString(types["resourceType"])); rt != "" && !strings.EqualFold(rt, general) {
		c.Genre = rt
	}
	if general != "" {
		c.AddExtra("datacite:resourceTypeGeneral", jString(types["resourceTypeGeneral"]))
	}

	// Titles.
	var subtitle string
	for _, t := range list("titles") {
		title := citation.NormalizeText(richFromHTML(s(t, "title")))
		switch tt := s(t, "titleType"); {
		case tt == "" && c.Title == "":
			c.Title = title
		case tt == "Subtitle" && subtitle == "":
			subtitle = title
		case tt == "":
			c.AddExtra("datacite:title", title)
		default:
			c.AddExtra("datacite:title", title+" ("+tt+")")
		}
	}
	if subtitle != "" {
		if c.Title == "" {
			c.Title = subtitle
		} else {
			c.Title += ": " + subtitle
		}
	}

	// Names.
	person := func(o map[string]json.RawMessage) citation.Name {
		var n citation.Name
		fam, giv := s(o, "familyName"), s(o, "givenName")
		name := s(o, "name")
		switch {
		case s(o, "nameType") == "Organizational", fam == "" && giv == "" && !strings.Contains(name, ","):
			n.Literal = name
		case fam != "" || giv != "":
			familyName(&n, fam)
			n.Given = giv
		default:
			n = parseFullName(name)
		}
		for _, id := range jObjects(o["nameIdentifiers"]) {
			if strings.EqualFold(s(id, "nameIdentifierScheme"), "ORCID") {
				if orcid, _, ok := normORCID(s(id, "nameIdentifier")); ok {
					n.ORCID = orcid
				}
			}
		}
		n.Affiliations = jAffiliations(o["affiliation"])
		return n
	}
	for _, o := range list("creators") {
		if n := person(o); !n.IsZero() {
			c.Authors = append(c.Authors, n)
		}
	}
	for _, o := range list("contributors") {
		n := person(o)
		if n.IsZero() {
			continue
		}
		switch ct := s(o, "contributorType"); ct {
		case "Editor":
			c.Editors = append(c.Editors, n)
		default:
			c.AddExtra("datacite:contributor", nameString(n)+" ("+ct+")")
		}
	}

	// Publisher: a string, or {"name": ...} in schema 4.5.
	if raw, ok := m["publisher"]; ok {
		if p, err := jStringErr(raw); err == nil {
			c.Publisher = citation.NormalizeText(p)
		} else {
			var obj struct {
				Name string `json:"name"`
			}
			if err := json.Unmarshal(raw, &obj); err != nil {
				bad("publisher", err)
			}
			c.Publisher = citation.NormalizeText(obj.Name)
		}
	}

	// Dates.
	for _, o := range list("dates") {
		v, typ := s(o, "date"), s(o, "dateType")
		d, ok, _ := parseNLMDate(v)
		if !ok {
			d = citation.Date{Literal: v}
			if i := strings.IndexByte(v, '/'); i > 0 {
				// RKMS-ISO8601 range "2019-01-01/2019-12-31".
				a, _, ok1 := parseNLMDate(v[:i])
				b, _, ok2 := parseNLMDate(v[i+1:])
				if ok1 && ok2 && (a.Month == 0) == (b.Month == 0) && (a.Day == 0) == (b.Day == 0) {
					d = a
					d.EndYear, d.EndMonth, d.EndDay = b.Year, b.Month, b.Day
				}
			}
		}
		switch typ {
		case "Issued":
			if c.Issued.IsZero() {
				c.Issued = d
				continue
			}
		case "Available":
			if c.AvailableDate.IsZero() {
				c.AvailableDate = d
				continue
			}
		case "Submitted":
			if c.Submitted.IsZero() {
				c.Submitted = d
				continue
			}
		}
		c.AddExtra("datacite:date", v+" ("+typ+")")
	}
	if c.Issued.IsZero() {
		if y := str("publicationYear"); y != "" {
			c.Issued = nlmDate(y)
		}
	}

	// Container and related items.
	if raw, ok := m["container"]; ok && string(bytes.TrimSpace(raw)) != "null" {
		var o map[string]json.RawMessage
		if err := json.Unmarshal(raw, &o); err != nil {
			bad("container", err)
		}
		if t := s(o, "title"); t != "" {
			if strings.EqualFold(s(o, "type"), "Series") && c.Type != citation.TypeArticleJournal {
				c.CollectionTitle = t
			} else {
				c.ContainerTitle = t
			}
		}
		setIfEmpty(&c.Volume, s(o, "volume"))
		setIfEmpty(&c.Issue, s(o, "issue"))
		if fp := s(o, "firstPage"); fp != "" && c.Pages == "" {
			c.Pages = fp
			if lp := s(o, "lastPage"); lp != "" && lp != fp {
				c.Pages += "-" + lp
			}
		}
		if strings.EqualFold(s(o, "identifierType"), "ISSN") {
			if issn, _, ok := pmISSN(s(o, "identifier")); ok {
				c.ISSN = appendUnique(c.ISSN, issn)
			}
		}
	}
	for _, o := range list("relatedItems") {
		if s(o, "relationType") != "IsPublishedIn" {
			continue
		}
		var titles []map[string]json.RawMessage
		_ = unmarshalOneOrMany(o["titles"], &titles)
		if len(titles) > 0 && c.ContainerTitle == "" {
			c.ContainerTitle = s(titles[0], "title")
		}
		setIfEmpty(&c.Volume, s(o, "volume"))
		setIfEmpty(&c.Issue, s(o, "issue"))
		if fp := s(o, "firstPage"); fp != "" && c.Pages == "" {
			c.Pages = fp
			if lp := s(o, "lastPage"); lp != "" && lp != fp {
				c.Pages += "-" + lp
			}
		}
		var id map[string]json.RawMessage
		if json.Unmarshal(o["relatedItemIdentifier"], &id) == nil {
			switch strings.ToUpper(s(id, "relatedItemIdentifierType")) {
			case "ISSN":
				if issn, _, ok := pmISSN(s(id, "relatedItemIdentifier")); ok {
					c.ISSN = appendUnique(c.ISSN, issn)
				}
			case "ISBN":
				if isbn, ok := pmISBN(s(id, "relatedItemIdentifier")); ok {
					c.ISBN = appendUnique(c.ISBN, isbn)
				}
			}
		}
	}

	// Subjects, descriptions, rights, funding, relations.
	for _, o := range list("subjects") {
		addKeyword(c, s(o, "subject"))
	}
	for _, o := range list("descriptions") {
		v := citation.NormalizeText(richFromHTML(jString(o["description"])))
		if v == "" {
			continue
		}
		switch typ := s(o, "descriptionType"); typ {
		case "Abstract":
			if c.Abstract == "" {
				c.Abstract = v
				continue
			}
		case "SeriesInformation":
			if c.CollectionTitle == "" {
				c.CollectionTitle = v
				continue
			}
		}
		c.AddExtra("datacite:description", v)
	}
	for _, o := range list("rightsList") {
		r := s(o, "rightsUri")
		if r == "" {
			r = s(o, "rights")
		}
		if r == "" {
			continue
		}
		if c.License == "" {
			c.License = r
		}
		if txt := s(o, "rights"); txt != "" && txt != r {
			r += " (" + txt + ")"
		}
		c.AddExtra("datacite:rights", r)
	}
	for _, o := range list("fundingReferences") {
		f := s(o, "funderName")
		if id := s(o, "funderIdentifier"); id != "" {
			f += " [" + id + "]"
		}
		if a := s(o, "awardNumber"); a != "" {
			f += " award: " + a
		}
		if t := s(o, "awardTitle"); t != "" {
			f += " (" + t + ")"
		}
		c.AddExtra("datacite:funder", strings.TrimSpace(f))
	}
	for _, o := range list("relatedIdentifiers") {
		id, typ := s(o, "relatedIdentifier"), s(o, "relatedIdentifierType")
		if id == "" {
			continue
		}
		r := citation.Related{ID: id, Type: s(o, "relationType")}
		switch strings.ToUpper(typ) {
		case "DOI":
			if d := pmDOI(id); d != "" {
				r.ID, r.URL = d, "https://doi.org/"+d
			}
		case "URL":
			r.URL = id
		}
		c.Related = append(c.Related, r)
	}
	for _, o := range list("alternateIdentifiers") {
		c.AddExtra("datacite:alternateIdentifier", s(o, "alternateIdentifier")+" ("+s(o, "alternateIdentifierType")+")")
	}
	if v := str("version"); v != "" {
		c.SetVar("version", v)
	}
	if l := str("language"); l != "" {
		c.Language = langTag(l)
	}
	for _, f := range jStringsOr(m["formats"]) {
		c.AddExtra("datacite:format", f)
	}
	for _, f := range jStringsOr(m["sizes"]) {
		c.AddExtra("datacite:size", f)
	}
	c.Normalize()
	return c, problems
}

func setIfEmpty(p *string, v string) {
	if *p == "" {
		*p = v
	}
}

func jStringsOr(raw json.RawMessage) []string {
	s, _ := jStringsErr(raw)
	return s
}

func jObjects(raw json.RawMessage) []map[string]json.RawMessage {
	var out []map[string]json.RawMessage
	if unmarshalOneOrMany(raw, &out) != nil {
		return nil
	}
	return out
}

// sniffDataCite reports whether prefix begins a DataCite JSON:API document:
// an object with "data" whose resources have "type": "dois" or
// "attributes".
func sniffDataCite(prefix []byte) bool {
	p := bytes.TrimSpace(prefix)
	if len(p) == 0 || p[0] != '{' {
		return false
	}
	i := bytes.Index(p, []byte(`"data"`))
	if i < 0 {
		return false
	}
	rest := bytes.TrimLeft(p[i+len(`"data"`):], " \t\r\n:")
	if len(rest) == 0 || (rest[0] != '{' && rest[0] != '[') {
		return false
	}
	return bytes.Contains(rest, []byte(`"attributes"`)) || bytes.Contains(rest, []byte(`"dois"`))
}

// DataCiteFormat describes DataCite REST API JSON for a [Registry].
func DataCiteFormat() Format {
	return Format{
		Name:        "datacite",
		Description: "DataCite REST API DOIs (JSON:API)",
		Sniff:       sniffDataCite,
		NewDecoder:  func(r io.Reader) Decoder { return NewDataCiteDecoder(r) },
	}
}
