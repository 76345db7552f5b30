package parse_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// citationJSDisagreements lists where our CSL-JSON differs from
// citation-js's expected output for its own BibTeX inputs
// (corpus/bibtex/citation-js/input-expected.json), each with the reason we
// are right. Besides these, we keep fields citation-js drops in "custom"
// (Extra: unknown fields, BibLaTeX name annotations, unknown entry types,
// a year or month that disagrees with date), which it never has; and
// citation-key is our "id".
var citationJSDisagreements = map[string]string{
	"with a complete inproceedings [0] collection-number": "number of an @inproceedings is its number in the series (btxdoc: \"the number of ... a work in a series\"), not a journal issue",
	"with a complete inproceedings [0] issue":             "see collection-number",
	"with commands [1] title":                             `\href{url}{text} prints text; citation-js keeps the URL`,
	"with crossref [4] title":                             "titleaddon is kept (\"Foo. Bar\"), not dropped",
	"with different delimiters":                           "@book{b, ... ) closes a brace entry with a parenthesis, which BibTeX 0.99d rejects; we report it",
	"with escaped and [0] author":                         "a name that is one brace group is a literal (corporate) name, specs/bibtex.md §4",
	"with escaped and [1] author":                         "\\begin{center} does not protect \"and\" in BibTeX, which splits the list there",
	"with escaped characters [1] title":                   "text is normalized: no trailing space",
	"with howpublished [0] author":                        "braced corporate name is a literal",
	"with literals [0] author":                            "braced corporate name is a literal",
	"with math [0] title":                                 "x^2 is rich text <sup>2</sup>, not the character ²; it works for any superscript",
	"with nameparts [1] author":                           "given=A=B keeps \"A=B\" as the given name; citation-js drops it",
	"with nameparts [6] author":                           "\"A and ,\" has one name; the empty one is not a name",
	"with one simple entry [0] ISBN":                      "ISBNs are normalized to ISBN-13 without hyphens, as citation.Citation holds them",
	"with one simple entry [0] title":                     "a title in double braces is case-protected as a whole, as BibTeX treats it",
	"with orcid [0] author":                               "the ORCID iDs are read (author+an:orcid) and written by the CSL-JSON encoder in custom.names",
	"with rich text [2] title":                            "the same rich text in canonical form (adjacent runs of one style)",
	"with uppercase and [0] event-place":                  "ACM's location is the conference place when address is the publisher's",
	"with uppercase and [0] publisher-place":              "address is the publisher's place; location is the event's",
	"with uri [0] URL":                                    "URLs are kept as written (an IRI), not percent-encoded",
	"with uri [2] URL":                                    "URLs are kept as written, not re-encoded",
	"with whitespace and unknown fields [0] ISBN":         "ISBNs are normalized to ISBN-13 without hyphens",
	"with whitespace and unknown fields [0] keyword":      "keywords are a list, joined with \", \" in CSL-JSON",
}

func TestBibTeXCitationJS(t *testing.T) {
	dir := testutil.Shared(t, "corpus/bibtex/citation-js")
	data, err := os.ReadFile(filepath.Join(dir, "input-expected.json"))
	require.NoError(t, err)
	var expected map[string]map[string][]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &expected))
	cases := expected["@biblatex/text"]
	require.NotEmpty(t, cases)
	var names []string
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	found := map[string]bool{}
	compared := 0
	for _, name := range names {
		c := cases[name]
		if string(c[0]) != "null" {
			continue // a case with options we do not have
		}
		file := filepath.Join(dir, "input", strings.ReplaceAll(strings.TrimPrefix(name, "with "), " ", "-")+".bib")
		src, err := os.ReadFile(file)
		require.NoError(t, err, name)
		cs, perr := parse.ReadAll(parse.NewBibTeXDecoder(bytes.NewReader(src)))
		var got, want []map[string]any
		require.NoError(t, json.Unmarshal(encodeCSL(t, cs...), &got))
		require.NoError(t, json.Unmarshal(c[1], &want))
		if len(got) != len(want) {
			found[name] = true
			if _, ok := citationJSDisagreements[name]; !ok {
				t.Errorf("%s: %d items, citation-js %d (%v)", name, len(got), len(want), perr)
			}
			continue
		}
		compared += compareCitationJS(t, got, want, citationJSDisagreements, found,
			func(i int, k string) string { return fmt.Sprintf("%s [%d] %s", name, i, k) },
			reflect.DeepEqual)
	}
	for key := range citationJSDisagreements {
		assert.True(t, found[key], "documented disagreement %q no longer occurs", key)
	}
	t.Logf("%d items compared, %d documented disagreements", compared, len(citationJSDisagreements))
}

// citationJSMappingDisagreements lists where our CSL-JSON differs from the
// expected output of citation-js's mapping fixtures
// (corpus/bibtex/citation-js/mapping: biblatex-input.bib with
// biblatex-csl.json, bibtex-input.bib with bibtex-csl.json), each with the
// reason we are right. Besides these, citation-js drops case protection,
// which we keep as <span class="nocase">: a value that is equal once those
// spans are removed counts as equal.
var citationJSMappingDisagreements = map[string]string{
	"biblatex [tolkien:single] type":                "@bookinbook is a work printed inside the book of its booktitle, cited like @inbook: a chapter with that container; citation-js makes it a book and keeps the container-title",
	"biblatex [francis:chapter] type":               "@bookinbook: see tolkien:single",
	"biblatex [francis:book] type":                  "@bookinbook: see tolkien:single",
	"biblatex [renner:single] title":                "titleaddon is kept (\"Title: Subtitle. Addon\", as biblatex prints it); citation-js drops it",
	"biblatex [renner:chapter] container-title":     "booktitleaddon is kept, as titleaddon is",
	"biblatex [sarbanes:act] title":                 "titleaddon is kept",
	"biblatex [gabaldon:book] container-title":      "maintitle (the title of the multi-volume work) is kept as written in custom: a book is not contained in its main work, and styles would print container-title as if it were",
	"biblatex [swat4hcls:paper] collection-number":  "the number of an @inproceedings is its number in the series (btxdoc), not a journal issue",
	"biblatex [swat4hcls:paper] issue":              "see collection-number",
	"bibtex [InProceedings] collection-number":      "the number of an @inproceedings is its number in the series (btxdoc), not a journal issue",
	"bibtex [InProceedings] issue":                  "see collection-number",
	"biblatex [swat4hcls:paper] keyword":            "keywords are a list, joined with \", \" in CSL-JSON",
	"biblatex [radboud:manual] author":              "a name that is one brace group is a literal (corporate) name, specs/bibtex.md §4",
	"biblatex [terano:thesis] number":               "the report number is kept (CSL number); citation-js drops it",
	"biblatex [doerr:report] author":                "\"May, Keith,\" is family May, given Keith: bibtex 0.99d drops a comma at the end of a name (with a warning); citation-js reads Keith as a suffix",
	"biblatex [doerr:report] genre":                 "a @techreport without type has no genre: its kind is the CSL type (report), and \"techreport\" is not text for a style to print",
	"biblatex [Willighagen2019CitationjsAF] custom": "unknown fields are kept in custom under \"bibtex:<field>\", as written",
	"biblatex [spruijt_characterizing_2022] genre":  "BibLaTeX's type keys are localized to the text biblatex prints: mathesis is \"Master's thesis\"",
	"biblatex [willighagen2008] genre":              "phdthesis is \"PhD thesis\", as biblatex prints it",
	"biblatex [batori_river_2020] page":             "pages stay the page; bookpagination = {section} is kept as written in custom",
	"biblatex [batori_river_2020] section":          "see page: CSL's section is a part of a newspaper or a work, not a kind of page number",
}

// TestBibTeXCitationJSMapping compares our CSL-JSON with citation-js's
// expected output for its mapping fixtures, field by field.
func TestBibTeXCitationJSMapping(t *testing.T) {
	dir := testutil.Shared(t, "corpus/bibtex/citation-js/mapping")
	nocase := strings.NewReplacer(`<span class="nocase">`, "", "</span>", "")
	found := map[string]bool{}
	compared := 0
	for _, dialect := range []string{"biblatex", "bibtex"} {
		src, err := os.ReadFile(filepath.Join(dir, dialect+"-input.bib"))
		require.NoError(t, err)
		cs, err := parse.ReadAll(parse.NewBibTeXDecoder(bytes.NewReader(src)))
		require.NoError(t, err)
		var got, want []map[string]any
		require.NoError(t, json.Unmarshal(encodeCSL(t, cs...), &got))
		data, err := os.ReadFile(filepath.Join(dir, dialect+"-csl.json"))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(data, &want))
		require.Len(t, got, len(want), dialect)
		compared += compareCitationJS(t, got, want, citationJSMappingDisagreements, found,
			func(i int, k string) string { return fmt.Sprintf("%s [%s] %s", dialect, want[i]["id"], k) },
			func(g, w any) bool {
				s, ok := g.(string)
				return reflect.DeepEqual(g, w) || ok && nocase.Replace(s) == w
			})
	}
	for key := range citationJSMappingDisagreements {
		assert.True(t, found[key], "documented disagreement %q no longer occurs", key)
	}
	t.Logf("%d items compared, %d documented disagreements", compared, len(citationJSMappingDisagreements))
}

// compareCitationJS compares our CSL-JSON items with citation-js's, field
// by field (our id is its citation-key; custom counts only where it has
// one), and returns how many items it compared. A field that differs is
// recorded in found under key(i, field) and reported unless documented.
func compareCitationJS(t *testing.T, got, want []map[string]any, documented map[string]string,
	found map[string]bool, key func(i int, field string) string, equal func(ours, theirs any) bool) int {
	t.Helper()
	for i := range want {
		assert.Equal(t, want[i]["citation-key"], got[i]["id"], key(i, "id"))
		keys := map[string]bool{}
		for k := range want[i] {
			keys[k] = true
		}
		for k := range got[i] {
			keys[k] = true
		}
		for k := range keys {
			if k == "id" || k == "citation-key" || k == "custom" && want[i][k] == nil || equal(got[i][k], want[i][k]) {
				continue
			}
			name := key(i, k)
			found[name] = true
			if _, ok := documented[name]; !ok {
				g, _ := json.Marshal(got[i][k])
				w, _ := json.Marshal(want[i][k])
				t.Errorf("%s:\n ours        %s\n citation-js %s", name, g, w)
			}
		}
	}
	return len(want)
}
