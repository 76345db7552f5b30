package parse

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

func TestKnownLabel(t *testing.T) {
	tests := []struct {
		in    string
		field dcField
		ok    bool
	}{
		{"Authors", dcAuthors, true},
		{"AUTHOR(S):", dcAuthors, true},
		{"  Publication Date :", dcDate, true},
		{"Journal/Book/Conference Title", dcSource, true},
		{"Digital Object Identifier (DOI)", dcDOI, true},
		{"Recommended Citation", dcExtra, true},
		{"PlumX Metrics", dcFurniture, true},
		{"Authorz", 0, false},
		{"Äuthors", 0, false},
		{"", 0, false},
		{"a very long line that is no label at all, of more than forty bytes", 0, false},
	}
	for _, tt := range tests {
		f, ok := knownLabel(tt.in)
		if f != tt.field || ok != tt.ok {
			t.Errorf("knownLabel(%q) = %v, %v; want %v, %v", tt.in, f, ok, tt.field, tt.ok)
		}
	}
	if n := testing.AllocsPerRun(100, func() { knownLabel("Journal/Book/Conference Title") }); n != 0 {
		t.Errorf("knownLabel allocates %v times", n)
	}
}

// TestDCLabelLengths checks dcMaxLabel against the labels of dcLabel's
// switch, read from the source, and that knownLabel finds each of them.
func TestDCLabelLengths(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "digitalcommons.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "dcLabel" {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, err := strconv.Unquote(lit.Value)
						if err != nil {
							t.Fatal(err)
						}
						labels = append(labels, s)
					}
				}
			}
			return true
		})
	}
	if len(labels) < 100 {
		t.Fatalf("found %d labels in dcLabel", len(labels))
	}
	longest := 0
	for _, l := range labels {
		longest = max(longest, len(l))
		if _, ok := knownLabel(strings.ToUpper(l) + ":"); !ok {
			t.Errorf("knownLabel(%q) not ok", strings.ToUpper(l)+":")
		}
	}
	if longest != dcMaxLabel {
		t.Errorf("the longest label has %d bytes; dcMaxLabel is %d", longest, dcMaxLabel)
	}
}

func TestLabelHelpers(t *testing.T) {
	tests := []string{"", "a", "Title", "Two Words", " lead", "trail ", "a\tb\nc\vd\fe\rf", "x\u00a0y\u0085z",
		"x\u2028y\u3000z", "no “quote", "no ”quote", "\xe2\x80", "\xe2\x80\x9c", "a\xe2\xe2\x80\x9db", "\xff \xfe",
		"a. b", "a,b", "a;b", "a!", "a?", `a"b`, "one two three four five six seven eight", "Ä Ö Ü", "\u201d",
		"\xe2\x80\x9e", "\xf0\xe2\x80\x9c"}
	for _, s := range tests {
		if got, want := hasSentencePunct(s), strings.ContainsAny(s, ".,;!?\"“”"); got != want {
			t.Errorf("hasSentencePunct(%q) = %v, want %v", s, got, want)
		}
		n := len(strings.Fields(s))
		for _, m := range []int{1, 3, 7, 100} {
			if got, want := fieldsUpTo(s, m), min(n, m); got != want {
				t.Errorf("fieldsUpTo(%q, %d) = %d, want %d", s, m, got, want)
			}
		}
	}
}
