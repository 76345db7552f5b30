package parse

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// sameTree compares two front matter trees by kind, value, null-ness and
// content; it returns a description of the first difference.
func sameTree(a, b *fmNode, path string) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: nil %v vs %v", path, a == nil, b == nil)
		}
		return ""
	}
	if a.kind != b.kind {
		return fmt.Sprintf("%s: kind %v vs %v", path, a.kind, b.kind)
	}
	if a.kind == fmScalar {
		if a.null != b.null {
			return fmt.Sprintf("%s: null %v vs %v (%q)", path, a.null, b.null, b.value)
		}
		if a.value != b.value {
			return fmt.Sprintf("%s: value %q vs %q", path, a.value, b.value)
		}
	}
	if len(a.content) != len(b.content) {
		return fmt.Sprintf("%s: %d vs %d children", path, len(a.content), len(b.content))
	}
	for i := range a.content {
		if d := sameTree(a.content[i], b.content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFast checks that when the fast path accepts src, yaml.v3 gives the
// same tree.
func checkFast(t *testing.T, src []byte) (accepted bool) {
	t.Helper()
	fast, ok := fastFrontMatter(string(src))
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("fast path accepted what yaml.v3 rejects (%v):\n%s", err, src)
	}
	if len(doc.Content) != 1 {
		t.Fatalf("fast path accepted a document yaml.v3 reads as %d nodes:\n%s", len(doc.Content), src)
	}
	if d := sameTree(fast, lightTree(doc.Content[0]), ""); d != "" {
		t.Fatalf("fast path differs from yaml.v3: %s\n%s", d, src)
	}
	return true
}

func frontMatterOf(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return nil
	}
	b = b[4:]
	if i := bytes.Index(b, []byte("\n---")); i >= 0 {
		return b[:i+1]
	}
	return nil
}

func TestFastFrontMatter(t *testing.T) {
	tests := []struct {
		in     string
		accept bool
	}{
		{"title: T\n", true},
		{"title: T # comment\nid: 5\n", true},
		{"a: \"x \\\"q\\\" \\\\ y\"\n", true},
		{"a: 'it''s'\n", true},
		{"a: \"two\n  lines\"\n", true},
		{"a: 'two\n  lines'\n", true},
		{"a: \"para\n\n  graph\"\n", false},
		{"a: >-\n  folded\n  text\n\n  para\nb: 1\n", true},
		{"a: |\n  literal\n  text\n\nb: 1\n", true},
		{"a: >\n  x\n    more\n", false},
		{"a: |+\n  keep\n\n", false},
		{"a: [x, 'y', \"z\"]\nb: []\nc: {}\n", true},
		{"a: [x, [y]]\n", false},
		{"a: {k: v}\n", false},
		{"a:\n  - x\n  - y\nb:\n- z\n", true},
		{"a:\n  - name: N\n    url: U\n  - name: M\n", true},
		{"seo:\n  title: T\n  k: >-\n    v\n", true},
		{"a: &x 1\nb: *x\n", false},
		{"a: !!str 1\n", false},
		{"a: plain\n  continued\n", false},
		{"a: 1\na: 2\n", false},
		{"\ta: 1\n", false},
		{"a:\n\tb: 1\n", false},
		{"? complex\n: v\n", false},
		{"excerpt: # just a comment\nb: ~\nc: null\nd:\n", true},
		{"- a\n- b\n", false},
		{"a: b: c\n", false},
		{"a: \"unclosed\n", false},
		{"a:    spaced value   \n", true},
		{"url: http://example.com/a#frag\n", true},
		{"t: a:b\n", true},
		{"k: - x\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := checkFast(t, []byte(tt.in)); got != tt.accept {
				t.Errorf("accepted = %v, want %v", got, tt.accept)
			}
		})
	}
}

// TestFastFrontMatterFiles runs the differential check over every front
// matter in testdata and the shared corpus and seeds.
func TestFastFrontMatterFiles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/markdown/*.md")
	shared := sharedDirOrEmpty()
	for _, g := range []string{"corpus/markdown/*/*.md", "corpus/markdown/*/*/index.md", "seeds/000_*.txt"} {
		if shared == "" {
			break
		}
		g = filepath.Join(shared, g)
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no files")
	}
	accepted := 0
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fm := frontMatterOf(b)
		if fm == nil {
			continue
		}
		t.Run(filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), func(t *testing.T) {
			if checkFast(t, fm) {
				accepted++
			}
		})
	}
	t.Logf("fast path accepted %d of %d front matters", accepted, len(files))
	if accepted*2 < len(files) {
		t.Errorf("the fast path accepted only %d of %d real front matters", accepted, len(files))
	}
}

// sharedDirOrEmpty returns the shared directory (CITEKIT_SHARED, else
// ../shared beside the module), or "" when it is absent.
func sharedDirOrEmpty() string {
	if d := os.Getenv("CITEKIT_SHARED"); d != "" {
		return d
	}
	if fi, err := os.Stat("../../shared"); err == nil && fi.IsDir() {
		return "../../shared"
	}
	return ""
}

func FuzzFastFrontMatter(f *testing.F) {
	m, _ := filepath.Glob("../testdata/markdown/*.md")
	for _, p := range m {
		if b, err := os.ReadFile(p); err == nil {
			if fm := frontMatterOf(b); fm != nil {
				f.Add(fm)
			}
		}
	}
	f.Add([]byte("a: \"x\n  y\"\nb: >-\n  z\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 || strings.Contains(string(src), "\x00") {
			return
		}
		checkFast(t, src)
	})
}

// TestFastFrontMatterCitations checks that the citations the decoder makes
// from the fast path's tree are those it makes from yaml.v3's, on every
// front matter of testdata and of the shared corpus and seeds that the fast
// path accepts, with and without KeepUnknown.
func TestFastFrontMatterCitations(t *testing.T) {
	files, _ := filepath.Glob("../testdata/markdown/*.md")
	if shared := sharedDirOrEmpty(); shared != "" {
		for _, g := range []string{"corpus/markdown/*/*.md", "corpus/markdown/*/*/index.md", "seeds/000_*.txt"} {
			m, _ := filepath.Glob(filepath.Join(shared, g))
			files = append(files, m...)
		}
	}
	compared := 0
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fm := frontMatterOf(b)
		if fm == nil {
			continue
		}
		fast, ok := fastFrontMatter(string(fm))
		if !ok {
			continue
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(fm, &doc); err != nil || len(doc.Content) != 1 {
			t.Fatalf("%s: yaml.v3 does not read what the fast path accepts: %v", p, err)
		}
		slow := lightTree(doc.Content[0])
		for _, keep := range []bool{false, true} {
			d := &MarkdownDecoder{KeepUnknown: keep, BaseURL: "https://example.org/site/",
				Profiles: map[string]string{"admin": "Ada Lovelace"}}
			got, want := d.convert(fast), d.convert(slow)
			got.Normalize()
			want.Normalize()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (KeepUnknown %v): the fast path gives\n%+v\nyaml.v3\n%+v", p, keep, got, want)
			}
		}
		compared++
	}
	t.Logf("%d of %d pages compared", compared, len(files))
	if compared < 5 {
		t.Errorf("only %d pages compared", compared)
	}
}

// TestMayBeOthers checks that the prefilter lets through every name
// othersRE matches.
func TestMayBeOthers(t *testing.T) {
	for _, s := range []string{"author 3 of 5", "Authors 1, 2 of 9", "AUTHORS 1-2 of 3", "and 4 others", "12 more",
		"3 other", "5 others authors", "et al.", "Et Al", "others", "OTHERS", "otherſ", "authorſ 1 of 2",
		"Ada Lovelace", "admin", "Eve", "Otto", "7", ""} {
		if othersRE.MatchString(s) && !mayBeOthers(s) {
			t.Errorf("mayBeOthers(%q) = false, but othersRE matches", s)
		}
	}
	if mayBeOthers("Ada Lovelace") || mayBeOthers("admin") {
		t.Error("mayBeOthers lets through plain names")
	}
}

// yamlPrintableBytes is yamlPrintable a byte (or rune) at a time.
func yamlPrintableBytes(src string) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(src[i:])
		switch {
		case r == utf8.RuneError && n == 1, r == 0xFEFF:
			return false
		case r == 0x85, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
		i += n
	}
	return true
}

// FuzzYAMLPrintable checks the word-at-a-time scan of yamlPrintable
// against the byte-at-a-time one.
func FuzzYAMLPrintable(f *testing.F) {
	for _, s := range []string{"", "title: x\n", "a\tb\nc d e f g h i j", "0123456789abcdef\x7f", "0123456789abcdef\x01",
		"0123456789abcdef\r\n", "tab\there and there\t", "ünïcödé text is here", "\ufeffbom", "x\u0085y\u00a0z", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := yamlPrintable(s), yamlPrintableBytes(s); got != want {
			t.Errorf("yamlPrintable(%q) = %v, want %v", s, got, want)
		}
	})
}

// othersSamples are strings made of the pieces othersRE matches, and near
// misses.
func othersSamples() []string {
	pieces := []string{"author", "Authors", "AUTHOR", "s", "S", " ", "  ", "\t", "\v", "1", "23", ",", "&", "-", "and", "AND",
		" of ", "of", "more", "other", "Others", " authors", "et al", "ET AL", ".", "and ", "x", "ſ", "K", "ß"}
	out := []string{"author 3 of 5", "authors 1, 2 of 9", "Authors 1 and 2 of 3", "author 1 - 2 of 3", "author 1of 2",
		"3 others", "and 12 more", "2 more authors", "4 other authors", "et al.", "et al", "others", "Others", "OTHERS",
		"author 1  of 2", "author 1 and of 2", "author 1,2,3 of 4", "5 others authors", "author ſ1 of 2", "othersſ"}
	seed := uint32(1)
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		for n := int(seed>>28) % 7; n >= 0; n-- {
			seed = seed*1664525 + 1013904223
			b.WriteString(pieces[int(seed>>8)%len(pieces)])
		}
		out = append(out, b.String())
	}
	return out
}

func TestOthersMatch(t *testing.T) {
	matched := 0
	for _, s := range othersSamples() {
		want := othersRE.MatchString(s)
		if got := othersMatch(s); got != want {
			t.Errorf("othersMatch(%q) = %v, want %v", s, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 100 {
		t.Errorf("only %d samples match", matched)
	}
}

func FuzzOthersMatch(f *testing.F) {
	for _, s := range othersSamples()[:40] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := othersMatch(s), othersRE.MatchString(s); got != want {
			t.Errorf("othersMatch(%q) = %v, want %v", s, got, want)
		}
	})
}
