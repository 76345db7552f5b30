package bibname_test

import (
	"fmt"
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
	clean := func(s string) string {
		var words []string
		for _, w := range strings.Fields(strings.ReplaceAll(s, "~", " ")) {
			if strings.Trim(w, "-") != "" {
				words = append(words, w)
			}
		}
		return strings.Join(words, " ")
	}
	for i, n := range names {
		want := strings.Split(lines[i], "|")
		p := bibname.Parse(n)
		if p.Last == "{}" {
			p.Last = ""
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
