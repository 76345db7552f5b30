package citation

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A DOI is a Digital Object Identifier, such as 10.1523/JNEUROSCI.1353-25.2025.
// It holds the name as received, after [ParseDOI] removed resolver and label
// prefixes and URL encoding, so that it displays as its source wrote it;
// [DOI.Equal] compares names with ASCII case folding, as the DOI Handbook
// requires. The zero DOI is absent. DOIs are comparable values, safe for
// concurrent use; use [DOI.Key] (not ==) for map keys.
type DOI struct {
	name  string
	slash int // index of the first '/'
}

// ParseDOI parses a DOI name in any of the forms found in records:
//
//	10.1000/182
//	doi:10.1000/182, DOI: 10.1000/182, DOI 10.1000/182
//	https://doi.org/10.1000/182, http://dx.doi.org/10.1000/182 (also www.doi.org, hdl.handle.net, no scheme)
//	info:doi/10.1000/182, urn:doi:10.1000/182, urn:doi:10.1000:182
//	10.1000/182 [doi] (MEDLINE AID and LID)
//	10.1016%2Fj.foreco.2020.118 (URL-encoded)
//
// Leading and trailing white space, a final period or comma, and invisible
// soft hyphens, zero-width spaces and byte order marks are removed.
// A resolver URL loses its query and fragment and is percent-decoded; so is a
// name whose first slash is encoded (%2F); in other names only %3C and %3E
// are decoded (to < and >, as in SICI DOIs).
//
// The name must be "10." followed by a registrant code of digits (which may
// be subdivided by dots, 10.1000.10), a slash and a non-empty suffix of
// printable characters without white space. The registrant code may have
// fewer than four digits, as in the Handbook's 10.123/ABC. White space
// inside a name is an error: ParseDOI checks one value, it does not extract
// DOIs from text.
//
// Errors are [*IdentifierError] values wrapping [ErrSyntax], or [ErrTooLarge]
// for inputs over [MaxIdentifierLength] bytes. Parsing a name already in
// plain form does not allocate.
func ParseDOI(s string) (DOI, error) {
	in := s
	if len(s) > MaxIdentifierLength {
		return DOI{}, idError("DOI", in, "longer than the limit", ErrTooLarge)
	}
	s = strings.TrimSpace(s)
	if r, ok := cutSuffixFold(s, " [doi]"); ok { // MEDLINE AID, LID
		s = strings.TrimSpace(r)
	}
	// Fast path: the plain form.
	if len(s) < 3 || s[0] != '1' || s[1] != '0' || s[2] != '.' {
		var err error
		if s, err = stripDOIPrefixes(in, s); err != nil {
			return DOI{}, err
		}
	}
	if strings.IndexByte(s, '%') >= 0 {
		s = decodeDOIEscapes(s, false)
	}
	if hasNonASCII(s) && strings.ContainsAny(s, "\u00ad\u200b\ufeff") {
		// Invisible characters copied from PDFs and web pages: soft
		// hyphen, zero-width space, byte order mark.
		s = strings.NewReplacer("\u00ad", "", "\u200b", "", "\ufeff", "").Replace(s)
		s = strings.TrimSpace(s)
	}
	return checkDOI(in, s)
}

// stripDOIPrefixes removes the labels, resolvers and URL encoding around a
// DOI name.
func stripDOIPrefixes(in, s string) (string, error) {
	var ok bool
	if s, ok = cutDOIResolver(s); ok {
		if i := strings.IndexAny(s, "?#"); i >= 0 {
			s = s[:i]
		}
		return decodeDOIEscapes(s, true), nil
	}
	if r, ok := cutPrefixFold(s, "info:doi/"); ok {
		return r, nil
	}
	if r, ok := cutPrefixFold(s, "urn:doi:"); ok {
		// The proxy also takes a colon for the first slash: urn:doi:10.123:456.
		if !strings.Contains(r, "/") && !strings.Contains(strings.ToLower(r), "%2f") {
			if i := strings.IndexByte(r, ':'); i >= 0 {
				r = r[:i] + "/" + r[i+1:]
			}
		}
		return r, nil
	}
	if r, ok := cutLabel(s, "doi"); ok {
		if r, ok := cutDOIResolver(r); ok { // "DOI: https://doi.org/..."
			return decodeDOIEscapes(r, true), nil
		}
		return r, nil
	}
	if strings.HasPrefix(strings.ToLower(s), "http") {
		return "", idError("DOI", in, "not a DOI resolver URL", ErrSyntax)
	}
	return s, nil
}

// cutDOIResolver removes a DOI resolver URL prefix.
func cutDOIResolver(s string) (string, bool) {
	r, ok := cutPrefixFold(s, "https://")
	if !ok {
		r, _ = cutPrefixFold(s, "http://")
	}
	for _, host := range [...]string{"doi.org/", "dx.doi.org/", "www.doi.org/", "hdl.handle.net/"} {
		if r2, ok2 := cutPrefixFold(r, host); ok2 {
			return r2, true
		}
	}
	return s, false
}

// decodeDOIEscapes decodes percent escapes: all of them when all is set or
// when the first slash is encoded, otherwise only %3C and %3E. Malformed
// escapes are kept as they are.
func decodeDOIEscapes(s string, all bool) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	if !all && !strings.Contains(s, "/") {
		all = true // 10.1016%2Fj.foreco...
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			if all || v == '<' || v == '>' {
				b.WriteByte(v)
				i += 2
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// checkDOI checks the syntax of a bare DOI name.
func checkDOI(in, s string) (DOI, error) {
	// A final period or comma ends the sentence, not the DOI.
	for len(s) > 0 && (s[len(s)-1] == '.' || s[len(s)-1] == ',') {
		s = s[:len(s)-1]
	}
	if s == "" {
		return DOI{}, idError("DOI", in, "empty", ErrSyntax)
	}
	if !strings.HasPrefix(s, "10.") {
		if len(s) > 2 && s[0] >= '0' && s[0] <= '9' && strings.IndexByte(s, '/') > 0 {
			return DOI{}, idError("DOI", in, "directory indicator must be 10", ErrSyntax)
		}
		return DOI{}, idError("DOI", in, "does not start with 10.", ErrSyntax)
	}
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		return DOI{}, idError("DOI", in, "no suffix after the prefix", ErrSyntax)
	}
	// Registrant code: digits, subdivided by single dots.
	reg := s[3:slash]
	if reg == "" {
		return DOI{}, idError("DOI", in, "empty registrant code", ErrSyntax)
	}
	prevDot := true
	for i := 0; i < len(reg); i++ {
		c := reg[i]
		switch {
		case c >= '0' && c <= '9':
			prevDot = false
		case c == '.' && !prevDot:
			prevDot = true
		default:
			return DOI{}, idError("DOI", in, "registrant code must be digits", ErrSyntax)
		}
	}
	if prevDot {
		return DOI{}, idError("DOI", in, "registrant code must be digits", ErrSyntax)
	}
	suffix := s[slash+1:]
	if suffix == "" {
		return DOI{}, idError("DOI", in, "empty suffix", ErrSyntax)
	}
	for i := 0; i < len(suffix); {
		c := suffix[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7f {
				if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
					return DOI{}, idError("DOI", in, "white space in suffix", ErrSyntax)
				}
				return DOI{}, idError("DOI", in, "control character in suffix", ErrSyntax)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(suffix[i:])
		if r == utf8.RuneError && size == 1 {
			return DOI{}, idError("DOI", in, "invalid UTF-8", ErrSyntax)
		}
		if unicode.IsSpace(r) {
			return DOI{}, idError("DOI", in, "white space in suffix", ErrSyntax)
		}
		if !unicode.IsGraphic(r) {
			return DOI{}, idError("DOI", in, "unprintable character in suffix", ErrSyntax)
		}
		i += size
	}
	return DOI{name: s, slash: slash}, nil
}

// String returns the DOI name as received, without prefix: "10.1000/182".
func (d DOI) String() string { return d.name }

// IsZero reports whether d is the zero DOI.
func (d DOI) IsZero() bool { return d.name == "" }

// Prefix returns the prefix: "10.1523" for 10.1523/JNEUROSCI.1353-25.2025.
func (d DOI) Prefix() string {
	if d.name == "" {
		return ""
	}
	return d.name[:d.slash]
}

// Suffix returns the suffix: "JNEUROSCI.1353-25.2025" for
// 10.1523/JNEUROSCI.1353-25.2025. It may contain slashes.
func (d DOI) Suffix() string {
	if d.name == "" {
		return ""
	}
	return d.name[d.slash+1:]
}

// Equal reports whether d and e name the same DOI: equal after ASCII case
// folding. Non-ASCII letters are compared exactly.
func (d DOI) Equal(e DOI) bool {
	a, b := d.name, e.name
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// Key returns the name with ASCII letters lower-cased, for use as a map key
// or for sorting: two DOIs are [DOI.Equal] exactly when their keys are equal.
func (d DOI) Key() string {
	for i := 0; i < len(d.name); i++ {
		if c := d.name[i]; 'A' <= c && c <= 'Z' {
			b := []byte(d.name)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return d.name
}

// URL returns the DOI's https://doi.org/ URL, with the characters the DOI
// Handbook requires or recommends encoding percent-encoded (and non-ASCII
// characters as UTF-8 escapes, and the slash after a "." or ".." segment as
// %2F), or "" for the zero DOI. [ParseDOI] reads the
// URL back to the same DOI.
func (d DOI) URL() string {
	if d.name == "" {
		return ""
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len("https://doi.org/") + len(d.name) + 8)
	b.WriteString("https://doi.org/")
	seg := 0 // start of the current path segment
	for i := 0; i < len(d.name); i++ {
		c := d.name[i]
		if c == '/' {
			// A slash after a "." or ".." segment is encoded, so that
			// clients do not resolve the dot segment away.
			if s := d.name[seg:i]; s == "." || s == ".." {
				b.WriteString("%2F")
				seg = i + 1
				continue
			}
			seg = i + 1
		}
		if c >= utf8.RuneSelf || strings.IndexByte("%\"# ?<>{}^[]`|\\+", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
