package parse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/cslvars"
)

// An itemError is a problem in one item, at byte offset off of the item (-1
// when it has none).
type itemError struct {
	off   int
	field string
	err   error
	fatal bool // a JSON syntax error: the item cannot be converted
}

func (e *itemError) Error() string { return e.err.Error() }

// itemParser converts the JSON text of one CSL-JSON item into a Citation.
type itemParser struct {
	b     []byte
	s     string // string(b), when set: strings without escapes are cut from it
	p     int
	n     int // the item's number in the input, for messages
	c     *citation.Citation
	first *itemError // the first problem that did not stop the conversion

	note           string
	hasNote        bool
	keywords       []string
	customKeywords []string
	customISSN     []string
	customISBN     []string
	hasCustom      [3]bool // keywords, ISSN, ISBN
	nameData       []nameDatum
	others         []string
	pendingNames   map[string]bool
	nameBuf        []citation.Name // the names of a list being read
}

// nameDatum is the ORCID and affiliations of one name, from custom.names.
type nameDatum struct {
	role         citation.Role
	index        int
	orcid        string
	affiliations []string
}

func (p *itemParser) record() string {
	if p.c != nil && p.c.ID != "" {
		return p.c.ID
	}
	return fmt.Sprintf("#%d", p.n)
}

func (p *itemParser) syntax(format string, args ...any) *itemError {
	return &itemError{off: p.p, err: fmt.Errorf(format+": %w", append(args, ErrSyntax)...), fatal: true}
}

// problem records a non-fatal problem with a variable.
func (p *itemParser) problem(off int, field string, sentinel error, format string, args ...any) {
	if p.first != nil {
		return
	}
	p.first = &itemError{off: off, field: field, err: fmt.Errorf(format+": %w", append(args, sentinel)...)}
}

func (p *itemParser) parse() (c *citation.Citation, err error) {
	p.c = &citation.Citation{}
	if e := p.object(p.topMember); e != nil {
		return nil, e
	}
	p.ws()
	if p.p != len(p.b) {
		return nil, p.syntax("unexpected %s after the item", quoteByte(int(p.b[p.p])))
	}
	p.finish()
	if p.first != nil {
		return p.c, p.first
	}
	return p.c, nil
}

func (p *itemParser) ws() {
	for p.p < len(p.b) {
		switch p.b[p.p] {
		case ' ', '\t', '\r', '\n':
			p.p++
		default:
			return
		}
	}
}

func (p *itemParser) peek() byte {
	p.ws()
	if p.p >= len(p.b) {
		return 0
	}
	return p.b[p.p]
}

// object parses an object, calling member for each key with the parser at
// the value; member must consume the value.
func (p *itemParser) object(member func(key []byte, off int) *itemError) *itemError {
	if p.peek() != '{' {
		return p.syntax("expected {")
	}
	p.p++
	if p.peek() == '}' {
		p.p++
		return nil
	}
	for {
		if p.peek() != '"' {
			if p.p < len(p.b) && p.b[p.p] == '}' { // trailing comma
				p.p++
				return nil
			}
			return p.syntax("expected a key string")
		}
		off := p.p
		key, err := p.strBytes()
		if err != nil {
			return err
		}
		if p.peek() != ':' {
			return p.syntax("expected : after key")
		}
		p.p++
		p.ws()
		if err := member(key, off); err != nil {
			return err
		}
		switch p.peek() {
		case ',':
			p.p++
		case '}':
			p.p++
			return nil
		default:
			return p.syntax("expected , or } in object")
		}
	}
}

// array parses an array, calling elem for each element.
func (p *itemParser) array(elem func(i int) *itemError) *itemError {
	if p.peek() != '[' {
		return p.syntax("expected [")
	}
	p.p++
	if p.peek() == ']' {
		p.p++
		return nil
	}
	for i := 0; ; i++ {
		if p.peek() == ']' && i > 0 { // trailing comma
			p.p++
			return nil
		}
		if err := elem(i); err != nil {
			return err
		}
		switch p.peek() {
		case ',':
			p.p++
		case ']':
			p.p++
			return nil
		default:
			return p.syntax("expected , or ] in array")
		}
	}
}

// strBytes parses a string; the result may alias the input.
func (p *itemParser) strBytes() ([]byte, *itemError) {
	p.p++ // the quote
	start := p.p
	for i := start; i < len(p.b); i++ {
		c := p.b[i]
		if c == '"' {
			p.p = i + 1
			return p.b[start:i], nil
		}
		if c == '\\' || c < 0x20 {
			return p.strSlow(start)
		}
	}
	p.p = len(p.b)
	return nil, p.syntax("unterminated string")
}

func (p *itemParser) strSlow(start int) ([]byte, *itemError) {
	out := make([]byte, 0, 64)
	i := start
	for i < len(p.b) {
		c := p.b[i]
		switch {
		case c == '"':
			p.p = i + 1
			return out, nil
		case c < 0x20:
			p.p = i
			return nil, p.syntax("control character %#02x in string", c)
		case c != '\\':
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= len(p.b) {
			break
		}
		switch e := p.b[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(p.b[i+2:])
			if !ok {
				p.p = i
				return nil, p.syntax("invalid \\u escape")
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(p.b[min(i+2, len(p.b)):]); ok && i+1 < len(p.b) && p.b[i] == '\\' && p.b[i+1] == 'u' {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						i += 6
						r = d
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
			continue
		default:
			p.p = i
			return nil, p.syntax("invalid escape \\%c", e)
		}
		i += 2
	}
	p.p = len(p.b)
	return nil, p.syntax("unterminated string")
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func (p *itemParser) str() (string, *itemError) {
	start := p.p + 1
	b, err := p.strBytes()
	if err == nil && len(p.s) == len(p.b) && len(b) == p.p-1-start {
		// No escapes (each one makes the value shorter than its text):
		// the value is the text, cut from s without a copy.
		return p.s[start : p.p-1], nil
	}
	return string(b), err
}

// number parses a JSON number and returns its text.
func (p *itemParser) number() (string, *itemError) {
	start := p.p
	i := p.p
	if i < len(p.b) && p.b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(p.b) && p.b[i] >= '0' && p.b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if digits() == 0 {
		p.p = i
		return "", p.syntax("invalid number")
	}
	if i < len(p.b) && p.b[i] == '.' {
		i++
		if digits() == 0 {
			p.p = i
			return "", p.syntax("invalid number")
		}
	}
	if i < len(p.b) && (p.b[i] == 'e' || p.b[i] == 'E') {
		i++
		if i < len(p.b) && (p.b[i] == '+' || p.b[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.p = i
			return "", p.syntax("invalid number")
		}
	}
	p.p = i
	if len(p.s) == len(p.b) {
		return p.s[start:i], nil
	}
	return string(p.b[start:i]), nil
}

// skip parses and discards any value, returning its JSON text.
func (p *itemParser) skip() ([]byte, *itemError) {
	start := p.p
	var err *itemError
	switch c := p.peek(); {
	case c == '{':
		err = p.object(func([]byte, int) *itemError { _, e := p.skip(); return e })
	case c == '[':
		err = p.array(func(int) *itemError { _, e := p.skip(); return e })
	case c == '"':
		_, err = p.strBytes()
	case c == '-' || c >= '0' && c <= '9':
		_, err = p.number()
	case c == 't':
		err = p.literal("true")
	case c == 'f':
		err = p.literal("false")
	case c == 'n':
		err = p.literal("null")
	default:
		err = p.syntax("expected a value")
	}
	return p.b[start:p.p], err
}

func (p *itemParser) literal(word string) *itemError {
	if !bytes.HasPrefix(p.b[p.p:], []byte(word)) {
		return p.syntax("invalid literal")
	}
	p.p += len(word)
	return nil
}

// compactJSON returns raw JSON text without insignificant white space, or
// the text of a JSON string.
func compactJSON(raw []byte) string {
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return normText(s)
		}
	}
	// The text is kept as an Extra value, which is normalized text like any
	// other, so that reading it back changes nothing.
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return normText(string(raw))
	}
	return normText(b.String())
}

// scalar reads a string or a number (as text) and reports whether the value
// was one; any other value is skipped and its JSON text returned.
func (p *itemParser) scalar() (s string, raw []byte, ok bool, null bool, err *itemError) {
	switch c := p.peek(); {
	case c == '"':
		s, err = p.str()
		return s, nil, true, false, err
	case c == '-' || c >= '0' && c <= '9':
		s, err = p.number()
		return s, nil, true, false, err
	case c == 'n':
		return "", nil, false, true, p.literal("null")
	}
	raw, err = p.skip()
	return "", raw, false, false, err
}

// keep stores a value citekit could not place as Extra "csljson:<name>".
func (p *itemParser) keep(name string, raw []byte) {
	p.c.AddExtra("csljson:"+name, compactJSON(raw))
}

func (p *itemParser) topMember(key []byte, off int) *itemError {
	switch string(key) {
	case "id":
		s, raw, ok, null, err := p.scalar()
		if err != nil {
			return err
		}
		if !ok && !null {
			p.problem(off, "id", ErrInvalidValue, "id is a JSON %s, not a string or number", jsonKind(raw[0]))
			p.keep("id", raw)
		}
		p.c.ID = normText(s)
		return nil
	case "type":
		s, raw, ok, null, err := p.scalar()
		if err != nil || null {
			return err
		}
		if !ok {
			p.problem(off, "type", ErrInvalidValue, "type is a JSON %s, not a string", jsonKind(raw[0]))
			p.keep("type", raw)
			return nil
		}
		s = normText(s)
		t := citation.ItemType(s)
		if s == "" {
			return nil // no type
		}
		if !t.Valid() {
			p.problem(off, "type", ErrInvalidValue, "unknown item type %q", s)
			p.c.AddExtra("csljson:type", s)
			return nil
		}
		p.c.Type = t
		return nil
	case "custom":
		if p.peek() != '{' {
			raw, err := p.skip()
			if err == nil && !bytes.Equal(raw, []byte("null")) {
				p.problem(off, "custom", ErrInvalidValue, "custom is a JSON %s, not an object", jsonKind(raw[0]))
				p.keep("custom", raw)
			}
			return err
		}
		return p.object(p.customMember)
	}
	return p.variable(keyName(key), off, "csljson:")
}

// keyString returns key, whose quote is at offset off of the item, as a
// string cut from p.s when the text there is the key itself.
func (p *itemParser) keyString(key []byte, off int) string {
	if end := off + 1 + len(key); len(p.s) == len(p.b) && end <= len(p.b) && string(p.b[off+1:end]) == string(key) {
		return p.s[off+1 : end]
	}
	return string(key)
}

// keyName returns key as a string, without allocating when it is the name
// of a CSL variable.
func keyName(key []byte) string {
	if v, ok := cslvars.Lookup(string(key)); ok {
		return v.Name
	}
	switch string(key) {
	case "journalAbbreviation":
		return "journalAbbreviation"
	case "shortTitle":
		return "shortTitle"
	case "categories":
		return "categories"
	}
	if !utf8.Valid(key) {
		// Each byte that is not UTF-8 becomes U+FFFD, as the writer writes
		// it: two keys written alike are read alike.
		b := make([]byte, 0, len(key)+8)
		for i := 0; i < len(key); {
			r, n := utf8.DecodeRune(key[i:])
			b = utf8.AppendRune(b, r)
			i += n
		}
		return string(b)
	}
	return string(key)
}

// variable reads the value of the item property or custom key name. label
// prefixes the Extra label of values that are not CSL variables.
func (p *itemParser) variable(name string, off int, label string) *itemError {
	switch name {
	case "journalAbbreviation", "shortTitle":
		s, raw, ok, null, err := p.scalar()
		if err != nil || null {
			return err
		}
		if !ok {
			p.problem(off, name, ErrInvalidValue, "%s is a JSON %s, not a string", name, jsonKind(raw[0]))
			p.keep(name, raw)
			return nil
		}
		s = normText(s)
		target := "container-title-short"
		if name == "shortTitle" {
			target = "title-short"
		}
		if cur := p.c.Var(target); cur == "" {
			p.c.SetVar(target, s)
		} else if cur != s {
			p.c.SetVar(name, s)
		}
		return nil
	case "categories":
		if p.peek() != '[' {
			raw, err := p.skip()
			if err == nil {
				p.problem(off, name, ErrInvalidValue, "categories is a JSON %s, not an array", jsonKind(raw[0]))
				p.keep(name, raw)
			}
			return err
		}
		return p.array(func(int) *itemError {
			s, raw, ok, _, err := p.scalar()
			if err != nil {
				return err
			}
			if ok {
				p.c.AddExtra("csljson:categories", normText(s))
			} else if raw != nil {
				p.keep("categories", raw)
			}
			return nil
		})
	}
	v, known := cslvars.Lookup(name)
	if !known {
		if raw, err := p.unknown(name, label); err != nil {
			return err
		} else {
			_ = raw
		}
		return nil
	}
	switch v.Kind {
	case cslvars.Name:
		return p.names(citation.Role(name), off)
	case cslvars.Date:
		return p.date(name, off)
	}
	s, raw, ok, null, err := p.scalar()
	if err != nil || null {
		return err
	}
	if !ok {
		p.problem(off, name, ErrInvalidValue, "%s is a JSON %s, not a string", name, jsonKind(raw[0]))
		p.keep(name, raw)
		return nil
	}
	switch name {
	case "note":
		p.note, p.hasNote = s, true
	case "keyword":
		p.keywords = splitList(s, ',')
	case "ISSN":
		p.c.ISSN = splitList(s, ',', ';')
	case "ISBN":
		p.c.ISBN = splitList(s, ',', ';')
	default:
		p.c.SetVar(name, normText(s))
	}
	return nil
}

// unknown keeps a property that is not a CSL variable as Extra label+name.
func (p *itemParser) unknown(name, label string) ([]byte, *itemError) {
	s, raw, ok, null, err := p.scalar()
	if err != nil {
		return nil, err
	}
	switch {
	case ok:
		p.c.AddExtra(label+name, normText(s))
	case null:
	default:
		p.c.AddExtra(label+name, compactJSON(raw))
	}
	return raw, nil
}

// splitList splits s at any of seps, trims the parts and drops empty ones.
func splitList(s string, seps ...rune) []string {
	isSep := func(r rune) bool {
		for _, sep := range seps {
			if r == sep {
				return true
			}
		}
		return false
	}
	n := 1
	for _, r := range s {
		if isSep(r) {
			n++
		}
	}
	var out []string
	start := 0
	add := func(part string) {
		// Trimmed first: normText then returns most parts as they are.
		if part = normText(strings.TrimSpace(part)); part != "" {
			if out == nil {
				out = make([]string, 0, n)
			}
			out = append(out, part)
		}
	}
	for i, r := range s {
		if isSep(r) {
			add(s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	add(s[start:])
	return out
}

func (p *itemParser) names(role citation.Role, off int) *itemError {
	if p.peek() != '[' {
		raw, err := p.skip()
		if err == nil && !bytes.Equal(raw, []byte("null")) {
			p.problem(off, string(role), ErrInvalidValue, "%s is a JSON %s, not an array of names", role, jsonKind(raw[0]))
			p.keep(string(role), raw)
		}
		return err
	}
	names := p.nameBuf[:0]
	defer func() {
		clear(names) // hold no strings of this item
		p.nameBuf = names[:0]
	}()
	err := p.array(func(i int) *itemError {
		eoff := p.p
		if p.peek() != '{' {
			raw, err := p.skip()
			if err != nil {
				return err
			}
			p.problem(eoff, string(role), ErrInvalidValue, "%s name %d is a JSON %s, not an object", role, i+1, jsonKind(raw[0]))
			p.c.AddExtra(fmt.Sprintf("csljson:%s[%d]", role, i), compactJSON(raw))
			names = append(names, citation.Name{})
			return nil
		}
		var n citation.Name
		err := p.object(func(key []byte, koff int) *itemError {
			switch k := p.keyString(key, koff); k {
			case "family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal", "ORCID":
				s, raw, ok, null, err := p.scalar()
				if err != nil || null {
					return err
				}
				if !ok {
					p.problem(koff, string(role), ErrInvalidValue, "%s name %d: %s is a JSON %s, not a string", role, i+1, k, jsonKind(raw[0]))
					p.c.AddExtra(fmt.Sprintf("csljson:%s[%d].%s", role, i, k), compactJSON(raw))
					return nil
				}
				s = normText(s)
				switch k {
				case "family":
					n.Family = s
				case "given":
					n.Given = s
				case "dropping-particle":
					n.DroppingParticle = s
				case "non-dropping-particle":
					n.NonDroppingParticle = s
				case "suffix":
					n.Suffix = s
				case "literal":
					n.Literal = s
				case "ORCID":
					n.ORCID = s
				}
			case "comma-suffix":
				raw, err := p.skip()
				if err != nil {
					return err
				}
				n.CommaSuffix = truthy(raw)
			case "affiliation":
				return p.affiliations(&n.Affiliations)
			default:
				raw, err := p.skip()
				if err != nil {
					return err
				}
				p.c.AddExtra(fmt.Sprintf("csljson:%s[%d].%s", role, i, k), compactJSON(raw))
			}
			return nil
		})
		names = append(names, n)
		return err
	})
	if err != nil {
		return err
	}
	if len(names) == 0 {
		p.c.SetNames(role, p.c.Names(role)[:0:0])
		return nil
	}
	// A copy of its own, the size of the list; the buffer is reused.
	p.c.SetNames(role, append(make([]citation.Name, 0, len(names)), names...))
	return nil
}

// affiliations reads a list of strings or of objects with a "name".
func (p *itemParser) affiliations(dst *[]string) *itemError {
	read := func() *itemError {
		if p.peek() == '{' {
			return p.object(func(key []byte, _ int) *itemError {
				s, _, ok, _, err := p.scalar()
				if err == nil && ok && string(key) == "name" {
					*dst = append(*dst, normText(s))
				}
				return err
			})
		}
		s, _, ok, _, err := p.scalar()
		if err == nil && ok {
			*dst = append(*dst, normText(s))
		}
		return err
	}
	if p.peek() == '[' {
		return p.array(func(int) *itemError { return read() })
	}
	return read()
}

// truthy reports whether a JSON flag value is set: true, a number other
// than 0, or a string other than "", "0" and "false".
func truthy(raw []byte) bool {
	s := string(raw)
	switch {
	case s == "true":
		return true
	case s == "false", s == "null", s == `""`, s == `"0"`, s == `"false"`:
		return false
	case len(s) > 0 && s[0] == '"':
		return true
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && f != 0
}
