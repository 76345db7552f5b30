package parse

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/textio"
)

// Default limits of [PubmedXMLDecoder].
const (
	DefaultPubmedXMLMaxDepth        = 128
	DefaultPubmedXMLMaxArticleBytes = 64 << 20 // 64 MiB
)

// A PubmedXMLDecoder reads PubMed XML articles. Set its fields before the
// first call to Decode.
//
// # Format
//
// The decoder reads NLM's PubMed DTD (pubmed_250101.dtd and its
// predecessors back to pubmed_150101 and the older MEDLINE DTDs): a
// PubmedArticleSet (or PubmedBookArticleSet) of PubmedArticle and
// PubmedBookArticle elements, or a single article as the root. It streams
// the input token by token with encoding/xml, so memory stays flat however
// many articles a file holds; every article becomes one record.
//
// # Mapping
//
// It maps the same elements to the same variables as [MedlineDecoder] does
// for the MEDLINE tags, so that the two formats of one article give the same
// citation (PubMed's XML has no AD per author in old DTDs, and the MEDLINE
// abstract and title are plain text):
//   - ArticleTitle, BookTitle and AbstractText keep their inline markup as
//     CSL rich text (<i>, <b>, <sup>, <sub>; <u> is dropped). MathML is
//     written as its text, with msub/msup/msubsup scripts as <sub> and
//     <sup>. Set [PubmedXMLDecoder.PlainText] for plain text.
//   - Structured abstracts give "LABEL: text" sections joined by a space, as
//     MEDLINE's AB does.
//   - AuthorList: LastName, ForeName (or Initials), Suffix; CollectiveName is
//     a literal name; Identifier Source="ORCID" is the name's ORCID;
//     AffiliationInfo/Affiliation its affiliations. AuthorList Type="editors"
//     gives editors.
//   - PubDate Year/Month/Day, Season or MedlineDate ("2019 Mar-Apr") is the
//     issued date; ArticleDate DateType="Electronic" the available date;
//     History PubMedPubDate PubStatus="received" the submitted date.
//   - MedlinePgn is expanded ("812-24" is 812-824), else StartPage-EndPage,
//     else the ELocationID pii.
//   - ELocationID and PubmedData's ArticleIdList give the DOI, PMCID and
//     pii; ISSN (by IssnType) and ISSNLinking the ISSNs, print first, then
//     linking and electronic, with their roles in Extra "pubmedxml:ISSN".
//   - MeshHeading gives keywords written as MEDLINE's MH ("Descriptor/*Qualifier",
//     "*" for major topics), then KeywordList keywords.
//   - PublicationTypeList gives the item type as for MEDLINE's PT; a
//     PubmedBookArticle is a book, or a chapter when its BookDocument has an
//     ArticleTitle (the book's authors are then container-authors).
//   - MedlineTA is container-title-short (as MEDLINE's TA);
//     ISOAbbreviation is kept in Extra. Each reference of ReferenceList is a
//     [citation.Related] of type "references".
//
// # Errors and limits
//
// An article that is empty or holds stray text is reported with its line and
// column. On an XML syntax error the decoder reports the article it was in
// and resumes at the next <PubmedArticle> or <PubmedBookArticle> start tag,
// so one broken article does not hide the others. Element nesting deeper
// than [PubmedXMLDecoder.MaxDepth] and articles (or tokens between articles)
// larger than [PubmedXMLDecoder.MaxArticleBytes] are reported with
// [ErrTooLarge]. encoding/xml never fetches external entities or DTDs, and
// entity declarations in a DOCTYPE are not expanded; HTML's named entities
// (&nbsp;) are accepted. Input must be UTF-8 (or UTF-16 with a byte order
// mark), as PubMed writes it.
//
// A PubmedXMLDecoder serves one goroutine.
type PubmedXMLDecoder struct {
	// PlainText makes titles and abstracts plain text instead of CSL rich
	// text.
	PlainText bool
	// MaxDepth is the deepest element nesting accepted; 0 means
	// DefaultPubmedXMLMaxDepth.
	MaxDepth int
	// MaxArticleBytes is the largest article accepted, in bytes of input;
	// 0 means DefaultPubmedXMLMaxArticleBytes.
	MaxArticleBytes int64

	src *xmlSource
	dec *xml.Decoder
	err error

	recLine, recCol int
	tokLine, tokCol int   // where the token last read began
	base            int64 // input offset at which dec began
}

// errXMLBudget is returned by xmlSource when an article is too large.
var errXMLBudget = errors.New("pubmedxml: article too large")

// xmlSource is the byte source of the XML decoder: it counts lines and
// columns, replays bytes pushed back after a resynchronization, and stops
// at a byte budget so that no token or article can grow without bound.
type xmlSource struct {
	r       *bufio.Reader
	pending []byte
	n       int64 // bytes consumed
	limit   int64
	line    int // 1-based line of the next byte
	lineAt  int64
}

func (s *xmlSource) ReadByte() (byte, error) {
	if len(s.pending) > 0 {
		b := s.pending[0]
		s.pending = s.pending[1:]
		return b, nil
	}
	if s.n >= s.limit {
		return 0, errXMLBudget
	}
	b, err := s.r.ReadByte()
	if err != nil {
		return 0, err
	}
	s.n++
	if b == '\n' {
		s.line++
		s.lineAt = s.n
	}
	return b, nil
}

func (s *xmlSource) Read(p []byte) (int, error) {
	for i := range p {
		b, err := s.ReadByte()
		if err != nil {
			if i > 0 {
				return i, nil
			}
			return 0, err
		}
		p[i] = b
	}
	return len(p), nil
}

func (s *xmlSource) pos() (line, col int) { return s.line, int(s.n-s.lineAt) + 1 }

// NewPubmedXMLDecoder returns a decoder of PubMed XML articles from r.
func NewPubmedXMLDecoder(r io.Reader) *PubmedXMLDecoder {
	src := &xmlSource{r: bufio.NewReaderSize(textio.NewReader(r), 64<<10), line: 1}
	d := &PubmedXMLDecoder{src: src}
	d.dec = d.newXMLDecoder()
	return d
}

func (d *PubmedXMLDecoder) newXMLDecoder() *xml.Decoder {
	x := xml.NewDecoder(d.src)
	x.Strict = true
	x.Entity = xml.HTMLEntity
	return x
}

func (d *PubmedXMLDecoder) maxBytes() int64 {
	if d.MaxArticleBytes <= 0 {
		return DefaultPubmedXMLMaxArticleBytes
	}
	return d.MaxArticleBytes
}

func (d *PubmedXMLDecoder) maxDepth() int {
	if d.MaxDepth <= 0 {
		return DefaultPubmedXMLMaxDepth
	}
	return d.MaxDepth
}

// RecordPos returns the line and column at which the article last returned
// or reported by Decode began.
func (d *PubmedXMLDecoder) RecordPos() (line, column int) { return d.recLine, d.recCol }

// token returns the next raw token, noting where it began.
func (d *PubmedXMLDecoder) token() (xml.Token, error) {
	d.tokLine, d.tokCol = d.src.pos()
	// The XML decoder may have read one byte ahead (the '<' that ended a
	// text); the token begins at that byte.
	if ahead := d.src.n - (d.base + d.dec.InputOffset()); ahead > 0 && int64(d.tokCol) > ahead {
		d.tokCol -= int(ahead)
	}
	return d.dec.RawToken()
}

// tokenError turns an error of the XML decoder into a *ParseError, or
// returns it unchanged when it is the reader's.
func (d *PubmedXMLDecoder) tokenError(err error, record string) error {
	line, col := d.src.pos()
	pe := &ParseError{Format: "pubmedxml", Line: line, Column: col, Record: record}
	var se *xml.SyntaxError
	switch {
	case err == errDepthLimit:
		pe.Err = fmt.Errorf("elements nested deeper than %d: %w", d.maxDepth(), ErrTooLarge)
	case errors.Is(err, errXMLBudget):
		pe.Err = fmt.Errorf("article larger than %d bytes: %w", d.maxBytes(), ErrTooLarge)
	case errors.As(err, &se):
		pe.Err = fmt.Errorf("%s: %w", se.Msg, ErrSyntax)
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		pe.Err = fmt.Errorf("unexpected end of input: %w", ErrSyntax)
	default:
		if strings.HasPrefix(err.Error(), "xml: ") {
			pe.Err = fmt.Errorf("%s: %w", strings.TrimPrefix(err.Error(), "xml: "), ErrSyntax)
		} else {
			return err
		}
	}
	return pe
}

// resync skips the input to the next article start tag and restarts the XML
// decoder there. It reports whether one was found.
func (d *PubmedXMLDecoder) resync() bool {
	s := d.src
	s.limit = 1<<63 - 1
	for {
		b, err := s.ReadByte()
		if err != nil {
			return false
		}
	again:
		if b != '<' {
			continue
		}
		var name [20]byte
		n := 0
		for {
			b, err = s.ReadByte()
			if err != nil {
				return false
			}
			if n < len(name) && (('A' <= b && b <= 'Z') || ('a' <= b && b <= 'z')) {
				name[n] = b
				n++
				continue
			}
			break
		}
		nm := string(name[:n])
		if (nm == "PubmedArticle" || nm == "PubmedBookArticle") && (b == '>' || b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '/') {
			s.pending = append(append(append(s.pending[:0], '<'), nm...), b)
			d.dec = d.newXMLDecoder()
			d.base = s.n - int64(len(s.pending))
			return true
		}
		goto again
	}
}

// fail reports a problem of the input at the current position, after which
// decoding resumes at the next article.
func (d *PubmedXMLDecoder) fail(err error, record string) (*citation.Citation, error) {
	perr := d.tokenError(err, record)
	var pe *ParseError
	if !errors.As(perr, &pe) {
		d.err = perr
		return nil, perr
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF || !d.resync() {
		d.err = io.EOF
	}
	return nil, pe
}

// Decode returns the next article, or io.EOF after the last.
func (d *PubmedXMLDecoder) Decode() (*citation.Citation, error) {
	if d.err != nil {
		return nil, d.err
	}
	for {
		d.src.limit = d.src.n + d.maxBytes()
		tok, err := d.token()
		if err == io.EOF {
			d.err = io.EOF
			return nil, io.EOF
		}
		if err != nil {
			d.recLine, d.recCol = d.tokLine, d.tokCol
			return d.fail(err, "")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "PubmedArticle", "PubmedBookArticle":
				d.recLine, d.recCol = d.tokLine, d.tokCol
				return d.article(t)
			case "PubmedArticleSet", "PubmedBookArticleSet":
				continue
			}
			// Anything else (DeleteCitation, another document) is skipped.
			if err := d.skip(); err != nil {
				d.recLine, d.recCol = d.tokLine, d.tokCol
				return d.fail(err, "")
			}
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				d.recLine, d.recCol = d.tokLine, d.tokCol
				return nil, &ParseError{Format: "pubmedxml", Line: d.tokLine, Column: d.tokCol,
					Err: fmt.Errorf("text outside an article: %w", ErrSyntax)}
			}
		}
	}
}

// skip consumes the element just started.
func (d *PubmedXMLDecoder) skip() error {
	depth := 1
	for depth > 0 {
		tok, err := d.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
			if depth > d.maxDepth() {
				return errDepthLimit
			}
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// pmState is the state of the article being read.
type pmState struct {
	c        *citation.Citation
	plain    bool
	stack    []string
	text     []byte // character data since the last start tag
	problems []*ParseError

	// rich text capture
	rich       []byte
	richDepth  int         // stack depth of the element captured; 0 when none
	richFrames []richFrame // elements open inside it

	label      string // AbstractText Label
	abstracts  []string
	author     citation.Name
	given      string
	initials   string
	orcidSrc   bool
	listType   string
	bookAuths  []citation.Name
	bookEds    []citation.Name
	docAuths   []citation.Name
	issns      [4][]string
	issnType   string
	pts        []string
	title      string
	bookTitle  string
	pii        string
	startPage  string
	endPage    string
	pgn        string
	date       dateParts
	dateKind   string // "pub", "article", "received", ""
	meshDesc   string
	meshMajor  bool
	meshQuals  []string
	meshQMajor []bool
	qualMajor  bool
	eidType    string
	eidValid   bool
	idType     string
	refText    string
	refDOI     string
	refPMID    string
	grant      [3]string
	sawBody    bool // the article had a MedlineCitation or BookDocument
	pubDate    citation.Date
	medlineTA  string
	vernacular string

	pmidVersion, pmidSeen int
	isoAbbr               string
}

// richFrame is an element open inside rich text.
type richFrame struct {
	name string
	wrap string // the markup tag it is written as, or ""
	kids int    // child elements seen, for MathML scripts
	math bool   // inside MathML
}

type dateParts struct {
	year, month, day, season, medline string
}

func (p *pmState) parent(k int) string {
	if i := len(p.stack) - 1 - k; i >= 0 {
		return p.stack[i]
	}
	return ""
}

// article reads one PubmedArticle or PubmedBookArticle.
func (d *PubmedXMLDecoder) article(start xml.StartElement) (*citation.Citation, error) {
	p := &pmState{c: new(citation.Citation), plain: d.PlainText}
	p.stack = append(p.stack, start.Name.Local)
	maxDepth := d.maxDepth()
	for len(p.stack) > 0 {
		tok, err := d.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return d.fail(err, p.c.PMID)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(p.stack) >= maxDepth {
				return d.fail(errDepthLimit, p.c.PMID)
			}
			p.start(t)
		case xml.EndElement:
			if t.Name.Local != p.stack[len(p.stack)-1] {
				line, col := d.tokLine, d.tokCol
				c, err := d.fail(&xml.SyntaxError{Msg: fmt.Sprintf("element <%s> closed by </%s>", p.stack[len(p.stack)-1], t.Name.Local)}, p.c.PMID)
				var pe *ParseError
				if errors.As(err, &pe) {
					// Point at the end tag, not past it.
					pe.Line, pe.Column = line, col
				}
				return c, err
			}
			p.end(t)
			p.stack = p.stack[:len(p.stack)-1]
		case xml.CharData:
			p.chars(t, d)
		}
	}
	return p.finish(d)
}

var errDepthLimit = errors.New("depth limit")

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// richElements are the elements whose content is captured as rich text.
func isRichElement(name string) bool {
	switch name {
	case "ArticleTitle", "AbstractText", "VernacularTitle", "BookTitle", "Keyword", "Citation", "CollectionTitle":
		return true
	}
	return false
}

func (p *pmState) start(t xml.StartElement) {
	name := t.Name.Local
	if p.richDepth > 0 {
		p.stack = append(p.stack, name)
		p.richStart(t)
		return
	}
	p.stack = append(p.stack, name)
	p.text = p.text[:0]
	switch name {
	case "MedlineCitation", "BookDocument":
		p.sawBody = true
	case "AuthorList":
		p.listType = attr(t, "Type")
	case "Author":
		p.author = citation.Name{}
		p.given, p.initials = "", ""
	case "Identifier":
		p.orcidSrc = strings.EqualFold(attr(t, "Source"), "ORCID")
	case "ISSN":
		p.issnType = attr(t, "IssnType")
	case "PubDate":
		p.date, p.dateKind = dateParts{}, "pub"
	case "ArticleDate":
		p.date, p.dateKind = dateParts{}, ""
		if strings.EqualFold(attr(t, "DateType"), "Electronic") {
			p.dateKind = "article"
		}
	case "PubMedPubDate":
		p.date, p.dateKind = dateParts{}, ""
		if attr(t, "PubStatus") == "received" {
			p.dateKind = "received"
		}
	case "ELocationID":
		p.eidType = attr(t, "EIdType")
		p.eidValid = attr(t, "ValidYN") != "N"
	case "ArticleId":
		p.idType = attr(t, "IdType")
	case "DescriptorName":
		p.meshMajor = attr(t, "MajorTopicYN") == "Y"
	case "QualifierName":
		p.qualMajor = attr(t, "MajorTopicYN") == "Y"
	case "MeshHeading":
		p.meshDesc, p.meshMajor, p.meshQuals, p.meshQMajor = "", false, p.meshQuals[:0], p.meshQMajor[:0]
	case "Reference":
		p.refText, p.refDOI, p.refPMID = "", "", ""
	case "Grant":
		p.grant = [3]string{}
	case "AbstractText":
		p.label = attr(t, "Label")
		if strings.EqualFold(p.label, "UNLABELLED") {
			// PubMed's label for the unlabelled part of a structured
			// abstract, which MEDLINE's AB does not show.
			p.label = ""
		}
	case "PMID":
		p.pmidVersion, _ = strconv.Atoi(attr(t, "Version"))
	case "PersonalNameSubject":
		p.author = citation.Name{}
		p.given, p.initials = "", ""
	}
	if isRichElement(name) {
		p.richDepth = len(p.stack)
		p.rich = p.rich[:0]
		p.richFrames = p.richFrames[:0]
	}
}

// richStart writes the markup for an element inside rich text.
func (p *pmState) richStart(t xml.StartElement) {
	name := t.Name.Local
	f := richFrame{name: name, math: name == "math" || t.Name.Space == "mml"}
	if n := len(p.richFrames); n > 0 {
		parent := &p.richFrames[n-1]
		f.math = f.math || parent.math
		if parent.math {
			// MathML scripts: the second child of msub/msup, the second
			// and third of msubsup.
			parent.kids++
			switch k := parent.kids; parent.name {
			case "msub", "munder":
				if k == 2 {
					f.wrap = "sub"
				}
			case "msup", "mover":
				if k == 2 {
					f.wrap = "sup"
				}
			case "msubsup", "munderover":
				if k == 2 {
					f.wrap = "sub"
				} else if k == 3 {
					f.wrap = "sup"
				}
			}
		}
	}
	switch name {
	case "i", "b", "sup", "sub":
		if !f.math {
			f.wrap = name
		}
	case "I", "B", "SUP", "SUB":
		f.wrap = strings.ToLower(name)
	}
	p.richFrames = append(p.richFrames, f)
	if f.wrap != "" && !p.plain {
		p.rich = append(p.rich, '<')
		p.rich = append(p.rich, f.wrap...)
		p.rich = append(p.rich, '>')
	}
}

func (p *pmState) richEnd() {
	n := len(p.richFrames)
	if n == 0 {
		return
	}
	f := p.richFrames[n-1]
	p.richFrames = p.richFrames[:n-1]
	if f.wrap != "" && !p.plain {
		p.rich = append(p.rich, "</"...)
		p.rich = append(p.rich, f.wrap...)
		p.rich = append(p.rich, '>')
	}
}

func (p *pmState) chars(t xml.CharData, d *PubmedXMLDecoder) {
	if p.richDepth > 0 {
		if n := len(p.richFrames); n > 0 && p.richFrames[n-1].math {
			t = bytes.TrimSpace(t)
		}
		p.rich = append(p.rich, t...)
		return
	}
	p.text = append(p.text, t...)
	switch p.stack[len(p.stack)-1] {
	case "PubmedArticle", "PubmedBookArticle", "MedlineCitation", "Article", "BookDocument", "PubmedData", "Journal", "AuthorList", "Author":
		if len(bytes.TrimSpace(t)) > 0 {
			p.problems = append(p.problems, &ParseError{Format: "pubmedxml", Line: d.tokLine, Column: d.tokCol,
				Field: p.stack[len(p.stack)-1], Err: fmt.Errorf("unexpected text %q: %w", clip(t, 20), ErrSyntax)})
		}
	}
}

func (p *pmState) end(t xml.EndElement) {
	name := t.Name.Local
	if p.richDepth > 0 && len(p.stack) > p.richDepth {
		p.richEnd()
		return
	}
	var v string
	if p.richDepth > 0 {
		p.richDepth = 0
		p.richFrames = p.richFrames[:0]
		v = citation.NormalizeText(string(p.rich))
	} else {
		v = citation.NormalizeText(string(p.text))
	}
	parent := p.parent(1)
	c := p.c
	switch name {
	case "PMID":
		// A citation may list versions of its PMID; the latest one wins.
		if (parent == "MedlineCitation" || parent == "BookDocument") && v != "" && (c.PMID == "" || p.pmidVersion > p.pmidSeen) {
			c.PMID, p.pmidSeen = v, p.pmidVersion
		}
	case "ArticleTitle":
		if parent == "Article" || parent == "BookDocument" {
			p.title = v
		}
	case "BookTitle":
		if parent == "Book" {
			p.bookTitle = v
		}
	case "VernacularTitle":
		p.vernacular = v
		c.AddExtra("pubmedxml:VernacularTitle", v)
	case "CollectionTitle":
		c.CollectionTitle = citation.NormalizeTitle(v)
	case "AbstractText":
		if parent == "Abstract" && v != "" {
			if p.label != "" {
				v = citation.NormalizeText(p.label) + ": " + v
			}
			p.abstracts = append(p.abstracts, v)
		} else if v != "" {
			c.AddExtra("pubmedxml:OtherAbstract", v)
		}
	case "CopyrightInformation":
		if c.License == "" {
			c.License = v
		}
	case "LastName":
		if parent == "Author" || parent == "Investigator" || parent == "PersonalNameSubject" {
			familyName(&p.author, v)
		}
	case "ForeName":
		p.given = v
	case "Initials":
		p.initials = v
	case "Suffix":
		if parent == "Author" {
			p.author.Suffix = v
		}
	case "CollectiveName":
		p.author.Literal = v
	case "Identifier":
		if parent == "Author" && p.orcidSrc {
			if id, _, ok := normORCID(v); ok {
				p.author.ORCID = id
			}
		}
	case "Affiliation":
		if parent == "AffiliationInfo" || parent == "Author" {
			if v != "" {
				p.author.Affiliations = append(p.author.Affiliations, v)
			}
		} else if v != "" {
			c.AddExtra("pubmedxml:Affiliation", v)
		}
	case "Author":
		a := p.author
		if a.Literal == "" {
			switch {
			case p.given != "":
				a.Given = initialsGiven(p.given)
			case p.initials != "":
				a.Given = initialsGiven(p.initials)
			}
		}
		if a.IsZero() {
			break
		}
		switch p.parent(2) {
		case "Book":
			if strings.EqualFold(p.listType, "editors") {
				p.bookEds = append(p.bookEds, a)
			} else {
				p.bookAuths = append(p.bookAuths, a)
			}
		case "BookDocument":
			if strings.EqualFold(p.listType, "editors") {
				c.Editors = append(c.Editors, a)
			} else {
				p.docAuths = append(p.docAuths, a)
			}
		default:
			if strings.EqualFold(p.listType, "editors") {
				c.Editors = append(c.Editors, a)
			} else {
				c.Authors = append(c.Authors, a)
			}
		}
	case "PersonalNameSubject":
		// The article is about this person.
		a := p.author
		a.Given = initialsGiven(p.given)
		if !a.IsZero() {
			c.AddExtra("pubmedxml:PersonalNameSubject", nameString(a))
		}
	case "Investigator":
		a := p.author
		a.Given = initialsGiven(p.given)
		if !a.IsZero() {
			c.AddExtra("pubmedxml:Investigator", nameString(a))
		}
	case "Year":
		p.date.year = v
	case "Month":
		p.date.month = v
	case "Day":
		p.date.day = v
	case "Season":
		p.date.season = v
	case "MedlineDate":
		p.date.medline = v
	case "PubDate", "ArticleDate", "PubMedPubDate":
		p.endDate(name, parent)
	case "Volume":
		if parent == "JournalIssue" || parent == "Book" {
			c.Volume = v
		}
	case "Issue":
		if parent == "JournalIssue" {
			c.Issue = v
		}
	case "Title":
		if parent == "Journal" {
			c.ContainerTitle = v
		}
	case "ISOAbbreviation":
		p.isoAbbr = v
	case "MedlineTA":
		p.medlineTA = v
	case "ISSN", "ISSNLinking":
		if v == "" {
			break
		}
		role := 3
		kind := p.issnType
		if name == "ISSNLinking" {
			kind = "Linking"
		}
		switch strings.ToLower(kind) {
		case "print":
			role = 0
		case "linking":
			role = 1
		case "electronic":
			role = 2
		}
		if kind != "" {
			c.AddExtra("pubmedxml:ISSN", v+" ("+kind+")")
		} else {
			c.AddExtra("pubmedxml:ISSN", v)
		}
		if issn, _, ok := pmISSN(v); ok {
			p.issns[role] = append(p.issns[role], issn)
		} else {
			p.issns[role] = append(p.issns[role], v)
		}
	case "MedlinePgn":
		p.pgn = v
	case "StartPage":
		p.startPage = v
	case "EndPage":
		p.endPage = v
	case "ELocationID":
		switch strings.ToLower(p.eidType) {
		case "doi":
			if doi := pmDOI(v); doi != "" && p.eidValid && c.DOI == "" {
				c.DOI = doi
			}
		case "pii":
			if p.pii == "" && v != "" {
				p.pii = v
			}
		}
	case "ArticleId":
		if parent != "ArticleIdList" {
			break
		}
		if g := p.parent(2); g == "Reference" {
			switch p.idType {
			case "doi":
				p.refDOI = pmDOI(v)
			case "pubmed":
				p.refPMID = v
			}
			break
		} else if g != "PubmedData" && g != "BookDocument" && g != "PubmedBookData" {
			break
		}
		switch p.idType {
		case "doi":
			if doi := pmDOI(v); doi != "" && c.DOI == "" {
				c.DOI = doi
			}
		case "pmc":
			if id := pmPMCID(v); id != "" && c.PMCID == "" {
				c.PMCID = id
			}
		case "pubmed":
			if c.PMID == "" {
				c.PMID = v
			}
		case "pii":
			c.AddExtra("pubmedxml:pii", v)
		default:
			c.AddExtra("pubmedxml:"+p.idType, v)
		}
	case "Citation":
		if parent == "Reference" {
			p.refText = v
		}
	case "Reference":
		r := citation.Related{Title: citation.PlainText(p.refText), Type: "references"}
		switch {
		case p.refDOI != "":
			r.ID = p.refDOI
			r.URL = "https://doi.org/" + p.refDOI
		case p.refPMID != "":
			r.ID = "pmid:" + p.refPMID
		}
		if r.ID != "" || r.Title != "" {
			c.Related = append(c.Related, r)
		}
	case "Language":
		if c.Language == "" {
			c.Language = langTag(v)
		} else if v != "" {
			c.AddExtra("pubmedxml:Language", v)
		}
	case "PublicationType":
		if v != "" {
			p.pts = append(p.pts, v)
			c.AddExtra("pubmedxml:PublicationType", v)
		}
	case "DescriptorName":
		p.meshDesc = v
	case "QualifierName":
		p.meshQuals = append(p.meshQuals, v)
		p.meshQMajor = append(p.meshQMajor, p.qualMajor)
	case "MeshHeading":
		if p.meshDesc != "" {
			addKeyword(c, meshTerm(p.meshDesc, p.meshMajor, p.meshQuals, p.meshQMajor))
		}
	case "Keyword":
		addKeyword(c, citation.PlainText(v))
	case "Country":
		if parent == "MedlineJournalInfo" {
			c.PublisherPlace = v
		} else if parent == "Grant" {
			p.grant[2] = v
		}
	case "GrantID":
		p.grant[0] = v
	case "Agency":
		p.grant[1] = v
	case "Grant":
		c.AddExtra("pubmedxml:Grant", strings.Join(p.grant[:], "/"))
	case "PublicationStatus":
		if v == "aheadofprint" {
			c.Status = "epub ahead of print"
		}
		c.AddExtra("pubmedxml:PublicationStatus", v)
	case "PublisherName":
		c.Publisher = v
	case "PublisherLocation":
		c.PublisherPlace = v
	case "Isbn":
		if isbn, ok := pmISBN(v); ok {
			c.ISBN = appendUnique(c.ISBN, isbn)
		} else if v != "" {
			c.AddExtra("pubmedxml:Isbn", v)
		}
	case "Edition":
		c.Edition = v
	case "Medium":
		c.Medium = v
	case "ReportNumber":
		c.Number = v
	case "NlmUniqueID", "CoiStatement", "NumberOfReferences", "GeneralNote", "LocationLabel":
		c.AddExtra("pubmedxml:"+name, v)
	}
}

// endDate files the date just read.
func (p *pmState) endDate(name, parent string) {
	dp := p.date
	var s string
	switch {
	case dp.medline != "":
		s = dp.medline
	case dp.season != "":
		s = dp.year + " " + dp.season
	default:
		s = strings.TrimSpace(dp.year + " " + dp.month + " " + dp.day)
	}
	if s == "" {
		return
	}
	d, ok, lossy := parseNLMDate(s)
	if !ok {
		d, lossy = yearOnly(s), true
	}
	switch {
	case name == "PubDate" && (parent == "JournalIssue" || parent == "Book"):
		p.pubDate = d
		if lossy {
			p.c.AddExtra("pubmedxml:PubDate", s)
		}
	case name == "ArticleDate" && p.dateKind == "article":
		if p.c.AvailableDate.IsZero() {
			p.c.AvailableDate = d
		}
	case name == "PubMedPubDate" && p.dateKind == "received":
		p.c.Submitted = d
	}
}

func nameString(n citation.Name) string {
	if n.Literal != "" {
		return n.Literal
	}
	s := strings.TrimSpace(n.NonDroppingParticle + " " + n.Family)
	if n.Given != "" {
		s += ", " + n.Given
	}
	return s
}

// finish completes the article: item type, titles, pages, ISSNs.
func (p *pmState) finish(d *PubmedXMLDecoder) (*citation.Citation, error) {
	c := p.c
	if p.title == "" {
		// Articles in other languages may have only their vernacular title.
		p.title = p.vernacular
	}
	isBook := p.bookTitle != ""
	chapter := isBook && p.title != ""
	if !p.sawBody && c.PMID == "" && p.title == "" {
		p.problems = append([]*ParseError{{Format: "pubmedxml", Line: d.recLine, Column: d.recCol,
			Err: fmt.Errorf("empty article (no MedlineCitation or BookDocument): %w", ErrMissingField)}}, p.problems...)
		return nil, joinProblems(p.problems, nil)
	}
	if p.plain {
		p.title = citation.PlainText(p.title)
		p.bookTitle = citation.PlainText(p.bookTitle)
		for i, a := range p.abstracts {
			p.abstracts[i] = citation.PlainText(a)
		}
	}
	c.Type = nlmItemType(p.pts, isBook && !chapter, chapter)
	switch {
	case chapter:
		c.Title = citation.NormalizeTitle(p.title)
		c.ContainerTitle = citation.NormalizeTitle(p.bookTitle)
		c.Authors = append(c.Authors, p.docAuths...)
		if len(c.Authors) == 0 {
			c.Authors = p.bookAuths
		} else if len(p.bookAuths) > 0 {
			c.SetNames(citation.RoleContainerAuthor, p.bookAuths)
		}
	case isBook:
		c.Title = citation.NormalizeTitle(p.bookTitle)
		c.Authors = append(append(c.Authors, p.bookAuths...), p.docAuths...)
	default:
		c.Title = citation.NormalizeTitle(p.title)
	}
	c.Editors = append(c.Editors, p.bookEds...)
	c.Issued = p.pubDate
	if len(p.abstracts) > 0 {
		c.Abstract = strings.Join(p.abstracts, " ")
	}
	switch {
	case p.pgn != "":
		c.Pages = expandPages(p.pgn)
	case p.startPage != "" && p.endPage != "":
		c.Pages = p.startPage + "-" + p.endPage
	case p.startPage != "":
		c.Pages = p.startPage
	case p.pii != "" && !isBook:
		c.Pages = p.pii
	}
	if p.pii != "" {
		c.AddExtra("pubmedxml:ELocationID", p.pii+" [pii]")
	}
	c.ContainerTitleShort = p.medlineTA
	if p.isoAbbr != "" {
		c.AddExtra("pubmedxml:ISOAbbreviation", p.isoAbbr)
	}
	for _, list := range p.issns {
		for _, s := range list {
			c.ISSN = appendUnique(c.ISSN, s)
		}
	}
	if c.PMID != "" {
		c.Source = "PubMed"
		c.ID = c.PMID
	}
	c.Normalize()
	if c.PMID == "" {
		p.problems = append(p.problems, &ParseError{Format: "pubmedxml", Line: d.recLine, Column: d.recCol,
			Field: "PMID", Err: fmt.Errorf("article without PMID: %w", ErrMissingField)})
	}
	if len(p.problems) > 0 {
		if c.Title == "" && c.PMID == "" {
			return nil, joinProblems(p.problems, nil)
		}
		return c, joinProblems(p.problems, c)
	}
	return c, nil
}

// sniffPubmedXML reports whether prefix begins a PubMed XML document.
func sniffPubmedXML(prefix []byte) bool {
	p := bytes.TrimSpace(prefix)
	if len(p) == 0 || p[0] != '<' {
		return false
	}
	for _, root := range [...]string{"<PubmedArticleSet", "<PubmedArticle", "<PubmedBookArticleSet", "<PubmedBookArticle", "<!DOCTYPE PubmedArticleSet", "<!DOCTYPE PubmedBookArticleSet"} {
		if i := bytes.Index(p, []byte(root)); i >= 0 {
			// The root must follow only a declaration, comments and a
			// DOCTYPE: nothing but markup before it.
			return bytes.Count(p[:i], []byte("<")) <= 3
		}
	}
	return false
}

// PubmedXMLFormat describes PubMed XML for a [Registry].
func PubmedXMLFormat() Format {
	return Format{
		Name:        "pubmedxml",
		Description: "PubMed XML (E-utilities efetch PubmedArticleSet)",
		Extensions:  []string{".xml"},
		Sniff:       sniffPubmedXML,
		NewDecoder:  func(r io.Reader) Decoder { return NewPubmedXMLDecoder(r) },
	}
}
