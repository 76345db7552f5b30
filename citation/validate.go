package citation

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// A Severity says how serious a [Problem] is. The zero value is
// [SeverityError].
type Severity int

// The severities.
const (
	SeverityError   Severity = iota // the record is wrong: a bad check digit, an impossible date, no title
	SeverityWarning                 // the record is doubtful or incomplete: no type, a PMID above the bound
)

// String returns "error" or "warning".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "severity(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText returns "error" or "warning", so that a Severity encodes as
// a JSON string.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "error" or "warning".
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = SeverityError
	case "warning":
		*s = SeverityWarning
	default:
		return &valueError{msg: "citation: unknown severity " + strconv.Quote(string(b)), err: ErrInvalidValue}
	}
	return nil
}

// The rules that [Citation.Validate] checks, as found in [Problem.Rule].
const (
	RuleRequired   = "required"        // a required field is empty (title), Err wraps ErrMissingField
	RuleType       = "type"            // the type is empty or not a CSL type (warning)
	RuleContainer  = "container-title" // a journal article without a journal (warning)
	RuleIdentifier = "identifier"      // an identifier does not parse, Err is an *IdentifierError
	RulePMIDRange  = "pmid-range"      // a PMID above Validator.PMIDMax (warning), Err wraps ErrInvalidValue
	RuleDate       = "date"            // a date that cannot exist, Err is a *DateError
	RuleName       = "name"            // a name with neither family name nor literal, Err wraps ErrMissingField
	RuleURL        = "url"             // a URL that does not parse as an absolute URL (warning)
)

// A Problem is one thing wrong with a [Citation], as found by
// [Citation.Validate]. Err wraps one of the package's sentinels, so that
// errors.Is(p, ErrChecksum) tells a wrong check digit, and may be an
// [*IdentifierError] or a [*DateError] for errors.As.
type Problem struct {
	Field    string   // the CSL variable: "DOI", "ISSN", "issued", "author"
	Value    string   // the offending value as it is in the record
	Rule     string   // the rule broken: one of the Rule constants
	Severity Severity // error or warning
	Err      error
}

// Error returns the field and what is wrong with it, such as
//
//	ISSN: invalid ISSN "1529-2402": check digit is 2, want 1
//
// Callers that print problems add the severity ([Problem.Severity]).
func (p *Problem) Error() string {
	msg := "invalid value"
	if p.Err != nil {
		msg = strings.TrimPrefix(p.Err.Error(), "citation: ")
	}
	return p.Field + ": " + msg
}

// Unwrap returns Err.
func (p *Problem) Unwrap() error { return p.Err }

// MarshalJSON encodes p as an object with the members field, value, rule,
// severity ("error" or "warning") and message (Err's text), for tools
// that report problems as JSON.
func (p *Problem) MarshalJSON() ([]byte, error) {
	msg := ""
	if p.Err != nil {
		msg = strings.TrimPrefix(p.Err.Error(), "citation: ")
	}
	return json.Marshal(struct {
		Field    string   `json:"field"`
		Value    string   `json:"value"`
		Rule     string   `json:"rule"`
		Severity Severity `json:"severity"`
		Message  string   `json:"message"`
	}{p.Field, p.Value, p.Rule, p.Severity, msg})
}

// Problems lists the problems of a record, in the order [Citation.Validate]
// checks them. A nil Problems means none.
type Problems []*Problem

// HasErrors reports whether any problem has [SeverityError].
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns the problems of [SeverityError].
func (ps Problems) Errors() Problems { return ps.filter(SeverityError) }

// Warnings returns the problems of [SeverityWarning].
func (ps Problems) Warnings() Problems { return ps.filter(SeverityWarning) }

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Err returns ps as an error when it holds a problem of [SeverityError], and
// nil when it holds only warnings or nothing: warnings do not make a record
// invalid. The error matches, with errors.Is and errors.As, every problem's
// Err, warnings included.
func (ps Problems) Err() error {
	if !ps.HasErrors() {
		return nil
	}
	return ps
}

// Error returns the first problem's message and the number of others:
// "DOI: invalid DOI ...: empty suffix (and 2 more problems)".
func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].Error()
	case 2:
		return ps[0].Error() + " (and 1 more problem)"
	}
	return ps[0].Error() + " (and " + strconv.Itoa(len(ps)-1) + " more problems)"
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// A Validator checks citations. Its zero value is ready to use, with the
// defaults documented on each field; a Validator is safe for concurrent use.
type Validator struct {
	// PMIDMax is the largest plausible PMID; larger ones are reported as
	// warnings (rule [RulePMIDRange]). Zero means [DefaultPMIDMax]; a
	// negative value turns the check off.
	PMIDMax int
}

// Validate returns every problem of c at once, checked by the zero
// [Validator]. See [Validator.Validate].
func (c *Citation) Validate() Problems {
	var v Validator
	return v.Validate(c)
}

// Validate returns every problem of c at once, in this order, or nil:
//
//   - type empty or not a CSL 1.0.2 type (warning, [RuleType]);
//   - title empty (error, [RuleRequired], wrapping [ErrMissingField]);
//   - a journal article (article-journal) with neither container-title nor
//     container-title-short (warning, [RuleContainer]);
//   - for every name variable, in the order of [AllRoles], a name with
//     neither family name nor literal (error, [RuleName]) and an ORCID iD
//     that does not parse (error, [RuleIdentifier]);
//   - every date variable, in the order of [DateVars], that fails
//     [Date.Valid] (error, [RuleDate]);
//   - DOI, each ISSN, each ISBN, PMID, PMCID and arXiv identifier that does
//     not parse (error, [RuleIdentifier], Err an [*IdentifierError] wrapping
//     [ErrSyntax], [ErrChecksum], ...). Bare digits in PMCID are accepted,
//     as [Citation.Normalize] prefixes them;
//   - a PMID above PMIDMax (warning, [RulePMIDRange]);
//   - a URL that is not an absolute URL with a scheme (and, for http and
//     https, a host) (warning, [RuleURL]).
//
// Validate does not modify c; run [Citation.Normalize] first to validate
// the normal form. On a valid record it does not allocate.
func (v Validator) Validate(c *Citation) Problems {
	var ps Problems
	add := func(field, value, rule string, sev Severity, err error) {
		ps = append(ps, &Problem{Field: field, Value: value, Rule: rule, Severity: sev, Err: err})
	}
	switch {
	case c.Type == "":
		add("type", "", RuleType, SeverityWarning, &valueError{msg: "no item type", err: ErrMissingField})
	case !c.Type.Valid():
		add("type", string(c.Type), RuleType, SeverityWarning, &valueError{msg: "unknown item type " + strconv.Quote(string(c.Type)), err: ErrInvalidValue})
	}
	if strings.TrimSpace(c.Title) == "" {
		add("title", c.Title, RuleRequired, SeverityError, &valueError{msg: "no title", err: ErrMissingField})
	}
	if c.Type == TypeArticleJournal && strings.TrimSpace(c.ContainerTitle) == "" && strings.TrimSpace(c.ContainerTitleShort) == "" {
		add("container-title", "", RuleContainer, SeverityWarning, &valueError{msg: "journal article without a journal title", err: ErrMissingField})
	}
	roles := [...]Role{RoleAuthor, RoleEditor}
	all := roles[:]
	if len(c.Contributors) > 0 {
		all = AllRoles()
	}
	for _, r := range all {
		for i, n := range c.Names(r) {
			if n.Others {
				continue
			}
			if strings.TrimSpace(n.Family) == "" && strings.TrimSpace(n.Literal) == "" {
				add(string(r), n.String(), RuleName, SeverityError, &valueError{msg: "name " + strconv.Itoa(i+1) + " has neither family name nor literal", err: ErrMissingField})
			}
			if n.ORCID != "" {
				if _, err := ParseORCID(n.ORCID); err != nil {
					add(string(r), n.ORCID, RuleIdentifier, SeverityError, err)
				}
			}
		}
	}
	for _, d := range [...]struct {
		name string
		date *Date
	}{
		{"issued", &c.Issued}, {"accessed", &c.Accessed}, {"original-date", &c.OriginalDate},
		{"event-date", &c.EventDate}, {"submitted", &c.Submitted}, {"available-date", &c.AvailableDate},
	} {
		if err := d.date.Valid(); err != nil {
			add(d.name, d.date.String(), RuleDate, SeverityError, err)
		}
	}
	if c.DOI != "" {
		if _, err := ParseDOI(c.DOI); err != nil {
			add("DOI", c.DOI, RuleIdentifier, SeverityError, err)
		}
	}
	for _, s := range c.ISSN {
		if _, err := ParseISSN(s); err != nil {
			add("ISSN", s, RuleIdentifier, SeverityError, err)
		}
	}
	for _, s := range c.ISBN {
		if _, err := ParseISBN(s); err != nil {
			add("ISBN", s, RuleIdentifier, SeverityError, err)
		}
	}
	if c.PMID != "" {
		p, err := ParsePMID(c.PMID)
		max := v.PMIDMax
		if max == 0 {
			max = DefaultPMIDMax
		}
		switch {
		case err != nil:
			add("PMID", c.PMID, RuleIdentifier, SeverityError, err)
		case max > 0 && int64(p) > int64(max):
			add("PMID", c.PMID, RulePMIDRange, SeverityWarning, &valueError{
				msg: "PMID " + p.String() + " is above " + strconv.Itoa(max) + ", the largest expected", err: ErrInvalidValue})
		}
	}
	if c.PMCID != "" {
		s := strings.TrimSpace(c.PMCID)
		var err error
		if allDigits(s) {
			_, err = ParsePMCID("PMC" + s)
		} else {
			_, err = ParsePMCID(s)
		}
		if err != nil {
			add("PMCID", c.PMCID, RuleIdentifier, SeverityError, err)
		}
	}
	if c.ArXiv != "" {
		if _, err := ParseArXiv(c.ArXiv); err != nil {
			add("arXiv", c.ArXiv, RuleIdentifier, SeverityError, err)
		}
	}
	if c.URL != "" {
		if msg := checkURL(c.URL); msg != "" {
			add("URL", c.URL, RuleURL, SeverityWarning, &valueError{msg: msg, err: ErrInvalidValue})
		}
	}
	return ps
}

// checkURL returns what is wrong with u, or "".
func checkURL(s string) string {
	if isPlainHTTPURL(s) {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil:
		return "URL does not parse: " + strings.TrimPrefix(err.Error(), "parse "+strconv.Quote(strings.TrimSpace(s))+": ")
	case u.Scheme == "":
		return "URL " + strconv.Quote(s) + " has no scheme"
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host == "":
		return "URL " + strconv.Quote(s) + " has no host"
	}
	return ""
}

// isPlainHTTPURL reports, without allocating, whether s is an http or https
// URL with a host, made only of characters that need no further check
// (no percent escapes, no brackets, no spaces, no port).
func isPlainHTTPURL(s string) bool {
	rest, ok := cutPrefixFold(s, "https://")
	if !ok {
		if rest, ok = cutPrefixFold(s, "http://"); !ok {
			return false
		}
	}
	host := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host = rest[:i]
	}
	if host == "" || strings.ContainsAny(host, ":@") {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c <= ' ' || c >= 0x7f || c == '%' || c == '[' || c == ']' || c == '\\' || c == '"' || c == '<' || c == '>' {
			return false
		}
	}
	return true
}

// A valueError is a message wrapping a sentinel.
type valueError struct {
	msg string
	err error
}

func (e *valueError) Error() string { return e.msg }
func (e *valueError) Unwrap() error { return e.err }
