// Package testutil holds helpers for citekit's tests: finding the shared
// corpus beside the repository and comparing golden files.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedDir returns the directory of the shared material (specs, corpus,
// seeds) that sits beside the repository as "../shared", or the directory
// named by $CITEKIT_SHARED. It skips the test when there is none, so a clone
// without it still passes.
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("CITEKIT_SHARED"); d != "" {
		return d
	}
	root, err := ModuleRoot()
	if err == nil {
		d := filepath.Join(root, "..", "shared")
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	t.Skip("../shared is absent; skipping the test that reads it")
	return ""
}

// Shared returns the path of name inside the shared directory, skipping the
// test when the shared directory or the file is absent.
func Shared(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(SharedDir(t), name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent; skipping", p)
	}
	return p
}

// ModuleRoot returns the directory holding go.mod, searching upwards from
// the working directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Golden compares got with the golden file at path. With update set it
// writes got to the file instead.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run go test -update to create it): %v", err)
	}
	if string(want) != string(got) {
		t.Errorf("output differs from %s (run go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
