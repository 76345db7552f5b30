package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// binary is the citekit command built once for the tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "citekit-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "citekit")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		panic("building citekit: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary gave.
type result struct {
	stdout, stderr string
	code           int
}

// citekit runs the built binary from the module root with args and stdin.
func citekit(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running citekit: %v", err)
	}
	return result{stdout.String(), stderr.String(), code}
}

func TestUsage(t *testing.T) {
	r := citekit(t, "")
	if r.code != exitUsage || !strings.Contains(r.stderr, "usage: citekit") {
		t.Errorf("no arguments: code %d, stderr %q", r.code, r.stderr)
	}
	r = citekit(t, "", "bogus")
	if r.code != exitUsage || !strings.Contains(r.stderr, `unknown command "bogus"`) {
		t.Errorf("unknown command: code %d, stderr %q", r.code, r.stderr)
	}
	for _, c := range commands() {
		args := []string{c.name, "-h"}
		if c.name == "doi" {
			args = []string{"doi", "check", "-h"}
		}
		r := citekit(t, "", args...)
		if r.code != exitOK || !strings.Contains(r.stdout, "usage: citekit "+c.name) {
			t.Errorf("%s -h: code %d, stdout %q, stderr %q", c.name, r.code, r.stdout, r.stderr)
		}
	}
}

func TestDOICheck(t *testing.T) {
	r := citekit(t, "", "doi", "check", "testdata/doi-check/dois.txt")
	// A file name is not a DOI: arguments are the DOIs themselves.
	if r.code != exitRecords || !strings.HasPrefix(r.stdout, "testdata/doi-check/dois.txt\tinvalid\t") {
		t.Errorf("file name as DOI: code %d, stdout %q", r.code, r.stdout)
	}

	in, err := os.ReadFile(filepath.Join("..", "..", "testdata", "doi-check", "dois.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r = citekit(t, string(in), "doi", "check")
	want := []string{
		"10.1523/jneurosci.1353-25.2025\tvalid\t10.1523/jneurosci.1353-25.2025",
		"https://doi.org/10.1016/S0140-6736(20)30183-5\tvalid\t10.1016/S0140-6736(20)30183-5",
		"doi:10.1002/(SICI)1097-4636(199706)35:4<537::AID-JBM14>3.0.CO;2-G\tvalid\t10.1002/(SICI)1097-4636(199706)35:4<537::AID-JBM14>3.0.CO;2-G",
		"\tinvalid\tblank line",
		"not a doi\tinvalid\t",
		"10.abc/xyz\tinvalid\t",
		"10.1523/\tinvalid\t",
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), r.stdout)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want prefix %q", i+1, lines[i], w)
		}
		if strings.Count(lines[i], "\t") != 2 {
			t.Errorf("line %d = %q: want three tab-separated fields", i+1, lines[i])
		}
	}
	if r.code != exitRecords {
		t.Errorf("exit code %d, want %d for invalid DOIs", r.code, exitRecords)
	}

	r = citekit(t, "", "doi", "check", "10.1000/182", "DOI: 10.1000/ABC")
	if r.code != exitOK || r.stdout != "10.1000/182\tvalid\t10.1000/182\nDOI: 10.1000/ABC\tvalid\t10.1000/ABC\n" {
		t.Errorf("valid arguments: code %d, stdout %q", r.code, r.stdout)
	}

	// A tab inside the input cannot add a column.
	r = citekit(t, "10.1000/a\tb\n", "doi", "check")
	if strings.Count(r.stdout, "\t") != 2 {
		t.Errorf("tab in input broke the framing: %q", r.stdout)
	}
}

// readTestdata reads a file below the module's testdata directory.
func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDOIExtract(t *testing.T) {
	want := readTestdata(t, "doi/prose.want")
	r := citekit(t, "", "doi", "extract", "testdata/doi/prose.txt")
	if r.code != exitOK || r.stdout != want {
		t.Errorf("doi extract: code %d, stderr %q\ngot:\n%s\nwant:\n%s", r.code, r.stderr, r.stdout, want)
	}
	// From standard input, and -u keeps first appearances only.
	r = citekit(t, readTestdata(t, "doi/prose.txt"), "doi", "extract", "-u")
	var uniq []string
	seen := map[string]bool{}
	for _, d := range strings.Split(strings.TrimSuffix(want, "\n"), "\n") {
		if k := strings.ToLower(d); !seen[k] {
			seen[k] = true
			uniq = append(uniq, d)
		}
	}
	if r.code != exitOK || r.stdout != strings.Join(uniq, "\n")+"\n" {
		t.Errorf("doi extract -u: code %d\ngot:\n%s\nwant:\n%s", r.code, r.stdout, strings.Join(uniq, "\n"))
	}
	if len(uniq) == strings.Count(want, "\n") {
		t.Fatal("test data has no repeated DOI; -u is not exercised")
	}
	r = citekit(t, "", "doi", "extract", "testdata/no-such-file")
	if r.code != exitUsage {
		t.Errorf("missing file: code %d, want %d", r.code, exitUsage)
	}
}

func TestDOICheckOnline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/api/handles/")
		w.Header().Set("Content-Type", "application/json")
		if strings.EqualFold(name, "10.1000/182") {
			fmt.Fprintf(w, `{"responseCode":1,"handle":%q,"values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://www.doi.org/"}}]}`, name)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"responseCode":100,"handle":%q}`, name)
	}))
	defer srv.Close()
	r := citekit(t, "10.1000/182\n10.1000/unregistered\nnot a doi\n", "doi", "check", "-online", "-handle-url", srv.URL+"/api/handles/")
	want := "10.1000/182\tvalid\t10.1000/182\n" +
		"10.1000/unregistered\tinvalid\tnot registered\n" +
		"not a doi\tinvalid\t"
	if r.code != exitRecords || !strings.HasPrefix(r.stdout, want) {
		t.Errorf("doi check -online: code %d, stderr %q\ngot:\n%s\nwant prefix:\n%s", r.code, r.stderr, r.stdout, want)
	}
}

// TestConvertMatchesGoldens runs convert on the parsers' golden inputs and
// requires the parsers' golden CSL-JSON: the CLI adds nothing and loses
// nothing on the way.
func TestConvertMatchesGoldens(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range inputs {
		ext := filepath.Ext(in)
		if ext == ".json" || ext == ".errors" || ext == ".want" || ext == ".err" {
			continue
		}
		golden := strings.TrimSuffix(in, ext) + ".json"
		want, err := os.ReadFile(golden)
		if err != nil {
			continue // not a parser golden pair
		}
		errorsFile := strings.TrimSuffix(in, ext) + ".errors"
		if _, err := os.Stat(strings.TrimSuffix(in, ext) + ".err"); err == nil {
			errorsFile = strings.TrimSuffix(in, ext) + ".err"
		}
		_, hasErrors := os.Stat(errorsFile)
		rel, _ := filepath.Rel(filepath.Join("..", ".."), in)
		t.Run(rel, func(t *testing.T) {
			r := citekit(t, "", "convert", rel)
			assert.Equal(t, string(want), r.stdout)
			if hasErrors == nil && r.stderr != "" {
				assert.Equal(t, exitRecords, r.code, "stderr: %s", r.stderr)
				for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
					assert.Regexp(t, `^`+regexp.QuoteMeta(rel)+`:\d+(:\d+)?: \w+: `, line)
				}
			} else {
				assert.Equal(t, exitOK, r.code, "stderr: %s", r.stderr)
				assert.Empty(t, r.stderr)
			}
		})
		n++
	}
	if n < 10 {
		t.Errorf("only %d golden pairs found under testdata", n)
	}
}

func TestConvertFormats(t *testing.T) {
	// Several inputs of different formats in one run, to each output format.
	files := []string{"testdata/ris/scopus.ris", "testdata/bibtex/latex.bib", "testdata/markdown/qa.md", "testdata/digitalcommons/crlf.txt"}
	all := citekit(t, "", append([]string{"convert", "-to", "ndjson"}, files...)...)
	require.Equal(t, exitOK, all.code, all.stderr)
	total := strings.Count(all.stdout, "\n")
	sum := 0
	for _, f := range files {
		r := citekit(t, "", "convert", "-to", "ndjson", f)
		require.Equal(t, exitOK, r.code, r.stderr)
		sum += strings.Count(r.stdout, "\n")
	}
	assert.Equal(t, sum, total, "records of several files converted in one run")

	for _, to := range []string{"csljson", "ndjson", "ris", "bibtex", "biblatex"} {
		r := citekit(t, "", append([]string{"convert", "-to", to}, files...)...)
		assert.Equal(t, exitOK, r.code, "-to %s: %s", to, r.stderr)
		assert.NotEmpty(t, r.stdout, "-to %s", to)
		// Converting the output back gives the same number of records.
		back := citekit(t, r.stdout, "convert", "-to", "ndjson")
		assert.Equal(t, exitOK, back.code, "-to %s and back: %s", to, back.stderr)
		assert.Equal(t, total, strings.Count(back.stdout, "\n"), "-to %s and back", to)
	}

	// -o writes a file.
	out := filepath.Join(t.TempDir(), "out.ris")
	r := citekit(t, "", "convert", "-to", "ris", "-o", out, "testdata/ris/scopus.ris")
	require.Equal(t, exitOK, r.code, r.stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), "ER  - ")

	// Usage errors.
	for _, args := range [][]string{
		{"convert", "-to", "nope", "testdata/ris/scopus.ris"},
		{"convert", "-from", "nope", "testdata/ris/scopus.ris"},
		{"convert", "testdata/no-such-file.ris"},
		{"convert", "-bogus"},
	} {
		r := citekit(t, "", args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
		assert.NotEmpty(t, r.stderr, "%v", args)
	}
	// Undetectable input says so and asks for -from.
	r = citekit(t, "\x00\x01\x02 binary junk", "convert")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "-from")
}

func TestValidate(t *testing.T) {
	r := citekit(t, "", "validate", "testdata/ris/scopus.ris")
	assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)

	// A record with a bad ISSN check digit and no title.
	in := "TY  - JOUR\nID  - bad1\nSN  - 1529-2402\nJO  - J Neurosci\nER  - \n"
	r = citekit(t, in, "validate")
	assert.Equal(t, exitRecords, r.code)
	assert.Regexp(t, `(?m)^<stdin>:1: bad1: ISSN: .*check digit.* \(error\)$`, r.stdout)
	assert.Regexp(t, `(?m)^<stdin>:1: bad1: title: .* \(error\)$`, r.stdout)

	r = citekit(t, in, "validate", "-json")
	assert.Equal(t, exitRecords, r.code)
	var problems []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &problems), r.stdout)
	require.NotEmpty(t, problems)
	fields := map[string]bool{}
	for _, p := range problems {
		fields[p["field"].(string)] = true
		assert.Equal(t, "<stdin>", p["file"])
		assert.Equal(t, "bad1", p["id"])
	}
	assert.True(t, fields["ISSN"] && fields["title"], "%v", problems)

	// Warnings alone exit 0.
	r = citekit(t, "TY  - JOUR\nID  - w1\nTI  - A title\nER  - \n", "validate")
	assert.Equal(t, exitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, "(warning)")
}

func TestFormat(t *testing.T) {
	r := citekit(t, "", "format", "testdata/ris/scopus.ris")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Burgess, R. W.")
	r = citekit(t, "", "format", "-style", "vancouver", "-output", "html", "testdata/ris/scopus.ris")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Burgess RW")
	assert.Contains(t, r.stdout, "<")

	// Every record of a file is in the list, IDs or not.
	conv := citekit(t, "", "convert", "-to", "ndjson", "testdata/ris/alltypes.ris")
	n := strings.Count(conv.stdout, "\n")
	r = citekit(t, "", "format", "-output", "markdown", "testdata/ris/alltypes.ris")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, n, len(strings.Split(strings.TrimSpace(r.stdout), "\n\n")), r.stdout)

	for _, args := range [][]string{
		{"format", "-style", "nope"},
		{"format", "-output", "pdf"},
		{"format", "-style", "testdata/no-such.csl"},
	} {
		r := citekit(t, "", args...)
		assert.Equal(t, exitUsage, r.code, "%v", args)
	}
}

func TestFormats(t *testing.T) {
	r := citekit(t, "", "formats")
	require.Equal(t, exitOK, r.code)
	for _, name := range []string{"bibtex", "ris", "csljson", "cslyaml", "markdown", "html", "digitalcommons", "ndjson", "biblatex"} {
		assert.Contains(t, r.stdout, "  "+name+" ")
	}
}
