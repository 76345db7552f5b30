package parse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/cslvars"
)

// date reads a date variable.
func (p *itemParser) date(name string, off int) *itemError {
	d := p.c.Date(name)
	if p.peek() != '{' {
		s, raw, ok, null, err := p.scalar()
		if err != nil || null {
			return err
		}
		if !ok {
			p.problem(off, name, ErrInvalidValue, "%s is a JSON %s, not a date object", name, jsonKind(raw[0]))
			p.keep(name, raw)
			return nil
		}
		// A bare string or number: read it as a "raw" date, as citeproc-js
		// does (pandoc writes such dates, EDTF strings, for BC years).
		*d = parseDateText(normText(s))
		return nil
	}
	var (
		out      citation.Date
		parts    [][]string
		partsOff = -1
		partsRaw []byte
		rawText  string
	)
	err := p.object(func(key []byte, koff int) *itemError {
		k := p.keyString(key, koff)
		switch k {
		case "date-parts":
			start := p.p
			partsOff = koff
			if p.peek() != '[' {
				raw, err := p.skip()
				if err == nil && string(raw) != "null" {
					partsRaw = raw
				}
				return err
			}
			bad := false
			err := p.array(func(int) *itemError {
				if p.peek() != '[' {
					bad = true
					_, err := p.skip()
					return err
				}
				list := make([]string, 0, 3) // year, month, day
				err := p.array(func(int) *itemError {
					s, _, ok, null, err := p.scalar()
					if err != nil {
						return err
					}
					if !ok && !null {
						bad = true
					}
					list = append(list, strings.TrimSpace(s))
					return nil
				})
				parts = append(parts, list)
				return err
			})
			if err != nil {
				return err
			}
			if bad {
				partsRaw = p.b[start:p.p]
				return nil
			}
			p.checkParts(name, koff, parts, p.b[start:p.p], &out)
			return nil
		case "season":
			s, raw, ok, null, err := p.scalar()
			if err != nil || null {
				return err
			}
			if !ok {
				p.problem(koff, name, ErrInvalidValue, "%s: season is a JSON %s", name, jsonKind(raw[0]))
				p.keep(name+".season", raw)
				return nil
			}
			if season, ok := parseSeason(s); ok {
				out.Season = season
			} else {
				p.problem(koff, name, ErrInvalidValue, "%s: unknown season %q", name, s)
				p.c.AddExtra("csljson:"+name+".season", s)
			}
		case "circa":
			raw, err := p.skip()
			if err != nil {
				return err
			}
			out.Circa = truthy(raw)
		case "literal", "raw":
			s, raw, ok, null, err := p.scalar()
			if err != nil || null {
				return err
			}
			if !ok {
				p.problem(koff, name, ErrInvalidValue, "%s: %s is a JSON %s, not a string", name, k, jsonKind(raw[0]))
				p.keep(name+"."+k, raw)
				return nil
			}
			if k == "literal" {
				out.Literal = normText(s)
			} else {
				rawText = normText(s)
			}
		default:
			raw, err := p.skip()
			if err != nil {
				return err
			}
			p.c.AddExtra("csljson:"+name+"."+k, compactJSON(raw))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if partsRaw != nil {
		p.problem(partsOff, name, ErrInvalidValue, "%s: date-parts %s is not a list of 1 or 2 lists of numbers", name, compactJSON(partsRaw))
		p.c.AddExtra("csljson:"+name+".date-parts", compactJSON(partsRaw))
	}
	if rawText != "" {
		if out.Year == 0 && out.Month == 0 && out.Day == 0 && out.EndYear == 0 {
			r := parseDateText(rawText)
			if r.Literal != "" && out.Literal != "" {
				p.c.AddExtra("csljson:"+name+".raw", rawText)
				r.Literal = out.Literal
			}
			if out.Season != 0 {
				r.Season = out.Season
			}
			r.Circa = r.Circa || out.Circa
			out = r
		} else {
			p.c.AddExtra("csljson:"+name+".raw", rawText)
		}
	}
	*d = out
	return nil
}

// checkParts validates date-parts and sets them in out.
func (p *itemParser) checkParts(name string, off int, parts [][]string, raw []byte, out *citation.Date) {
	bad := func(why string) {
		p.problem(off, name, ErrInvalidValue, "%s: date-parts %s: %s", name, compactJSON(raw), why)
		p.c.AddExtra("csljson:"+name+".date-parts", compactJSON(raw))
	}
	if len(parts) > 2 {
		bad("more than two dates")
		return
	}
	var nums [2][3]int
	for i, list := range parts {
		if len(list) > 3 {
			bad("more than three parts")
			return
		}
		for j, s := range list {
			if s == "" {
				continue
			}
			n, err := strconv.Atoi(s)
			if err != nil {
				f, ferr := strconv.ParseFloat(s, 64)
				if ferr != nil || f != float64(int(f)) {
					bad(fmt.Sprintf("%q is not a whole number", s))
					return
				}
				n = int(f)
			}
			nums[i][j] = n
		}
	}
	out.Year, out.Month, out.Day = nums[0][0], nums[0][1], nums[0][2]
	if len(parts) == 2 && nums[1] != nums[0] {
		out.EndYear, out.EndMonth, out.EndDay = nums[1][0], nums[1][1], nums[1][2]
	}
	// Months 13-16 and 21-24 are seasons (citeproc-js, EDTF).
	// A range of two different seasons keeps its pseudo-months, as a Date
	// holds one season.
	if s := seasonOfMonth(out.Month); s != 0 && out.Day == 0 && out.EndDay == 0 {
		switch es := seasonOfMonth(out.EndMonth); {
		case out.EndMonth == 0 && out.EndYear == 0:
			out.Season, out.Month = s, 0
		case es == s:
			out.Season, out.Month, out.EndMonth = s, 0, 0
		}
	}
}

func seasonOfMonth(m int) citation.Season {
	switch {
	case m >= 13 && m <= 16:
		return citation.Season(m - 12)
	case m >= 21 && m <= 24:
		return citation.Season(m - 20)
	}
	return 0
}

// parseSeason reads a season as a number (1-4, 13-16, 21-24) or a name.
func parseSeason(s string) (citation.Season, bool) {
	s = strings.TrimSpace(s)
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] == '+' || s[0] == '-') {
		// Not a number (checked here, as Atoi's error allocates).
	} else if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= 4 {
			return citation.Season(n), true
		}
		if x := seasonOfMonth(n); x != 0 {
			return x, true
		}
		return 0, false
	}
	switch strings.ToLower(s) {
	case "spring":
		return citation.Spring, true
	case "summer":
		return citation.Summer, true
	case "autumn", "fall":
		return citation.Autumn, true
	case "winter":
		return citation.Winter, true
	}
	return 0, false
}

// customMember reads one key of the custom object.
func (p *itemParser) customMember(key []byte, off int) *itemError {
	k := p.keyString(key, off)
	switch {
	case k == "keywords" || k == "ISSN" || k == "ISBN":
		if p.peek() != '[' {
			if k == "keywords" {
				return p.extra(k)
			}
			return p.variable(k, off, "")
		}
		var list []string
		err := p.array(func(int) *itemError {
			s, raw, ok, _, err := p.scalar()
			if err != nil {
				return err
			}
			if ok {
				list = append(list, normText(s))
			} else if raw != nil {
				list = append(list, compactJSON(raw))
			}
			return nil
		})
		switch k {
		case "keywords":
			p.customKeywords, p.hasCustom[0] = list, true
		case "ISSN":
			p.customISSN, p.hasCustom[1] = list, true
		case "ISBN":
			p.customISBN, p.hasCustom[2] = list, true
		}
		return err
	case k == "names" && p.peek() == '{':
		return p.object(func(rk []byte, _ int) *itemError {
			role := citation.Role(strings.TrimPrefix(string(rk), "var:"))
			return p.array(func(i int) *itemError {
				nd := nameDatum{role: role, index: i}
				if p.peek() != '{' {
					_, err := p.skip()
					return err
				}
				err := p.object(func(fk []byte, _ int) *itemError {
					switch string(fk) {
					case "ORCID":
						s, _, _, _, err := p.scalar()
						nd.orcid = normText(s)
						return err
					case "affiliation":
						return p.affiliations(&nd.affiliations)
					}
					raw, err := p.skip()
					if err == nil {
						p.c.AddExtra(fmt.Sprintf("csljson:%s[%d].%s", role, i, fk), compactJSON(raw))
					}
					return err
				})
				if nd.orcid != "" || len(nd.affiliations) > 0 {
					p.nameData = append(p.nameData, nd)
				}
				return err
			})
		})
	case k == "others" && p.peek() == '[':
		return p.array(func(int) *itemError {
			s, _, ok, _, err := p.scalar()
			if ok {
				p.others = append(p.others, strings.TrimPrefix(s, "var:"))
			}
			return err
		})
	case k == "related" && p.peek() == '[':
		return p.array(func(int) *itemError {
			var r citation.Related
			if p.peek() != '{' {
				return p.extra("related")
			}
			err := p.object(func(fk []byte, _ int) *itemError {
				s, _, _, _, err := p.scalar()
				s = normText(s)
				switch string(fk) {
				case "id":
					r.ID = s
				case "title":
					r.Title = s
				case "URL":
					r.URL = s
				case "type":
					r.Type = s
				}
				return err
			})
			if r != (citation.Related{}) {
				p.c.Related = append(p.c.Related, r)
			}
			return err
		})
	case strings.HasPrefix(k, "extra:"):
		return p.extra(k[len("extra:"):])
	case strings.HasPrefix(k, "var:"):
		name := k[len("var:"):]
		if p.peek() == '[' {
			return p.names(citation.Role(name), off)
		}
		s, raw, ok, _, err := p.scalar()
		if err != nil {
			return err
		}
		if !ok && raw != nil {
			s = compactJSON(raw)
		}
		if s = normText(s); s != "" {
			if p.c.Vars == nil {
				p.c.Vars = make(map[string]string)
			}
			p.c.Vars[name] = s
		}
		return nil
	}
	if _, ok := cslvars.Lookup(k); ok {
		return p.variable(k, off, "")
	}
	return p.extra(k)
}

// extra reads a custom value into Extra values labelled label: a string, a
// list of strings (one value each), or any other value as JSON text.
func (p *itemParser) extra(label string) *itemError {
	if p.peek() == '[' {
		start := p.p
		var vals []string
		simple := true
		err := p.array(func(int) *itemError {
			s, _, ok, _, err := p.scalar()
			if !ok {
				simple = false
			}
			vals = append(vals, s)
			return err
		})
		if err != nil {
			return err
		}
		if !simple {
			p.c.AddExtra(label, compactJSON(p.b[start:p.p]))
			return nil
		}
		for _, v := range vals {
			p.c.AddExtra(label, normText(v))
		}
		return nil
	}
	s, raw, ok, _, err := p.scalar()
	if err != nil {
		return err
	}
	if !ok && raw != nil {
		s = compactJSON(raw)
	}
	p.c.AddExtra(label, normText(s))
	return nil
}

// finish applies what needs the whole item: custom lists, name data, the
// "and others" marks and the note.
func (p *itemParser) finish() {
	c := p.c
	c.Keywords = p.keywords
	if p.hasCustom[0] {
		c.Keywords = p.customKeywords
	}
	if p.hasCustom[1] {
		c.ISSN = p.customISSN
	}
	if p.hasCustom[2] {
		c.ISBN = p.customISBN
	}
	for _, nd := range p.nameData {
		names := c.Names(nd.role)
		if nd.index >= len(names) {
			if nd.orcid != "" {
				c.AddExtra(fmt.Sprintf("csljson:%s[%d].ORCID", nd.role, nd.index), nd.orcid)
			}
			for _, a := range nd.affiliations {
				c.AddExtra(fmt.Sprintf("csljson:%s[%d].affiliation", nd.role, nd.index), a)
			}
			continue
		}
		n := &names[nd.index]
		if n.ORCID == "" {
			n.ORCID = nd.orcid
		}
		n.Affiliations = append(n.Affiliations, nd.affiliations...)
	}
	for _, r := range p.others {
		role := citation.Role(r)
		c.SetNames(role, append(c.Names(role), citation.Name{Others: true}))
	}
	if p.hasNote {
		note := normText(p.cheater(p.note))
		// Folding the note's lines may make a new "name: value" line at
		// its top ("PMID:\n0" becomes "PMID: 0"), which reading our own
		// output would apply: apply it now, so that a round trip is stable.
		for range 8 {
			again := normText(p.cheater(note))
			if again == note {
				break
			}
			note = again
		}
		c.Note = note
	}
}

// cheater applies the citeproc-js "cheater syntax" at the top of a note and
// returns what remains of the note.
func (p *itemParser) cheater(note string) string {
	if !strings.Contains(note, ":") {
		return note
	}
	lines := strings.Split(note, "\n")
	var kept []string
	i := 0
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			kept = append(kept, lines[i])
			continue
		}
		name, value, ok := cheaterLine(line)
		if !ok {
			if i == 0 {
				kept = append(kept, lines[i])
				continue
			}
			break
		}
		if !p.applyCheater(name, value) {
			kept = append(kept, lines[i])
		}
	}
	kept = append(kept, lines[i:]...)
	return strings.Join(kept, "\n")
}

// cheaterLine splits "name: value" or "{:name:value}".
func cheaterLine(line string) (name, value string, ok bool) {
	if strings.HasPrefix(line, "{:") && strings.HasSuffix(line, "}") {
		name, value, ok = strings.Cut(line[2:len(line)-1], ":")
	} else {
		name, value, ok = strings.Cut(line, ":")
	}
	if !ok || name == "" {
		return "", "", false
	}
	upper, lower := true, true
	for _, r := range name {
		upper = upper && r >= 'A' && r <= 'Z'
		lower = lower && (r >= 'a' && r <= 'z' || r == '-' || r == '_')
	}
	if !upper && !lower {
		return "", "", false
	}
	if _, known := cslvars.Lookup(name); !known && name != "type" {
		return "", "", false
	}
	return name, strings.TrimSpace(value), true
}

// applyCheater sets one variable from the note, unless it is already set,
// and reports whether it did.
func (p *itemParser) applyCheater(name, value string) bool {
	c := p.c
	value = normText(value)
	if value == "" {
		return false
	}
	if name == "type" {
		t := citation.ItemType(value)
		if !t.Valid() {
			return false
		}
		c.Type = t
		return true
	}
	v, _ := cslvars.Lookup(name)
	switch v.Kind {
	case cslvars.Name:
		role := citation.Role(name)
		if len(c.Names(role)) > 0 && !p.pendingNames[name] {
			return false
		}
		if p.pendingNames == nil {
			p.pendingNames = make(map[string]bool)
		}
		p.pendingNames[name] = true
		var n citation.Name
		if fam, given, ok := strings.Cut(value, "||"); ok {
			n.Family, n.Given = strings.TrimSpace(fam), strings.TrimSpace(given)
		} else {
			n.Literal = value
		}
		c.SetNames(role, append(c.Names(role), n))
		return true
	case cslvars.Date:
		d := c.Date(name)
		if !d.IsZero() {
			return false
		}
		*d = parseDateText(value)
		return true
	case cslvars.Strings:
		return false
	}
	switch name {
	case "ISSN", "ISBN", "keyword":
		list := splitList(value, ',', ';')
		switch {
		case name == "ISSN" && len(c.ISSN) == 0:
			c.ISSN = list
		case name == "ISBN" && len(c.ISBN) == 0:
			c.ISBN = list
		case name == "keyword" && len(p.keywords) == 0 && !p.hasCustom[0]:
			p.keywords = list
			c.Keywords = list
		default:
			return false
		}
		return true
	case "note":
		return false
	}
	if c.Var(name) != "" {
		return false
	}
	c.SetVar(name, value)
	return true
}
