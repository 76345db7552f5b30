package main

import (
	"encoding/json"
	"fmt"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

// problemJSON is one problem in 'validate -json' output.
type problemJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	ID       string `json:"id"`
	Field    string `json:"field"`
	Value    string `json:"value"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func runValidate(e *env, args []string) int {
	fs := newFlagSet(e, "validate", "validate [-from FORMAT] [-json] [FILE...]\n\nPrints one line per problem: FILE:LINE: ID: FIELD: message (error|warning).")
	from := fs.String("from", "", "input format (default: detected from the input)")
	asJSON := fs.Bool("json", false, "print the problems as a JSON array")
	if st := parseFlags(e, fs, args); st >= 0 {
		return st
	}
	reg := parse.Default()
	if *from != "" {
		if _, ok := reg.Lookup(*from); !ok {
			fmt.Fprintf(e.stderr, "citekit validate: unknown input format %q (see 'citekit formats')\n", *from)
			return exitUsage
		}
	}
	ins, err := openInputs(e, fs.Args())
	if err != nil {
		fmt.Fprintf(e.stderr, "citekit validate: %v\n", err)
		return exitUsage
	}
	defer closeInputs(ins)

	list := []problemJSON{}
	hasErrors := false
	failed, fatal := forEachRecord(e, reg, *from, ins, func(r record) error {
		for _, p := range r.c.Validate() {
			if p.Severity == citation.SeverityError {
				hasErrors = true
			}
			pj := problemJSON{
				File: r.file, Line: r.line, ID: r.c.ID, Field: p.Field, Value: p.Value,
				Rule: p.Rule, Severity: p.Severity.String(), Message: problemMessage(p),
			}
			if *asJSON {
				list = append(list, pj)
				continue
			}
			fmt.Fprintf(e.stdout, "%s:%d: %s: %s: %s (%s)\n", pj.File, pj.Line, printable(orDash(pj.ID)), pj.Field, printable(pj.Message), pj.Severity)
		}
		return nil
	})
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			fmt.Fprintf(e.stderr, "citekit validate: %v\n", err)
			return exitUsage
		}
	}
	switch {
	case fatal:
		return exitUsage
	case failed || hasErrors:
		return exitRecords
	}
	return exitOK
}

// problemMessage is p's message without the field, which the line already
// names.
func problemMessage(p *citation.Problem) string {
	if p.Err != nil {
		return p.Err.Error()
	}
	return p.Rule
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
