package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/citekit/citekit/citation"
	"github.com/citekit/citekit/internal/cslvars"
	"github.com/citekit/citekit/internal/textio"
)

// Limits of the CSL-YAML decoder, used when the corresponding field of
// [CSLYAMLDecoder] is zero.
const (
	DefaultCSLYAMLMaxSize  = 64 << 20  // bytes of input
	DefaultCSLYAMLMaxNodes = 1_000_000 // YAML nodes visited for one item, aliases expanded
)

// A CSLYAMLDecoder reads CSL-YAML: CSL items written as YAML, as pandoc and
// Better BibTeX write them. It accepts a mapping with a "references" list
// (a pandoc bibliography or Markdown front matter), a list of items, or one
// item, in one or several YAML documents.
//
// Items are read as the CSL-JSON decoder reads them ([CSLJSONDecoder]), and
// the YAML forms of dates are read too: a list of one or two mappings with
// year, month, day and season ("issued: [{year: 2019, month: 7}]"), and a
// date as a string ("issued: 2019-07-22"), read as a "raw" date.
//
// # Limits
//
// The input is read whole, up to MaxSize bytes ([ErrTooLarge] beyond).
// Aliases are expanded while converting, and at most MaxNodes nodes are
// visited for one item, so an alias bomb ("billion laughs") is reported with
// [ErrTooLarge] instead of exhausting memory. Nesting is limited to
// DefaultCSLJSONMaxDepth levels. A YAML syntax error ends decoding: it is
// reported with its line, and the items of the documents before it are
// returned.
//
// # Concurrency
//
// A decoder serves one goroutine.
type CSLYAMLDecoder struct {
	// MaxSize bounds the input; 0 means DefaultCSLYAMLMaxSize.
	MaxSize int
	// MaxNodes bounds the YAML nodes visited for one item; 0 means
	// DefaultCSLYAMLMaxNodes.
	MaxNodes int

	r       io.Reader
	started bool
	items   []*yaml.Node
	next    int
	tail    error // reported after the items
	err     error
	pos     [2]int
}

// NewCSLYAMLDecoder returns a decoder reading CSL-YAML from r.
func NewCSLYAMLDecoder(r io.Reader) *CSLYAMLDecoder {
	return &CSLYAMLDecoder{r: textio.NewReader(r)}
}

// RecordPos returns the line and column where the last item began.
func (d *CSLYAMLDecoder) RecordPos() (line, column int) { return d.pos[0], d.pos[1] }

var yamlLine = regexp.MustCompile(`line (\d+)`)

func (d *CSLYAMLDecoder) load() error {
	max := d.MaxSize
	if max <= 0 {
		max = DefaultCSLYAMLMaxSize
	}
	data, err := io.ReadAll(io.LimitReader(d.r, int64(max)+1))
	if err != nil {
		return err
	}
	if len(data) > max {
		d.tail = &ParseError{Format: "cslyaml", Line: 1, Column: 1, Err: fmt.Errorf("input larger than %d bytes: %w", max, ErrTooLarge)}
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			pe := &ParseError{Format: "cslyaml", Err: fmt.Errorf("%s: %w", strings.TrimPrefix(err.Error(), "yaml: "), ErrSyntax)}
			if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
				pe.Line, _ = strconv.Atoi(m[1])
			}
			d.tail = pe
			return nil
		}
		d.collect(&doc)
	}
}

// collect gathers the item nodes of a document.
func (d *CSLYAMLDecoder) collect(n *yaml.Node) {
	for n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.SequenceNode:
		d.items = append(d.items, n.Content...)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "references" {
				refs := n.Content[i+1]
				for refs.Kind == yaml.AliasNode && refs.Alias != nil {
					refs = refs.Alias
				}
				if refs.Kind == yaml.SequenceNode {
					d.items = append(d.items, refs.Content...)
				} else {
					d.items = append(d.items, refs)
				}
				return
			}
		}
		// A document without references: one item, if it looks like one.
		for i := 0; i+1 < len(n.Content); i += 2 {
			switch n.Content[i].Value {
			case "id", "type", "title":
				d.items = append(d.items, n)
				return
			}
		}
	}
}

// Decode returns the next item.
func (d *CSLYAMLDecoder) Decode() (*citation.Citation, error) {
	if d.err != nil {
		return nil, d.err
	}
	if !d.started {
		d.started = true
		if err := d.load(); err != nil {
			d.err = err
			return nil, err
		}
	}
	if d.next >= len(d.items) {
		d.err = io.EOF
		if d.tail != nil {
			return nil, d.tail
		}
		return nil, io.EOF
	}
	n := d.items[d.next]
	d.next++
	d.pos = [2]int{n.Line, n.Column}
	max := d.MaxNodes
	if max <= 0 {
		max = DefaultCSLYAMLMaxNodes
	}
	conv := yamlConv{budget: max, maxDepth: DefaultCSLJSONMaxDepth}
	err := conv.value(n, "", 0)
	if err != nil {
		return nil, &ParseError{Format: "cslyaml", Line: n.Line, Column: n.Column, Record: fmt.Sprintf("#%d", d.next), Err: err}
	}
	if n.Kind != yaml.MappingNode {
		return nil, &ParseError{Format: "cslyaml", Line: n.Line, Column: n.Column, Record: fmt.Sprintf("#%d", d.next),
			Err: fmt.Errorf("item is not a mapping: %w", ErrInvalidValue)}
	}
	p := itemParser{b: conv.buf, n: d.next}
	c, perr := p.parse()
	if perr != nil {
		var ie *itemError
		if errors.As(perr, &ie) {
			line, col := n.Line, n.Column
			if ie.field != "" {
				if kn := mappingKey(n, ie.field); kn != nil {
					line, col = kn.Line, kn.Column
				}
			}
			return c, &ParseError{Format: "cslyaml", Line: line, Column: col, Record: p.record(), Field: ie.field, Err: ie.err}
		}
		return c, perr
	}
	return c, nil
}

// mappingKey returns the key node named k of mapping n.
func mappingKey(n *yaml.Node, k string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return n.Content[i]
		}
	}
	return nil
}

// yamlConv writes a YAML node as JSON, expanding aliases within a budget of
// nodes.
type yamlConv struct {
	buf      []byte
	budget   int
	used     int
	maxDepth int
}

func (c *yamlConv) spend(depth int) error {
	c.used++
	if c.used > c.budget {
		return fmt.Errorf("more YAML nodes than the limit (alias expansion?): %w", ErrTooLarge)
	}
	if depth > c.maxDepth {
		return fmt.Errorf("nesting deeper than %d levels: %w", c.maxDepth, ErrTooLarge)
	}
	return nil
}

func (c *yamlConv) str(s string) {
	b, _ := json.Marshal(s)
	c.buf = append(c.buf, b...)
}

// value writes n; key is the mapping key it is the value of.
func (c *yamlConv) value(n *yaml.Node, key string, depth int) error {
	if err := c.spend(depth); err != nil {
		return err
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			c.buf = append(c.buf, "null"...)
			return nil
		}
		return c.value(n.Alias, key, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			c.buf = append(c.buf, "null"...)
			return nil
		}
		return c.value(n.Content[0], key, depth)
	case yaml.MappingNode:
		if v, ok := cslvars.Lookup(key); ok && v.Kind == cslvars.Date && !hasKey(n, "date-parts") && (hasKey(n, "year") || hasKey(n, "month") || hasKey(n, "season")) {
			return c.yamlDate([]*yaml.Node{n}, depth)
		}
		c.buf = append(c.buf, '{')
		first := true
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			for k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			if k.Tag == "!!merge" || k.Value == "<<" {
				continue
			}
			if !first {
				c.buf = append(c.buf, ',')
			}
			first = false
			c.str(k.Value)
			c.buf = append(c.buf, ':')
			if err := c.value(n.Content[i+1], k.Value, depth+1); err != nil {
				return err
			}
		}
		c.buf = append(c.buf, '}')
		return nil
	case yaml.SequenceNode:
		if v, ok := cslvars.Lookup(key); ok && v.Kind == cslvars.Date && len(n.Content) > 0 && allMappings(n.Content) {
			return c.yamlDate(n.Content, depth)
		}
		c.buf = append(c.buf, '[')
		for i, e := range n.Content {
			if i > 0 {
				c.buf = append(c.buf, ',')
			}
			if err := c.value(e, "", depth+1); err != nil {
				return err
			}
		}
		c.buf = append(c.buf, ']')
		return nil
	}
	// A scalar.
	if v, ok := cslvars.Lookup(key); ok && v.Kind == cslvars.Date {
		c.buf = append(c.buf, `{"raw":`...)
		c.str(n.Value)
		c.buf = append(c.buf, '}')
		return nil
	}
	switch n.ShortTag() {
	case "!!int":
		if _, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
			c.buf = append(c.buf, n.Value...)
			return nil
		}
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			c.buf = strconv.AppendBool(c.buf, b)
			return nil
		}
	case "!!null":
		c.buf = append(c.buf, "null"...)
		return nil
	}
	c.str(n.Value)
	return nil
}

func hasKey(n *yaml.Node, k string) bool { return mappingKey(n, k) != nil }

func allMappings(ns []*yaml.Node) bool {
	for _, n := range ns {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		if n.Kind != yaml.MappingNode {
			return false
		}
	}
	return true
}

// yamlDate writes the CSL-YAML date form, a list of one or two mappings of
// year, month, day, season, circa and literal, as a CSL-JSON date.
func (c *yamlConv) yamlDate(parts []*yaml.Node, depth int) error {
	type part struct{ y, m, d, season, circa, literal string }
	var ps []part
	start := len(c.buf)
	for _, n := range parts {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		if err := c.spend(depth + 1); err != nil {
			return err
		}
		var p part
		for i := 0; i+1 < len(n.Content); i += 2 {
			v := n.Content[i+1].Value
			switch n.Content[i].Value {
			case "year":
				p.y = v
			case "month":
				p.m = v
			case "day":
				p.d = v
			case "season":
				p.season = v
			case "circa":
				p.circa = v
			case "literal":
				p.literal = v
			}
		}
		ps = append(ps, p)
	}
	c.buf = append(c.buf, '{')
	sep := false
	if len(ps) > 0 && (ps[0].y != "" || ps[0].m != "") {
		c.buf = append(c.buf, `"date-parts":[`...)
		for i, p := range ps[:min(len(ps), 2)] {
			if i > 0 {
				c.buf = append(c.buf, ',')
			}
			c.buf = append(c.buf, '[')
			c.str(p.y)
			if p.m != "" || p.d != "" {
				c.buf = append(c.buf, ',')
				c.str(p.m)
			}
			if p.d != "" {
				c.buf = append(c.buf, ',')
				c.str(p.d)
			}
			c.buf = append(c.buf, ']')
		}
		c.buf = append(c.buf, ']')
		sep = true
	}
	field := func(k, v string) {
		if v == "" {
			return
		}
		if sep {
			c.buf = append(c.buf, ',')
		}
		sep = true
		c.str(k)
		c.buf = append(c.buf, ':')
		c.str(v)
	}
	if len(ps) > 0 {
		// A season range (two different seasons) keeps them as pseudo-months.
		if len(ps) == 2 && ps[1].season != "" && ps[1].season != ps[0].season {
			c.buf = c.buf[:start]
			return c.seasonRange(ps[0].y, ps[0].season, ps[1].y, ps[1].season)
		}
		field("season", ps[0].season)
		field("circa", ps[0].circa)
		field("literal", ps[0].literal)
	}
	c.buf = append(c.buf, '}')
	return nil
}

func (c *yamlConv) seasonRange(y1, s1, y2, s2 string) error {
	m1, ok1 := parseSeason(s1)
	m2, ok2 := parseSeason(s2)
	if !ok1 || !ok2 {
		return fmt.Errorf("unknown season %q or %q: %w", s1, s2, ErrInvalidValue)
	}
	c.buf = fmt.Appendf(c.buf, `{"date-parts":[[%q,%d],[%q,%d]]}`, y1, 12+int(m1), y2, 12+int(m2))
	return nil
}

// SniffCSLYAML reports whether prefix looks like CSL-YAML: after an optional
// "---" line and comments, a "references:" key or a list whose first item
// has an "id" or "type" key.
func SniffCSLYAML(prefix []byte) bool {
	lines := strings.Split(string(prefix), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, "\r")
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") || (i == 0 && t == "---") || t == "%YAML 1.2" {
			continue
		}
		return strings.HasPrefix(l, "references:") || strings.HasPrefix(l, "- id:") || strings.HasPrefix(l, "- type:")
	}
	return false
}
