package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/citekit/citekit/citation"
)

func runDOI(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: citekit doi extract|check [flags] [ARG...]")
		return exitUsage
	}
	switch args[0] {
	case "check":
		return runDOICheck(e, args[1:])
	case "extract":
		return runDOIExtract(e, args[1:])
	case "-h", "-help", "--help":
		fmt.Fprintln(e.stdout, "usage: citekit doi extract|check [flags] [ARG...]")
		return exitOK
	}
	fmt.Fprintf(e.stderr, "citekit doi: unknown subcommand %q (want extract or check)\n", args[0])
	return exitUsage
}

// maxCheckLine bounds one line of 'doi check' input; longer lines are
// reported invalid without being held in memory whole.
const maxCheckLine = 64 << 10

func runDOICheck(e *env, args []string) int {
	fs := newFlagSet(e, "doi check", "doi check [DOI...]\n\nWith no DOI, reads one DOI a line from standard input. Prints\nINPUT<TAB>valid<TAB>DOI or INPUT<TAB>invalid<TAB>REASON per line.")
	if st := parseFlags(e, fs, args); st >= 0 {
		return st
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	invalid := false
	check := func(in string) {
		if !checkDOI(w, in) {
			invalid = true
		}
	}
	if fs.NArg() > 0 {
		for _, a := range fs.Args() {
			check(a)
		}
	} else {
		br := bufio.NewReaderSize(e.stdin, 64<<10)
		for {
			line, err := readLine(br, maxCheckLine)
			if errors.Is(err, errLineTooLong) {
				fmt.Fprintf(w, "%s...\tinvalid\tline longer than %d bytes\n", printable(line[:64]), maxCheckLine)
				invalid = true
				continue
			}
			if err == io.EOF && line == "" {
				break
			}
			check(line)
			if err != nil {
				if err != io.EOF {
					w.Flush()
					fmt.Fprintf(e.stderr, "citekit doi check: %v\n", err)
					return exitUsage
				}
				break
			}
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "citekit doi check: %v\n", err)
		return exitUsage
	}
	if invalid {
		return exitRecords
	}
	return exitOK
}

// checkDOI writes one result line for in and reports whether it is valid.
func checkDOI(w *bufio.Writer, in string) bool {
	shown := printable(in)
	if strings.TrimSpace(in) == "" {
		fmt.Fprintf(w, "%s\tinvalid\tblank line\n", shown)
		return false
	}
	d, err := citation.ParseDOI(in)
	if err != nil {
		reason := err.Error()
		var ie *citation.IdentifierError
		if errors.As(err, &ie) && ie.Reason != "" {
			reason = ie.Reason
		}
		fmt.Fprintf(w, "%s\tinvalid\t%s\n", shown, reason)
		return false
	}
	w.WriteString(shown)
	w.WriteString("\tvalid\t")
	w.WriteString(d.String())
	w.WriteByte('\n')
	return true
}

// printable replaces tabs and control characters so that a value cannot
// break the tab-separated framing of a result line.
func printable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '\uFFFD'
		}
		return r
	}, s)
}

var errLineTooLong = errors.New("line too long")

// readLine reads one line without its line ending. A line longer than max
// is consumed whole but only its first max bytes are returned, with
// errLineTooLong.
func readLine(br *bufio.Reader, max int) (string, error) {
	var buf []byte
	tooLong := false
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(frag) > max+1 {
				tooLong = true
				buf = append(buf, frag[:max-len(buf)]...)
			} else {
				buf = append(buf, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return string(buf), errLineTooLong
		}
		s := strings.TrimSuffix(string(buf), "\n")
		s = strings.TrimSuffix(s, "\r")
		if err == io.EOF && len(buf) > 0 {
			return s, nil
		}
		return s, err
	}
}
