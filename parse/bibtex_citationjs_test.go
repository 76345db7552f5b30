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

	"github.com/citekit/citekit/export"
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
		var out bytes.Buffer
		enc := export.NewCSLJSONEncoder(&out)
		for _, x := range cs {
			require.NoError(t, enc.Encode(x))
		}
		require.NoError(t, enc.Close())
		var got, want []map[string]any
		require.NoError(t, json.Unmarshal(out.Bytes(), &got))
		require.NoError(t, json.Unmarshal(c[1], &want))
		if len(got) != len(want) {
			found[name] = true
			if _, ok := citationJSDisagreements[name]; !ok {
				t.Errorf("%s: %d items, citation-js %d (%v)", name, len(got), len(want), perr)
			}
			continue
		}
		for i := range want {
			compared++
			assert.Equal(t, want[i]["citation-key"], got[i]["id"], name)
			keys := map[string]bool{}
			for k := range want[i] {
				keys[k] = true
			}
			for k := range got[i] {
				keys[k] = true
			}
			for k := range keys {
				if k == "id" || k == "citation-key" || k == "custom" && want[i][k] == nil {
					continue
				}
				if reflect.DeepEqual(got[i][k], want[i][k]) {
					continue
				}
				key := fmt.Sprintf("%s [%d] %s", name, i, k)
				found[key] = true
				if _, ok := citationJSDisagreements[key]; !ok {
					g, _ := json.Marshal(got[i][k])
					w, _ := json.Marshal(want[i][k])
					t.Errorf("%s:\n ours        %s\n citation-js %s", key, g, w)
				}
			}
		}
	}
	for key := range citationJSDisagreements {
		assert.True(t, found[key], "documented disagreement %q no longer occurs", key)
	}
	t.Logf("%d items compared, %d documented disagreements", compared, len(citationJSDisagreements))
}
