package citation

import "strings"

// A Style is a set of text styles applied to a run of rich text.
type Style uint8

// The styles of rich text, after the CSL-JSON markup tags.
const (
	Italic      Style = 1 << iota // <i>
	Bold                          // <b>
	Superscript                   // <sup>
	Subscript                     // <sub>
	SmallCaps                     // <span style="font-variant:small-caps;">
	NoCase                        // <span class="nocase">: casing a style must keep
)

// A Run is a stretch of rich text in one style.
type Run struct {
	Text  string
	Style Style
}

var markupTags = [...]struct {
	open, close string
	style       Style
}{
	{"<i>", "</i>", Italic},
	{"<b>", "</b>", Bold},
	{"<sup>", "</sup>", Superscript},
	{"<sub>", "</sub>", Subscript},
	{`<span style="font-variant:small-caps;">`, "</span>", SmallCaps},
	{`<span style="font-variant: small-caps;">`, "</span>", SmallCaps},
	{`<span class="nocase">`, "</span>", NoCase},
}

// ParseMarkup splits a rich text value into runs. Tags it does not know, and
// closing tags that close nothing open, are literal text. Adjacent runs have
// different styles; an empty value gives no runs.
func ParseMarkup(s string) []Run { return parseMarkup(s, false) }

// ParseMarkupFlipFlop is [ParseMarkup] with the "flip-flop" rule of CSL
// processors: italics inside italics, or bold inside bold, turn back to
// roman or normal weight, so "<i>On <i>Hamlet</i></i>" gives "On " in
// italics and "Hamlet" upright.
func ParseMarkupFlipFlop(s string) []Run { return parseMarkup(s, true) }

func parseMarkup(s string, flipFlop bool) []Run {
	var runs []Run
	var stack []int // indexes into markupTags of open tags
	var style Style
	var text strings.Builder
	styleOf := func() Style {
		var st Style
		for _, k := range stack {
			t := markupTags[k].style
			if flipFlop && (t == Italic || t == Bold) {
				st ^= t
			} else {
				st |= t
			}
		}
		return st
	}
	flush := func() {
		if text.Len() == 0 {
			return
		}
		if n := len(runs); n > 0 && runs[n-1].Style == style {
			runs[n-1].Text += text.String()
		} else {
			runs = append(runs, Run{Text: text.String(), Style: style})
		}
		text.Reset()
	}
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			text.WriteString(s[i : i+j])
			i += j
			continue
		}
		matched := false
		if len(stack) > 0 {
			top := markupTags[stack[len(stack)-1]]
			if strings.HasPrefix(s[i:], top.close) {
				flush()
				stack = stack[:len(stack)-1]
				style = styleOf()
				i += len(top.close)
				matched = true
			}
		}
		if !matched {
			for k, t := range markupTags {
				if strings.HasPrefix(s[i:], t.open) && strings.Contains(s[i+len(t.open):], t.close) {
					flush()
					stack = append(stack, k)
					style = styleOf()
					i += len(t.open)
					matched = true
					break
				}
			}
		}
		if !matched {
			text.WriteByte('<')
			i++
		}
	}
	flush()
	return runs
}

// PlainText returns s without its rich text markup.
func PlainText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for _, r := range ParseMarkup(s) {
		b.WriteString(r.Text)
	}
	return b.String()
}

// FormatMarkup is the inverse of [ParseMarkup]: it writes runs as rich text.
func FormatMarkup(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		var open []int
		for k, t := range markupTags {
			if r.Style&t.style != 0 && !hasStyle(open, t.style) {
				open = append(open, k)
			}
		}
		for _, k := range open {
			b.WriteString(markupTags[k].open)
		}
		b.WriteString(r.Text)
		for i := len(open) - 1; i >= 0; i-- {
			b.WriteString(markupTags[open[i]].close)
		}
	}
	return b.String()
}

func hasStyle(open []int, s Style) bool {
	for _, k := range open {
		if markupTags[k].style == s {
			return true
		}
	}
	return false
}
