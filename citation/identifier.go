package citation

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxIdentifierLength is the longest input, in bytes, that the identifier
// parsers ([ParseDOI], [ParseISSN], ...) accept; longer inputs fail with an
// error wrapping [ErrTooLarge]. No registered DOI comes near it.
const MaxIdentifierLength = 2048

// An IdentifierError reports an input that is not a valid identifier. Err is
// one of the package's sentinel errors: [ErrSyntax] for a malformed value,
// [ErrChecksum] for a wrong check digit, [ErrInvalidValue] for a well-formed
// value that cannot be (a PMID of 0, an ISBN-13 starting 977), [ErrTooLarge]
// for an input over [MaxIdentifierLength].
type IdentifierError struct {
	Type   string // "DOI", "ISSN", "ISBN", "PMID", "PMCID", "ORCID", "arXiv"
	Input  string // the value given to the parser
	Reason string // what is wrong, in words: "check digit is 2, want 1"
	Err    error  // the sentinel
}

// Error returns a message such as
//
//	citation: invalid ISSN "1529-2402": check digit is 2, want 1
//
// with inputs over 64 bytes shortened.
func (e *IdentifierError) Error() string {
	in := e.Input
	if len(in) > 64 {
		cut := 60
		for cut > 0 && !utf8.RuneStart(in[cut]) {
			cut--
		}
		in = in[:cut] + "..."
	}
	return "citation: invalid " + e.Type + " " + strconv.Quote(in) + ": " + e.Reason
}

// Unwrap returns the sentinel error.
func (e *IdentifierError) Unwrap() error { return e.Err }

func idError(typ, input, reason string, err error) error {
	return &IdentifierError{Type: typ, Input: input, Reason: reason, Err: err}
}

// cutPrefixFold removes prefix from s, comparing ASCII letters without case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// cutSuffixFold removes suffix from s, comparing ASCII letters without case.
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// cutLabel removes a label such as "ISSN" from the start of s when it is
// followed by a colon, white space or the end, and the colon and white space
// after it. It does not remove "ISSN" from "ISSNX".
func cutLabel(s, label string) (string, bool) {
	rest, ok := cutPrefixFold(s, label)
	if !ok {
		return s, false
	}
	if rest == "" {
		return rest, true
	}
	switch rest[0] {
	case ':', ' ', '\t':
	default:
		return s, false
	}
	rest = strings.TrimLeft(rest, " \t")
	if rest != "" && rest[0] == ':' {
		rest = strings.TrimLeft(rest[1:], " \t")
	}
	return rest, true
}

// cutQualifier removes a trailing parenthesized qualifier, "(Print)",
// "(Electronic)", "(pbk.)", and the space before it.
func cutQualifier(s string) string {
	if !strings.HasSuffix(s, ")") {
		return s
	}
	i := strings.LastIndexByte(s, '(')
	if i <= 0 {
		return s
	}
	return strings.TrimRight(s[:i], " \t")
}

// isDash reports whether r is a hyphen or dash that may separate the digits
// of an ISSN, ISBN or ORCID iD: ASCII hyphen-minus, soft hyphen, U+2010 to
// U+2015, the minus sign and the small hyphen-minus.
func isDash(r rune) bool {
	switch r {
	case '-', '\u00ad', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2043', '\u2212', '\ufe63', '\uff0d':
		return true
	}
	return false
}

// checkDigits collects the digits of s (and an X or x, reported as 'X'),
// skipping spaces and dashes, into buf. It fails when s has any other
// character or more than len(buf) digits; it returns the number collected.
func checkDigits(s string, buf []byte) (int, string) {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == 'X', r == 'x':
			if n == len(buf) {
				return n, "too many digits"
			}
			if r == 'x' {
				r = 'X'
			}
			buf[n] = byte(r)
			n++
		case r == ' ' || r == '\t' || r == '\u00a0' || isDash(r):
		case r == utf8.RuneError:
			return n, "invalid UTF-8"
		default:
			return n, "unexpected character " + strconv.QuoteRune(r)
		}
	}
	return n, ""
}

// digitValue returns the value of a check character: '0'-'9' or 'X' (10).
func digitValue(c byte) int {
	if c == 'X' {
		return 10
	}
	return int(c - '0')
}

// checkChar returns the check character for value v in 0-10.
func checkChar(v int) rune {
	if v == 10 {
		return 'X'
	}
	return rune('0' + v)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}
