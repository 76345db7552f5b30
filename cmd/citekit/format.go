package main

import (
	"bufio"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/csl"
	"github.com/citekit/citekit/parse"
)

func runFormat(e *env, args []string) int {
	fs := newFlagSet(e, "format", "format [-style NAME|FILE.csl] [-locale TAG|FILE.xml] [-output text|html|markdown] [-from FORMAT] [FILE...]")
	styleName := fs.String("style", "apa", "built-in style ("+strings.Join(csl.BuiltinStyles(), ", ")+") or a CSL style file")
	localeName := fs.String("locale", "", "locale: a built-in tag such as en-US, or a CSL locale file (default: the style's)")
	output := fs.String("output", "text", "output format: text, html or markdown")
	from := fs.String("from", "", "input format (default: detected from the input)")
	if st := parseFlags(e, fs, args); st >= 0 {
		return st
	}
	outFmt, ok := csl.ParseOutputFormat(*output)
	if !ok {
		fmt.Fprintf(e.stderr, "citekit format: unknown output %q (want text, html or markdown)\n", *output)
		return exitUsage
	}
	style, err := loadStyle(*styleName)
	if err != nil {
		fmt.Fprintf(e.stderr, "citekit format: %v\n", err)
		return exitUsage
	}
	var opts []csl.Option
	if *localeName != "" {
		loc, err := loadLocale(*localeName)
		if err != nil {
			fmt.Fprintf(e.stderr, "citekit format: %v\n", err)
			return exitUsage
		}
		opts = append(opts, csl.WithLocale(loc))
	}
	proc, err := csl.NewProcessor(style, opts...)
	if err != nil {
		fmt.Fprintf(e.stderr, "citekit format: %v\n", err)
		return exitUsage
	}
	reg := parse.Default()
	if *from != "" {
		if _, ok := reg.Lookup(*from); !ok {
			fmt.Fprintf(e.stderr, "citekit format: unknown input format %q (see 'citekit formats')\n", *from)
			return exitUsage
		}
	}
	ins, err := openInputs(e, fs.Args())
	if err != nil {
		fmt.Fprintf(e.stderr, "citekit format: %v\n", err)
		return exitUsage
	}
	defer closeInputs(ins)

	var items []*citation.Citation
	failed, fatal := forEachRecord(e, reg, *from, ins, func(r record) error {
		items = append(items, r.c)
		return nil
	})
	w := bufio.NewWriter(e.stdout)
	if err := proc.WriteBibliography(w, items, outFmt); err != nil {
		fmt.Fprintf(e.stderr, "citekit format: %v\n", err)
		return exitUsage
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "citekit format: %v\n", err)
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

// loadStyle returns a built-in style by name or reads a style file; a
// dependent style's parent is read from a file beside it named after the
// last part of the parent's URI ("apa.csl" for .../styles/apa).
func loadStyle(name string) (*csl.Style, error) {
	if !strings.HasSuffix(strings.ToLower(name), ".csl") {
		s, err := csl.BuiltinStyle(name)
		if err != nil {
			return nil, fmt.Errorf("%v (built-in styles: %s; or give a .csl file)", err, strings.Join(csl.BuiltinStyles(), ", "))
		}
		return s, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := csl.ParseStyle(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return csl.ResolveStyle(s, func(uri string) (*csl.Style, error) {
		parent := filepath.Join(filepath.Dir(name), path.Base(uri)+".csl")
		pf, err := os.Open(parent)
		if err != nil {
			return nil, fmt.Errorf("dependent style %s needs its parent %s: %w", name, uri, err)
		}
		defer pf.Close()
		return csl.ParseStyle(pf)
	})
}

// loadLocale returns a built-in locale by tag or reads a locale file.
func loadLocale(name string) (*csl.Locale, error) {
	if !strings.HasSuffix(strings.ToLower(name), ".xml") {
		return csl.BuiltinLocale(name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l, err := csl.ParseLocale(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return l, nil
}
