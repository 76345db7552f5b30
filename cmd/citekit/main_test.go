package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
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
