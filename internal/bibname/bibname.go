// Package bibname splits and writes BibTeX name lists by BibTeX 0.99d's own
// rules (bibtex.web, "Tame the BeaST" §11): names are separated by the word
// "and" at brace level 0; each name is "First von Last", "von Last, First"
// or "von Last, Jr, First"; a token is "von" when its first letter at brace
// level 0 is lower case, where a special character ({\L}, {\'E}) counts as a
// letter of its own case and other brace groups do not count.
//
// The parts are returned as written (LaTeX); the caller converts them to
// Unicode. All functions are safe for concurrent use.
package bibname

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citekit/citekit/internal/latex"
)

// Parts are the four parts of a BibTeX name, as LaTeX, tokens joined by one
// space. Literal is set instead when the whole name is one brace group
// ({World Health Organization}); Others when the name is "others".
type Parts struct {
	First, Von, Last, Jr string
	Literal              string
	Others               bool
}

// Split splits a name list on the word "and" (any case) at brace level 0.
// Empty names are dropped.
func Split(s string) []string { return AppendSplit(nil, s) }

// AppendSplit appends the names of the list s (see [Split]) to dst.
func AppendSplit(dst []string, s string) []string {
	names := dst
	level := 0
	start := 0
	for i := 0; i < len(s); i++ {
		if !splitByte[s[i]] {
			continue
		}
		switch s[i] {
		case '{':
			level++
		case '}':
			if level > 0 {
				level--
			}
		case 'a', 'A':
			if level == 0 && i > 0 && isSpace(s[i-1]) && i+3 < len(s) && isSpace(s[i+3]) &&
				(s[i+1] == 'n' || s[i+1] == 'N') && (s[i+2] == 'd' || s[i+2] == 'D') {
				if n := strings.TrimSpace(s[start:i]); n != "" {
					names = append(names, n)
				}
				start = i + 3
				i += 2
			}
		}
	}
	if n := strings.TrimSpace(s[start:]); n != "" {
		names = append(names, n)
	}
	return names
}

// splitByte tells the bytes Split looks at.
var splitByte = [256]bool{'{': true, '}': true, 'a': true, 'A': true}

// tokenByte tells the bytes that may end a token or change the brace level
// in Parse: all others only extend a token.
var tokenByte = [256]bool{'{': true, '}': true, ',': true, '-': true,
	' ': true, '\t': true, '\n': true, '\r': true, '~': true}

// trimJunk removes white space from both ends of a name, and separators
// and commas from its end, as BibTeX does ("Smith, John," is "Smith, John";
// bibtex warns of the comma).
func trimJunk(name string) string {
	name = strings.TrimSpace(name)
	for name != "" && (isSep(name[len(name)-1]) || name[len(name)-1] == ',') {
		name = name[:len(name)-1]
	}
	return name
}

// isSep reports whether b separates the words of a name at brace level 0:
// a byte of nameSeps.
func isSep(b byte) bool { return isSpace(b) || b == '-' }

// nameSeps holds the bytes that separate the words of a name.
const nameSeps = " \t\n\r~-"

// sepAt reports whether s[i], at brace level 0, separates two words of a
// name: white space, a hyphen, or a tie other than the accent "\~".
func sepAt(s string, i int) bool {
	return isSep(s[i]) && !(s[i] == '~' && i > 0 && s[i-1] == '\\')
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '~'
}

// Parse splits one name into its parts.
func Parse(name string) Parts {
	name = trimJunk(name)
	if strings.EqualFold(name, "others") {
		return Parts{Others: true}
	}
	if isOneGroup(name) {
		return Parts{Literal: name[1 : len(name)-1]}
	}
	// Split into comma-separated parts, each into tokens. Tokens are
	// separated by white space, ties (~) and hyphens at brace level 0, as in
	// BibTeX; a token keeps the separator BibTeX records before it, the
	// first after the word before ("A -B" is "A" and "B", joined by a
	// space; "A- B" by a hyphen), and a part is rejoined as written
	// ("Jean-Paul"). Separators at the ends of a part are dropped. The
	// tokens of all parts share one array, on the stack for the names of
	// real files; ends[k] is the end of part k in it.
	var tokArr [16]token
	var endArr [4]int
	toks, ends := tokArr[:0], endArr[:0]
	level := 0
	start := -1
	var sep byte
	for i := 0; i <= len(name); i++ {
		var ch byte
		if i < len(name) {
			ch = name[i]
			if !tokenByte[ch] {
				// Part of a token, as are the bytes up to the next that
				// may end it.
				if start < 0 {
					start = i
				}
				for i+1 < len(name) && !tokenByte[name[i+1]] {
					i++
				}
				continue
			}
		}
		split, comma := i == len(name), false
		switch {
		case i == len(name):
		case ch == '{':
			level++
		case ch == '}':
			if level > 0 {
				level--
			}
		case level == 0 && ch == ',':
			split, comma = true, true
		case level == 0 && sepAt(name, i):
			split = true
		}
		if !split {
			if start < 0 {
				start = i
			}
			continue
		}
		switch {
		case comma || i == len(name):
			if start >= 0 {
				toks = append(toks, token{sep: sep, start: start, end: i})
				start = -1
			}
			ends = append(ends, len(toks))
			sep = 0
		case start >= 0:
			// The first separator after a word is the one BibTeX
			// records; those after it are skipped.
			toks = append(toks, token{sep: sep, start: start, end: i})
			start = -1
			sep = ' '
			if ch == '-' {
				sep = '-'
			}
		}
	}
	part := func(k int) []token {
		if k == 0 {
			return toks[:ends[0]]
		}
		return toks[ends[k-1]:ends[k]]
	}

	var p Parts
	switch len(ends) {
	case 1:
		t := part(0)
		n := len(t)
		if n == 0 {
			return p
		}
		if n == 1 {
			p.Last = t[0].text(name)
			return p
		}
		vs := -1
		for i := 0; i < n-1; i++ {
			if isLower(t[i].text(name)) {
				vs = i
				break
			}
		}
		if vs < 0 {
			// The last name is the last word, with the parts hyphens join
			// to it ("John Smith-Jones").
			ls := n - 1
			for ls > 0 && t[ls].sep == '-' {
				ls--
			}
			p.First = join(name, t[:ls])
			p.Last = join(name, t[ls:])
			return p
		}
		ve := vs
		for i := n - 2; i > vs; i-- {
			if isLower(t[i].text(name)) {
				ve = i
				break
			}
		}
		p.First = join(name, t[:vs])
		p.Von = join(name, t[vs:ve+1])
		p.Last = join(name, t[ve+1:])
	default:
		vonLast := part(0)
		switch len(ends) {
		case 2:
			p.First = join(name, part(1))
		default:
			p.Jr = join(name, part(1))
			// BibTeX reports more than two commas; keep the rest as given
			// names (the tokens of parts 2 and on follow each other).
			p.First = join(name, toks[ends[1]:])
		}
		n := len(vonLast)
		ve := -1
		for i := n - 2; i >= 0; i-- {
			if isLower(vonLast[i].text(name)) {
				ve = i
				break
			}
		}
		p.Von = join(name, vonLast[:ve+1])
		p.Last = join(name, vonLast[ve+1:])
	}
	return p
}

// A token is one word of a name: its place in the name and the separator
// written before it (0 for the first of a part).
type token struct {
	start, end int
	sep        byte
}

func (t token) text(name string) string { return name[t.start:t.end] }

// join returns the tokens as one part: the text of the name from the
// first to the last, when one separator byte lies between each two (the
// usual case, without allocating), or the tokens joined by their
// separators.
func join(name string, t []token) string {
	switch len(t) {
	case 0:
		return ""
	case 1:
		return t[0].text(name)
	}
	contiguous := true
	for _, x := range t[1:] {
		if x.sep == 0 {
			contiguous = false
			break
		}
	}
	if contiguous {
		// One part: the words with the separators between them as written.
		return name[t[0].start:t[len(t)-1].end]
	}
	var b strings.Builder
	for i, x := range t {
		switch {
		case i == 0:
		case x.sep == 0:
			b.WriteByte(' ') // the first token of another part
		default:
			b.WriteString(name[t[i-1].end:x.start])
		}
		b.WriteString(x.text(name))
	}
	return b.String()
}

func isLower(tok string) bool {
	upper, ok := latex.IsUpperStart(tok)
	return ok && !upper
}

// isOneGroup reports whether s is a single brace group: "{...}".
func isOneGroup(s string) bool {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return false
	}
	level := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
			if level == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return level == 0
}

// Format writes a name as "von Last, Jr, First" (or "von Last, First", or
// "von Last" alone) from parts already escaped for BibTeX, adding braces
// where a part would otherwise be split or read back differently: a Last
// with a lower-case token, a part holding a comma or the word "and". A
// Literal is written in braces; Others as "others".
func Format(p Parts) string {
	if p.Others {
		return "others"
	}
	if p.Literal != "" {
		return "{" + p.Literal + "}"
	}
	last := p.Last
	switch {
	case last == "":
		last = "{}"
	case strings.EqualFold(last, "others") && p.Von == "" && p.First == "" && p.Jr == "":
		// A person named Others, not the "and others" mark.
		last = "{}" + last
	}
	if needsBraces(last, true) || p.Von != "" && isSep(last[0]) {
		// (A separator first in the last name would be read as the one
		// after the von part, and dropped.)
		last = "{" + last + "}"
	}
	von := p.Von
	// Math ($...$) in a von part keeps its braces and commas as written,
	// so none can be added to it: such a von part is folded into the last
	// name, and vonToken and vonWord, which add braces, see no math.
	mathVon := hasMath(von)
	if von != "" && !mathVon {
		// A von word "and" would split the list: {\relax and} is read as
		// a lower-case special character.
		toks := strings.Fields(von)
		for i, t := range toks {
			if strings.IndexByte(t, ',') >= 0 {
				// A comma would split the name: "{,}" is skipped when
				// BibTeX looks for the case of a von word ("{,}a").
				t = braceCommas(t)
				toks[i] = t
			}
			switch {
			case strings.EqualFold(t, "and"):
				// "{A}nd" when the word does not read as lower case.
				if w := vonToken(t); !isLower(t) && w != t {
					toks[i] = w
				} else {
					toks[i] = `{\relax ` + t + `}`
				}
			case !isLower(t):
				toks[i] = vonToken(t)
			}
		}
		von = strings.Join(toks, " ")
		// Separators at its ends would be read as the separators around
		// it, and dropped: "{-}a".
		i, j := 0, len(von)
		for i < j && isSep(von[i]) {
			i++
		}
		for j > i && isSep(von[j-1]) && (j < 2 || von[j-2] != '\\') {
			j--
		}
		if i > 0 || j < len(von) {
			v := von[i:j]
			if i > 0 {
				v = "{" + von[:i] + "}" + v
			}
			if j < len(von) {
				v += "{" + von[j:] + "}"
			}
			von = v
		}
	}
	if von != "" {
		// Every von token must read as lower case, and the von part must
		// end with one.
		toks := level0Words(von)
		if !mathVon && len(toks) > 0 && !isLower(toks[len(toks)-1]) {
			// The last word after a hyphen or tie ("x-{\textbackslash}a"):
			// braced before its first lower-case letter, as above.
			if k := lastLevel0Sep(von); k >= 0 {
				if w := vonToken(von[k+1:]); isLower(w) {
					von = von[:k+1] + w
					toks[len(toks)-1] = w
				}
			}
		}
		if !mathVon && len(toks) > 0 && !isLower(toks[len(toks)-1]) && !needsBraces(von, false) {
			// "ab C" (read from a{b C}): one word, braced after its first
			// lower-case letter.
			if w := vonWord(von); w != "" {
				von = w
				toks = []string{w}
			}
		}
		if mathVon || len(toks) == 0 || !isLower(toks[len(toks)-1]) || needsBraces(von, false) {
			// Cannot be written as a von part: fold it into the last name.
			inner := last
			if isOneGroup(last) {
				inner = last[1 : len(last)-1] // "{de la Cruz}": already one word
			}
			// (Trimming every outer brace would break a last name that
			// starts or ends in a special character: {\textbackslash}A.)
			last = "{" + von + " " + inner + "}"
			von = ""
		}
	}
	var b strings.Builder
	if von != "" {
		b.WriteString(von)
		b.WriteByte(' ')
	}
	b.WriteString(last)
	first := p.First
	if needsBraces(first, false) || first != "" && Parse("x, "+first).First != first {
		// Separators at its ends would be dropped.
		first = "{" + first + "}"
	}
	jr := p.Jr
	if needsBraces(jr, false) || jr != "" && Parse("x, "+jr+", y").Jr != jr {
		jr = "{" + jr + "}"
	}
	switch {
	case jr != "":
		b.WriteString(", ")
		b.WriteString(jr)
		b.WriteString(", ")
		if first == "" {
			first = "{}"
		}
		b.WriteString(first)
	case first != "":
		b.WriteString(", ")
		b.WriteString(first)
	case von != "" || strings.ContainsAny(last, nameSeps) || isOneGroup(last):
		// "Brinch Hansen, {}", "Lloyd-Jones, {}" and "{de la Cruz}, {}": a
		// last name alone that would otherwise split (BibTeX splits words
		// at white space, "-" and "~") or read as a literal. (BibTeX drops
		// a comma at the end of a name.) Any separator counts, even one
		// inside braces, which only adds a harmless ", {}".
		b.WriteString(", {}")
	}
	return b.String()
}

// level0Words splits s at its separators outside braces.
func level0Words(s string) []string {
	var words []string
	start := 0
	for _, k := range append(level0Seps(s), len(s)) {
		if k > start {
			words = append(words, s[start:k])
		}
		start = k + 1
	}
	return words
}

// lastLevel0Sep returns the index of the last separator of s outside
// braces, or -1.
func lastLevel0Sep(s string) int {
	if seps := level0Seps(s); len(seps) > 0 {
		return seps[len(seps)-1]
	}
	return -1
}

// level0Seps returns the indexes of the separators of s outside braces,
// as Parse finds them (see sepAt).
func level0Seps(s string) []int {
	var seps []int
	level := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '{':
			level++
		case s[i] == '}':
			level = max(level-1, 0)
		case level == 0 && sepAt(s, i):
			seps = append(seps, i)
		}
	}
	return seps
}

// vonToken returns a von word that does not read as lower case ("Van",
// "000A000a") with the text before its first lower-case letter at brace
// level 0 in braces ("{V}an", "{000A}000a"): a brace group that is not a
// special character does not count, so the word reads as von and prints
// as written. It returns t unchanged when that does not work (no lower-case
// letter, or a prefix that would read as a special character).
func vonToken(t string) string {
	i := firstLower(t)
	if i <= 0 {
		return t
	}
	open := "{"
	if t[0] == '\\' {
		// "{\" would start a special character, which has the case of its
		// own letters: "{{}\#...}" is a plain group, which BibTeX skips.
		open = "{{}"
	}
	if b := open + t[:i] + "}" + t[i:]; isLower(b) {
		return b
	}
	return t
}

// firstLower returns the byte index of the first lower-case letter of s at
// brace level 0, or -1 when it has none or a command comes before it.
func firstLower(s string) int {
	level := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '{':
			level++
		case r == '}':
			if level > 0 {
				level--
			}
		case r == '\\' && level == 0:
			if i+1 < len(s) && s[i+1] < utf8.RuneSelf && !isASCIILetter(s[i+1]) {
				// An escaped character (\#, \&, \{): not a letter.
				n = 2
				break
			}
			return -1
		case level == 0 && unicode.IsLower(r):
			return i
		}
		i += n
	}
	return -1
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// hasMath reports whether s holds a "$" that is not escaped.
func hasMath(s string) bool { return strings.Count(s, "$") > strings.Count(s, `\$`) }

// vonWord returns a von part that ends in a word without a lower-case
// letter ("ab C", "000Ö 000A") as one von word: the text before its first
// lower-case letter at brace level 0 and the text after it in braces
// ("a{b C}", "{000Ö 000A}a"), so that the spaces do not split it. It
// returns "" when that does not read back as one von word.
func vonWord(v string) string {
	i := firstLower(v)
	if i < 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(v[i:])
	n := i + size
	var b strings.Builder
	if i > 0 {
		b.WriteString("{" + v[:i] + "}")
	}
	b.WriteString(v[i:n])
	if n < len(v) {
		b.WriteString("{" + v[n:] + "}")
	}
	w := b.String()
	if strings.HasPrefix(v[n:], "\\") || !isLower(w) || len(Split("x "+w+" x")) != 1 {
		return ""
	}
	return w
}

// needsBraces reports whether a part must be braced to read back as one:
// it holds a comma or the word "and" at brace level 0, or (for a last name)
// a token that BibTeX would take for a von part.
// braceCommas writes each comma of s outside braces as "{,}".
func braceCommas(s string) string {
	var b strings.Builder
	level := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{':
			level++
		case '}':
			level--
		case ',':
			if level == 0 {
				b.WriteString("{,}")
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func needsBraces(s string, last bool) bool {
	if s == "" {
		return false
	}
	level := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
		case ',':
			if level == 0 {
				return true
			}
		}
	}
	for _, t := range strings.Fields(s) {
		if strings.EqualFold(t, "and") {
			return true
		}
	}
	if last {
		// BibTeX takes lower-case tokens before the final one for "von",
		// and splits words where strings.Fields would not ("0a -" is
		// "0a" and "-"): read it back to see.
		p := Parse(s + ", x")
		return p.Von != "" || p.Last != s
	}
	return false
}
