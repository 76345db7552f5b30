package parse_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/testutil"
	"github.com/citekit/citekit/parse"
)

// Interop tests: peers read what citekit writes. They skip when the peer is
// absent. CI installs them (see .ci/run):
//
//	npm ci --prefix testdata/interop     # citation-js with its RIS plugin
//	apt-get install -y pandoc

// peerItems are the records the interop tests send to the peers.
func peerItems(t *testing.T) []*citation.Citation {
	c := richCitation()
	book := &citation.Citation{ID: "b1", Type: citation.TypeBook, Title: "Das Kapital", Publisher: "Meissner",
		PublisherPlace: "Hamburg", Authors: []citation.Name{{Family: "Marx", Given: "Karl"}},
		Issued: citation.Date{Year: 1867}, ISBN: []string{"9780306406157"}, Edition: "1"}
	chapter := &citation.Citation{ID: "c1", Type: citation.TypeChapter, Title: "Pippi goes aboard",
		ContainerTitle: "Collected stories", Authors: []citation.Name{{Family: "Lindgren", Given: "Astrid"}},
		Editors: []citation.Name{{Family: "Editor", Given: "Some"}}, Pages: "10-25", Issued: citation.Date{Year: 1946, Month: 5}}
	return []*citation.Citation{c, book, chapter}
}

func citationJS(t *testing.T) (node, dir string) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is absent; skipping the citation-js interop test")
	}
	root, err := testutil.ModuleRoot()
	require.NoError(t, err)
	dir = filepath.Join(root, "testdata", "interop")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@citation-js", "plugin-ris")); err != nil {
		t.Skip("citation-js is not installed; run: npm ci --prefix testdata/interop")
	}
	return node, dir
}

func runPeer(t *testing.T, name string, args ...string) []map[string]any {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "%s %v: %s", name, args, stderr.String())
	var items []map[string]any
	require.NoError(t, json.Unmarshal(out, &items), "%s", out)
	return items
}

// checkPeer compares the fields a peer read with ours.
func checkPeer(t *testing.T, peer string, got map[string]any, want *citation.Citation, risDates bool) {
	t.Helper()
	str := func(k string) string {
		switch v := got[k].(type) {
		case string:
			return v
		case float64:
			return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(json.Number(jsonNum(v)).String(), "0"), "."), ".")
		case []any:
			if len(v) > 0 {
				s, _ := v[0].(string)
				return s
			}
		}
		return ""
	}
	assert.Equal(t, string(want.Type), str("type"), "%s: type", peer)
	assert.Equal(t, want.Title, str("title"), "%s: title", peer)
	for _, k := range []string{"container-title", "volume", "issue", "page", "DOI", "URL", "publisher"} {
		if k == "publisher" && peer == "citation-js ris" && want.Type == citation.TypeArticleJournal {
			continue // citation-js maps no PB for JOUR
		}
		if v := want.Var(k); v != "" {
			assert.Equal(t, v, str(k), "%s: %s", peer, k)
		}
	}
	if len(want.ISSN) > 0 {
		assert.Contains(t, str("ISSN"), want.ISSN[0], "%s: ISSN", peer)
	}
	// Names: family and given of each author.
	var fams []string
	if as, ok := got["author"].([]any); ok {
		for _, a := range as {
			m, _ := a.(map[string]any)
			f, _ := m["family"].(string)
			if l, ok := m["literal"].(string); ok && f == "" {
				f = l
			}
			fams = append(fams, f)
		}
	}
	var wantFams []string
	for _, n := range want.Authors {
		switch {
		case n.Others:
		case n.Literal != "":
			wantFams = append(wantFams, n.Literal)
		default:
			fam := n.Family
			if n.NonDroppingParticle != "" && peer != "pandoc" && !strings.HasPrefix(peer, "citation-js csl") {
				fam = n.NonDroppingParticle + " " + fam // RIS joins particles to the family name
			}
			wantFams = append(wantFams, fam)
		}
	}
	assert.Equal(t, wantFams, fams, "%s: author family names", peer)
	// Issued.
	if want.Issued.Year != 0 {
		dp, _ := got["issued"].(map[string]any)["date-parts"].([]any)
		require.NotEmpty(t, dp, "%s: issued", peer)
		first, _ := dp[0].([]any)
		var parts []int
		for _, p := range first {
			switch x := p.(type) {
			case float64:
				parts = append(parts, int(x))
			case string:
				var n int
				json.Unmarshal([]byte(x), &n)
				parts = append(parts, n)
			}
		}
		wantParts := []int{want.Issued.Year}
		// citation-js reads DA (the full date) for journal articles only.
		full := !(peer == "citation-js ris" && want.Type != citation.TypeArticleJournal)
		if want.Issued.Month != 0 && full {
			wantParts = append(wantParts, want.Issued.Month)
			if want.Issued.Day != 0 {
				wantParts = append(wantParts, want.Issued.Day)
			}
		}
		assert.Equal(t, wantParts, parts, "%s: issued", peer)
	}
	if len(want.Keywords) > 0 {
		for _, k := range want.Keywords {
			assert.Contains(t, str("keyword"), strings.Split(k, ",")[0], "%s: keyword", peer)
		}
	}
}

func jsonNum(f float64) string { b, _ := json.Marshal(f); return string(b) }

// TestInteropCitationJSRIS: citation-js reads our RIS.
func TestInteropCitationJSRIS(t *testing.T) {
	node, dir := citationJS(t)
	items := peerItems(t)
	path := filepath.Join(t.TempDir(), "refs.ris")
	require.NoError(t, os.WriteFile(path, encodeRIS(t, true, items...), 0o644))
	got := runPeer(t, node, filepath.Join(dir, "cite.js"), path, "ris")
	require.Len(t, got, len(items))
	for i, want := range items {
		// citation-js does not map A2 of a book, and reads our JOUR as
		// article-journal: compare what both hold.
		checkPeer(t, "citation-js ris", got[i], want, true)
	}
}

// TestInteropCitationJSCSLJSON: citation-js reads our CSL-JSON.
func TestInteropCitationJSCSLJSON(t *testing.T) {
	node, dir := citationJS(t)
	items := peerItems(t)
	path := filepath.Join(t.TempDir(), "refs.json")
	require.NoError(t, os.WriteFile(path, encodeCSL(t, items...), 0o644))
	got := runPeer(t, node, filepath.Join(dir, "cite.js"), path, "csljson")
	require.Len(t, got, len(items))
	for i, want := range items {
		checkPeer(t, "citation-js csljson", got[i], want, false)
		assert.Equal(t, want.ID, got[i]["id"])
	}
}

// TestInteropPandocCSLJSON: pandoc reads our CSL-JSON (and writes it back).
func TestInteropPandocCSLJSON(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc is absent; skipping the pandoc interop test")
	}
	items := peerItems(t)
	path := filepath.Join(t.TempDir(), "refs.json")
	require.NoError(t, os.WriteFile(path, encodeCSL(t, items...), 0o644))
	got := runPeer(t, pandoc, "--from", "csljson", "--to", "csljson", path)
	require.Len(t, got, len(items))
	byID := map[string]map[string]any{}
	for _, g := range got {
		id, _ := g["id"].(string)
		byID[id] = g
	}
	for _, want := range items {
		g := byID[want.ID]
		require.NotNil(t, g, "pandoc lost %s", want.ID)
		checkPeer(t, "pandoc", g, want, false)
	}
	// And pandoc's output reads back.
	out, err := exec.Command(pandoc, "--from", "csljson", "--to", "csljson", path).Output()
	require.NoError(t, err)
	cs, err := parse.ReadAll(parse.NewCSLJSONDecoder(bytes.NewReader(out)))
	require.NoError(t, err)
	assert.Len(t, cs, len(items))
}
