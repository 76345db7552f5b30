// Command checkids checks identifiers in a pipeline: it reads one identifier
// per line from the files named on the command line (or standard input) and
// writes, for each, a tab-separated line
//
//	INPUT	valid	TYPE	CANONICAL
//	INPUT	invalid	TYPE	REASON
//
// TYPE is DOI, ISSN, ISBN, PMID, PMCID, ORCID or arXiv: the one given with
// -type, or the one the input looks like. Blank lines are skipped. The exit
// status is 1 when any identifier is invalid and 2 on a usage or read error.
//
//	go run ./examples/checkids -type issn <<< '1529-2401'
//	printf '10.1000/182\nPMC1201448\n0000-0002-1825-0098\n' | go run ./examples/checkids
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/citekit/citekit/citation"
)

func main() {
	typ := flag.String("type", "auto", "identifier type: auto, doi, issn, isbn, pmid, pmcid, orcid or arxiv")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: checkids [-type TYPE] [FILE...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if typeName(strings.ToLower(*typ)) == "" && !strings.EqualFold(*typ, "auto") {
		fmt.Fprintf(os.Stderr, "checkids: unknown type %q\n", *typ)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	invalid := false
	inputs := flag.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	for _, name := range inputs {
		r := io.ReadCloser(os.Stdin)
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				out.Flush()
				fmt.Fprintln(os.Stderr, "checkids:", err)
				os.Exit(2)
			}
			r = f
		}
		bad, err := check(r, out, strings.ToLower(*typ))
		if name != "-" {
			r.Close()
		}
		invalid = invalid || bad
		if err != nil {
			out.Flush()
			fmt.Fprintf(os.Stderr, "checkids: %s: %v\n", name, err)
			os.Exit(2)
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "checkids:", err)
		os.Exit(2)
	}
	if invalid {
		os.Exit(1)
	}
}

// typeNames maps the -type values to the names printed.
func typeName(t string) string {
	switch t {
	case "doi":
		return "DOI"
	case "issn":
		return "ISSN"
	case "isbn":
		return "ISBN"
	case "pmid":
		return "PMID"
	case "pmcid":
		return "PMCID"
	case "orcid":
		return "ORCID"
	case "arxiv":
		return "arXiv"
	}
	return ""
}

// parseAs parses s as an identifier of type t and returns its canonical
// form (ISBNs as ISBN-13).
func parseAs(t, s string) (string, error) {
	switch t {
	case "doi":
		v, err := citation.ParseDOI(s)
		return v.String(), err
	case "issn":
		v, err := citation.ParseISSN(s)
		return v.String(), err
	case "isbn":
		v, err := citation.ParseISBN(s)
		return v.ISBN13().String(), err
	case "pmid":
		v, err := citation.ParsePMID(s)
		return v.String(), err
	case "pmcid":
		v, err := citation.ParsePMCID(s)
		return v.String(), err
	case "orcid":
		v, err := citation.ParseORCID(s)
		return v.String(), err
	case "arxiv":
		v, err := citation.ParseArXiv(s)
		return v.String(), err
	}
	return "", fmt.Errorf("unknown type %q", t)
}

// check checks every line of r, writes the results to w and reports whether
// any identifier was invalid.
func check(r io.Reader, w io.Writer, typ string) (invalid bool, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		t := typ
		if t == "auto" {
			t = guess(line)
		}
		canon, err := parseAs(t, line)
		if err != nil {
			invalid = true
			reason := err.Error()
			var ie *citation.IdentifierError
			if errors.As(err, &ie) {
				reason = ie.Reason
			}
			fmt.Fprintf(w, "%s\tinvalid\t%s\t%s\n", line, typeName(t), reason)
			continue
		}
		fmt.Fprintf(w, "%s\tvalid\t%s\t%s\n", line, typeName(t), canon)
	}
	return invalid, sc.Err()
}

// guess returns the type that s looks like.
func guess(s string) string {
	l := strings.ToLower(s)
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r == 'x' || r == 'X' {
			digits++
		}
	}
	switch {
	case strings.Contains(l, "doi") || strings.HasPrefix(l, "10."):
		return "doi"
	case strings.Contains(l, "pmc"):
		return "pmcid"
	case strings.Contains(l, "orcid") || digits == 16:
		return "orcid"
	case strings.Contains(l, "arxiv") || strings.Contains(l, "/") || strings.Count(l, ".") == 1 && !strings.Contains(l, "-"):
		return "arxiv"
	case strings.Contains(l, "issn") || digits == 8 && strings.ContainsAny(l, "- "):
		return "issn"
	case strings.Contains(l, "isbn") || digits == 10 || digits == 13:
		return "isbn"
	}
	return "pmid"
}
