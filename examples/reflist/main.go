// Command reflist prints a formatted reference list of CSL-JSON items.
//
//	go run ./examples/reflist [-style apa|vancouver|FILE.csl] [-locale FILE.xml] [-output text|html|markdown] [FILE.json]
//
// Without a file it reads standard input; without one either, it formats two
// sample records.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/csl"
	"github.com/citekit/citekit/parse"
)

func main() {
	styleName := flag.String("style", "apa", "built-in style (apa, vancouver) or a .csl file")
	localeFile := flag.String("locale", "", "a CSL locale file (default: the built-in en-US)")
	output := flag.String("output", "text", "text, html or markdown")
	flag.Parse()
	if err := run(*styleName, *localeFile, *output, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "reflist:", err)
		os.Exit(1)
	}
}

func run(styleName, localeFile, output string, files []string) error {
	style, err := loadStyle(styleName)
	if err != nil {
		return err
	}
	var opts []csl.Option
	if localeFile != "" {
		f, err := os.Open(localeFile)
		if err != nil {
			return err
		}
		loc, err := csl.ParseLocale(f)
		f.Close()
		if err != nil {
			return err
		}
		opts = append(opts, csl.WithLocale(loc))
	}
	format, ok := csl.ParseOutputFormat(output)
	if !ok {
		return fmt.Errorf("unknown output format %q", output)
	}
	p, err := csl.NewProcessor(style, opts...)
	if err != nil {
		return err
	}
	items, err := readItems(files)
	if err != nil {
		return err
	}
	return p.WriteBibliography(os.Stdout, items, format)
}

func loadStyle(name string) (*csl.Style, error) {
	if !strings.HasSuffix(name, ".csl") {
		return csl.BuiltinStyle(name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := csl.ParseStyle(f)
	if err != nil {
		return nil, err
	}
	// a dependent style may name a built-in parent; others need their parent file
	return csl.ResolveStyle(s, func(uri string) (*csl.Style, error) {
		return nil, fmt.Errorf("parent style %s not available", uri)
	})
}

func readItems(files []string) ([]*citation.Citation, error) {
	if len(files) == 0 {
		if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return sample(), nil
		}
		return decode(os.Stdin, "stdin")
	}
	var all []*citation.Citation
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		items, err := decode(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	return all, nil
}

func decode(r io.Reader, name string) ([]*citation.Citation, error) {
	d := parse.NewCSLJSONDecoder(r)
	var items []*citation.Citation
	for {
		c, err := d.Decode()
		if err == io.EOF {
			return items, nil
		}
		var pe *parse.ParseError
		if errors.As(err, &pe) {
			fmt.Fprintf(os.Stderr, "reflist: %s: %v\n", name, err)
			continue
		}
		if err != nil {
			return nil, err
		}
		items = append(items, c)
	}
}

func sample() []*citation.Citation {
	return []*citation.Citation{
		{
			ID: "smith2025", Type: citation.TypeArticleJournal,
			Title:          "Neural circuits of fear",
			ContainerTitle: "Journal of Neuroscience", ContainerTitleShort: "J Neurosci",
			Volume: "45", Issue: "3", Pages: "812-824", DOI: "10.1523/jneurosci.1353-25.2025",
			Authors: []citation.Name{{Family: "Smith", Given: "John Ronald"}, {Family: "Doe", Given: "Jane"}},
			Issued:  citation.Date{Year: 2025, Month: 11},
		},
		{
			ID: "adams2019", Type: citation.TypeBook,
			Title: "The art of method", Publisher: "Oxford University Press", PublisherPlace: "Oxford",
			Authors: []citation.Name{{Family: "Adams", Given: "Ann"}},
			Issued:  citation.Date{Year: 2019},
		},
	}
}
