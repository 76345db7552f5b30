package csl

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Limits on style and locale files. Deeper or bigger files are rejected
// with an error; real styles are far below them.
const (
	// MaxFileSize is the largest style or locale file read, in bytes.
	MaxFileSize = 8 << 20
	// MaxDepth is the deepest element nesting accepted.
	MaxDepth = 64
	// maxMacroDepth bounds macro calls within macro calls at render time.
	maxMacroDepth = 32
	// maxSteps bounds the elements rendered for one item; real styles
	// render a few hundred.
	maxSteps = 20000
)

// ErrStyle is wrapped by every error reported for a malformed style or locale.
var ErrStyle = errors.New("csl: invalid style")

// A SyntaxError reports a problem in a style or locale file with its line.
type SyntaxError struct {
	File string // "style" or "locale"
	Line int    // 1-based; 0 when unknown
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("csl: %s: line %d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("csl: %s: %s", e.File, e.Msg)
}

// Unwrap returns [ErrStyle].
func (e *SyntaxError) Unwrap() error { return ErrStyle }

// node is one element of a style or locale, with its compiled parts.
type node struct {
	name  string
	attrs map[string]string
	kids  []*node
	text  string
	line  int

	f     format
	vars  []string // the variable attribute, split
	macro *node    // text macro= target
	conds []cond   // if / else-if
	match string   // if / else-if match
}

func (n *node) attr(k string) string {
	if n == nil {
		return ""
	}
	return n.attrs[k]
}

func (n *node) has(k string) bool {
	if n == nil {
		return false
	}
	_, ok := n.attrs[k]
	return ok
}

func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// readTree reads an XML document into a tree of nodes.
func readTree(r io.Reader, file string) (*node, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, &SyntaxError{File: file, Msg: err.Error()}
	}
	if len(data) > MaxFileSize {
		return nil, &SyntaxError{File: file, Msg: fmt.Sprintf("larger than %d bytes", MaxFileSize)}
	}
	d := xml.NewDecoder(strings.NewReader(string(data)))
	d.Strict = true
	var root *node
	var stack []*node
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			l, _ := d.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				l = se.Line
			}
			return nil, &SyntaxError{File: file, Line: l, Msg: err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= MaxDepth {
				return nil, &SyntaxError{File: file, Line: line, Msg: fmt.Sprintf("elements nested deeper than %d", MaxDepth)}
			}
			n := &node{name: t.Name.Local, line: line, attrs: make(map[string]string, len(t.Attr))}
			for _, a := range t.Attr {
				k := a.Name.Local
				if a.Name.Space == "http://www.w3.org/XML/1998/namespace" || a.Name.Space == "xml" {
					k = "xml:" + k
				}
				n.attrs[k] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, &SyntaxError{File: file, Msg: "no root element"}
	}
	return root, nil
}

// format is the formatting, affixes and text transforms of an element.
type format struct {
	prefix, suffix, delim string
	fontStyle             string
	fontVariant           string
	fontWeight            string
	textDecoration        string
	verticalAlign         string
	display               string
	textCase              string
	stripPeriods          bool
	quotes                bool
	hasDelim              bool
}

func compileFormat(n *node) format {
	a := n.attrs
	f := format{
		prefix:         a["prefix"],
		suffix:         a["suffix"],
		fontStyle:      a["font-style"],
		fontVariant:    a["font-variant"],
		fontWeight:     a["font-weight"],
		textDecoration: a["text-decoration"],
		verticalAlign:  a["vertical-align"],
		display:        a["display"],
		textCase:       a["text-case"],
		stripPeriods:   a["strip-periods"] == "true",
		quotes:         a["quotes"] == "true",
	}
	f.delim, f.hasDelim = a["delimiter"]
	return f
}

func atoiDefault(s string, def int) int {
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return v
}
