package csl

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/citekit/citekit/citation"
)

// piece is a node of rendered output before it is written out: either a
// leaf of rich text runs or a list of pieces joined by a delimiter, with
// affixes outside and formatting inside.
type piece struct {
	runs   []citation.Run
	kids   []*piece
	prefix string
	suffix string
	delim  string
	f      *format // font, quotes and display; nil for none
	kind   pieceKind
}

type pieceKind uint8

const (
	kindPlain pieceKind = iota
	kindNames
	kindDate
	kindYearSuffix
	kindCitationNumber
	kindLocator
	kindTerm
	kindCitePrefix
	kindNameLabel
	kindNameList
)

// leafPiece holds a leaf and its one run in one allocation.
type leafPiece struct {
	p piece
	r [1]citation.Run
}

func leaf(s string) *piece {
	if s == "" {
		return nil
	}
	lp := &leafPiece{}
	lp.r[0].Text = s
	lp.p.runs = lp.r[:]
	return &lp.p
}

func markupLeaf(s string) *piece {
	if s == "" {
		return nil
	}
	if !strings.ContainsAny(s, "<") {
		return leaf(s)
	}
	if strings.Contains(s, "<sc>") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "<sc>", `<span style="font-variant:small-caps;">`), "</sc>", "</span>")
	}
	r := citation.ParseMarkupFlipFlop(s)
	if len(r) == 0 {
		return nil
	}
	return &piece{runs: r}
}

// group joins the non-empty pieces of kids (which it may reorder in place).
func group(kids []*piece, delim string) *piece {
	ks := kids[:0]
	for _, k := range kids {
		if !k.empty() {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return nil
	}
	return &piece{kids: ks, delim: delim}
}

func (p *piece) empty() bool {
	if p == nil {
		return true
	}
	for _, r := range p.runs {
		if r.Text != "" {
			return false
		}
	}
	for _, k := range p.kids {
		if !k.empty() {
			return false
		}
	}
	return true
}

// plain returns the text of p without formatting, for comparisons and sort keys.
func (p *piece) plain() string {
	var b strings.Builder
	p.writePlain(&b)
	return b.String()
}

func (p *piece) writePlain(b *strings.Builder) {
	if p.empty() {
		return
	}
	b.WriteString(p.prefix)
	for _, r := range p.runs {
		b.WriteString(r.Text)
	}
	first := true
	for _, k := range p.kids {
		if k.empty() {
			continue
		}
		if !first {
			b.WriteString(p.delim)
		}
		first = false
		k.writePlain(b)
	}
	b.WriteString(p.suffix)
}

// plainNoLabels is plain without the labels of name lists ("ed."), for
// comparing the names of entries.
func (p *piece) plainNoLabels() string {
	var b strings.Builder
	var walk func(p *piece)
	walk = func(p *piece) {
		if p.empty() || p.kind == kindNameLabel {
			return
		}
		b.WriteString(p.prefix)
		for _, r := range p.runs {
			b.WriteString(r.Text)
		}
		first := true
		for _, k := range p.kids {
			if k.empty() || k.kind == kindNameLabel {
				continue
			}
			if !first {
				b.WriteString(p.delim)
			}
			first = false
			walk(k)
		}
		b.WriteString(p.suffix)
	}
	walk(p)
	return strings.TrimSpace(b.String())
}

// eachRun calls fn on every run of the leaves of p, in order.
func (p *piece) eachRun(fn func(r *citation.Run)) {
	if p == nil {
		return
	}
	for i := range p.runs {
		fn(&p.runs[i])
	}
	for _, k := range p.kids {
		k.eachRun(fn)
	}
}

// tag kinds of the token stream.
type tagKind uint8

const (
	tagItalic tagKind = iota + 1
	tagNormalStyle
	tagBold
	tagNormalWeight
	tagLight
	tagSmallCaps
	tagNormalVariant
	tagUnderline
	tagNoDecoration
	tagSup
	tagSub
	tagBaseline
	tagBlock // display: class in tok.text
)

type tok struct {
	tag  tagKind // 0 for text
	open bool
	text string // text, or the class of a block
}

// writer flattens pieces into tokens, fixing punctuation where pieces meet.
type writer struct {
	toks                  []tok
	italic, bold, variant int
	quoteDepth            int
	piq                   bool
	oq, cq, oiq, ciq      string
}

func newWriter(loc locales) *writer {
	w := &writer{piq: loc.option("punctuation-in-quote") == "true"}
	w.oq, _ = loc.term("open-quote", "long", false, "")
	w.cq, _ = loc.term("close-quote", "long", false, "")
	w.oiq, _ = loc.term("open-inner-quote", "long", false, "")
	w.ciq, _ = loc.term("close-inner-quote", "long", false, "")
	if w.oq == "" {
		w.oq, w.cq = "\u201c", "\u201d"
	}
	if w.oiq == "" {
		w.oiq, w.ciq = "\u2018", "\u2019"
	}
	return w
}

func (w *writer) open(t tagKind, class string) {
	w.toks = append(w.toks, tok{tag: t, open: true, text: class})
}

func (w *writer) close(t tagKind) {
	// drop an empty open/close pair
	if n := len(w.toks); n > 0 && w.toks[n-1].tag == t && w.toks[n-1].open {
		w.toks = w.toks[:n-1]
		return
	}
	w.toks = append(w.toks, tok{tag: t})
}

func (w *writer) lastText() int {
	for i := len(w.toks) - 1; i >= 0; i-- {
		if w.toks[i].tag == 0 && w.toks[i].text != "" {
			return i
		}
		if w.toks[i].tag == tagBlock {
			return -1
		}
	}
	return -1
}

func isPunct(c byte) bool { return strings.IndexByte(".,;:!?", c) >= 0 }

// text appends s, resolving clashes of punctuation and spaces with the
// text before it.
func (w *writer) text(s string) {
	if s == "" {
		return
	}
	if strings.ContainsAny(s, "\uE000\uE001\uE002\uE003") {
		start := 0
		for i, c := range s {
			if c < qOpenDouble || c > qCloseSingle {
				continue
			}
			w.text(s[start:i])
			start = i + len(string(c))
			switch c {
			case qOpenDouble, qOpenSingle:
				if w.quoteDepth%2 == 0 {
					w.text(w.oq)
				} else {
					w.text(w.oiq)
				}
				w.quoteDepth++
			default:
				w.quoteDepth--
				if w.quoteDepth%2 == 0 {
					w.text(w.cq)
				} else {
					w.text(w.ciq)
				}
			}
		}
		w.text(s[start:])
		return
	}
	i := w.lastText()
	if i >= 0 {
		prev := w.toks[i].text
		if s[0] == ' ' && strings.HasSuffix(prev, " ") {
			s = strings.TrimLeft(s, " ")
			if s == "" {
				return
			}
		}
		if isPunct(s[0]) {
			c := s[0]
			last, _ := utf8.DecodeLastRuneInString(prev)
			if w.piq && (c == '.' || c == ',') && w.cq != "" && w.ciq != "" && (strings.HasSuffix(prev, w.cq) || strings.HasSuffix(prev, w.ciq)) {
				q := w.cq
				if !strings.HasSuffix(prev, q) {
					q = w.ciq
				}
				body := strings.TrimSuffix(prev, q)
				// find the character before the quote(s)
				bl, _ := utf8.DecodeLastRuneInString(body)
				for strings.HasSuffix(body, w.cq) || strings.HasSuffix(body, w.ciq) {
					if strings.HasSuffix(body, w.cq) {
						body = strings.TrimSuffix(body, w.cq)
						q = w.cq + q
					} else {
						body = strings.TrimSuffix(body, w.ciq)
						q = w.ciq + q
					}
					bl, _ = utf8.DecodeLastRuneInString(body)
				}
				if (c == '.' && (bl == '.' || bl == '!' || bl == '?')) || (c == ',' && bl == ',') {
					w.toks[i].text = body + q
				} else {
					w.toks[i].text = body + string(c) + q
				}
				s = s[1:]
				if s == "" {
					return
				}
			} else {
				switch {
				case c == '.' && (last == '.' || last == '!' || last == '?'):
					s = s[1:]
				case (c == ',' || c == ';' || c == ':') && rune(c) == last:
					s = s[1:]
				case c == '.' && (last == '\u2026'):
					s = s[1:]
				}
				if s == "" {
					return
				}
			}
		}
	}
	if n := len(w.toks); n > 0 && w.toks[n-1].tag == 0 {
		w.toks[n-1].text += s
		return
	}
	w.toks = append(w.toks, tok{text: s})
}

// piece writes p.
func (w *writer) piece(p *piece) {
	if p.empty() {
		return
	}
	f := p.f
	var closers []tagKind
	block := f != nil && f.display != ""
	if block {
		w.open(tagBlock, "csl-"+f.display)
	}
	w.text(p.prefix)
	if f != nil {
		closers = w.openFormat(f)
	}
	quoted := f != nil && f.quotes
	if quoted {
		if w.quoteDepth%2 == 0 {
			w.text(w.oq)
		} else {
			w.text(w.oiq)
		}
		w.quoteDepth++
	}
	for _, r := range p.runs {
		w.run(r)
	}
	first := true
	for _, k := range p.kids {
		if k.empty() {
			continue
		}
		if !first {
			w.text(p.delim)
		}
		first = false
		w.piece(k)
	}
	if quoted {
		w.quoteDepth--
		if w.quoteDepth%2 == 0 {
			w.text(w.cq)
		} else {
			w.text(w.ciq)
		}
	}
	w.closeAll(closers)
	w.text(p.suffix)
	if block {
		w.close(tagBlock)
	}
}

func (w *writer) closeAll(closers []tagKind) {
	for i := len(closers) - 1; i >= 0; i-- {
		switch closers[i] {
		case tagItalic, tagNormalStyle:
			w.italic--
		case tagBold, tagNormalWeight:
			w.bold--
		case tagSmallCaps, tagNormalVariant:
			w.variant--
		}
		w.close(closers[i])
	}
}

func (w *writer) openFormat(f *format) []tagKind {
	var cl []tagKind
	push := func(t tagKind) {
		w.open(t, "")
		cl = append(cl, t)
	}
	switch f.fontWeight {
	case "bold":
		if w.bold%2 == 1 {
			push(tagNormalWeight)
		} else {
			push(tagBold)
		}
		w.bold++
	case "light":
		push(tagLight)
	case "normal":
		if w.bold%2 == 1 {
			push(tagNormalWeight)
			w.bold++
		}
	}
	switch f.fontStyle {
	case "italic", "oblique":
		if w.italic%2 == 1 {
			push(tagNormalStyle)
		} else {
			push(tagItalic)
		}
		w.italic++
	case "normal":
		if w.italic%2 == 1 {
			push(tagNormalStyle)
			w.italic++
		}
	}
	switch f.fontVariant {
	case "small-caps":
		if w.variant%2 == 1 {
			push(tagNormalVariant)
		} else {
			push(tagSmallCaps)
		}
		w.variant++
	case "normal":
		if w.variant%2 == 1 {
			push(tagNormalVariant)
			w.variant++
		}
	}
	switch f.textDecoration {
	case "underline":
		push(tagUnderline)
	case "none":
		push(tagNoDecoration)
	}
	switch f.verticalAlign {
	case "sup":
		push(tagSup)
	case "sub":
		push(tagSub)
	case "baseline":
		push(tagBaseline)
	}
	return cl
}

func (w *writer) run(r citation.Run) {
	if r.Text == "" {
		return
	}
	var f format
	if r.Style&citation.Italic != 0 {
		f.fontStyle = "italic"
	}
	if r.Style&citation.Bold != 0 {
		f.fontWeight = "bold"
	}
	if r.Style&citation.SmallCaps != 0 {
		f.fontVariant = "small-caps"
	}
	if r.Style&citation.Superscript != 0 {
		f.verticalAlign = "sup"
	} else if r.Style&citation.Subscript != 0 {
		f.verticalAlign = "sub"
	}
	cl := w.openFormat(&f)
	w.text(r.Text)
	w.closeAll(cl)
}

// An OutputFormat selects how an [Entry] is written.
type OutputFormat int

// The output formats.
const (
	Text     OutputFormat = iota // plain text, no markup
	HTML                         // HTML, as the CSL test suite and citeproc-js write it
	Markdown                     // Pandoc Markdown: *italic*, **bold**, ^sup^, ~sub~
)

// String returns "text", "html" or "markdown".
func (f OutputFormat) String() string {
	switch f {
	case HTML:
		return "html"
	case Markdown:
		return "markdown"
	}
	return "text"
}

// ParseOutputFormat returns the format named "text", "html" or "markdown"
// (also "md", "txt", "plain").
func ParseOutputFormat(name string) (OutputFormat, bool) {
	switch strings.ToLower(name) {
	case "text", "txt", "plain", "":
		return Text, true
	case "html":
		return HTML, true
	case "markdown", "md":
		return Markdown, true
	}
	return Text, false
}

var htmlTags = map[tagKind][2]string{
	tagItalic:        {"<i>", "</i>"},
	tagNormalStyle:   {`<span style="font-style:normal;">`, "</span>"},
	tagBold:          {"<b>", "</b>"},
	tagNormalWeight:  {`<span style="font-weight:normal;">`, "</span>"},
	tagLight:         {`<span style="font-weight:light;">`, "</span>"},
	tagSmallCaps:     {`<span style="font-variant:small-caps;">`, "</span>"},
	tagNormalVariant: {`<span style="font-variant:normal;">`, "</span>"},
	tagUnderline:     {`<span style="text-decoration:underline;">`, "</span>"},
	tagNoDecoration:  {`<span style="text-decoration:none;">`, "</span>"},
	tagSup:           {"<sup>", "</sup>"},
	tagSub:           {"<sub>", "</sub>"},
	tagBaseline:      {`<span style="baseline">`, "</span>"},
}

var mdTags = map[tagKind][2]string{
	tagItalic:       {"*", "*"},
	tagNormalStyle:  {"*", "*"}, // roman inside italics: close and reopen
	tagBold:         {"**", "**"},
	tagNormalWeight: {"**", "**"},
	tagSup:          {"^", "^"},
	tagSub:          {"~", "~"},
	tagSmallCaps:    {"[", "]{.smallcaps}"},
}

var htmlEscaper = strings.NewReplacer("&", "&#38;", "<", "&#60;", ">", "&#62;")
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "^", `\^`, "~", `\~`)

func formatToks(b *strings.Builder, toks []tok, f OutputFormat) {
	pendingSpace := ""
	skipLead := false // drop the leading spaces of the next text token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if pendingSpace != "" {
			b.WriteString(pendingSpace)
			pendingSpace = ""
		}
		if t.tag == 0 {
			text := t.text
			if skipLead {
				text = strings.TrimLeft(text, " ")
				skipLead = false
			}
			switch f {
			case HTML:
				writeHTMLText(b, text)
			case Markdown:
				b.WriteString(mdEscaper.Replace(text))
			default:
				b.WriteString(text)
			}
			continue
		}
		if t.tag == tagBlock {
			if f == HTML {
				if t.open {
					b.WriteString(`<div class="` + t.text + `">`)
				} else {
					b.WriteString("</div>")
				}
			} else if !t.open {
				// blocks side by side: keep their texts apart
				if str := b.String(); str != "" && !strings.HasSuffix(str, " ") && i+1 < len(toks) {
					pendingSpace = " "
				}
			}
			continue
		}
		var tags map[tagKind][2]string
		switch f {
		case HTML:
			tags = htmlTags
		case Markdown:
			tags = mdTags
		default:
			continue
		}
		pair, ok := tags[t.tag]
		if !ok {
			continue
		}
		if f == Markdown {
			inverse := t.tag == tagNormalStyle || t.tag == tagNormalWeight
			closing := t.open == inverse
			// roman text at the very end of italics: the reopening and the
			// closing marker cancel out
			if inverse && !t.open && i+1 < len(toks) && !toks[i+1].open &&
				((t.tag == tagNormalStyle && toks[i+1].tag == tagItalic) || (t.tag == tagNormalWeight && toks[i+1].tag == tagBold)) {
				i++
				continue
			}
			// emphasis markers must touch the text they enclose: move
			// spaces outside them
			if closing {
				str := b.String()
				trimmed := strings.TrimRight(str, " ")
				if len(trimmed) < len(str) {
					pendingSpace = str[len(trimmed):]
					b.Reset()
					b.WriteString(trimmed)
				}
			} else if i+1 < len(toks) && toks[i+1].tag == 0 {
				next := toks[i+1].text
				b.WriteString(next[:len(next)-len(strings.TrimLeft(next, " "))])
				skipLead = true
			}
		}
		if t.open {
			b.WriteString(pair[0])
		} else {
			b.WriteString(pair[1])
		}
	}
	b.WriteString(pendingSpace)
}

// isSuperscriptRune reports whether c is a superscript letter or digit of
// Unicode ("ª", "ᵉ", "²"), which HTML output writes as <sup>.
func isSuperscriptRune(c rune) bool {
	switch {
	case c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB9 || c == 0xBA:
		return true
	case c >= 0x2B0 && c <= 0x2B8, c >= 0x2E0 && c <= 0x2E4:
		return true
	case c >= 0x1D2C && c <= 0x1D6A, c >= 0x1D9B && c <= 0x1DBF:
		return true
	case c >= 0x2070 && c <= 0x207F:
		return true
	}
	return false
}

func writeHTMLText(b *strings.Builder, s string) {
	hasSup := false
	for _, c := range s {
		if isSuperscriptRune(c) {
			hasSup = true
			break
		}
	}
	if !hasSup {
		b.WriteString(htmlEscaper.Replace(s))
		return
	}
	start := 0
	for i, c := range s {
		if !isSuperscriptRune(c) {
			continue
		}
		b.WriteString(htmlEscaper.Replace(s[start:i]))
		base := norm.NFKD.String(string(c))
		b.WriteString("<sup>" + htmlEscaper.Replace(base) + "</sup>")
		start = i + utf8.RuneLen(c)
	}
	b.WriteString(htmlEscaper.Replace(s[start:]))
}
