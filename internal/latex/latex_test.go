package latex_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/latex"
	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"
)

func TestToUnicodeAccents(t *testing.T) {
	// Every accent of specs/bibtex.md §8 in every spelling.
	for _, tc := range []struct {
		want string
		ins  []string
	}{
		{"é", []string{`\'e`, `\'{e}`, `{\'e}`, `{\'{e}}`, `\' e`}},
		{"í", []string{`\'\i`, `{\'\i}`, `\'{\i}`, `{\'{\i}}`, `\'i`}},
		{"à", []string{"\\`a", "\\`{a}", "{\\`a}"}},
		{"ô", []string{`\^o`, `\^{o}`, `{\^o}`}},
		{"ü", []string{`\"u`, `\"{u}`, `{\"u}`, `{\"{u}}`}},
		{"ñ", []string{`\~n`, `\~{n}`, `{\~n}`}},
		{"ç", []string{`\c{c}`, `\c c`, `{\c c}`, `{\c{c}}`}},
		{"š", []string{`\v{s}`, `\v s`, `{\v s}`, `{\v{s}}`}},
		{"ă", []string{`\u{a}`, `\u a`, `{\u{a}}`}},
		{"ő", []string{`\H{o}`, `\H o`, `{\H{o}}`}},
		{"ą", []string{`\k{a}`, `\k a`, `{\k{a}}`}},
		{"ā", []string{`\={a}`, `\=a`, `{\=a}`}},
		{"ż", []string{`\.{z}`, `\.z`, `{\.z}`}},
		{"å", []string{`\r{a}`, `\r a`, `{\aa}`, `\aa{}`, `\aa`}},
		{"ạ", []string{`\d{a}`, `\d a`}},
		{"a\u0331", []string{`\b{a}`, `\b a`}},
		{"o\u0361o", []string{`\t{oo}`, `{\t{oo}}`}},
		{"Å", []string{`{\AA}`, `\AA{}`, `\r{A}`}},
		{"ø", []string{`{\o}`, `\o{}`, `\o`}},
		{"Ø", []string{`{\O}`, `\O{}`}},
		{"ß", []string{`{\ss}`, `\ss{}`, `\ss`}},
		// Stacked accents: the outer one goes on last.
		{"ǘ", []string{`\'{\"u}`, `{\'{\"{u}}}`}},
		{"ΰ", []string{`\'{\"{$\upsilon$}}`, `{\'{\"{$\upsilon$}}}`}},
		{"ł", []string{`{\l}`, `\l{}`}},
		{"Ł", []string{`{\L}`, `\L{}`}},
		{"æ", []string{`{\ae}`, `\ae{}`}},
		{"Æ", []string{`{\AE}`}},
		{"œ", []string{`{\oe}`, `\oe{}`}},
		{"Œ", []string{`{\OE}`}},
		{"ı", []string{`{\i}`, `\i{}`}},
		{"ȷ", []string{`{\j}`}},
		{"ð þ ŋ Ð Þ Ŋ", []string{`\dh\ \th\ \ng\ \DH\ \TH\ \NG`, `{\dh} {\th} {\ng} {\DH} {\TH} {\NG}`}},
	} {
		for _, in := range tc.ins {
			got := latex.ToUnicode(in, false)
			assert.Equal(t, tc.want, got, "ToUnicode(%q)", in)
			assert.True(t, norm.NFC.IsNormalString(got), "%q is not NFC", got)
		}
	}
}

func TestToUnicode(t *testing.T) {
	for _, tc := range []struct {
		in, plain, rich string
	}{
		{`Mar{\'\i}a`, "María", "María"},
		{`{\L}ukasz`, "Łukasz", "Łukasz"},
		{`\& \% \$ \_ \# \{ \}`, "& % $ _ # { }", "& % $ _ # { }"},
		{`1--10 a---b`, "1–10 a—b", "1–10 a—b"},
		{"``quoted'' `single'", "“quoted” ‘single'", "“quoted” ‘single'"},
		{`a~b`, "a\u00a0b", "a\u00a0b"},
		{`\textendash\ \textemdash\ \textquoteleft\textquoteright`, "– — ‘’", "– — ‘’"},
		{`\guillemotleft x\guillemotright\ \textregistered\ \textdegree`, "«x» ® °", "«x» ® °"},
		{`\textit{Drosophila}`, "Drosophila", "<i>Drosophila</i>"},
		{`\emph{in vivo}`, "in vivo", "<i>in vivo</i>"},
		{`{\it E. coli} rest`, "E. coli rest", "<i>E. coli</i> rest"},
		{`{\em x}`, "x", "<i>x</i>"},
		{`\textbf{b} {\bf c}`, "b c", "<b>b</b> <b>c</b>"},
		{`\textsc{Sc}`, "Sc", `<span style="font-variant:small-caps;">Sc</span>`},
		{`H\textsubscript{2}O x\textsuperscript{2}`, "H2O x2", "H<sub>2</sub>O x<sup>2</sup>"},
		{`The {DNA} of {Darwin}`, "The DNA of Darwin", `The <span class="nocase">DNA</span> of <span class="nocase">Darwin</span>`},
		{`{{Nested} Braces}`, "Nested Braces", `<span class="nocase">Nested Braces</span>`},
		{`\textit{{DNA} x}`, "DNA x", `<i><span class="nocase">DNA</span> x</i>`},
		{`{\"O}ber`, "Öber", "Öber"},
		{`{2} {@}`, "2 @", "2 @"},
		{`$\alpha$-helix $\beta_2$ $x^{2}$`, "α-helix β2 x2", "α-helix β<sub>2</sub> x<sup>2</sup>"},
		{`$\mathcal{O}(n)$`, `$\mathcal{O}(n)$`, `$\mathcal{O}(n)$`},
		{`5\$ and $ alone`, "5$ and $ alone", "5$ and $ alone"},
		{`\url{http://x.org/a_b}`, "http://x.org/a_b", "http://x.org/a_b"},
		{`\href{http://x.org}{text}`, "text", "text"},
		{`\unknowncmd{arg}{b}`, `\unknowncmd{arg}{b}`, `\unknowncmd{arg}{b}`},
		{`trailing \`, `trailing \`, `trailing \`},
		{`unbalanced } brace`, "unbalanced } brace", "unbalanced } brace"},
		{`?` + "`" + ` !` + "`", "¿ ¡", "¿ ¡"},
		{`\enquote{q}`, "“q”", "“q”"},
		{"plain ASCII text", "plain ASCII text", "plain ASCII text"},
		{"Ünïcödé kept", "Ünïcödé kept", "Ünïcödé kept"},
		{"e\u0301 decomposed", "é decomposed", "é decomposed"},
	} {
		assert.Equal(t, tc.plain, latex.ToUnicode(tc.in, false), "plain %q", tc.in)
		assert.Equal(t, tc.rich, latex.ToUnicode(tc.in, true), "rich %q", tc.in)
	}
}

func TestToUnicodeDeepNesting(t *testing.T) {
	in := strings.Repeat("{", 10000) + "x" + strings.Repeat("}", 10000)
	assert.Equal(t, "x", latex.ToUnicode(in, false))
	got := latex.ToUnicode(in, true)
	assert.Equal(t, "x", citation.PlainText(got))
}

func TestVerbatim(t *testing.T) {
	for in, want := range map[string]string{
		`http://x.org/a\_b\%20`:   "http://x.org/a_b%20",
		`\url{https://x.org/~me}`: "https://x.org/~me",
		`10.1000/{ABC}`:           "10.1000/ABC",
		`C:\Users\me`:             `C:\Users\me`,
		` 10.1000/182 `:           "10.1000/182",
		`e\{_\}057`:               "e{_}057",
	} {
		assert.Equal(t, want, latex.Verbatim(in), in)
	}
}

func TestIsUpperStart(t *testing.T) {
	for _, tc := range []struct {
		tok       string
		upper, ok bool
	}{
		{"von", false, true}, {"Von", true, true}, {`{\L}ukasz`, true, true},
		{`{\l}ukasz`, false, true}, {`{\'E}douard`, true, true}, {`{\"o}tto`, false, true},
		{`{\'\i}`, false, true}, {`{von}`, false, false}, {`{Von}`, false, false},
		{"123", false, false}, {"d'Alembert", false, true}, {"Ébert", true, true}, {"", false, false},
	} {
		up, ok := latex.IsUpperStart(tc.tok)
		assert.Equal(t, tc.ok, ok, "ok %q", tc.tok)
		if tc.ok {
			assert.Equal(t, tc.upper, up, "upper %q", tc.tok)
		}
	}
}

func TestFromUnicode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		o    latex.Options
		want string
	}{
		{`Fish & Chips 50% $5 #1 a_b {x} \ ~ ^ < > |`, latex.Options{},
			`Fish \& Chips 50\% \$5 \#1 a\_b {\textbraceleft}x{\textbraceright} {\textbackslash} {\textasciitilde} {\textasciicircum} {\textless} {\textgreater} {\textbar}`},
		{"Ærøskøbing Straße María Łukasz", latex.Options{ASCII: true},
			`{\AE}r{\o}sk{\o}bing Stra{\ss}e Mar{\'{\i}}a {\L}ukasz`},
		{"Ærøskøbing", latex.Options{}, "Ærøskøbing"},
		{"ç ő ą", latex.Options{ASCII: true}, `{\c{c}} {\H{o}} {\k{a}}`},
		{`The <span class="nocase">DNA</span> of <i>Drosophila</i>`, latex.Options{Markup: true},
			`The {DNA} of \textit{Drosophila}`},
		{`<b>b</b> <sup>2</sup> <sub>2</sub> <span style="font-variant:small-caps;">Sc</span>`, latex.Options{Markup: true},
			`\textbf{b} \textsuperscript{2} \textsubscript{2} \textsc{Sc}`},
		{`<i>not markup without the option</i>`, latex.Options{}, `{\textless}i{\textgreater}not markup without the option{\textless}/i{\textgreater}`},
		{"a--b ``c'' -", latex.Options{}, "a-{}-b {\\textasciigrave}{\\textasciigrave}c'{}' -"},
		{"line\nbreak", latex.Options{}, "line break"},
		{"nb\u00a0sp", latex.Options{}, "nb~sp"},
		{"!“ -– '”", latex.Options{ASCII: true}, "!{}`` -{}-- '{}''"},
		{`at $25\,^\circ\mathrm{C}$`, latex.Options{}, `at $25\,^\circ\mathrm{C}$`},
		{`<span class="nocase">$5</span>`, latex.Options{Markup: true}, `{{}\$5}`},
	} {
		assert.Equal(t, tc.want, latex.FromUnicode(tc.in, tc.o), "%q %+v", tc.in, tc.o)
	}
}

// TestRoundTrip checks that FromUnicode's output reads back as its input.
func TestRoundTrip(t *testing.T) {
	for _, s := range []string{
		"Fish & Chips 50% $5 #1 a_b {x} \\ ~ ^ < > | ` '' ``",
		"María José García Łukasz Ærøskøbing Straße Škoda Erdős ıj",
		"a--b---c ?` !` x-y",
		"– — “ ” ‘ ’ « » ° ® © … € £",
		"α β γ Δ Ω ∞ ≤ ≥",
		`The <span class="nocase">DNA</span> of <i>Drosophila</i> and <b>x</b><sup>2</sup>`,
		`<i><span class="nocase">E. coli</span> in vivo</i>`,
		`<span class="nocase">$5 off</span>`,
		`at $25\,^\circ\mathrm{C}$`,
		"unbalanced { brace } } {",
		// Ligatures that form across a character and the LaTeX of the
		// next one in ASCII mode: "!``", "-{}--", "'{}''".
		"!“ ?“ !‘ -– –- -— —- '” ”' ‘“",
	} {
		for _, ascii := range []bool{false, true} {
			o := latex.Options{ASCII: ascii, Markup: true}
			w := latex.FromUnicode(s, o)
			assert.True(t, balanced(w), "unbalanced %q", w)
			got := citation.FormatMarkup(citation.ParseMarkup(latex.ToUnicode(w, true)))
			want := citation.FormatMarkup(citation.ParseMarkup(s))
			assert.Equal(t, want, got, "via %q", w)
			if ascii {
				for i := 0; i < len(w); i++ {
					if w[i] >= utf8.RuneSelf && !strings.ContainsAny(s, "≤≥") {
						t.Errorf("ASCII output %q has non-ASCII", w)
						break
					}
				}
			}
		}
	}
}

func balanced(s string) bool {
	level := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			level++
		case '}':
			level--
			if level < 0 {
				return false
			}
		}
	}
	return level == 0
}

func FuzzLaTeX(f *testing.F) {
	for _, s := range []string{`{\"u}ber \textit{x} $\alpha$`, `M{\"u}ller`, `Garc{\'\i}a`, "{\\'\\j}{\\'E}{\\^o}{\\=a}{\\.z}{\\~n}{\\`a}", `{\'q}`, `{\"u}{}`, `{\'\i }`, `{\'\ix}`, "María & {DNA}", `\c{c} \'\i {\L}`, "a--b", "double-strand, isn't it? a!b", "e\u0301 {\\'e}\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "<>\u00a0") {
			return
		}
		for _, markup := range []bool{false, true} {
			out := latex.ToUnicode(s, markup)
			if !norm.NFC.IsNormalString(out) {
				t.Fatalf("ToUnicode(%q, %v) = %q is not NFC", s, markup, out)
			}
			if got := string(latex.AppendUnicode([]byte("x"), s, markup)); got != "x"+out {
				t.Fatalf("AppendUnicode(%q, %v) = %q, ToUnicode %q", s, markup, got, out)
			}
			if got, want := string(latex.AppendUnicode(nil, s, markup)), string(latex.AppendConverted(nil, s, markup)); got != want {
				t.Fatalf("AppendUnicode(%q, %v) = %q, the converter %q", s, markup, got, want)
			}
			if latex.IsPlain(s) && latex.Convert(s, markup) != s {
				t.Fatalf("IsPlain(%q) but it converts to %q", s, latex.Convert(s, markup))
			}
		}
		// Plain text written and read back is the same text.
		text := citation.NormalizeText(s)
		for _, ascii := range []bool{false, true} {
			w := latex.FromUnicode(text, latex.Options{ASCII: ascii})
			if !balanced(w) {
				t.Fatalf("FromUnicode(%q) = %q is unbalanced", text, w)
			}
			back := citation.NormalizeText(latex.ToUnicode(w, false))
			if back != norm.NFC.String(text) && !strings.Contains(text, "$") {
				t.Fatalf("round trip %q -> %q -> %q", text, w, back)
			}
		}
	})
}
