package citation

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Normalize brings c to citekit's normal form, in place. Decoders call it
// on every record, so on a record that is already normal it changes nothing
// and allocates nothing.
//
//   - Title and TitleShort: [NormalizeTitle] (NFC, white space folded, one
//     trailing period dropped, as PubMed writes titles).
//   - Every other string field (Abstract and Note too, as the package doc
//     says of all string fields), Vars values, Related items and keywords:
//     [NormalizeText].
//   - Names: every part normalized with NormalizeText; names with no part
//     left are removed; an ORCID that parses is written in canonical form.
//   - Keywords: empty ones removed, duplicates (compared without case)
//     removed, the first kept, order kept.
//   - Identifiers that parse are written in canonical form: the DOI as
//     received without resolver or label ("https://doi.org/10.1/ABC" becomes
//     "10.1/ABC"; case is kept); ISSNs as "1529-2401"; ISBNs as ISBN-13
//     without hyphens, as [Citation.ISBN] documents; PMID as digits; PMCID
//     as "PMC1201448", adding the prefix to bare digits since the field is
//     known to hold a PMCID; arXiv as [ArXiv.String] (kept as received when
//     it has an old-scheme subject class). ISSNs and ISBNs are then
//     deduplicated, keeping the first. Identifiers that do not parse are
//     kept as received, only trimmed, for [Citation.Validate] to report.
//   - Date literals: NormalizeText. Extra values are kept as read.
func (c *Citation) Normalize() {
	normField(&c.ID)
	c.Title = normTitle(c.Title)
	c.TitleShort = normTitle(c.TitleShort)
	normField(&c.ContainerTitle)
	normField(&c.ContainerTitleShort)
	normField(&c.CollectionTitle)
	normField(&c.CollectionNumber)
	normField(&c.Volume)
	normField(&c.Issue)
	normField(&c.Pages)
	normField(&c.NumberOfPages)
	normField(&c.Number)
	normField(&c.Edition)
	normField(&c.Publisher)
	normField(&c.PublisherPlace)
	normField(&c.Genre)
	normField(&c.Language)
	normField(&c.EventTitle)
	normField(&c.EventPlace)
	normField(&c.Medium)
	normField(&c.Source)
	normField(&c.Status)
	normField(&c.License)
	normField(&c.Abstract)
	normField(&c.Note)
	if c.URL != "" {
		if t := strings.TrimSpace(c.URL); len(t) != len(c.URL) {
			c.URL = t
		}
	}
	if len(c.Vars) > 0 {
		for k, v := range c.Vars {
			if n := normText(v); n != v {
				c.Vars[k] = n
			}
		}
	}
	for i := range c.Related {
		r := &c.Related[i]
		r.ID, r.Title, r.URL, r.Type = normText(r.ID), normText(r.Title), strings.TrimSpace(r.URL), normText(r.Type)
	}

	if len(c.Authors) > 0 {
		c.Authors = normNames(c.Authors)
	}
	if len(c.Editors) > 0 {
		c.Editors = normNames(c.Editors)
	}
	if len(c.Contributors) > 0 {
		for r, ns := range c.Contributors {
			ns = normNames(ns)
			if len(ns) == 0 {
				delete(c.Contributors, r)
				continue
			}
			c.Contributors[r] = ns
		}
	}

	normField(&c.Issued.Literal)
	normField(&c.Accessed.Literal)
	normField(&c.OriginalDate.Literal)
	normField(&c.EventDate.Literal)
	normField(&c.Submitted.Literal)
	normField(&c.AvailableDate.Literal)

	if len(c.Keywords) > 0 {
		c.Keywords = normKeywords(c.Keywords)
	}
	c.normIdentifiers()
}

func (c *Citation) normIdentifiers() {
	if c.DOI != "" && !doiStays(c.DOI) {
		if d, err := ParseDOI(c.DOI); err == nil {
			c.DOI = d.String()
		} else {
			c.DOI = strings.TrimSpace(c.DOI)
		}
	}
	for i, s := range c.ISSN {
		if issnForm(s) {
			// ParseISSN gives s back, or fails on the check digit, and
			// then s trimmed is s: either way s stays.
			continue
		}
		if n, err := ParseISSN(s); err == nil {
			c.ISSN[i] = n.String()
		} else {
			c.ISSN[i] = strings.TrimSpace(s)
		}
	}
	c.ISSN = dedup(c.ISSN, false)
	for i, s := range c.ISBN {
		if len(s) == 13 && allDigits(s) {
			// ParseISBN gives s back as an ISBN-13, or fails, and then
			// s trimmed is s: either way s stays.
			continue
		}
		if n, err := ParseISBN(s); err == nil {
			if !n.Is13() || s != n.String() {
				c.ISBN[i] = n.ISBN13().String()
			}
		} else {
			c.ISBN[i] = strings.TrimSpace(s)
		}
	}
	c.ISBN = dedup(c.ISBN, false)
	if c.PMID != "" && !allDigits(c.PMID) { // digits stay, parsed or not
		if p, err := ParsePMID(c.PMID); err == nil {
			c.PMID = p.String()
		} else {
			c.PMID = strings.TrimSpace(c.PMID)
		}
	}
	// "PMC" and digits stay, parsed or not.
	if c.PMCID != "" && !(strings.HasPrefix(c.PMCID, "PMC") && allDigits(c.PMCID[3:])) {
		s := strings.TrimSpace(c.PMCID)
		if allDigits(s) {
			s = "PMC" + s
		}
		if p, err := ParsePMCID(s); err == nil {
			c.PMCID = p.String()
		} else {
			c.PMCID = strings.TrimSpace(c.PMCID)
		}
	}
	if c.ArXiv != "" {
		if a, err := ParseArXiv(c.ArXiv); err == nil && a.Subject() == "" {
			if !a.is(c.ArXiv) {
				c.ArXiv = a.String()
			}
		} else {
			c.ArXiv = strings.TrimSpace(c.ArXiv)
		}
	}
}

// doiStays reports whether normalizing leaves the DOI s as it is, without
// parsing it: s starts with "10.", is printable ASCII other than the space
// and '%', and does not end with '.' or ','. ParseDOI then takes s as it
// is (no resolver, label, escape, white space or final punctuation to
// remove) and gives it back, or fails, and s trimmed is s.
func doiStays(s string) bool {
	if len(s) < 3 || s[0] != '1' || s[1] != '0' || s[2] != '.' {
		return false
	}
	for i := 3; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '%' {
			return false
		}
	}
	last := s[len(s)-1]
	return last != '.' && last != ','
}

// issnForm reports whether s has the canonical form of an ISSN,
// "NNNN-NNNC", whatever its check character.
func issnForm(s string) bool {
	return len(s) == 9 && s[4] == '-' && allDigits(s[:4]) && allDigits(s[5:8]) && (s[8] >= '0' && s[8] <= '9' || s[8] == 'X')
}

// dedup removes empty values and repeated ones (compared without case when
// fold is set), keeping the first of each and the order. It returns list
// itself, without allocating, when there is nothing to remove, and nil when
// nothing is left.
func dedup(list []string, fold bool) []string {
	key := func(s string) string { return s }
	if fold {
		key = strings.ToLower
	}
	clean := true
	if len(list) <= 16 {
	scan:
		for i, v := range list {
			if v == "" {
				clean = false
				break
			}
			for _, prev := range list[:i] {
				if prev == v || fold && strings.EqualFold(prev, v) {
					clean = false
					break scan
				}
			}
		}
		if clean {
			return list
		}
	}
	seen := make(map[string]bool, len(list))
	out := list[:0]
	for _, v := range list {
		k := key(v)
		if v == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// normField sets *p to normText(*p), writing only when that changes it.
func normField(p *string) {
	if *p != "" { // inlined: most fields are empty
		normNonEmpty(p)
	}
}

// normNonEmpty is normField for *p not empty.
func normNonEmpty(p *string) {
	if s := *p; !shortNormal(s) && !isNormalText(s) {
		*p = NormalizeText(s)
	}
}

// shortNormal reports whether s, of fewer than 16 bytes, is printable
// ASCII and runes U+00C0 to U+02FF (Latin letters, in NFC whatever stands
// around them, see textscan.NFCSafe), with no space at either end and no
// two spaces in a row: a quick check for the short values (name parts,
// volumes, pages) of most records. It is false for longer strings, which
// isNormalText scans by words.
func shortNormal(s string) bool {
	if len(s) >= 16 || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c-0x21 < 0x5e: // printable ASCII other than the space
		case c == ' ':
			if prev == ' ' {
				return false
			}
		case c >= 0xC3 && c <= 0xCB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i++ // U+00C0 to U+02FF
		default:
			return false
		}
		prev = c
	}
	return true
}

// normText is [NormalizeText] that returns s itself, without allocating,
// when it is already normal.
func normText(s string) string {
	if s == "" || isNormalText(s) {
		return s
	}
	return NormalizeText(s)
}

func normTitle(s string) string {
	if s == "" {
		return s
	}
	t := normText(s)
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
		return NormalizeTitle(t)
	}
	return t
}

// normNames normalizes names and removes the empty ones.
func normNames(ns []Name) []Name {
	empty := 0
	for i := range ns {
		n := &ns[i]
		normField(&n.Family)
		normField(&n.Given)
		normField(&n.DroppingParticle)
		normField(&n.NonDroppingParticle)
		normField(&n.Suffix)
		normField(&n.Literal)
		// An ORCID in the canonical form stays, parsed or not: ParseORCID
		// gives it back or fails, and it has no space to trim.
		if n.ORCID != "" && !isCanonicalORCID(n.ORCID) {
			if o, err := ParseORCID(n.ORCID); err == nil {
				n.ORCID = o.String()
			} else {
				n.ORCID = strings.TrimSpace(n.ORCID)
			}
		}
		if len(n.Affiliations) > 0 {
			n.Affiliations = normList(n.Affiliations)
		}
		if n.IsZero() {
			empty++
		}
	}
	if empty == 0 {
		return ns
	}
	out := ns[:0]
	for _, n := range ns {
		if !n.IsZero() {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// normList normalizes the values of list and removes the empty ones.
func normList(list []string) []string {
	for i := range list {
		normField(&list[i])
	}
	return dedup(list, false)
}

// normKeywords normalizes keywords and removes empty ones and duplicates
// that differ only in case.
func normKeywords(kw []string) []string {
	for i := range kw {
		normField(&kw[i])
	}
	return dedup(kw, true)
}

// isNFCAfter reports whether s, ASCII before index first, is in NFC: the
// check starts at the last ASCII byte, the one character that may compose
// with what follows it.
func isNFCAfter(s string, first int) bool {
	start := max(first-1, 0)
	return norm.NFC.QuickSpanString(s[start:]) == len(s)-start
}
