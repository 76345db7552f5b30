package parse

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/textio"
)

// Default limits of [MedlineDecoder].
const (
	DefaultMedlineMaxLine   = 1 << 20  // 1 MiB
	DefaultMedlineMaxRecord = 16 << 20 // 16 MiB
)

// A MedlineDecoder reads MEDLINE (.nbib) records. Set its limits before the
// first call to Decode.
//
// # Format
//
// The decoder follows NLM's "MEDLINE/PubMed Data Element (Field)
// Descriptions" as digested in specs/nlm-citation.md: a field is a tag of
// two to four upper-case letters or digits, padded with spaces, then "- "
// and the value ("PMID- 8692918", "TI  - ..."); a line that begins with
// white space continues the value of the field before it and is joined to it
// with one space; records are separated by blank lines, and a PMID line in a
// record that already has one starts a new record. LF and CRLF line ends,
// a UTF-8 byte order mark and UTF-16 input are accepted. ERIC and other
// databases export the same format without PMID; their records are read too.
//
// # Mapping
//
//   - FAU (full name) is preferred over AU (short name) for each author; an AU
//     without its FAU is parsed as "Family Initials". CN gives an
//     organization (a literal name); AD and AUID ("ORCID: ...") belong to the
//     name before them. FED/ED are editors.
//   - DP is the issued date, with seasons and ranges ("2019 Mar-Apr",
//     "2000 Dec-2001 Jan"); DEP the available (online) date; PHST
//     "[received]" the submitted date. A DP that cannot be structured keeps
//     its year and is copied to Extra "medline:DP".
//   - PG is expanded from NLM's short form ("812-24" is "812-824"); without
//     PG, the "[pii]" of LID stands in for the page (electronic page numbers).
//   - DOIs come from LID and AID "[doi]" (and doi.org URLs); PMC gives the
//     PMCID; IS gives the ISSNs, print first, then linking and electronic,
//     with every IS line kept in Extra "medline:IS" for its role.
//   - MH (MeSH headings, "*" marking major topics) and OT are keywords.
//   - PT gives the item type: Book Chapter (or TI with BTI) is a chapter, Book
//     (or BTI alone) a book, Preprint an article, dissertations theses, ERIC's
//     "Reports - ..." without "Journal Articles" reports, anything else
//     article-journal. Every PT is kept in Extra "medline:PT".
//   - Tags with no CSL variable are kept in Extra as "medline:TAG".
//
// # Divergences and limits
//
// A line that is neither a tag line nor a continuation ("SO  text" without
// the "- ") does not belong to any field: its text is kept in Extra
// "medline:unparsed" and the record comes back with a *ParseError (JabRef
// appends such a line to the previous field instead). Text outside any record
// is reported as a record of its own. Lines longer than
// [MedlineDecoder.MaxLineBytes] and records longer than
// [MedlineDecoder.MaxRecordBytes] are reported with [ErrTooLarge] and
// skipped.
//
// A MedlineDecoder serves one goroutine.
type MedlineDecoder struct {
	// MaxLineBytes is the longest line accepted; 0 means
	// DefaultMedlineMaxLine.
	MaxLineBytes int
	// MaxRecordBytes is the largest record accepted; 0 means
	// DefaultMedlineMaxRecord.
	MaxRecordBytes int

	r    *bufio.Reader
	line int   // lines read so far
	err  error // sticky error of the reader

	recLine int // first line of the record last returned

	// next holds a tag line read ahead: the PMID that starts the next
	// record.
	next    []byte
	nextNum int

	buf    []byte // values of the record being read, back to back
	fields []medField
	long   []byte // scratch for lines longer than the reader's buffer
}

type medField struct {
	tag        string
	start, end int // value in buf
	line       int
	stray      bool // a line without a tag separator
}

// NewMedlineDecoder returns a decoder of MEDLINE records from r.
func NewMedlineDecoder(r io.Reader) *MedlineDecoder {
	return &MedlineDecoder{r: bufio.NewReaderSize(textio.NewReader(r), 64<<10)}
}

// RecordPos returns the line and column at which the record last returned
// or reported by Decode began.
func (d *MedlineDecoder) RecordPos() (line, column int) { return d.recLine, 1 }

// readLine returns the next line without its line end, or io.EOF. A line
// longer than the limit is returned cut to the limit with tooLong set.
func (d *MedlineDecoder) readLine() (line []byte, tooLong bool, err error) {
	if d.err != nil {
		return nil, false, d.err
	}
	max := d.MaxLineBytes
	if max <= 0 {
		max = DefaultMedlineMaxLine
	}
	l, err := d.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		d.long = append(d.long[:0], l...)
		for err == bufio.ErrBufferFull {
			l, err = d.r.ReadSlice('\n')
			if len(d.long) < max+2 {
				d.long = append(d.long, l...)
			} else {
				tooLong = true
			}
		}
		l = d.long
	}
	if err != nil && err != io.EOF {
		d.err = err
		return nil, false, err
	}
	if err == io.EOF && len(l) == 0 {
		d.err = io.EOF
		return nil, false, io.EOF
	}
	d.line++
	if n := len(l); n > 0 && l[n-1] == '\n' {
		l = l[:n-1]
	}
	if n := len(l); n > 0 && l[n-1] == '\r' {
		l = l[:n-1]
	}
	if len(l) > max {
		l, tooLong = l[:max], true
	}
	return l, tooLong, nil
}

// tagLine splits a tag line "TAG - value" into its tag and value.
func tagLine(l []byte) (tag, value []byte, ok bool) {
	i := 0
	for i < len(l) && i < 4 && (('A' <= l[i] && l[i] <= 'Z') || (i > 0 && '0' <= l[i] && l[i] <= '9')) {
		i++
	}
	if i < 2 {
		return nil, nil, false
	}
	j := i
	for j < len(l) && l[j] == ' ' {
		j++
	}
	if j >= len(l) || l[j] != '-' || j > 6 {
		return nil, nil, false
	}
	return l[:i], bytes.TrimSpace(l[j+1:]), true
}

func isBlank(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

// Decode returns the next record, or io.EOF after the last.
func (d *MedlineDecoder) Decode() (*citation.Citation, error) {
	maxRec := d.MaxRecordBytes
	if maxRec <= 0 {
		maxRec = DefaultMedlineMaxRecord
	}
	d.buf = d.buf[:0]
	d.fields = d.fields[:0]
	var problems []*ParseError
	tooBig := false
	hasPMID := false
	cur := -1 // index of the field that continuation lines extend

	addField := func(tag, value []byte, num int, stray bool) {
		start := len(d.buf)
		d.buf = append(d.buf, value...)
		d.fields = append(d.fields, medField{tag: internTag(tag), start: start, end: len(d.buf), line: num, stray: stray})
		cur = len(d.fields) - 1
		if stray {
			cur = -1
		}
	}

	if d.next != nil {
		tag, value, _ := tagLine(d.next)
		d.recLine = d.nextNum
		addField(tag, value, d.nextNum, false)
		hasPMID = true
		d.next = nil
	}
	for {
		l, tooLong, err := d.readLine()
		if err != nil {
			if err != io.EOF {
				return nil, err
			}
			if len(d.fields) > 0 || tooBig || len(problems) > 0 {
				break
			}
			return nil, io.EOF
		}
		if isBlank(l) {
			if len(d.fields) > 0 || tooBig || len(problems) > 0 {
				break
			}
			continue
		}
		if len(d.fields) == 0 && !tooBig && len(problems) == 0 {
			d.recLine = d.line
		}
		if tooLong {
			problems = append(problems, &ParseError{Format: "medline", Line: d.line, Column: 1,
				Err: fmt.Errorf("line longer than %d bytes: %w", d.maxLine(), ErrTooLarge)})
			continue
		}
		if tooBig {
			continue
		}
		if len(d.buf)+len(l) > maxRec {
			tooBig = true
			problems = append(problems, &ParseError{Format: "medline", Line: d.line, Column: 1,
				Err: fmt.Errorf("record longer than %d bytes: %w", maxRec, ErrTooLarge)})
			continue
		}
		if l[0] == ' ' || l[0] == '\t' {
			if cur >= 0 {
				v := bytes.TrimSpace(l)
				if len(v) > 0 {
					f := &d.fields[cur]
					if f.end > f.start {
						d.buf = append(d.buf, ' ')
					}
					// The field is the last one in buf, so it grows in place.
					d.buf = append(d.buf, v...)
					f.end = len(d.buf)
				}
				continue
			}
			addField(nil, bytes.TrimSpace(l), d.line, true)
			continue
		}
		tag, value, ok := tagLine(l)
		if !ok {
			addField(nil, bytes.TrimSpace(l), d.line, true)
			continue
		}
		if string(tag) == "PMID" {
			if hasPMID {
				d.next = append(d.next[:0:0], l...)
				d.nextNum = d.line
				break
			}
			hasPMID = true
		}
		addField(tag, value, d.line, false)
	}
	var c *citation.Citation
	tagged := false
	for _, f := range d.fields {
		if !f.stray {
			tagged = true
			break
		}
	}
	if tagged && !tooBig {
		var ps []*ParseError
		c, ps = d.convert()
		problems = append(problems, ps...)
	} else if !tooBig && len(d.fields) > 0 {
		problems = append(problems, &ParseError{Format: "medline", Line: d.fields[0].line, Column: 1,
			Err: fmt.Errorf("text outside a record (no tag line): %w", ErrSyntax)})
	}
	if len(problems) == 0 {
		return c, nil
	}
	return c, joinProblems(problems, c)
}

func (d *MedlineDecoder) maxLine() int {
	if d.MaxLineBytes <= 0 {
		return DefaultMedlineMaxLine
	}
	return d.MaxLineBytes
}

// joinProblems makes one *ParseError of the problems of one record: the
// first one, with the causes of all of them.
func joinProblems(ps []*ParseError, c *citation.Citation) *ParseError {
	e := *ps[0]
	if c != nil {
		switch {
		case c.PMID != "":
			e.Record = c.PMID
		case c.ID != "":
			e.Record = c.ID
		}
	}
	if len(ps) > 1 {
		errs := make([]error, 0, len(ps))
		errs = append(errs, ps[0].Err)
		for _, p := range ps[1:] {
			pe := *p
			pe.Format, pe.Record = "", ""
			errs = append(errs, fmt.Errorf("line %d%s: %w", p.Line, fieldSuffix(p.Field), p.Err))
		}
		e.Err = errors.Join(errs...)
	}
	return &e
}

func fieldSuffix(f string) string {
	if f == "" {
		return ""
	}
	return ", field " + f
}

// internTag returns the tag as a string without allocating for the tags
// of MEDLINE.
func internTag(b []byte) string {
	if b == nil {
		return ""
	}
	switch string(b) {
	case "PMID":
		return "PMID"
	case "OWN":
		return "OWN"
	case "STAT":
		return "STAT"
	case "DCOM":
		return "DCOM"
	case "LR":
		return "LR"
	case "IS":
		return "IS"
	case "VI":
		return "VI"
	case "IP":
		return "IP"
	case "DP":
		return "DP"
	case "TI":
		return "TI"
	case "PG":
		return "PG"
	case "LID":
		return "LID"
	case "AB":
		return "AB"
	case "FAU":
		return "FAU"
	case "AU":
		return "AU"
	case "AD":
		return "AD"
	case "LA":
		return "LA"
	case "PT":
		return "PT"
	case "DEP":
		return "DEP"
	case "PL":
		return "PL"
	case "TA":
		return "TA"
	case "JT":
		return "JT"
	case "JID":
		return "JID"
	case "SB":
		return "SB"
	case "MH":
		return "MH"
	case "OTO":
		return "OTO"
	case "OT":
		return "OT"
	case "EDAT":
		return "EDAT"
	case "MHDA":
		return "MHDA"
	case "CRDT":
		return "CRDT"
	case "PHST":
		return "PHST"
	case "AID":
		return "AID"
	case "PST":
		return "PST"
	case "SO":
		return "SO"
	case "PMC":
		return "PMC"
	case "MID":
		return "MID"
	case "OID":
		return "OID"
	case "CI":
		return "CI"
	case "CIN":
		return "CIN"
	case "CON":
		return "CON"
	case "CN":
		return "CN"
	case "RN":
		return "RN"
	case "GR":
		return "GR"
	case "COIS":
		return "COIS"
	case "BTI":
		return "BTI"
	case "CTI":
		return "CTI"
	case "ED":
		return "ED"
	case "FED":
		return "FED"
	case "PB":
		return "PB"
	case "ISBN":
		return "ISBN"
	case "AUID":
		return "AUID"
	case "GN":
		return "GN"
	case "NR":
		return "NR"
	case "DA":
		return "DA"
	case "TT":
		return "TT"
	case "VTI":
		return "VTI"
	case "EN":
		return "EN"
	case "RF":
		return "RF"
	case "SI":
		return "SI"
	case "GS":
		return "GS"
	case "NM":
		return "NM"
	case "OAB":
		return "OAB"
	case "OABL":
		return "OABL"
	case "OCI":
		return "OCI"
	case "FIR":
		return "FIR"
	case "IR":
		return "IR"
	case "IRAD":
		return "IRAD"
	case "PS":
		return "PS"
	case "FPS":
		return "FPS"
	case "SPIN":
		return "SPIN"
	case "PUBM":
		return "PUBM"
	case "ECI":
		return "ECI"
	case "EIN":
		return "EIN"
	case "ORI":
		return "ORI"
	case "RIN":
		return "RIN"
	case "RPF":
		return "RPF"
	case "RPI":
		return "RPI"
	case "UIN":
		return "UIN"
	case "UOF":
		return "UOF"
	case "ISSN":
		return "ISSN"
	case "DRDT":
		return "DRDT"
	case "EFR":
		return "EFR"
	case "CRF":
		return "CRF"
	case "ECF":
		return "ECF"
	}
	return string(b)
}

// extraLabel returns the Extra label of a tag, "medline:TAG".
func extraLabel(tag string) string {
	switch tag {
	case "PMID":
		return "medline:PMID"
	case "OWN":
		return "medline:OWN"
	case "STAT":
		return "medline:STAT"
	case "DCOM":
		return "medline:DCOM"
	case "LR":
		return "medline:LR"
	case "IS":
		return "medline:IS"
	case "VI":
		return "medline:VI"
	case "IP":
		return "medline:IP"
	case "DP":
		return "medline:DP"
	case "TI":
		return "medline:TI"
	case "PG":
		return "medline:PG"
	case "LID":
		return "medline:LID"
	case "AB":
		return "medline:AB"
	case "FAU":
		return "medline:FAU"
	case "AU":
		return "medline:AU"
	case "AD":
		return "medline:AD"
	case "LA":
		return "medline:LA"
	case "PT":
		return "medline:PT"
	case "DEP":
		return "medline:DEP"
	case "PL":
		return "medline:PL"
	case "TA":
		return "medline:TA"
	case "JT":
		return "medline:JT"
	case "JID":
		return "medline:JID"
	case "SB":
		return "medline:SB"
	case "MH":
		return "medline:MH"
	case "OTO":
		return "medline:OTO"
	case "OT":
		return "medline:OT"
	case "EDAT":
		return "medline:EDAT"
	case "MHDA":
		return "medline:MHDA"
	case "CRDT":
		return "medline:CRDT"
	case "PHST":
		return "medline:PHST"
	case "AID":
		return "medline:AID"
	case "PST":
		return "medline:PST"
	case "SO":
		return "medline:SO"
	case "PMC":
		return "medline:PMC"
	case "MID":
		return "medline:MID"
	case "OID":
		return "medline:OID"
	case "CI":
		return "medline:CI"
	case "CIN":
		return "medline:CIN"
	case "CON":
		return "medline:CON"
	case "CN":
		return "medline:CN"
	case "RN":
		return "medline:RN"
	case "GR":
		return "medline:GR"
	case "COIS":
		return "medline:COIS"
	case "BTI":
		return "medline:BTI"
	case "CTI":
		return "medline:CTI"
	case "ED":
		return "medline:ED"
	case "FED":
		return "medline:FED"
	case "PB":
		return "medline:PB"
	case "ISBN":
		return "medline:ISBN"
	case "AUID":
		return "medline:AUID"
	case "GN":
		return "medline:GN"
	case "NR":
		return "medline:NR"
	case "DA":
		return "medline:DA"
	case "TT":
		return "medline:TT"
	case "VTI":
		return "medline:VTI"
	case "EN":
		return "medline:EN"
	case "RF":
		return "medline:RF"
	case "SI":
		return "medline:SI"
	case "GS":
		return "medline:GS"
	case "NM":
		return "medline:NM"
	case "OAB":
		return "medline:OAB"
	case "OABL":
		return "medline:OABL"
	case "OCI":
		return "medline:OCI"
	case "FIR":
		return "medline:FIR"
	case "IR":
		return "medline:IR"
	case "IRAD":
		return "medline:IRAD"
	case "PS":
		return "medline:PS"
	case "FPS":
		return "medline:FPS"
	case "SPIN":
		return "medline:SPIN"
	case "PUBM":
		return "medline:PUBM"
	case "ECI":
		return "medline:ECI"
	case "EIN":
		return "medline:EIN"
	case "ORI":
		return "medline:ORI"
	case "RIN":
		return "medline:RIN"
	case "RPF":
		return "medline:RPF"
	case "RPI":
		return "medline:RPI"
	case "UIN":
		return "medline:UIN"
	case "UOF":
		return "medline:UOF"
	case "ISSN":
		return "medline:ISSN"
	case "DRDT":
		return "medline:DRDT"
	case "EFR":
		return "medline:EFR"
	case "CRF":
		return "medline:CRF"
	case "ECF":
		return "medline:ECF"
	}
	return "medline:" + tag
}

// convert turns the fields read into a citation.
func (d *MedlineDecoder) convert() (*citation.Citation, []*ParseError) {
	c := &citation.Citation{Extra: make([]citation.Field, 0, len(d.fields)/2+1)}
	var problems []*ParseError
	problem := func(f medField, err error) {
		problems = append(problems, &ParseError{Format: "medline", Line: f.line, Column: 1, Field: f.tag, Err: err})
	}
	var (
		titles, abstracts, pts, notes []string
		bookTitle, jt, so, owner, pii string
		issns                         [4][]string // print, linking, electronic, other
		pendingAU, pendingED          bool
		lastInList                    *[]citation.Name
		lastIdx                       int
	)
	setLast := func(list *[]citation.Name) {
		lastInList, lastIdx = list, len(*list)-1
	}
	lastName := func() *citation.Name {
		if lastInList == nil || lastIdx >= len(*lastInList) {
			return nil
		}
		return &(*lastInList)[lastIdx]
	}
	// One string for the record: the values are substrings of it.
	rec := string(d.buf)
	for _, f := range d.fields {
		v := citation.NormalizeText(rec[f.start:f.end])
		if f.stray {
			c.AddExtra("medline:unparsed", v)
			problem(f, fmt.Errorf("line without a tag and \"- \" separator: %w", ErrSyntax))
			continue
		}
		if v == "" {
			continue
		}
		switch f.tag {
		case "PMID":
			id, _, _ := strings.Cut(v, " ")
			if isDigits(id) && c.PMID == "" {
				c.PMID = id
			} else {
				c.AddExtra("medline:PMID", v)
				if !isDigits(id) {
					problem(f, fmt.Errorf("PMID %q is not a number: %w", v, ErrInvalidValue))
				}
			}
		case "TI":
			titles = append(titles, v)
		case "BTI":
			bookTitle = v
		case "CTI":
			c.CollectionTitle = citation.NormalizeTitle(v)
		case "AB":
			abstracts = append(abstracts, v)
		case "FAU":
			c.Authors = append(c.Authors, parseFullName(v))
			setLast(&c.Authors)
			pendingAU = true
		case "AU":
			if pendingAU {
				pendingAU = false
				if n := lastName(); n != nil && n.Given == "" {
					if s := parseShortName(v); s.Family == n.Family {
						n.Given = s.Given
					}
				}
				continue
			}
			if isEtAl(v) {
				c.Authors = append(c.Authors, citation.Name{Others: true})
				continue
			}
			c.Authors = append(c.Authors, parseShortName(v))
			setLast(&c.Authors)
		case "CN":
			c.Authors = append(c.Authors, citation.Name{Literal: v})
			setLast(&c.Authors)
			pendingAU = false
		case "FED":
			c.Editors = append(c.Editors, parseFullName(v))
			setLast(&c.Editors)
			pendingED = true
		case "ED":
			if pendingED {
				pendingED = false
				continue
			}
			c.Editors = append(c.Editors, parseShortName(v))
			setLast(&c.Editors)
		case "AD":
			if n := lastName(); n != nil {
				n.Affiliations = append(n.Affiliations, v)
			} else {
				c.AddExtra("medline:AD", v)
			}
		case "AUID":
			id, _, ok := normORCID(v)
			if n := lastName(); n != nil && ok && n.ORCID == "" {
				n.ORCID = id
			} else {
				c.AddExtra("medline:AUID", v)
			}
		case "DP":
			dt, ok, lossy := parseNLMDate(v)
			if !ok {
				dt = yearOnly(v)
				lossy = true
			}
			c.Issued = dt
			if lossy {
				c.AddExtra("medline:DP", v)
			}
		case "DEP":
			if dt, ok, _ := parseNLMDate(v); ok {
				c.AvailableDate = dt
			} else {
				c.AddExtra("medline:DEP", v)
			}
		case "PHST":
			c.AddExtra("medline:PHST", v)
			if date, kind, ok := strings.Cut(v, "["); ok && strings.HasPrefix(kind, "received]") {
				date, _, _ = strings.Cut(strings.TrimSpace(date), " ")
				if dt, ok, _ := parseNLMDate(date); ok {
					c.Submitted = dt
				}
			}
		case "VI":
			c.Volume = v
		case "IP":
			c.Issue = v
		case "PG":
			c.Pages = expandPages(v)
		case "LID", "AID":
			id, kind := bracketed(v)
			switch {
			case strings.EqualFold(kind, "doi"):
				kind = "doi"
			case strings.EqualFold(kind, "pii"):
				kind = "pii"
			}
			switch {
			case kind == "doi" || (kind == "" && pmDOI(id) != ""):
				if doi := pmDOI(id); doi != "" {
					if c.DOI == "" {
						c.DOI = doi
					}
				} else {
					c.AddExtra(extraLabel(f.tag), v)
				}
			case kind == "pii":
				if pii == "" && f.tag == "LID" {
					pii = id
				}
				c.AddExtra(extraLabel(f.tag), v)
			case kind == "" && (strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://")):
				if c.URL == "" && f.tag == "LID" {
					c.URL = id
				} else {
					c.AddExtra(extraLabel(f.tag), v)
				}
			default:
				c.AddExtra(extraLabel(f.tag), v)
			}
		case "IS", "ISSN":
			c.AddExtra(extraLabel(f.tag), v)
			issn, _, ok := pmISSN(v)
			if !ok {
				if _, kind := bracketed(v); kind == "" && strings.IndexFunc(v, func(r rune) bool { return '0' <= r && r <= '9' }) < 0 {
					continue // a bare label: "EISSN-"
				}
				problem(f, fmt.Errorf("ISSN %q: %w", v, ErrSyntax))
				continue
			}
			role := 3
			_, q := bracketedParen(v)
			switch {
			case strings.EqualFold(q, "print"):
				role = 0
			case strings.EqualFold(q, "linking"):
				role = 1
			case strings.EqualFold(q, "electronic"), len(v) > 5 && strings.EqualFold(v[:5], "eissn"):
				role = 2
			}
			issns[role] = append(issns[role], issn)
		case "ISBN":
			if isbn, ok := pmISBN(v); ok {
				c.ISBN = appendUnique(c.ISBN, isbn)
			} else {
				c.AddExtra("medline:ISBN", v)
			}
		case "TA":
			c.ContainerTitleShort = v
		case "JT":
			jt = v
		case "PL":
			c.PublisherPlace = v
		case "PB":
			c.Publisher = v
		case "LA":
			if c.Language == "" {
				c.Language = langTag(v)
			} else {
				c.AddExtra("medline:LA", v)
			}
		case "PT":
			pts = append(pts, v)
			c.AddExtra("medline:PT", v)
		case "MH", "OT":
			addKeyword(c, v)
		case "PMC":
			if id := pmPMCID(v); id != "" && c.PMCID == "" {
				c.PMCID = id
			} else {
				c.AddExtra("medline:PMC", v)
			}
		case "CI":
			c.License = v
		case "EN":
			c.Edition = v
		case "GN":
			notes = append(notes, v)
		case "SO":
			so = v
			c.AddExtra("medline:SO", v)
		case "OWN":
			owner = v
			c.AddExtra("medline:OWN", v)
		case "PST":
			if v == "aheadofprint" {
				c.Status = "epub ahead of print"
			}
			c.AddExtra("medline:PST", v)
		case "OID":
			c.AddExtra("medline:OID", v)
			if c.ID == "" && strings.EqualFold(owner, "ERIC") {
				c.ID = v
			}
		default:
			c.AddExtra(extraLabel(f.tag), v)
		}
	}

	if len(titles) == 0 {
		// Articles in other languages may have only their transliterated
		// title.
		if tt, ok := c.ExtraValue("medline:TT"); ok {
			titles = append(titles, tt)
		}
	}
	if len(titles) > 0 {
		t := titles[0]
		for _, x := range titles[1:] {
			if strings.ContainsAny(t[len(t)-1:], ".:?!;") {
				t += " " + x
			} else {
				t += ": " + x
			}
		}
		c.Title = citation.NormalizeTitle(t)
	}
	c.Type = nlmItemType(pts, bookTitle != "" && len(titles) == 0, bookTitle != "" && len(titles) > 0)
	if c.Type == citation.TypeReport && (c.Volume != "" || c.Issue != "") {
		// ERIC: "Reports - Research" published in a journal issue.
		c.Type = citation.TypeArticleJournal
	}
	if bookTitle != "" {
		if c.Title == "" {
			c.Title = citation.NormalizeTitle(bookTitle)
		} else {
			c.ContainerTitle = citation.NormalizeTitle(bookTitle)
		}
	}
	if jt != "" {
		switch c.Type {
		case citation.TypeReport, citation.TypeBook, citation.TypeThesis:
			if c.Type == citation.TypeThesis {
				c.SetVar("archive", jt)
			} else if c.Publisher == "" {
				c.Publisher = jt
			} else {
				c.AddExtra("medline:JT", jt)
			}
		default:
			if c.ContainerTitle == "" {
				c.ContainerTitle = jt
			} else {
				c.AddExtra("medline:JT", jt)
			}
		}
	}
	if c.Type == citation.TypeThesis && so != "" {
		// ERIC: "Ph.D. Dissertation, Drexel University".
		if g, u, ok := strings.Cut(so, ","); ok && c.Publisher == "" {
			c.Genre, c.Publisher = strings.TrimSpace(g), strings.TrimSpace(u)
		}
	}
	if len(abstracts) > 0 {
		c.Abstract = strings.Join(abstracts, " ")
	}
	if len(notes) > 0 {
		c.Note = strings.Join(notes, " ")
	}
	if c.Pages == "" && pii != "" {
		c.Pages = pii
	}
	for _, list := range issns {
		for _, s := range list {
			c.ISSN = appendUnique(c.ISSN, s)
		}
	}
	switch {
	case strings.EqualFold(owner, "ERIC"):
		c.Source = "ERIC"
	case c.PMID != "":
		c.Source = "PubMed"
	}
	if c.ID == "" {
		c.ID = c.PMID
	}
	c.Normalize()
	return c, problems
}

// isEtAl reports whether an author value stands for "and others".
func isEtAl(v string) bool {
	v = strings.TrimSuffix(v, ".")
	return strings.EqualFold(v, "et al") || strings.EqualFold(v, "et. al")
}

// yearOnly returns the year of a date that cannot be structured when it has
// exactly one four-digit number ("Article 10 2019"), and a literal date
// otherwise.
func yearOnly(s string) citation.Date {
	var year string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(w) == 4 {
			if year != "" {
				return citation.Date{Literal: s}
			}
			year = w
		}
	}
	if year == "" || year[0] == '0' {
		return citation.Date{Literal: s}
	}
	y := 0
	for i := 0; i < 4; i++ {
		y = y*10 + int(year[i]-'0')
	}
	return citation.Date{Year: y}
}

// bracketedParen splits "0027-8424 (Print)" into the value and the
// qualifier in parentheses.
func bracketedParen(v string) (id, qual string) {
	if strings.HasSuffix(v, ")") {
		if i := strings.LastIndexByte(v, '('); i >= 0 {
			return strings.TrimSpace(v[:i]), v[i+1 : len(v)-1]
		}
	}
	return v, ""
}

// bracketed splits MEDLINE's "value [kind]" into the value and the kind.
func bracketed(v string) (id, kind string) {
	if strings.HasSuffix(v, "]") {
		if i := strings.LastIndexByte(v, '['); i >= 0 {
			return strings.TrimSpace(v[:i]), v[i+1 : len(v)-1]
		}
	}
	return v, ""
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// sniffMedline reports whether prefix begins like a MEDLINE file: its first
// line is a tag line other than RIS's "TY", and some tag line in the prefix
// has a tag of three or four characters or is PMID/OWN-specific, which RIS
// (two-character tags) never has.
func sniffMedline(prefix []byte) bool {
	first := true
	long := false
	lines := 0
	for len(prefix) > 0 {
		var l []byte
		i := bytes.IndexByte(prefix, '\n')
		if i < 0 {
			l, prefix = prefix, nil
		} else {
			l, prefix = prefix[:i], prefix[i+1:]
		}
		l = bytes.TrimRight(l, "\r")
		if isBlank(l) {
			continue
		}
		if l[0] == ' ' || l[0] == '\t' {
			if first {
				return false
			}
			continue
		}
		tag, _, ok := tagLine(l)
		if !ok {
			if first {
				return false
			}
			continue
		}
		if first && string(tag) == "TY" {
			return false
		}
		first = false
		lines++
		if len(tag) >= 3 {
			long = true
		}
	}
	return long && lines >= 1
}

// MedlineFormat describes the MEDLINE format for a [Registry].
func MedlineFormat() Format {
	return Format{
		Name:        "medline",
		Description: "MEDLINE / PubMed tagged format",
		Extensions:  []string{".nbib", ".medline", ".medl"},
		Sniff:       sniffMedline,
		NewDecoder:  func(r io.Reader) Decoder { return NewMedlineDecoder(r) },
	}
}
