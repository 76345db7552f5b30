package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/doi"
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
	fs := newFlagSet(e, "doi check", "doi check [-online] [DOI...]\n\nWith no DOI, reads one DOI a line from standard input. Prints\nINPUT<TAB>valid<TAB>DOI or INPUT<TAB>invalid<TAB>REASON per line.\nWith -online, a well-formed DOI that the DOI system does not know is invalid.")
	online := fs.Bool("online", false, "also ask the DOI handle API whether each DOI is registered")
	mailto := fs.String("mailto", os.Getenv("CITEKIT_MAILTO"), "contact `address` sent with -online requests (default $CITEKIT_MAILTO)")
	handleURL := fs.String("handle-url", doi.DefaultHandleURL, "base `URL` of the DOI handle API, for -online")
	timeout := fs.Duration("timeout", doi.DefaultTimeout, "time limit for each -online request")
	if st := parseFlags(e, fs, args); st >= 0 {
		return st
	}
	var client *doi.Client
	if *online {
		client = &doi.Client{Mailto: *mailto, HandleURL: *handleURL, Timeout: *timeout}
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	invalid := false
	failed := false
	check := func(in string) {
		ok, err := checkDOI(w, in, client)
		if !ok {
			invalid = true
		}
		if err != nil {
			failed = true
			fmt.Fprintf(e.stderr, "citekit doi check: %s: %v\n", printable(in), err)
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
	switch {
	case failed:
		return exitUsage
	case invalid:
		return exitRecords
	}
	return exitOK
}

// checkDOI writes one result line for in and reports whether it is valid.
// With a client it also asks whether the DOI is registered; an error from
// that question is returned, and the line says "unknown".
func checkDOI(w *bufio.Writer, in string, client *doi.Client) (bool, error) {
	if client == nil && citation.ValidDOI(in) {
		// A canonical DOI, which ParseDOI would return unchanged, and
		// printable as it is: the fast path for long lists.
		w.WriteString(in)
		w.WriteString("\tvalid\t")
		w.WriteString(in)
		w.WriteByte('\n')
		return true, nil
	}
	shown := printable(in)
	if strings.TrimSpace(in) == "" {
		fmt.Fprintf(w, "%s\tinvalid\tblank line\n", shown)
		return false, nil
	}
	d, err := citation.ParseDOI(in)
	if err != nil {
		reason := err.Error()
		var ie *citation.IdentifierError
		if errors.As(err, &ie) && ie.Reason != "" {
			reason = ie.Reason
		}
		fmt.Fprintf(w, "%s\tinvalid\t%s\n", shown, printable(reason))
		return false, nil
	}
	if client != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		registered, err := client.Registered(ctx, d.String())
		cancel()
		if err != nil {
			fmt.Fprintf(w, "%s\tunknown\t%s\n", shown, printable(err.Error()))
			return false, err
		}
		if !registered {
			fmt.Fprintf(w, "%s\tinvalid\tnot registered\n", shown)
			return false, nil
		}
	}
	w.WriteString(shown)
	w.WriteString("\tvalid\t")
	w.WriteString(d.String())
	w.WriteByte('\n')
	return true, nil
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
		if buf == nil && !tooLong && err != bufio.ErrBufferFull && len(frag) <= max+1 {
			// The whole line is in the reader's buffer: one string.
			s := strings.TrimSuffix(string(frag), "\n")
			s = strings.TrimSuffix(s, "\r")
			if err == io.EOF && len(frag) > 0 {
				return s, nil
			}
			return s, err
		}
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

func runDOIExtract(e *env, args []string) int {
	fs := newFlagSet(e, "doi extract", "doi extract [-u] [FILE...]\n\nPrints the DOIs found in any text, one a line, in order of appearance.")
	unique := fs.Bool("u", false, "print each DOI once (compared ignoring ASCII case), at its first appearance")
	if st := parseFlags(e, fs, args); st >= 0 {
		return st
	}
	ins, err := openInputs(e, fs.Args())
	if err != nil {
		fmt.Fprintf(e.stderr, "citekit doi extract: %v\n", err)
		return exitUsage
	}
	defer closeInputs(ins)
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	var seen map[string]bool
	if *unique {
		seen = make(map[string]bool)
	}
	status := exitOK
	for _, in := range ins {
		sc := citation.NewDOIScanner(in.r)
		for sc.Scan() {
			m := sc.Match()
			if seen != nil {
				k := m.Key()
				if seen[k] {
					continue
				}
				seen[k] = true
			}
			w.WriteString(printable(m.DOI))
			w.WriteByte('\n')
		}
		if err := sc.Err(); err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", in.name, err)
			status = exitUsage
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "citekit doi extract: %v\n", err)
		return exitUsage
	}
	return status
}
