// Command convert reads RIS records from standard input and writes them as
// BibTeX to standard output, reporting records it cannot read and the
// problems validation finds, one record at a time. README.md shows its loop.
//
//	go run ./examples/convert < testdata/ris/scopus.ris
package main

import (
	"errors"
	"io"
	"log"
	"os"

	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/parse"
)

func main() {
	log.SetFlags(0)
	if err := convert(os.Stdin, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func convert(in io.Reader, out io.Writer) error {
	// Read RIS, write BibTeX, one record at a time.
	dec := parse.NewRISDecoder(in)
	enc := export.NewBibTeXEncoder(out)
	for {
		c, err := dec.Decode()
		if err == io.EOF {
			break
		}
		var pe *parse.ParseError
		if errors.As(err, &pe) {
			log.Print(pe) // "ris: line 12, field PY: ...": this record is reported, the next is read
			if c == nil {
				continue
			}
		} else if err != nil {
			return err
		}
		for _, p := range c.Validate() {
			log.Printf("%s: %v (%v)", c.ID, p, p.Severity)
		}
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return enc.Close()
}
