package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADME keeps the README's library example true: its Go code is the
// body of convert, line for line.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)```go\n.*?\n\n(// Read RIS.*?)```").FindSubmatch(readme)
	require.NotNil(t, m, "README has no Go example starting with // Read RIS")
	src, err := os.ReadFile("main.go")
	require.NoError(t, err)
	var body []string
	for _, line := range strings.Split(string(src), "\n") {
		body = append(body, strings.TrimPrefix(line, "\t"))
	}
	assert.Contains(t, strings.Join(body, "\n"), string(m[1]))
}

func TestConvert(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ris", "scopus.ris"))
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, convert(bytes.NewReader(in), &out))
	records := len(regexp.MustCompile(`(?m)^ER  -`).FindAll(in, -1))
	require.NotZero(t, records)
	assert.Len(t, regexp.MustCompile(`(?m)^@\w+\{`).FindAllString(out.String(), -1), records)
	assert.Contains(t, out.String(), "@article{burgess2025synaptic,")
}
