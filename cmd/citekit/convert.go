package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/parse"
)

func runConvert(e *env, args []string) int {
	fs := newFlagSet(e, "convert", "convert [-from FORMAT] [-to FORMAT] [-o FILE] [FILE...]")
	from := fs.String("from", "", "input format (default: detected from the input)")
	to := fs.String("to", "csljson", "output format")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	if st := parseFlags(e, fs, args); st >= 0 {
		return st
	}
	outFmt, ok := export.Default().Lookup(*to)
	if !ok {
		fmt.Fprintf(e.stderr, "citekit convert: unknown output format %q (see 'citekit formats')\n", *to)
		return exitUsage
	}
	reg := parse.Default()
	if *from != "" {
		if _, ok := reg.Lookup(*from); !ok {
			fmt.Fprintf(e.stderr, "citekit convert: unknown input format %q (see 'citekit formats')\n", *from)
			return exitUsage
		}
	}
	ins, err := openInputs(e, fs.Args())
	if err != nil {
		fmt.Fprintf(e.stderr, "citekit convert: %v\n", err)
		return exitUsage
	}
	defer closeInputs(ins)

	var w io.Writer = e.stdout
	var f *os.File
	if *out != "" && *out != "-" {
		f, err = os.Create(*out)
		if err != nil {
			fmt.Fprintf(e.stderr, "citekit convert: %v\n", err)
			return exitUsage
		}
		w = f
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := outFmt.NewEncoder(bw)
	failed, fatal := forEachRecord(e, reg, *from, ins, func(r record) error {
		return enc.Encode(r.c)
	})
	err = enc.Close()
	if err == nil {
		err = bw.Flush()
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "citekit convert: %v\n", err)
		return exitUsage
	}
	switch {
	case fatal:
		return exitUsage
	case failed:
		return exitRecords
	}
	return exitOK
}
