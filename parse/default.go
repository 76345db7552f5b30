package parse

import "io"

// Default returns a new registry of every format citekit reads, most
// specific first, so that [Registry.Detect] tries the formats in an order
// that tells them apart.
func Default() *Registry {
	r := new(Registry)
	for _, f := range builtin() {
		r.Register(f)
	}
	return r
}

// builtin lists the built-in formats in detection order.
func builtin() []Format {
	return []Format{
		// One line a format, most specific first.
		{Name: "ris", Description: "RIS (Research Information Systems)", Extensions: []string{".ris"}, Sniff: SniffRIS, NewDecoder: func(r io.Reader) Decoder { return NewRISDecoder(r) }},
		{Name: "cslyaml", Description: "CSL-YAML (pandoc and Better BibTeX bibliographies)", Extensions: []string{".yaml", ".yml"}, Sniff: SniffCSLYAML, NewDecoder: func(r io.Reader) Decoder { return NewCSLYAMLDecoder(r) }},
		MarkdownFormat(), // "---" then a YAML key
		HTMLFormat(),     // "<!DOCTYPE html", "<html", "<meta", ...
		{Name: "csljson", Description: "CSL-JSON (an array, an object or NDJSON)", Extensions: []string{".json", ".ndjson", ".jsonl"}, Sniff: SniffCSLJSON, NewDecoder: func(r io.Reader) Decoder { return NewCSLJSONDecoder(r) }},
		DigitalCommonsFormat(), // loosest: plain text with label lines; keep last
		{Name: "bibtex", Description: "BibTeX and BibLaTeX (.bib)", Extensions: []string{".bib", ".bibtex", ".biblatex"}, Sniff: SniffBibTeX, NewDecoder: func(r io.Reader) Decoder { return NewBibTeXDecoder(r) }},
	}
}
