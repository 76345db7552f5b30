package citation_test

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
)

// This file holds a slow reference implementation of the DOI extraction
// rules documented on citation.DOIScanner, written for clarity: it tries
// every byte offset of the whole input, decodes characters with the
// standard library and regular expressions, and shares no code with the
// fast scanner. The fuzz target compares the two.

var (
	refPrefix    = regexp.MustCompile(`^10\.[0-9]{4,}(?:\.[0-9]+)*(?:/|%2[Ff]|\\/)`)
	refEscapeEnd = regexp.MustCompile(`%[0-9A-Fa-f]{2}$`)
	refDecimal   = regexp.MustCompile(`^&#([0-9]{1,7});`)
	refHex       = regexp.MustCompile(`^&#[xX]([0-9A-Fa-f]{1,6});`)
	refTag       = regexp.MustCompile(`^(?:[/!]|[A-Za-z]{1,16}[ \t\n\r>/])`)
	refLetter    = regexp.MustCompile(`^[A-Za-z]`)
	refNamed     = map[string]rune{"lt": '<', "gt": '>', "amp": '&', "quot": '"', "apos": '\'', "nbsp": '\u00a0'}
	refOpener    = map[rune]rune{')': '(', ']': '[', '}': '{', '>': '<'}
)

// refExtract returns the DOIs of s: leftmost first, not overlapping.
func refExtract(s string, maxLen int) []citation.DOIMatch {
	var out []citation.DOIMatch
	for i := 0; i < len(s); {
		if m, ok := refMatchAt(s, i, maxLen); ok {
			out = append(out, m)
			i += m.Len
			continue
		}
		i++
	}
	return out
}

// refEntity decodes an HTML character reference at the start of s.
func refEntity(s string) (r rune, w int, ok bool) {
	if m := refDecimal.FindStringSubmatch(s); m != nil {
		v, _ := strconv.Atoi(m[1])
		if utf8.ValidRune(rune(v)) {
			return rune(v), len(m[0]), true
		}
		return 0, 0, false
	}
	if m := refHex.FindStringSubmatch(s); m != nil {
		v, _ := strconv.ParseInt(m[1], 16, 32)
		if utf8.ValidRune(rune(v)) {
			return rune(v), len(m[0]), true
		}
		return 0, 0, false
	}
	for name, r := range refNamed {
		if strings.HasPrefix(s, "&"+name+";") {
			return r, len(name) + 2, true
		}
	}
	return 0, 0, false
}

// refChar decodes the character at s[j:]: -1 for invalid UTF-8 and for
// backslash escapes that end a DOI.
func refChar(s string, j int) (r rune, w int) {
	rest := s[j:]
	if len(rest) >= 2 && rest[0] == '\\' {
		switch {
		case rest[1] == '/' || rest[1] == '_':
			return rune(rest[1]), 2
		case rest[1] == '"' || rest[1] == '\\' || 'a' <= rest[1] && rest[1] <= 'z' || 'A' <= rest[1] && rest[1] <= 'Z':
			return -1, 2
		}
	}
	if len(rest) >= 3 && rest[0] == '%' {
		if v, err := strconv.ParseUint(rest[1:3], 16, 8); err == nil && v < 0x80 {
			return rune(v), 3
		}
	}
	if rest[0] == '&' {
		if strings.HasPrefix(rest, "&amp;") {
			// A doubly escaped reference: "&amp;lt;" is "<".
			if r, w, ok := refEntity("&" + rest[5:min(len(rest), 5+16)]); ok && !strings.HasPrefix(rest[5:], "amp;") {
				return r, w + 4
			}
		}
		if r, w, ok := refEntity(rest); ok {
			return r, w
		}
	}
	r, w = utf8.DecodeRuneInString(rest)
	if r == utf8.RuneError && w == 1 {
		return -1, 1
	}
	return r, w
}

// refDOITail reports whether the characters at s[k:] decode to "doi]" in
// any ASCII case.
func refDOITail(s string, k int) bool {
	var got []rune
	for len(got) < 4 && k < len(s) {
		r, w := refChar(s, k)
		got = append(got, r)
		k += w
	}
	return len(got) == 4 && strings.EqualFold(string(got), "doi]") && !strings.ContainsFunc(string(got), func(r rune) bool { return r > 0x7f })
}

func refMatchAt(s string, i, maxLen int) (citation.DOIMatch, bool) {
	var none citation.DOIMatch
	if !strings.HasPrefix(s[i:], "10.") {
		return none, false
	}
	if i > 0 && (unicode.IsDigit(rune(s[i-1])) || s[i-1] == '.') && !refEscapeEnd.MatchString(s[max(0, i-3):i]) {
		return none, false
	}
	p := refPrefix.FindString(s[i:])
	if p == "" || len(p) > maxLen {
		return none, false
	}
	var text strings.Builder
	prefix := p
	for _, slash := range []string{"%2F", "%2f", "\\/", "/"} {
		prefix = strings.TrimSuffix(prefix, slash)
	}
	text.WriteString(prefix + "/")
	depth := map[rune]int{}
	end, textEnd := -1, 0
	for j := i + len(p); j < len(s); {
		r, w := refChar(s, j)
		after := s[j+w:]
		stop := r == -1 || !unicode.IsGraphic(r) || unicode.IsSpace(r) ||
			strings.ContainsRune(`"'?,`, r) ||
			r == '&' && (after == "" || after[0] < '0' || after[0] > '9') ||
			r == '[' && refDOITail(s, j+w) ||
			r == '<' && refTag.MatchString(after) ||
			r == '#' && refLetter.MatchString(after)
		if o, ok := refOpener[r]; ok && depth[o] == 0 {
			stop = true
		}
		if stop {
			break
		}
		if j+w-i > maxLen {
			return none, false
		}
		if o, ok := refOpener[r]; ok {
			depth[o]--
		} else if strings.ContainsRune("([{<", r) {
			depth[r]++
		}
		text.WriteRune(r)
		j += w
		if !strings.ContainsRune(".;:!", r) && !(r >= 0x80 && unicode.IsPunct(r)) {
			end, textEnd = j, text.Len()
		}
	}
	if end < 0 {
		return none, false
	}
	return citation.DOIMatch{DOI: text.String()[:textEnd], Offset: int64(i), Len: end - i}, true
}
