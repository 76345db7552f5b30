package csl_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/csl"
	"github.com/citekit/citekit/internal/testutil"
)

// citeprocJS returns the directory holding the citeproc npm package, or
// skips the test. CI installs it with
//
//	npm install --prefix csl/testdata/interop citeproc@2
func citeprocJS(t *testing.T) string {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	_ = node
	dir, _ := filepath.Abs("testdata/interop")
	if d := os.Getenv("CITEPROC_JS_DIR"); d != "" {
		dir = d
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "citeproc")); err != nil {
		t.Skip("citeproc-js is not installed: npm install --prefix csl/testdata/interop citeproc@2")
	}
	return dir
}

var divWS = regexp.MustCompile(`>\s+<`)

// normEntry strips citeproc-js's entry wrapper and layout whitespace.
func normEntry(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, `<div class="csl-entry">`) {
		s = strings.TrimPrefix(s, `<div class="csl-entry">`)
		s = strings.TrimSuffix(s, `</div>`)
	}
	// citekit's CSL-JSON reader folds runs of spaces in titles
	return strings.Join(strings.Fields(divWS.ReplaceAllString(s, "><")), " ")
}

// TestInteropCiteprocJS renders a sample of real items with real styles in
// citekit and in citeproc-js (the reference implementation) and compares
// the bibliographies and citations entry by entry.
func TestInteropCiteprocJS(t *testing.T) {
	dir := citeprocJS(t)
	shared := testutil.SharedDir(t)
	data, err := os.ReadFile(filepath.Join(shared, "corpus/csljson/deep-review/references.json"))
	require.NoError(t, err)
	var raw []json.RawMessage
	require.NoError(t, json.Unmarshal(data, &raw))
	if len(raw) > 150 {
		raw = raw[:150]
	}
	sample, _ := json.Marshal(raw)
	items, err := decodeItems(sample)
	require.NoError(t, err)
	locale, err := os.ReadFile(filepath.Join(shared, "corpus/csl-locales/locales-en-US.xml"))
	require.NoError(t, err)
	loc, err := csl.ParseLocale(bytes.NewReader(locale))
	require.NoError(t, err)

	// minimum share of identical entries, per style; raise as the engine improves
	styles := map[string]float64{
		"apa.csl": 0.85, "ieee.csl": 0.85, "nature.csl": 0.85, "chicago-author-date.csl": 0.85,
		"nlm-citation-sequence.csl": 0.85, "modern-language-association.csl": 0.8, "harvard-cite-them-right.csl": 0.85,
	}
	for name, min := range styles {
		t.Run(strings.TrimSuffix(name, ".csl"), func(t *testing.T) {
			styleXML, err := os.ReadFile(filepath.Join(shared, "corpus/csl-styles", name))
			require.NoError(t, err)
			req, _ := json.Marshal(map[string]any{"style": string(styleXML), "locale": string(locale), "items": json.RawMessage(sample)})
			cmd := exec.Command("node", filepath.Join(dir, "render.js"))
			cmd.Dir = dir
			cmd.Stdin = bytes.NewReader(req)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			require.NoError(t, err, stderr.String())
			var js struct {
				Bibliography []string `json:"bibliography"`
				Citations    []string `json:"citations"`
			}
			require.NoError(t, json.Unmarshal(out, &js))

			s, err := csl.ParseStyle(bytes.NewReader(styleXML))
			require.NoError(t, err)
			p, err := csl.NewProcessor(s, csl.WithLocale(loc))
			require.NoError(t, err)
			var clusters []csl.Cluster
			for _, it := range items {
				clusters = append(clusters, csl.Cluster{Items: []csl.CiteItem{{ID: it.ID}}})
			}
			res := p.Render(items, clusters)

			same, total := 0, 0
			for i, want := range js.Bibliography {
				total++
				got := ""
				if i < len(res.Bibliography) {
					got = res.Bibliography[i].HTML()
				}
				if normEntry(want) == normEntry(got) {
					same++
				} else if testing.Verbose() {
					t.Logf("entry %d:\n  citeproc-js: %s\n  citekit:     %s", i, normEntry(want), normEntry(got))
				}
			}
			csame := 0
			for i, want := range js.Citations {
				if i < len(res.Citations) && res.Citations[i].HTML() == want {
					csame++
				}
			}
			t.Logf("%s: %d of %d bibliography entries and %d of %d single cites identical to citeproc-js",
				name, same, total, csame, len(js.Citations))
			if total > 0 && float64(same)/float64(total) < min {
				t.Errorf("only %d of %d entries match citeproc-js (want %.0f%%)", same, total, 100*min)
			}
		})
	}
}
