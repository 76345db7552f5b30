package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/parse"
)

// newFlagSet returns a flag set that prints its usage with a synopsis and
// reports errors instead of exiting.
func newFlagSet(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: citekit %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it returns -1 to go on, or the exit status.
func parseFlags(e *env, fs *flag.FlagSet, args []string) int {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return -1
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(e.stdout)
		fs.Usage()
		return exitOK
	}
	return exitUsage
}

// An input is one named stream of records.
type input struct {
	name string // file name, or "<stdin>"
	r    io.Reader
	c    io.Closer
}

// openInputs opens the named files, or standard input when there are none.
func openInputs(e *env, names []string) ([]input, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	var ins []input
	for _, n := range names {
		if n == "-" {
			ins = append(ins, input{name: "<stdin>", r: e.stdin})
			continue
		}
		f, err := os.Open(n)
		if err != nil {
			closeInputs(ins)
			return nil, err
		}
		ins = append(ins, input{name: n, r: f, c: f})
	}
	return ins, nil
}

func closeInputs(ins []input) {
	for _, in := range ins {
		if in.c != nil {
			in.c.Close()
		}
	}
}

// decoderFor returns a decoder for in: of the named format, or of the
// format detected from its first bytes, or failing that of its extension.
func decoderFor(reg *parse.Registry, from string, in input) (parse.Decoder, error) {
	if from != "" {
		f, ok := reg.Lookup(from)
		if !ok {
			return nil, fmt.Errorf("%w %q (see 'citekit formats')", parse.ErrUnknownFormat, from)
		}
		return f.NewDecoder(in.r), nil
	}
	f, r, err := reg.Detect(in.r)
	if err != nil {
		if ef, ok := reg.ByExtension(in.name); ok && errors.Is(err, parse.ErrUnknownFormat) {
			return ef.NewDecoder(r), nil
		}
		return nil, fmt.Errorf("%w; name it with -from", err)
	}
	return f.NewDecoder(r), nil
}

// A record is a decoded citation with where it came from.
type record struct {
	c    *citation.Citation
	file string
	line int
}

// forEachRecord decodes every input and calls fn for each record. Records
// that fail are reported on stderr as FILE:LINE: message. It returns
// whether any record failed, and an error that stopped reading an input
// (which has been reported too).
func forEachRecord(e *env, reg *parse.Registry, from string, ins []input, fn func(record) error) (failed bool, fatal bool) {
	for _, in := range ins {
		d, err := decoderFor(reg, from, in)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", in.name, err)
			fatal = true
			continue
		}
		for {
			c, err := d.Decode()
			line, _ := d.RecordPos()
			if c != nil {
				if ferr := fn(record{c: c, file: in.name, line: line}); ferr != nil {
					fmt.Fprintf(e.stderr, "citekit: %v\n", ferr)
					return failed, true
				}
			}
			if err == nil {
				continue
			}
			if err == io.EOF {
				break
			}
			var pe *parse.ParseError
			if errors.As(err, &pe) {
				reportParseError(e, in.name, line, pe)
				failed = true
				continue
			}
			fmt.Fprintf(e.stderr, "%s: %v\n", in.name, err)
			fatal = true
			break
		}
	}
	return failed, fatal
}

// reportParseError prints pe as FILE:LINE: message, the position moved out
// of the message to the front.
func reportParseError(e *env, file string, recordLine int, pe *parse.ParseError) {
	line := pe.Line
	if line == 0 {
		line = recordLine
	}
	msg := *pe
	msg.Line, msg.Column = 0, 0
	if pe.Column > 0 {
		fmt.Fprintf(e.stderr, "%s:%d:%d: %v\n", file, line, pe.Column, &msg)
		return
	}
	fmt.Fprintf(e.stderr, "%s:%d: %v\n", file, line, &msg)
}
