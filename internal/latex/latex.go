// Package latex converts the LaTeX found in BibTeX field values to Unicode
// text with CSL rich-text markup, and Unicode text back to LaTeX.
//
// Reading ([ToUnicode]) follows /work/shared/specs/bibtex.md §8: every accent
// command in all its spellings (\'e, \'{e}, {\'e}, \'{\i}, \c c, \c{c}), the
// special letters (\ss, \o, \L, \aa ...), escaped specials (\& \% \$ \_ \#
// \{ \}), dashes (-- ---), TeX double quotes (two backquotes, two
// apostrophes), the tie ~ (no-break space),
// text symbols (\textendash, \guillemotleft ...), the font commands
// (\textit, \emph, {\it ...}, \textbf, \textsc, \textsuperscript,
// \textsubscript) as the CSL markup <i>, <b>,
// <span style="font-variant:small-caps;">, <sup>, <sub>, and
// case-protecting braces ({DNA}) as <span class="nocase">. Math ($...$) is
// converted when every command in it is known (Greek letters, relations,
// ^ and _ as superscript and subscript) and passed through as written
// otherwise. Unknown commands are kept as written. The result is NFC.
//
// Writing ([FromUnicode]) escapes every character that has a meaning in
// BibTeX or LaTeX, writes markup as the commands above and protected casing
// as braces, and with the ASCII option writes non-ASCII letters as LaTeX
// accent and letter commands.
//
// Tables are read-only package variables; every function is safe for
// concurrent use.
package latex

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

type style uint8

const (
	plain style = iota
	italic
	bold
	smallCaps
	superscript
	subscript
	verbatim
	plainSkipFirst // \href{url}{text}, \foreignlanguage{lang}{text}: the second argument
	quoted         // \enquote{x}: “x”
	endDecl        // \end{it}: closes the last declaration
)

var openTag = [...]string{
	italic:      "<i>",
	bold:        "<b>",
	smallCaps:   `<span style="font-variant:small-caps;">`,
	superscript: "<sup>",
	subscript:   "<sub>",
}

var closeTags = [...]string{
	italic:      "</i>",
	bold:        "</b>",
	smallCaps:   "</span>",
	superscript: "</sup>",
	subscript:   "</sub>",
}

const (
	nocaseOpen  = `<span class="nocase">`
	nocaseClose = "</span>"
)

// MaxDepth is the brace nesting depth to which groups are interpreted;
// deeper braces are dropped without interpretation, so that conversion
// needs bounded stack space on any input.
const MaxDepth = 100

// ToUnicode converts a BibTeX value (outer delimiters removed) to Unicode
// text in NFC. With markup set, font commands become CSL rich-text tags and
// case-protecting braces become <span class="nocase">; otherwise formatting
// is dropped and only the text is kept. White space is kept as it is; see
// citation.NormalizeText to fold it.
func ToUnicode(s string, markup bool) string {
	if IsPlain(s) {
		return s
	}
	return string(AppendUnicode(make([]byte, 0, len(s)+16), s, markup))
}

// AppendUnicode appends the conversion of s ([ToUnicode]) to dst and
// returns the extended buffer. A caller that converts many values can keep
// one buffer for all of them.
func AppendUnicode(dst []byte, s string, markup bool) []byte {
	if IsPlain(s) {
		return append(dst, s...)
	}
	if out, ok := appendAccented(dst, s); ok {
		return out
	}
	return appendConverted(dst, s, markup)
}

// appendAccented converts s when it is plain ASCII but for accents written
// the usual BibTeX way, {\"u} or {\'\i}, whose letter has a precomposed
// form: the common case of names, done without the converter. It reports
// false, having appended nothing, for anything else.
func appendAccented(dst []byte, s string) ([]byte, bool) {
	start := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '{':
			// {\Ac} or {\A\i} ({\A\j}): A an accent command of one
			// byte that is not a letter, c an ASCII letter.
			if i+4 >= len(s) || s[i+1] != '\\' || isLetter(s[i+2]) {
				return dst[:start], false
			}
			name := s[i+2 : i+3]
			letter, end := rune(s[i+3]), i+4
			if letter == '\\' && i+5 < len(s) && (s[i+4] == 'i' || s[i+4] == 'j') {
				letter, end = rune(s[i+4]), i+5
			} else if !isLetter(s[i+3]) {
				return dst[:start], false
			}
			if s[end] != '}' {
				return dst[:start], false
			}
			p := precomposedLetter(name, letter)
			if p == 0 {
				return dst[:start], false
			}
			dst = utf8.AppendRune(dst, p)
			i = end + 1
			continue
		case '\\', '}', '$', '~', '`':
			return dst[:start], false
		case '-', '\'':
			if i+1 < len(s) && s[i+1] == c {
				return dst[:start], false
			}
		default:
			if c >= utf8.RuneSelf {
				return dst[:start], false
			}
		}
		dst = append(dst, c)
		i++
	}
	return dst, true
}

// appendConverted is AppendUnicode by the converter.
func appendConverted(dst []byte, s string, markup bool) []byte {
	start := len(dst)
	c := converter{src: s, markup: markup, buf: dst}
	c.run(0, false, false)
	if c.needNFC {
		// A copy, so that the norm package does not make dst escape.
		out := append([]byte(nil), c.buf[start:]...)
		if !norm.NFC.IsNormal(out) {
			c.buf = append(c.buf[:start], norm.NFC.Bytes(out)...)
		}
	}
	return c.buf
}

// IsPlain reports whether s is ASCII with nothing to convert, so that
// ToUnicode returns it unchanged.
func IsPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '{', '}', '$', '~', '`':
			return false
		case '-', '\'':
			// "--" and "''" are dashes and quotes; one alone is itself.
			if i+1 < len(s) && s[i+1] == c {
				return false
			}
		case '?', '!':
			// ?` and !` are ¿ and ¡.
			if i+1 < len(s) && s[i+1] == '`' {
				return false
			}
		default:
			if c >= utf8.RuneSelf {
				return false
			}
		}
	}
	return true
}

type converter struct {
	src      string
	pos      int
	buf      []byte // the output
	markup   bool
	nonASCII bool
	needNFC  bool // combining marks or non-ASCII input were written
}

// run converts until the end of the input or, when inGroup is set, the
// closing brace of the current group (which it consumes). nocase tells
// whether casing is already protected by an enclosing group.
func (c *converter) run(depth int, inGroup, nocase bool) {
	// Tags opened by declarations ({\it ...}) in this group, and where.
	type opened struct {
		close string
		mark  int // output length before the opening tag
		open  int // length of the opening tag
	}
	var closers []opened
	closeTag := func(o opened) {
		if len(c.buf) == o.mark+o.open {
			c.truncate(o.mark) // nothing in it: no empty <i></i>
			return
		}
		c.buf = append(c.buf, o.close...)
	}
	defer func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closeTag(closers[i])
		}
	}()
	for c.pos < len(c.src) {
		ch := c.src[c.pos]
		switch ch {
		case '}':
			c.pos++
			if inGroup {
				return
			}
			// An unbalanced closing brace: keep it as text.
			c.buf = append(c.buf, '}')
		case '{':
			c.pos++
			c.group(depth, nocase)
		case '\\':
			if d, ok := c.command(depth, nocase); ok {
				if d == endDecl {
					if n := len(closers); n > 0 {
						closeTag(closers[n-1])
						closers = closers[:n-1]
					}
					continue
				}
				if c.markup && openTag[d] != "" {
					closers = append(closers, opened{close: closeTags[d], mark: len(c.buf), open: len(openTag[d])})
					c.buf = append(c.buf, openTag[d]...)
				}
			}
		case '$':
			c.math()
		case '~':
			c.pos++
			c.writeString("\u00A0")
		case '-':
			if strings.HasPrefix(c.src[c.pos:], "---") {
				c.pos += 3
				c.writeString("—")
			} else if strings.HasPrefix(c.src[c.pos:], "--") {
				c.pos += 2
				c.writeString("–")
			} else {
				c.pos++
				c.buf = append(c.buf, '-')
			}
		case '`':
			if strings.HasPrefix(c.src[c.pos:], "``") {
				c.pos += 2
				c.writeString("“")
			} else {
				c.pos++
				c.writeString("‘")
			}
		case '\'':
			if strings.HasPrefix(c.src[c.pos:], "''") {
				c.pos += 2
				c.writeString("”")
			} else {
				c.pos++
				c.buf = append(c.buf, '\'')
			}
		case '?', '!':
			if strings.HasPrefix(c.src[c.pos+1:], "`") {
				c.pos += 2
				if ch == '?' {
					c.writeString("¿")
				} else {
					c.writeString("¡")
				}
			} else {
				c.pos++
				c.buf = append(c.buf, ch)
			}
		default:
			// Copy a run of ordinary bytes at once.
			start := c.pos
			for c.pos < len(c.src) && !special(c.src[c.pos]) {
				if c.src[c.pos] >= utf8.RuneSelf {
					c.nonASCII = true
					c.needNFC = true
				}
				c.pos++
			}
			if c.pos == start {
				c.pos++
			}
			c.buf = append(c.buf, c.src[start:c.pos]...)
		}
	}
}

func special(b byte) bool {
	switch b {
	case '}', '{', '\\', '$', '~', '-', '`', '\'', '?', '!':
		return true
	}
	return false
}

func (c *converter) writeString(s string) {
	c.nonASCII = true
	c.buf = append(c.buf, s...)
}

// group converts a brace group whose opening brace has been read.
func (c *converter) group(depth int, nocase bool) {
	if depth >= MaxDepth {
		c.skipGroup()
		return
	}
	// A group that starts with a command is a BibTeX "special character"
	// ({\"o}, {\it text}); any other group protects its casing.
	protect := c.markup && !nocase && (c.pos >= len(c.src) || c.src[c.pos] != '\\')
	if protect {
		mark := len(c.buf)
		c.buf = append(c.buf, nocaseOpen...)
		c.run(depth+1, true, true)
		switch {
		case len(c.buf) == mark+len(nocaseOpen):
			c.truncate(mark)
		case !hasLetter(c.buf[mark+len(nocaseOpen):]):
			// {@}, {2}: nothing whose case could change.
			c.buf = append(c.buf[:mark], c.buf[mark+len(nocaseOpen):]...)
		default:
			c.buf = append(c.buf, nocaseClose...)
		}
		return
	}
	c.run(depth+1, true, nocase)
}

// hasLetter reports whether s holds a cased letter outside the markup
// tags the converter writes ("<A" is text).
func hasLetter(s []byte) bool {
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if n := tagLen(s[i:]); n > 0 {
				i += n
				continue
			}
		}
		r, n := utf8.DecodeRune(s[i:])
		i += n
		if unicode.IsUpper(r) || unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// tagLen returns the length of the markup tag that s starts with, or 0.
func tagLen(s []byte) int {
	for _, tags := range [...][]string{openTag[:], closeTags[:], {nocaseOpen}} {
		for _, t := range tags {
			if t != "" && len(s) >= len(t) && string(s[:len(t)]) == t {
				return len(t)
			}
		}
	}
	return 0
}

// truncate cuts the output back to n bytes.
func (c *converter) truncate(n int) {
	c.buf = c.buf[:n]
}

// skipGroup drops a group too deep to interpret, keeping its letters.
func (c *converter) skipGroup() {
	level := 1
	for c.pos < len(c.src) && level > 0 {
		switch b := c.src[c.pos]; b {
		case '{':
			level++
		case '}':
			level--
		default:
			if b >= utf8.RuneSelf {
				c.nonASCII = true
				c.needNFC = true
			}
			c.buf = append(c.buf, b)
		}
		c.pos++
	}
}

// command converts the command at c.pos (a backslash). It returns a style
// when the command is a font declaration ({\it ...}) that applies to the
// rest of the group.
func (c *converter) command(depth int, nocase bool) (style, bool) {
	c.pos++ // the backslash
	if c.pos >= len(c.src) {
		c.buf = append(c.buf, '\\')
		return 0, false
	}
	ch := c.src[c.pos]
	if !isLetter(ch) {
		c.pos++
		name := string(ch)
		if _, ok := accentMark(name); ok {
			c.accent(name, depth)
			return 0, false
		}
		if s, ok := symbols[ch]; ok {
			c.writeString(s)
			return 0, false
		}
		if ch >= utf8.RuneSelf {
			// A backslash before a non-ASCII letter: keep both.
			c.pos--
			c.buf = append(c.buf, '\\')
			return 0, false
		}
		c.buf = append(c.buf, ch)
		return 0, false
	}
	start := c.pos
	for c.pos < len(c.src) && isLetter(c.src[c.pos]) {
		c.pos++
	}
	name := c.src[start:c.pos]
	c.skipSpace()
	if _, ok := accentMark(name); ok && c.hasArg() {
		c.accent(name, depth)
		return 0, false
	}
	if s, ok := letters[name]; ok {
		c.writeString(s)
		// \ss{} and \o{}: an empty group after a letter command ends it.
		if strings.HasPrefix(c.src[c.pos:], "{}") {
			c.pos += 2
		}
		return 0, false
	}
	if st, ok := styleCommands[name]; ok {
		c.styled(st, depth, nocase)
		return 0, false
	}
	switch name {
	case "begin", "end":
		// \begin{it}...\end{it}: a font environment is a declaration up
		// to its end; other environments are dropped, their text kept.
		env, _ := c.rawArg()
		if st, ok := declarations[env]; ok && name == "begin" {
			return st, true
		}
		if _, ok := declarations[env]; ok {
			return endDecl, true
		}
		return 0, false
	case "ElsevierGlyph", "unichar":
		// \ElsevierGlyph{2014}: a character by its hexadecimal code.
		arg, _ := c.rawArg()
		if r, err := strconv.ParseUint(strings.TrimPrefix(arg, "U"), 16, 32); err == nil && utf8.ValidRune(rune(r)) && r > 0 {
			c.writeString(string(rune(r)))
		}
		return 0, false
	}
	if st, ok := declarations[name]; ok {
		return st, true
	}
	// Unknown: keep it and its braced arguments as written, so that
	// nothing is lost.
	c.buf = append(c.buf, '\\')
	c.buf = append(c.buf, name...)
	if c.pos < len(c.src) && c.src[c.pos] != '{' && c.pos > start+len(name) {
		c.buf = append(c.buf, ' ')
	}
	for c.pos < len(c.src) && c.src[c.pos] == '{' {
		arg, _ := c.rawArg()
		c.buf = append(c.buf, '{')
		c.buf = append(c.buf, arg...)
		c.buf = append(c.buf, '}')
		if !isASCII(arg) {
			c.nonASCII = true
			c.needNFC = true
		}
	}
	return 0, false
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func (c *converter) skipSpace() {
	for c.pos < len(c.src) {
		switch c.src[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

// hasArg reports whether an argument follows.
func (c *converter) hasArg() bool {
	return c.pos < len(c.src) && c.src[c.pos] != '}'
}

// styled converts the argument of a style command such as \textit{...}.
func (c *converter) styled(st style, depth int, nocase bool) {
	switch st {
	case verbatim:
		arg, ok := c.rawArg()
		if ok {
			c.buf = append(c.buf, arg...)
			if !isASCII(arg) {
				c.nonASCII = true
				c.needNFC = true
			}
		}
		return
	case plainSkipFirst:
		c.rawArg()
		c.skipSpace()
		st = plain
	case quoted:
		c.writeString("“")
		c.arg(depth, nocase)
		c.writeString("”")
		return
	}
	if !c.markup || openTag[st] == "" {
		c.arg(depth, nocase)
		return
	}
	mark := len(c.buf)
	c.buf = append(c.buf, openTag[st]...)
	c.arg(depth, nocase)
	if len(c.buf) == mark+len(openTag[st]) {
		c.truncate(mark)
		return
	}
	c.buf = append(c.buf, closeTags[st]...)
}

// arg converts one command argument: a group (whose braces do not protect
// casing) or a single character.
func (c *converter) arg(depth int, nocase bool) {
	c.skipSpace()
	if c.pos >= len(c.src) {
		return
	}
	if c.src[c.pos] == '{' {
		c.pos++
		if depth >= MaxDepth {
			c.skipGroup()
			return
		}
		c.run(depth+1, true, nocase)
		return
	}
	if c.src[c.pos] == '}' {
		return
	}
	_, n := utf8.DecodeRuneInString(c.src[c.pos:])
	if c.src[c.pos] == '\\' {
		c.command(depth, nocase)
		return
	}
	if c.src[c.pos] >= utf8.RuneSelf {
		c.nonASCII = true
		c.needNFC = true
	}
	c.buf = append(c.buf, c.src[c.pos:c.pos+n]...)
	c.pos += n
}

// rawArg returns the text of a braced argument as written.
func (c *converter) rawArg() (string, bool) {
	c.skipSpace()
	if c.pos >= len(c.src) || c.src[c.pos] != '{' {
		return "", false
	}
	level := 0
	start := c.pos + 1
	for i := c.pos; i < len(c.src); i++ {
		switch c.src[i] {
		case '{':
			level++
		case '}':
			level--
			if level == 0 {
				c.pos = i + 1
				return c.src[start:i], true
			}
		}
	}
	c.pos = len(c.src)
	return c.src[start:], true
}

// accent applies an accent command to its argument.
func (c *converter) accent(name string, depth int) {
	mark, _ := accentMark(name)
	c.skipSpace()
	// The argument converted on its own, as plain text, in place.
	at := len(c.buf)
	markup, needNFC := c.markup, c.needNFC
	c.markup, c.needNFC = false, false
	c.arg(depth, true)
	argNFC := c.needNFC
	c.markup, c.needNFC = markup, needNFC || argNFC
	c.nonASCII = true
	if len(c.buf) == at {
		// An accent with nothing to sit on: the spacing form.
		c.needNFC = true
		c.buf = utf8.AppendRune(c.buf, mark)
		return
	}
	r, n := utf8.DecodeRune(c.buf[at:])
	switch r {
	case 'ı':
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	// Replace the first letter of the argument (n bytes at at) with the
	// letter and the accent: precomposed in the common case, without
	// normalizing the whole value, or the letter, the combining marks it
	// already has (\'{\"{$\upsilon$}}: the accent goes on last) and the
	// new mark.
	var head [8]byte
	h := head[:0]
	if p := precomposedLetter(name, r); p != 0 && isASCIIBytes(c.buf[at+n:]) {
		h = utf8.AppendRune(h, p)
	} else {
		c.needNFC = true
		h = utf8.AppendRune(h, r)
		for at+n < len(c.buf) {
			m, size := utf8.DecodeRune(c.buf[at+n:])
			if !unicode.Is(unicode.Mn, m) {
				break
			}
			h = utf8.AppendRune(h, m)
			n += size
		}
		h = utf8.AppendRune(h, mark)
	}
	tail := len(c.buf) - (at + n)
	for len(c.buf) < at+len(h)+tail {
		c.buf = append(c.buf, 0)
	}
	copy(c.buf[at+len(h):], c.buf[at+n:at+n+tail])
	copy(c.buf[at:], h)
	c.buf = c.buf[:at+len(h)+tail]
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// accentMarks maps the accent commands, all of one byte, to their marks
// (the accents table as an array).
var accentMarks = func() (t [utf8.RuneSelf]rune) {
	for name, mark := range accents {
		t[name[0]] = mark
	}
	return t
}()

// accentMark returns the mark of the accent command name.
func accentMark(name string) (rune, bool) {
	if len(name) != 1 || name[0] >= utf8.RuneSelf {
		return 0, false
	}
	m := accentMarks[name[0]]
	return m, m != 0
}

// precomposed gives, for each accent command (by its byte) and ASCII
// letter, the precomposed letter with the accent's mark, where Unicode has
// one (0 otherwise).
var precomposed = sync.OnceValue(func() *[utf8.RuneSelf][utf8.RuneSelf]rune {
	var t [utf8.RuneSelf][utf8.RuneSelf]rune
	for name, mark := range accents {
		for b := 'A'; b <= 'z'; b++ {
			if !isLetter(byte(b)) {
				continue
			}
			comp := []rune(norm.NFC.String(string(b) + string(mark)))
			if len(comp) == 1 {
				t[name[0]][b] = comp[0]
			}
		}
	}
	return &t
})

// precomposedLetter returns the letter r with the mark of the accent
// command name precomposed, or 0 when Unicode has no such letter (or r is
// not an ASCII letter).
func precomposedLetter(name string, r rune) rune {
	if len(name) != 1 || name[0] >= utf8.RuneSelf || r < 0 || r >= utf8.RuneSelf {
		return 0
	}
	return precomposed()[name[0]][r]
}

// math converts $...$ (or $$...$$).
func (c *converter) math() {
	start := c.pos
	delim := "$"
	if strings.HasPrefix(c.src[c.pos:], "$$") {
		delim = "$$"
	}
	end := -1
	for i := c.pos + len(delim); i < len(c.src); i++ {
		if c.src[i] == '\\' {
			i++
			continue
		}
		if strings.HasPrefix(c.src[i:], delim) {
			end = i
			break
		}
	}
	if end < 0 {
		// An unmatched dollar: literal.
		c.pos++
		c.buf = append(c.buf, '$')
		return
	}
	body := c.src[start+len(delim) : end]
	c.pos = end + len(delim)
	if s, ok := convertMath(body, c.markup); ok {
		if !isASCII(s) {
			c.nonASCII = true
			c.needNFC = true
		}
		c.buf = append(c.buf, s...)
		return
	}
	c.buf = append(c.buf, c.src[start:c.pos]...)
	if !isASCII(c.src[start:c.pos]) {
		c.nonASCII = true
		c.needNFC = true
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// convertMath converts math-mode text; ok is false when it holds a command
// it does not know.
func convertMath(s string, markup bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		ch := s[i]
		switch {
		case ch == '\\' && (strings.HasPrefix(s[i:], `\sp`) || strings.HasPrefix(s[i:], `\sb`)) && (i+3 == len(s) || !isLetter(s[i+3])):
			// \sp and \sb are ^ and _.
			if s[i+2] == 'p' {
				ch = '^'
			} else {
				ch = '_'
			}
			s = s[:i] + string(ch) + s[i+3:]
			continue
		case ch == '\\':
			j := i + 1
			if j < len(s) && isLetter(s[j]) {
				for j < len(s) && isLetter(s[j]) {
					j++
				}
			} else if j < len(s) {
				j++
			}
			v, ok := mathSymbols[s[i+1:j]]
			if !ok {
				return "", false
			}
			b.WriteString(v)
			i = j
			for i < len(s) && s[i] == ' ' && j-1 > 0 && isLetter(s[j-1]) {
				i++
			}
		case ch == '^' || ch == '_':
			i++
			var arg string
			if i < len(s) && s[i] == '{' {
				k := strings.IndexByte(s[i:], '}')
				if k < 0 {
					return "", false
				}
				arg = s[i+1 : i+k]
				i += k + 1
			} else if i < len(s) {
				_, n := utf8.DecodeRuneInString(s[i:])
				arg = s[i : i+n]
				i += n
			}
			inner, ok := convertMath(arg, false)
			if !ok {
				return "", false
			}
			tag := "sup"
			if ch == '_' {
				tag = "sub"
			}
			if markup && inner != "" {
				b.WriteString("<" + tag + ">" + inner + "</" + tag + ">")
			} else {
				b.WriteString(inner)
			}
		case ch == '{' || ch == '}':
			i++
		default:
			b.WriteByte(ch)
			i++
		}
	}
	return b.String(), true
}

// Verbatim converts a verbatim value (a URL, a DOI, a file name): a
// \url{...} wrapper and unescaped braces are removed and backslashes before
// the characters URLs escape for plain BibTeX (\_ \% \& \# \$ \~) are
// dropped. Nothing else changes.
func Verbatim(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range []string{`\url{`, `\href{`, `\doi{`} {
		if strings.HasPrefix(s, w) {
			if end := strings.IndexByte(s, '}'); end > 0 {
				s = s[len(w):end]
			}
		}
	}
	if !strings.ContainsAny(s, `\{}`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '{', '}':
		case '\\':
			if i+1 < len(s) && strings.IndexByte(`_%&#$~{}`, s[i+1]) >= 0 {
				i++
				b.WriteByte(s[i])
			} else {
				b.WriteByte(ch)
			}
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// letterCommandCase reports the case of the letter a command stands for
// (\L, \oe, \ss), and false for a command that is not a letter (\relax,
// \textgreater).
func letterCommandCase(name string) (upper, ok bool) {
	s, known := letters[name]
	r, _ := utf8.DecodeRuneInString(s)
	if !known || !unicode.IsLetter(r) {
		return false, false
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r), true
}

// IsUpperStart reports the case of a name token as BibTeX sees it: the
// first letter at brace level 0, where a special character ({\'E}, {\L})
// counts as a letter of its command's or argument's case and any other
// brace group does not count, nor does a letter without case. ok is false
// when the token has no such letter.
func IsUpperStart(tok string) (upper, ok bool) {
	level := 0
	for i := 0; i < len(tok); i++ {
		ch := tok[i]
		switch {
		case ch == '{':
			if level == 0 && i+1 < len(tok) && tok[i+1] == '\\' {
				// A special character: its case is that of the first
				// letter after the command, or of the command itself
				// when it is a letter command (\L, \oe).
				j := i + 2
				k := j
				for k < len(tok) && isLetter(tok[k]) {
					k++
				}
				name := tok[j:k]
				if upper, ok := letterCommandCase(name); ok {
					return upper, true
				}
				// An accent: find the letter it applies to, before the
				// brace that closes the special character (BibTeX counts
				// every brace, "\}" too). With none, the token does not
				// count as either case, whatever follows ({\textgreater}x).
				depth := 1
				for m := k; m < len(tok); m++ {
					if tok[m] == '}' {
						if depth--; depth == 0 {
							break
						}
						continue
					}
					if tok[m] == '{' {
						depth++
						continue
					}
					r, _ := utf8.DecodeRuneInString(tok[m:])
					if unicode.IsLetter(r) {
						if m+1 < len(tok) && tok[m] == 'i' && tok[m-1] == '\\' {
							return false, true
						}
						return unicode.IsUpper(r), true
					}
					if tok[m] == '\\' {
						// \'\i or \'{\I}: a nested command.
						n := m + 1
						for n < len(tok) && isLetter(tok[n]) {
							n++
						}
						if inner := tok[m+1 : n]; inner != "" {
							if upper, ok := letterCommandCase(inner); ok {
								return upper, true
							}
						}
						m = n - 1
					}
				}
				return false, false
			}
			level++
		case ch == '}':
			if level > 0 {
				level--
			}
		case level == 0:
			r, n := utf8.DecodeRuneInString(tok[i:])
			switch {
			case unicode.IsUpper(r) || unicode.IsTitle(r):
				return true, true
			case unicode.IsLower(r):
				return false, true
			}
			// Letters without case (Arabic, CJK) are passed over, as
			// BibTeX passes over every byte that is not an ASCII letter
			// and biber over letters that are neither upper nor lower case.
			i += n - 1
		}
	}
	return false, false
}
