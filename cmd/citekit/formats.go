package main

import (
	"fmt"
	"strings"

	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/parse"
)

func runFormats(e *env, args []string) int {
	fs := newFlagSet(e, "formats", "formats")
	if st := parseFlags(e, fs, args); st >= 0 {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(e.stderr, "citekit formats: takes no arguments")
		return exitUsage
	}
	fmt.Fprintln(e.stdout, "Input formats (-from; detected when left out):")
	for _, f := range parse.Default().Formats() {
		fmt.Fprintf(e.stdout, "  %-15s %s%s\n", f.Name, f.Description, exts(f.Extensions))
	}
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, "Output formats (-to):")
	for _, f := range export.Default().Formats() {
		fmt.Fprintf(e.stdout, "  %-15s %s%s\n", f.Name, f.Description, exts(f.Extensions))
	}
	return exitOK
}

func exts(e []string) string {
	if len(e) == 0 {
		return ""
	}
	return " (" + strings.Join(e, ", ") + ")"
}
