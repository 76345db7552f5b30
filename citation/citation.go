package citation

import "sort"

// A Citation is one bibliographic record: a journal article, a book, a web
// page, a data set. The zero value is an empty record of unknown type.
//
// Field names follow CSL 1.0.2 variables; the comment on each gives the CSL
// variable it maps to.
type Citation struct {
	ID   string   // id: the citation key or record identifier
	Type ItemType // type

	Title               string // title
	TitleShort          string // title-short
	ContainerTitle      string // container-title: journal, book, web site
	ContainerTitleShort string // container-title-short: journal abbreviation (NLM "J Neurosci")
	CollectionTitle     string // collection-title: series
	CollectionNumber    string // collection-number

	Authors      []Name          // author
	Editors      []Name          // editor
	Contributors map[Role][]Name // every other CSL name variable (translator, container-author, ...)

	Issued        Date // issued: the publication date
	Accessed      Date // accessed
	OriginalDate  Date // original-date
	EventDate     Date // event-date
	Submitted     Date // submitted
	AvailableDate Date // available-date: online-first date

	Volume         string // volume
	Issue          string // issue
	Pages          string // page: "812-824", "e1353252025", "S1-S10"
	NumberOfPages  string // number-of-pages
	Number         string // number: report, patent or standard number
	Edition        string // edition
	Publisher      string // publisher
	PublisherPlace string // publisher-place
	Genre          string // genre: thesis degree, report kind
	Language       string // language: a BCP 47 tag when known
	Abstract       string // abstract
	Keywords       []string
	URL            string // URL
	Note           string // note
	EventTitle     string // event-title
	EventPlace     string // event-place
	Medium         string // medium
	Source         string // source: the database the record came from
	Status         string // status: "in press", "epub ahead of print"
	License        string // license

	DOI   string   // DOI without resolver prefix: "10.1523/jneurosci.1353-25.2025"
	ISSN  []string // ISSN, canonical form "1529-2401"; print first when known
	ISBN  []string // ISBN, canonical ISBN-13 without hyphens when valid
	PMID  string   // PMID
	PMCID string   // PMCID: "PMC1234567"
	ArXiv string   // arXiv identifier: "2101.00001v2", "hep-th/9901001"

	// Vars holds CSL string and number variables that have no field above,
	// keyed by their CSL name ("archive_location", "call-number", "section").
	Vars map[string]string

	// Related lists items the record links to (a page's related articles).
	Related []Related

	// Extra holds values that no CSL variable holds, in the order read,
	// labelled by their source: "ris:C1", "bibtex:owner", "dc:Disciplines".
	Extra []Field
}

// A Field is a labelled value kept from a source record.
type Field struct {
	Name  string
	Value string
}

// Related is an item a record links to.
type Related struct {
	ID    string
	Title string
	URL   string
	Type  string // the relation, such as "related" or "references"
}

// Names returns the names of role r.
func (c *Citation) Names(r Role) []Name {
	switch r {
	case RoleAuthor:
		return c.Authors
	case RoleEditor:
		return c.Editors
	}
	return c.Contributors[r]
}

// SetNames sets the names of role r; nil or empty removes them.
func (c *Citation) SetNames(r Role, names []Name) {
	switch r {
	case RoleAuthor:
		c.Authors = names
		return
	case RoleEditor:
		c.Editors = names
		return
	}
	if len(names) == 0 {
		delete(c.Contributors, r)
		return
	}
	if c.Contributors == nil {
		c.Contributors = make(map[Role][]Name)
	}
	c.Contributors[r] = names
}

// Roles returns the roles that have names, in the order of [AllRoles].
func (c *Citation) Roles() []Role {
	var rs []Role
	for _, r := range AllRoles() {
		if len(c.Names(r)) > 0 {
			rs = append(rs, r)
		}
	}
	return rs
}

// Var returns the value of a CSL string or number variable by its CSL name,
// whether it is held by a field ("title", "DOI", "page") or in Vars. Lists
// are joined: "ISSN" and "ISBN" give the first value, "keyword" the keywords
// joined by ", ".
func (c *Citation) Var(name string) string {
	if p := c.stringField(name); p != nil {
		return *p
	}
	switch name {
	case "ISSN":
		return first(c.ISSN)
	case "ISBN":
		return first(c.ISBN)
	case "keyword":
		return joinKeywords(c.Keywords)
	case "id":
		return c.ID
	case "type":
		return string(c.Type)
	}
	return c.Vars[name]
}

// SetVar sets a CSL string or number variable by its CSL name, in its field
// when it has one and in Vars otherwise. An empty value removes it.
func (c *Citation) SetVar(name, value string) {
	if p := c.stringField(name); p != nil {
		*p = value
		return
	}
	switch name {
	case "ISSN":
		c.ISSN = setFirst(c.ISSN, value)
		return
	case "ISBN":
		c.ISBN = setFirst(c.ISBN, value)
		return
	case "id":
		c.ID = value
		return
	case "type":
		c.Type = ItemType(value)
		return
	}
	if value == "" {
		delete(c.Vars, name)
		return
	}
	if c.Vars == nil {
		c.Vars = make(map[string]string)
	}
	c.Vars[name] = value
}

// VarNames returns the names of the variables in Vars, sorted.
func (c *Citation) VarNames() []string {
	names := make([]string, 0, len(c.Vars))
	for k := range c.Vars {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// stringField returns the field that holds the CSL variable name, or nil.
func (c *Citation) stringField(name string) *string {
	switch name {
	case "title":
		return &c.Title
	case "title-short":
		return &c.TitleShort
	case "container-title":
		return &c.ContainerTitle
	case "container-title-short":
		return &c.ContainerTitleShort
	case "collection-title":
		return &c.CollectionTitle
	case "collection-number":
		return &c.CollectionNumber
	case "volume":
		return &c.Volume
	case "issue":
		return &c.Issue
	case "page":
		return &c.Pages
	case "number-of-pages":
		return &c.NumberOfPages
	case "number":
		return &c.Number
	case "edition":
		return &c.Edition
	case "publisher":
		return &c.Publisher
	case "publisher-place":
		return &c.PublisherPlace
	case "genre":
		return &c.Genre
	case "language":
		return &c.Language
	case "abstract":
		return &c.Abstract
	case "URL":
		return &c.URL
	case "note":
		return &c.Note
	case "event-title":
		return &c.EventTitle
	case "event-place":
		return &c.EventPlace
	case "medium":
		return &c.Medium
	case "source":
		return &c.Source
	case "status":
		return &c.Status
	case "license":
		return &c.License
	case "DOI":
		return &c.DOI
	case "PMID":
		return &c.PMID
	case "PMCID":
		return &c.PMCID
	}
	return nil
}

// Date returns the date variable of that CSL name ("issued", "accessed",
// "original-date", "event-date", "submitted", "available-date"), or nil.
func (c *Citation) Date(name string) *Date {
	switch name {
	case "issued":
		return &c.Issued
	case "accessed":
		return &c.Accessed
	case "original-date":
		return &c.OriginalDate
	case "event-date":
		return &c.EventDate
	case "submitted":
		return &c.Submitted
	case "available-date":
		return &c.AvailableDate
	}
	return nil
}

// DateVars lists the CSL date variables, in the order exporters write them.
func DateVars() []string {
	return []string{"issued", "accessed", "original-date", "event-date", "submitted", "available-date"}
}

// FieldVars lists the CSL string and number variables held by Citation's own
// fields, in the order exporters write them.
func FieldVars() []string {
	return []string{
		"title", "title-short", "container-title", "container-title-short",
		"collection-title", "collection-number", "volume", "issue", "page",
		"number-of-pages", "number", "edition", "publisher", "publisher-place",
		"genre", "language", "abstract", "URL", "note", "event-title",
		"event-place", "medium", "source", "status", "license",
		"DOI", "PMID", "PMCID",
	}
}

// AddExtra appends a labelled value to Extra, unless value is empty.
func (c *Citation) AddExtra(name, value string) {
	if value == "" {
		return
	}
	c.Extra = append(c.Extra, Field{Name: name, Value: value})
}

// ExtraValue returns the first Extra value labelled name.
func (c *Citation) ExtraValue(name string) (string, bool) {
	for _, f := range c.Extra {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// Clone returns a deep copy of c.
func (c *Citation) Clone() *Citation {
	d := *c
	d.Authors = cloneNames(c.Authors)
	d.Editors = cloneNames(c.Editors)
	if c.Contributors != nil {
		d.Contributors = make(map[Role][]Name, len(c.Contributors))
		for r, ns := range c.Contributors {
			d.Contributors[r] = cloneNames(ns)
		}
	}
	d.Keywords = append([]string(nil), c.Keywords...)
	d.ISSN = append([]string(nil), c.ISSN...)
	d.ISBN = append([]string(nil), c.ISBN...)
	if c.Vars != nil {
		d.Vars = make(map[string]string, len(c.Vars))
		for k, v := range c.Vars {
			d.Vars[k] = v
		}
	}
	d.Related = append([]Related(nil), c.Related...)
	d.Extra = append([]Field(nil), c.Extra...)
	return &d
}

func cloneNames(ns []Name) []Name {
	if ns == nil {
		return nil
	}
	out := make([]Name, len(ns))
	for i, n := range ns {
		n.Affiliations = append([]string(nil), n.Affiliations...)
		out[i] = n
	}
	return out
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func setFirst(s []string, v string) []string {
	if v == "" {
		if len(s) == 0 {
			return s
		}
		return s[1:]
	}
	if len(s) == 0 {
		return []string{v}
	}
	s[0] = v
	return s
}

func joinKeywords(kw []string) string {
	n := 0
	for _, k := range kw {
		n += len(k) + 2
	}
	b := make([]byte, 0, n)
	for i, k := range kw {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, k...)
	}
	return string(b)
}
