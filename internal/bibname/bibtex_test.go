package bibname_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citekit/citekit/internal/bibname"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseAgainstBibTeX splits names with BibTeX 0.99d itself (a .bst
// that prints format.name$ "{ff}|{vv}|{ll}|{jj}") and compares Parse with
// it. It skips when TeX Live's bibtex is not installed.
func TestParseAgainstBibTeX(t *testing.T) {
	if _, err := exec.LookPath("bibtex"); err != nil {
		t.Skip("bibtex (TeX Live) is not installed")
	}
	names := []string{
		"John Smith-Jones", "A-b C, D", "A B-C", "Jean-Paul Sartre", `{\L}ukasz Nowak`,
		`{\l}ukasz Nowak`, "Van der Berg, Jan", `Charles Louis Xavier Joseph de la Vall{\'e}e Poussin`,
		"jean de la fontaine", "Ludwig~van Beethoven", "A-12 B", "Smith, Jr., Bill, Lee",
		"Brinch Hansen, {}", "de-Souza, J", "King, Jr, Martin Luther", "Donald E. Knuth",
		"van Gogh, Vincent", `{\'E}douard Manet`, "Aristotle", "{von Neumann}, John",
		"{000Ö 000A000}a Smith, {}", "a{b C} Smith, John", "{V}an Beethoven, Ludwig", "000Ö {000A000}a Smith, John",
		// A special character without a letter has no case, whatever
		// follows it; a plain group is skipped.
		`00a\#0-{\textbackslash}a Smith, John`, `00a\#0-{{\textbackslash}}a Smith, John`,
		// A hyphen that does not follow a word is no word (its text is
		// kept, joined to a word, and dropped by clean below).
		"0000a -, {}", "0 -", "John - Smith", "- Smith", "- de - la -- Cruz, J -", "A --- b C", "Smith, -",
	}
	compareWithBibTeX(t, names)
}

// TestParseAgainstBibTeXRandom compares Parse with BibTeX 0.99d on names
// made at random (fixed seed) from the bytes that decide how BibTeX splits
// a name: letters of both cases, digits, white space, ties, hyphens,
// commas, balanced braces and special characters.
func TestParseAgainstBibTeXRandom(t *testing.T) {
	if _, err := exec.LookPath("bibtex"); err != nil {
		t.Skip("bibtex (TeX Live) is not installed")
	}
	rng := rand.New(rand.NewPCG(4, 2))
	pieces := []string{"a", "b", "A", "B", "0", " ", " ", " ", "~", "-", "-", ",", "{a}", "{A b}", "{-}",
		"{\\'e}", "{\\L}", "{\\relax x}", "{}", "{\\textbackslash}", "ab", "Cd", "--", "\\b0", "{\\AE}", "{\\ss}", "\t", "{\\relax X}a", "{{a}}", "x{Y z}"}
	names := make([]string, 0, 3000)
	for len(names) < cap(names) {
		var b strings.Builder
		for k := 1 + rng.IntN(8); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		n := strings.TrimSpace(b.String())
		// BibTeX splits a name with more than two commas, but reports an
		// error.
		if n == "" || strings.Count(n, ",") > 2 {
			continue
		}
		names = append(names, n)
	}
	compareWithBibTeX(t, names)
}

// compareWithBibTeX splits names with bibtex's format.name$ and with
// Parse, and compares the parts, white space folded and words made only of
// hyphens dropped (BibTeX drops them; Parse keeps them in the text).
func compareWithBibTeX(t *testing.T, names []string) {
	t.Helper()
	dir := t.TempDir()
	bst := "ENTRY { author } {} {}\nFUNCTION {show}\n{ author #1 \"{ff}|{vv}|{ll}|{jj}\" format.name$ write$ newline$ }\nREAD\nITERATE {show}\n"
	var bib strings.Builder
	for i, n := range names {
		fmt.Fprintf(&bib, "@misc{k%d, author = {%s}}\n", i, n)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "names.bst"), []byte(bst), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "n.bib"), []byte(bib.String()), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "n.aux"), []byte("\\relax\n\\bibstyle{names}\n\\bibdata{n}\n\\citation{*}\n"), 0o644))
	cmd := exec.Command("bibtex", "n")
	cmd.Dir = dir
	// Exit status 2: BibTeX reports "too many commas" in one name as an
	// error, and splits it anyway.
	out, _ := cmd.CombinedOutput()
	bbl, err := os.ReadFile(filepath.Join(dir, "n.bbl"))
	require.NoError(t, err, "%s", out)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(bbl)), "\n")
	require.Len(t, lines, len(names))
	// format.name$ writes between two words of a part the one separator
	// BibTeX records (the first after the word), a tie as "~" or " ", and
	// none at the ends of a part; Parse keeps the separators as written.
	// So both are compared with each run of separators outside braces cut
	// to its first, ties read as spaces, and the ends trimmed. An empty
	// group alone is an empty part.
	clean := func(s string) string {
		var b strings.Builder
		level, inSep := 0, false
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '~' || c == '\t' || c == '\n' || c == '\r' {
				c = ' '
			}
			switch {
			case c == '{':
				level++
			case c == '}':
				level--
			case level == 0 && (c == ' ' || c == '-'):
				if inSep {
					continue
				}
				inSep = true
				b.WriteByte(c)
				continue
			}
			inSep = false
			b.WriteByte(c)
		}
		if w := strings.Trim(b.String(), " -"); w != "{}" {
			return w
		}
		return ""
	}
	for i, n := range names {
		want := strings.Split(lines[i], "|")
		p := bibname.Parse(n)
		if p.Literal != "" {
			p.Last = "{" + p.Literal + "}"
		}
		first := p.First
		if first == "{}" {
			first = ""
		}
		if want[0] == "{}" {
			want[0] = ""
		}
		got := []string{clean(first), clean(p.Von), clean(p.Last), clean(p.Jr)}
		for j := range want {
			want[j] = clean(want[j])
		}
		assert.Equal(t, want, got, "%q", n)
	}
}
