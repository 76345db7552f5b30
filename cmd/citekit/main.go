// Command citekit reads bibliographic records in many formats, normalizes and
// validates them, and writes BibTeX, RIS, CSL-JSON and formatted reference
// lists. It is a thin shell over the packages citation, parse, export and csl.
//
// Usage:
//
//	citekit convert [-from FORMAT] [-to FORMAT] [-o FILE] [FILE...]
//	citekit validate [-from FORMAT] [-json] [FILE...]
//	citekit format [-style NAME|FILE.csl] [-locale TAG|FILE.xml] [-output text|html|markdown] [FILE...]
//	citekit doi extract [-u] [FILE...]
//	citekit doi check [-online] [DOI...]
//	citekit formats
//
// With no FILE, or with "-", citekit reads standard input. Exit status: 0 when
// everything succeeded, 1 when some records failed (each reported on standard
// error as FILE:LINE: message, the others still written) or were invalid, 2
// for usage and I/O errors.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK      = 0
	exitRecords = 1 // some records failed or are invalid
	exitUsage   = 2 // usage or I/O error
)

// env is what a command runs with.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	name, summary string
	run           func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"convert", "convert records between formats", runConvert},
		{"validate", "report problems in records", runValidate},
		{"format", "print a formatted reference list", runFormat},
		{"doi", "extract DOIs from text (doi extract) or check DOIs (doi check)", runDOI},
		{"formats", "list the input and output formats", runFormats},
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "citekit: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: citekit COMMAND [flags] [FILE...]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'citekit COMMAND -h' for a command's flags.")
}
