package citation

import (
	"strconv"
	"strings"
)

// An ArXiv is an arXiv identifier in either scheme: the new one (from April
// 2007), "YYMM.NNNN" until 1412 and "YYMM.NNNNN" from 1501, as in
// 2101.00001v2; or the old one, "archive[.SUBJ]/YYMMNNN", as in
// hep-th/9901001 or math.CA/0611800v2. An optional version ("v2") selects one
// version; without it the identifier means the latest. The zero ArXiv is
// absent. ArXiv values are safe for concurrent use; == also compares the
// subject class, so compare [ArXiv.String] values to ignore it.
type ArXiv struct {
	id      string // "2101.00001", "math/0611800": no subject class, no version
	subject string // "CA" in math.CA/0611800
	version int
}

// ParseArXiv parses an arXiv identifier, with or without version, prefixed
// or not by "arXiv:" (any case) or an arxiv.org /abs/ or /pdf/ URL. In the
// new scheme it checks the month and the number of digits (four through
// 1412, five from 1501); in the old scheme the archive (lower-case letters
// and hyphens), the year (from 91) and month, and the seven digits.
//
// Errors are [*IdentifierError] values wrapping [ErrSyntax].
func ParseArXiv(s string) (ArXiv, error) {
	in := s
	if len(s) > MaxIdentifierLength {
		return ArXiv{}, idError("arXiv", in, "longer than the limit", ErrTooLarge)
	}
	s = strings.TrimSpace(s)
	s = cutArXivPrefix(s)
	var a ArXiv
	// Version.
	if i := strings.LastIndexAny(s, "vV"); i > 0 && allDigits(s[i+1:]) {
		v := s[i+1:]
		if v[0] == '0' || len(v) > 4 {
			return ArXiv{}, idError("arXiv", in, "invalid version", ErrSyntax)
		}
		a.version, _ = strconv.Atoi(v)
		s = s[:i]
	}
	if slash := strings.IndexByte(s, '/'); slash >= 0 {
		archive, num := s[:slash], s[slash+1:]
		if dot := strings.IndexByte(archive, '.'); dot >= 0 {
			a.subject = archive[dot+1:]
			archive = archive[:dot]
			if !isArXivWord(a.subject, true) {
				return ArXiv{}, idError("arXiv", in, "invalid subject class", ErrSyntax)
			}
		}
		if !isArXivWord(archive, false) {
			return ArXiv{}, idError("arXiv", in, "invalid archive name", ErrSyntax)
		}
		if len(num) != 7 || !allDigits(num) {
			return ArXiv{}, idError("arXiv", in, "old-scheme number must be seven digits", ErrSyntax)
		}
		yy, mm := atoi2(num[0:2]), atoi2(num[2:4])
		if mm < 1 || mm > 12 || (yy < 91 && yy > 7) || (yy == 7 && mm > 3) {
			return ArXiv{}, idError("arXiv", in, "invalid year or month", ErrSyntax)
		}
		a.id = archive + "/" + num
		if len(s) == len(a.id) {
			a.id = s // no subject class: reuse the input
		}
		return a, nil
	}
	dot := strings.IndexByte(s, '.')
	if dot != 4 || !allDigits(s[:4]) || !allDigits(s[5:]) {
		return ArXiv{}, idError("arXiv", in, "not of the form YYMM.NNNNN or archive/YYMMNNN", ErrSyntax)
	}
	yymm := atoi2(s[:2])*100 + atoi2(s[2:4])
	mm := yymm % 100
	n := len(s) - 5
	switch {
	case mm < 1 || mm > 12 || yymm < 704:
		return ArXiv{}, idError("arXiv", in, "invalid year or month", ErrSyntax)
	case yymm <= 1412 && n != 4:
		return ArXiv{}, idError("arXiv", in, "identifiers to 1412 have four digits after the dot", ErrSyntax)
	case yymm >= 1501 && n != 5:
		return ArXiv{}, idError("arXiv", in, "identifiers from 1501 have five digits after the dot", ErrSyntax)
	}
	a.id = s
	return a, nil
}

func cutArXivPrefix(s string) string {
	r, ok := cutPrefixFold(s, "https://")
	if !ok {
		r, ok = cutPrefixFold(s, "http://")
	}
	if ok {
		r, _ = cutPrefixFold(r, "www.")
		r, _ = cutPrefixFold(r, "export.")
		if r2, ok := cutPrefixFold(r, "arxiv.org/"); ok {
			for _, p := range [...]string{"abs/", "pdf/"} {
				if r3, ok := cutPrefixFold(r2, p); ok {
					if i := strings.IndexAny(r3, "?#"); i >= 0 {
						r3 = r3[:i]
					}
					r3 = strings.TrimSuffix(r3, "/")
					r3, _ = cutSuffixFold(r3, ".pdf")
					return r3
				}
			}
		}
		return s
	}
	if r, ok := cutPrefixFold(s, "arxiv:"); ok {
		return strings.TrimLeft(r, " ")
	}
	if r, ok := cutLabel(s, "arXiv"); ok {
		return r
	}
	return s
}

// isArXivWord reports whether s is an archive name (lower-case letters and
// hyphens) or, when subject is set, a subject class (letters and hyphens).
func isArXivWord(s string, subject bool) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c == '-':
		case subject && c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return true
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// String returns the identifier in arXiv's preferred form, without the
// "arXiv:" prefix and without an old-scheme subject class: "2101.00001v2",
// "math/0611800v2". It returns "" for the zero ArXiv.
func (a ArXiv) String() string {
	if a.version == 0 {
		return a.id
	}
	return a.id + "v" + strconv.Itoa(a.version)
}

// is reports, without allocating, whether s == a.String().
func (a ArXiv) is(s string) bool {
	if !strings.HasPrefix(s, a.id) {
		return false
	}
	rest := s[len(a.id):]
	if a.version == 0 {
		return rest == ""
	}
	if len(rest) < 2 || rest[0] != 'v' || rest[1] == '0' || !allDigits(rest[1:]) || len(rest) > 5 {
		return false
	}
	v, _ := strconv.Atoi(rest[1:])
	return v == a.version
}

// IsZero reports whether a is the zero ArXiv.
func (a ArXiv) IsZero() bool { return a.id == "" }

// ID returns the identifier without version: "2101.00001", "math/0611800".
func (a ArXiv) ID() string { return a.id }

// Version returns the version number, or 0 when a names the latest version.
func (a ArXiv) Version() int { return a.version }

// Subject returns the subject class of an old-scheme identifier, "CA" in
// math.CA/0611800, or "".
func (a ArXiv) Subject() string { return a.subject }

// OldScheme reports whether a is an identifier of the scheme used until
// March 2007 (archive/YYMMNNN).
func (a ArXiv) OldScheme() bool { return strings.IndexByte(a.id, '/') >= 0 }

// URL returns the arXiv abstract page URL, "https://arxiv.org/abs/2101.00001v2",
// or "" for the zero ArXiv.
func (a ArXiv) URL() string {
	if a.id == "" {
		return ""
	}
	return "https://arxiv.org/abs/" + a.String()
}
