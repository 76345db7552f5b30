package latex

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"golang.org/x/text/unicode/norm"
)

// Options control [FromUnicode].
type Options struct {
	// ASCII writes non-ASCII characters as LaTeX commands ({\"o}, {\ss},
	// $\alpha$). Characters with no LaTeX form are written as UTF-8.
	ASCII bool
	// Markup reads the input as CSL rich text and writes its markup as
	// LaTeX (\textit{...}, {...} for <span class="nocase">).
	Markup bool
}

// markAccent is the reverse of accents: a combining mark to its command.
var markAccent = sync.OnceValue(func() map[rune]string {
	m := make(map[rune]string, len(accents))
	for cmd, r := range accents {
		m[r] = cmd
	}
	return m
})

// FromUnicode writes text as the body of a brace-delimited BibTeX value: it
// escapes the characters special to BibTeX and LaTeX so that the value reads
// back as the same text and its braces balance.
func FromUnicode(s string, o Options) string {
	if !o.Markup || !strings.Contains(s, "<") {
		var b strings.Builder
		b.Grow(len(s) + 8)
		escape(&b, s, o.ASCII)
		return b.String()
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range citation.ParseMarkup(s) {
		n := 0
		for _, sc := range [...]struct {
			st  citation.Style
			cmd string
		}{
			{citation.Italic, `\textit{`},
			{citation.Bold, `\textbf{`},
			{citation.Superscript, `\textsuperscript{`},
			{citation.Subscript, `\textsubscript{`},
			{citation.SmallCaps, `\textsc{`},
			{citation.NoCase, `{`},
		} {
			if r.Style&sc.st != 0 {
				b.WriteString(sc.cmd)
				n++
			}
		}
		if r.Style&citation.NoCase != 0 {
			var t strings.Builder
			escape(&t, r.Text, o.ASCII)
			if strings.HasPrefix(t.String(), `\`) {
				// {\$...} would be a BibTeX special character, which does
				// not protect case; {{}\$...} does.
				b.WriteString("{}")
			}
			b.WriteString(t.String())
		} else {
			escape(&b, r.Text, o.ASCII)
		}
		b.WriteString(strings.Repeat("}", n))
	}
	return b.String()
}

func escape(b *strings.Builder, s string, ascii bool) {
	w := escWriter{b: b}
	for i := 0; i < len(s); {
		ch := s[i]
		if ch < utf8.RuneSelf {
			i++
			switch ch {
			case '\\':
				w.str(`{\textbackslash}`)
			case '$':
				if end := mathSpan(s, i-1); end > 0 {
					// Math the reader passed through: write it back as is.
					w.str(s[i-1 : end])
					i = end
					continue
				}
				w.str(`\$`)
			case '{':
				// Not \{: BibTeX counts escaped braces too, and a lone
				// one would unbalance the value.
				w.str(`{\textbraceleft}`)
			case '}':
				w.str(`{\textbraceright}`)
			case '%', '&', '#', '_':
				w.byte('\\')
				w.byte(ch)
			case '~':
				w.str(`{\textasciitilde}`)
			case '^':
				w.str(`{\textasciicircum}`)
			case '<':
				w.str(`{\textless}`)
			case '>':
				w.str(`{\textgreater}`)
			case '|':
				w.str(`{\textbar}`)
			case '`':
				w.str(`{\textasciigrave}`)
			case '\n', '\r', '\t':
				w.byte(' ')
			default:
				w.byte(ch)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !ascii {
			switch {
			case r == utf8.RuneError && n == 1:
				w.str("\uFFFD")
			case r == '\u00A0':
				// The reader turns ~ into a no-break space.
				w.byte('~')
			default:
				w.str(s[i-n : i])
			}
			continue
		}
		w.str(runeToLaTeX(r))
	}
}

// escWriter writes escaped text, breaking with {} every pair of characters
// that LaTeX reads as a ligature: "--" would read back as a dash, "”" and
// "“" as double quotes, "!`" and "?`" as inverted marks. A pair can form
// across pieces ("!" then the "“" of “), so the writer keeps the last byte.
type escWriter struct {
	b    *strings.Builder
	prev byte
}

func (w *escWriter) str(p string) {
	if p == "" {
		return
	}
	if ligature(w.prev, p[0]) {
		w.b.WriteString("{}")
	}
	w.b.WriteString(p)
	w.prev = p[len(p)-1]
}

func (w *escWriter) byte(c byte) {
	if ligature(w.prev, c) {
		w.b.WriteString("{}")
	}
	w.b.WriteByte(c)
	w.prev = c
}

// ligature reports whether a followed by c is one of the ligatures the
// reader turns into another character.
func ligature(a, c byte) bool {
	switch c {
	case '-':
		return a == '-'
	case '\'':
		return a == '\''
	case '`':
		return a == '`' || a == '!' || a == '?'
	}
	return false
}

// runeToLaTeX writes one non-ASCII rune as LaTeX, or as itself when it has
// no LaTeX form.
func runeToLaTeX(r rune) string {
	if s, ok := latexFor[r]; ok {
		return s
	}
	d := norm.NFD.String(string(r))
	base, n := utf8.DecodeRuneInString(d)
	if n == len(d) || base >= utf8.RuneSelf && latexFor[base] == "" {
		return string(r)
	}
	out := ""
	switch base {
	case 'i':
		out = `\i`
	case 'j':
		out = `\j`
	default:
		if base >= utf8.RuneSelf {
			out = latexFor[base]
		} else {
			out = string(base)
		}
	}
	if base != 'i' && base != 'j' {
		out = string(base)
		if base >= utf8.RuneSelf {
			out = latexFor[base]
		}
	} else {
		// Dotless only under a mark above the letter.
		first, _ := utf8.DecodeRuneInString(d[n:])
		if first == '\u0323' || first == '\u0327' || first == '\u0328' || first == '\u0331' {
			out = string(base)
		}
	}
	for _, m := range d[n:] {
		cmd, ok := markAccent()[m]
		if !ok {
			return string(r)
		}
		if isLetter(cmd[0]) {
			out = `\` + cmd + `{` + out + `}`
		} else {
			out = `\` + cmd + `{` + out + `}`
		}
	}
	return "{" + out + "}"
}

// mathSpan returns the end of the math $...$ that starts at s[i], or -1:
// math that ToUnicode cannot convert (an unknown command), balanced braces
// and no
// newline, as [ToUnicode] passes through math it cannot convert.
func mathSpan(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '$')
	if j < 0 {
		return -1
	}
	body := s[i+1 : i+1+j]
	if body == "" || !strings.Contains(body, `\`) || strings.ContainsAny(body, "\n\r") || strings.HasSuffix(body, `\`) {
		return -1
	}
	if _, ok := convertMath(body, true); ok {
		// The reader would convert it: it is text with dollars, not math
		// passed through.
		return -1
	}
	level := 0
	for k := 0; k < len(body); k++ {
		switch body[k] {
		case '{':
			level++
		case '}':
			level--
			if level < 0 {
				return -1
			}
		}
	}
	if level != 0 {
		return -1
	}
	return i + 2 + j
}
