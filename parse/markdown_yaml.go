package parse

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// An fmNode is a node of a front matter's YAML tree, lighter than a
// yaml.Node: the decoder needs only the kind, a scalar's text and whether
// it is a null, and the children (key, value, key, value, ... for a
// mapping). Aliases are resolved: a child that yaml.v3 gives as an alias
// is the anchored node itself, and an alias that cannot be resolved is nil.
type fmNode struct {
	kind    fmKind
	null    bool   // a null scalar (the !!null tag)
	keys    uint64 // of a mapping: the keyBit of each scalar key, ORed
	value   string
	content []*fmNode
}

// keyBit hashes a mapping key to one of 64 bits, so that looking up a key
// a mapping does not have is mostly one test.
func keyBit(k string) uint64 {
	if k == "" {
		return 1
	}
	return 1 << ((uint(len(k))*7 + uint(k[0]) + uint(k[len(k)-1])*3) & 63)
}

// setKeys sets m.keys from m's keys.
func (m *fmNode) setKeys() {
	for i := 0; i < len(m.content); i += 2 {
		if k := m.content[i]; k != nil && k.kind == fmScalar {
			m.keys |= keyBit(k.value)
		}
	}
}

type fmKind uint8

const (
	fmOther fmKind = iota
	fmScalar
	fmMapping
	fmSequence
)

// lightTree converts a tree decoded by yaml.v3 whose size with aliases
// expanded was checked by countExpanded. An anchored node is converted
// once, so the aliases to it share it.
func lightTree(n *yaml.Node) *fmNode {
	memo := map[*yaml.Node]*fmNode{}
	var conv func(n *yaml.Node, depth int) *fmNode
	conv = func(n *yaml.Node, depth int) *fmNode {
		for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
			n = n.Alias
		}
		if n == nil || n.Kind == yaml.AliasNode || depth > 1000 {
			return nil
		}
		if f, ok := memo[n]; ok {
			return f
		}
		f := &fmNode{}
		if n.Anchor != "" {
			memo[n] = f
		}
		switch n.Kind {
		case yaml.ScalarNode:
			f.kind, f.value, f.null = fmScalar, n.Value, n.Tag == "!!null"
			return f
		case yaml.MappingNode:
			f.kind = fmMapping
		case yaml.SequenceNode:
			f.kind = fmSequence
		}
		if len(n.Content) > 0 {
			f.content = make([]*fmNode, len(n.Content))
			for i, c := range n.Content {
				f.content[i] = conv(c, depth+1)
			}
		}
		if f.kind == fmMapping {
			f.setKeys()
		}
		return f
	}
	return conv(n, 0)
}

// fastFrontMatter parses the plain subset of YAML that front matter is
// almost always written in, building the tree that lightTree makes of
// yaml.Unmarshal's (kinds, values, nulls and children) several times
// faster, and returns its root mapping. It reports ok=false, and the caller
// falls back to go.yaml.in/yaml/v3, for anything outside the subset or
// anything it is unsure of, errors included:
//
//   - block mappings with plain keys, nested by indentation (spaces only);
//   - block sequences of scalars or of block mappings;
//   - plain scalars on one line, with an optional " #" comment;
//   - single- and double-quoted scalars, over several lines too (double
//     quotes with the escapes \" \\ \n \t only);
//   - literal (|) and folded (>) block scalars with clip or strip chomping
//     and no more-indented lines;
//   - flow sequences of scalars on one line ([a, "b"]) and empty {} / [];
//   - comment and blank lines.
//
// Anchors, aliases, tags, flow mappings, complex keys, directives,
// multi-line plain scalars, duplicate keys and tabs are left to yaml.v3.
// TestFastFrontMatter and FuzzFastFrontMatter check that both parsers give
// the same tree.
func fastFrontMatter(src string) (*fmNode, bool) {
	if !yamlPrintable(src) {
		return nil, false
	}
	p := fmParser{lines: splitFMLines(src), finalNL: len(src) > 0 && src[len(src)-1] == '\n'}
	for _, l := range p.lines {
		if strings.HasPrefix(l, "---") || strings.HasPrefix(l, "...") {
			return nil, false // a document marker ("... :"): yaml.v3 decides
		}
	}
	if strings.Contains(src, "\u0085") || strings.Contains(src, "\u2028") || strings.Contains(src, "\u2029") {
		return nil, false // line breaks for yaml.v3 (NEL, LS, PS)
	}
	p.nodes = fmEstimate(p.lines)
	p.kids = p.nodes
	p.stack = make([]*fmNode, 0, min(p.nodes, 64))
	p.skipBlank()
	if p.i >= len(p.lines) {
		return nil, false // empty: yaml.v3 decides
	}
	ind := p.indent(p.lines[p.i])
	if ind != 0 {
		return nil, false
	}
	m, ok := p.mapping(0)
	if !ok {
		return nil, false
	}
	p.skipBlank()
	if p.i != len(p.lines) {
		return nil, false
	}
	return m, true
}

// yamlPrintable reports whether src is valid UTF-8 made of the characters
// YAML allows in a stream (c-printable), without a byte order mark.
func yamlPrintable(src string) bool {
	for i := 0; i < len(src); {
		// 8 bytes of printable ASCII, tab and line feed at once
		if i+8 <= len(src) {
			x := loadWord(src, i)
			if x&wordHigh == 0 &&
				wordBelow(x, 0x20)&^(wordZeros(x^wordOf('\t'))|wordZeros(x^wordOf('\n')))|wordZeros(x^wordOf(0x7F)) == 0 {
				i += 8
				continue
			}
		}
		c := src[i]
		if c < utf8.RuneSelf {
			// a CR is a line break of its own in YAML; left to yaml.v3
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(src[i:])
		switch {
		case r == utf8.RuneError && n == 1, r == 0xFEFF:
			return false
		case r == 0x85, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
		i += n
	}
	return true
}

const (
	wordOnes = 0x0101010101010101
	wordHigh = 0x8080808080808080
)

// wordOf returns a word of 8 bytes c.
func wordOf(c byte) uint64 { return wordOnes * uint64(c) }

// loadWord returns the 8 bytes of s at i as a little-endian word.
func loadWord(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// wordZeros returns 0x80 in each byte of x that is zero and 0 in the
// others; every byte of x must be below 0x80.
func wordZeros(x uint64) uint64 { return ^((x | wordHigh) - wordOnes) & wordHigh }

// wordBelow returns 0x80 in each byte of x that is below c and 0 in the
// others; every byte of x must be below 0x80, and c at most 0x80.
func wordBelow(x uint64, c byte) uint64 { return ^((x | wordHigh) - wordOf(c)) & wordHigh }

type fmParser struct {
	lines   []string
	i       int
	finalNL bool      // the text ends with a line break
	nodes   int       // the estimated number of nodes, for the first chunk
	kids    int       // the estimated number of children, for the first chunk
	slab    []fmNode  // nodes are allocated from here, a chunk at a time
	stack   []*fmNode // the children of the collections being parsed
	ptrs    []*fmNode // finished collections' children, a chunk at a time
}

// children ends a collection whose children were pushed on the stack from
// start: it returns them, moved to the ptrs chunk.
func (p *fmParser) children(start int) []*fmNode {
	kids := p.stack[start:]
	n := len(kids)
	if n == 0 {
		return nil
	}
	if cap(p.ptrs)-len(p.ptrs) < n {
		size := p.kids // first the estimate, then chunks of twice the lines
		if size == 0 {
			size = 2*len(p.lines) + 16
		}
		p.kids = 0
		if size < n {
			size = n
		}
		p.ptrs = make([]*fmNode, 0, size)
	}
	p.ptrs = append(p.ptrs, kids...)
	clear(kids)
	p.stack = p.stack[:start]
	l := len(p.ptrs)
	return p.ptrs[l-n : l : l]
}

// endMapping sets a mapping's children and key bits.
func (p *fmParser) endMapping(m *fmNode, start int) *fmNode {
	m.content = p.children(start)
	m.setKeys()
	return m
}

// node returns a new node from the slab.
func (p *fmParser) node(kind fmKind, null bool, value string) *fmNode {
	if len(p.slab) == cap(p.slab) {
		n := p.nodes // first the estimate, then chunks of half the lines
		if n == 0 {
			n = len(p.lines)/2 + 16
		}
		p.nodes = 0
		p.slab = make([]fmNode, 0, n)
	}
	p.slab = append(p.slab, fmNode{kind: kind, null: null, value: value})
	return &p.slab[len(p.slab)-1]
}

// fmEstimate estimates the number of nodes of a front matter from its
// lines, erring high: a key line makes two (the key and its value), an item
// one (and, for a "- key: value" item, the mapping it starts), a flow
// sequence one more for each item; any other line one.
func fmEstimate(lines []string) int {
	n := 1 // the root
	for _, l := range lines {
		t := strings.TrimLeft(l, " ")
		if t == "" || t[0] == '#' {
			continue
		}
		n++
		if t[0] == '-' {
			n++
		}
		if strings.IndexByte(t, ':') >= 0 {
			n++
		}
		if strings.IndexByte(t, '[') >= 0 {
			n += strings.Count(t, ",") + 1
		}
	}
	return n
}

func splitFMLines(s string) []string {
	n := strings.Count(s, "\n") + 1
	lines := make([]string, 0, n)
	for {
		j := strings.IndexByte(s, '\n')
		if j < 0 {
			if s != "" {
				lines = append(lines, strings.TrimSuffix(s, "\r"))
			}
			return lines
		}
		lines = append(lines, strings.TrimSuffix(s[:j], "\r"))
		s = s[j+1:]
	}
}

// indent returns the number of leading spaces, or -1 when a tab is part
// of the indentation.
func (p *fmParser) indent(l string) int {
	for k := 0; k < len(l); k++ {
		switch l[k] {
		case ' ':
			continue
		case '\t':
			return -1
		}
		return k
	}
	return len(l)
}

// blank reports whether a line is empty or a comment.
func fmBlank(l string) bool {
	for i := 0; i < len(l); i++ {
		if l[i] != ' ' {
			return l[i] == '#'
		}
	}
	return true
}

func (p *fmParser) skipBlank() {
	for p.i < len(p.lines) && fmBlank(p.lines[p.i]) {
		p.i++
	}
}

func (p *fmParser) nullNode() *fmNode { return p.node(fmScalar, true, "") }

func (p *fmParser) strNode(v string, plain bool) *fmNode {
	if plain {
		switch v {
		case "", "~", "null", "Null", "NULL":
			return p.node(fmScalar, true, v)
		}
	}
	return p.node(fmScalar, false, v)
}

// mapping parses a block mapping whose keys are at column ind.
func (p *fmParser) mapping(ind int) (*fmNode, bool) {
	m := p.node(fmMapping, false, "")
	start := len(p.stack)
	var seen map[string]bool // the keys, once there are many of them
	for {
		p.skipBlank()
		if p.i >= len(p.lines) {
			return p.endMapping(m, start), true
		}
		l := p.lines[p.i]
		li := p.indent(l)
		if li < 0 {
			return nil, false
		}
		if li < ind {
			return p.endMapping(m, start), true
		}
		if li > ind {
			return nil, false
		}
		key, rest, ok := fmKey(l[li:])
		if !ok || p.dupKey(p.stack[start:], key, &seen) {
			return nil, false
		}
		p.i++
		v, ok := p.value(ind, rest, false)
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, p.strNode(key, true), v)
	}
}

// dupKey reports whether the key/value list kv already has key. A few
// keys are compared one by one; past 32, seen indexes them.
func (p *fmParser) dupKey(kv []*fmNode, key string, seen *map[string]bool) bool {
	if *seen == nil && len(kv) < 64 {
		for i := 0; i < len(kv); i += 2 {
			if kv[i].value == key {
				return true
			}
		}
		return false
	}
	if *seen == nil {
		*seen = make(map[string]bool, len(kv))
		for i := 0; i < len(kv); i += 2 {
			(*seen)[kv[i].value] = true
		}
	}
	if (*seen)[key] {
		return true
	}
	(*seen)[key] = true
	return false
}

// fmKey splits "key: rest" (or "key:" at the end of the line).
func fmKey(l string) (key, rest string, ok bool) {
	if l == "" {
		return "", "", false
	}
	switch l[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return "", "", false
	}
	// the first ':' that a space or the end of the line follows, with no
	// tab or comment (" #") before it
	for from := 0; ; {
		k := strings.IndexByte(l[from:], ':')
		if k < 0 {
			return "", "", false
		}
		k += from
		if k+1 < len(l) && l[k+1] != ' ' {
			from = k + 1
			continue
		}
		if strings.IndexByte(l[:k], '\t') >= 0 || strings.Contains(l[:k], " #") {
			return "", "", false
		}
		key = strings.TrimRight(l[:k], " ")
		if key == "" || k > 512 || // YAML limits implicit keys to 1024 characters
			key != strings.TrimSpace(key) {
			return "", "", false
		}
		return key, strings.TrimLeft(l[k+1:], " "), true
	}
}

// value parses what follows "key:" (or "- ") on the line just consumed;
// ind is the indentation of the key (or of the dash).
func (p *fmParser) value(ind int, rest string, inSeq bool) (*fmNode, bool) {
	if rest == "" || rest[0] == '#' {
		// nested block, or null
		save := p.i
		p.skipBlank()
		if p.i >= len(p.lines) {
			return p.nullNode(), true
		}
		l := p.lines[p.i]
		li := p.indent(l)
		if li < 0 {
			return nil, false
		}
		t := l[li:]
		isDash := t == "-" || strings.HasPrefix(t, "- ")
		switch {
		case li > ind && isDash:
			return p.sequence(li)
		case li == ind && isDash && !inSeq:
			return p.sequence(li)
		case li > ind:
			return p.mapping(li)
		}
		p.i = save
		return p.nullNode(), true
	}
	switch rest[0] {
	case '"':
		return p.doubleQuoted(rest)
	case '\'':
		return p.singleQuoted(rest)
	case '|', '>':
		return p.blockScalar(ind, rest)
	case '[':
		return p.flowSeq(rest)
	case '{':
		if strings.TrimSpace(stripComment(rest)) == "{}" {
			n := p.node(fmMapping, false, "")
			return n, true
		}
		return nil, false
	case '&', '*', '!', '%', '@', '`', ']', '}', ',', '?':
		return nil, false
	case '-':
		if rest == "-" || strings.HasPrefix(rest, "- ") {
			return nil, false // "key: - a" is an error; "- - a" nests
		}
	case ':':
		if rest == ":" || strings.HasPrefix(rest, ": ") {
			return nil, false
		}
	}
	v, ok := fmPlain(rest)
	if !ok {
		return nil, false
	}
	// a plain scalar continued on the next, more indented line
	if p.i < len(p.lines) {
		l := p.lines[p.i]
		if li := p.indent(l); li > ind && !fmBlank(l) || li < 0 {
			return nil, false
		}
	}
	return p.strNode(v, true), true
}

// stripComment removes a " #" comment.
func stripComment(s string) string {
	for k := 1; k < len(s); k++ {
		if s[k] == '#' && (s[k-1] == ' ' || s[k-1] == '\t') {
			return s[:k]
		}
	}
	return s
}

// fmPlain reads a one-line plain scalar.
func fmPlain(s string) (string, bool) {
	s = strings.TrimRight(stripComment(s), " ")
	if s == "" {
		return "", false
	}
	for k := 0; k < len(s); k++ {
		switch c := s[k]; c {
		case ':':
			if k+1 == len(s) || s[k+1] == ' ' {
				return "", false
			}
		case '\t':
			return "", false
		}
	}
	return s, true
}

// sequence parses a block sequence whose dashes are at column ind.
func (p *fmParser) sequence(ind int) (*fmNode, bool) {
	s := p.node(fmSequence, false, "")
	start := len(p.stack)
	for {
		p.skipBlank()
		if p.i >= len(p.lines) {
			s.content = p.children(start)
			return s, true
		}
		l := p.lines[p.i]
		li := p.indent(l)
		if li < 0 {
			return nil, false
		}
		if li < ind {
			s.content = p.children(start)
			return s, true
		}
		t := l[li:]
		if li > ind || !(t == "-" || strings.HasPrefix(t, "- ")) {
			if li == ind {
				s.content = p.children(start)
				return s, true // a key of the enclosing mapping
			}
			return nil, false
		}
		item := strings.TrimLeft(t[1:], " ")
		if item == "" || item[0] == '#' {
			p.i++
			v, ok := p.value(ind, item, true)
			if !ok {
				return nil, false
			}
			p.stack = append(p.stack, v)
			continue
		}
		if _, _, ok := fmKey(item); ok {
			// "- key: value" starts a mapping whose keys are at the item's column
			col := li + (len(t) - len(item))
			p.lines[p.i] = strings.Repeat(" ", col) + item
			m, ok := p.mapping(col)
			if !ok {
				return nil, false
			}
			p.stack = append(p.stack, m)
			continue
		}
		p.i++
		v, ok := p.value(li, item, true)
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, v)
	}
}

// fmFlowSeq reads a one-line flow sequence of scalars.
func (p *fmParser) flowSeq(s string) (*fmNode, bool) {
	s = strings.TrimRight(stripComment(s), " ")
	if len(s) < 2 || s[len(s)-1] != ']' {
		return nil, false
	}
	body := s[1 : len(s)-1]
	n := p.node(fmSequence, false, "")
	start := len(p.stack)
	if strings.TrimSpace(body) == "" {
		return n, true
	}
	for len(body) > 0 {
		body = strings.TrimLeft(body, " ")
		if body == "" {
			return nil, false
		}
		var v string
		plain := false
		switch body[0] {
		case '"', '\'':
			q := body[0]
			end := strings.IndexByte(body[1:], q)
			if end < 0 {
				return nil, false
			}
			v = body[1 : 1+end]
			if strings.ContainsAny(v, "\\") || q == '\'' && strings.HasPrefix(body[2+end:], "'") {
				return nil, false
			}
			body = strings.TrimLeft(body[2+end:], " ")
			if body != "" && body[0] != ',' {
				return nil, false
			}
		case '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '#', ',', '?', '-', ':':
			return nil, false
		default:
			end := strings.IndexByte(body, ',')
			if end < 0 {
				end = len(body)
			}
			v = strings.TrimRight(body[:end], " ")
			if strings.ContainsAny(v, ":#[]{}\"'\t") || v == "" {
				return nil, false
			}
			body = body[end:]
			plain = true
		}
		p.stack = append(p.stack, p.strNode(v, plain))
		if body == "" {
			break
		}
		body = body[1:] // the comma
		if strings.TrimSpace(body) == "" {
			break // a trailing comma
		}
	}
	n.content = p.children(start)
	return n, true
}

// doubleQuoted reads a double-quoted scalar that starts on the current
// (consumed) line's rest and may continue on the following lines.
func (p *fmParser) doubleQuoted(rest string) (*fmNode, bool) {
	return p.quoted(rest, '"')
}

func (p *fmParser) singleQuoted(rest string) (*fmNode, bool) {
	return p.quoted(rest, '\'')
}

func (p *fmParser) quoted(rest string, q byte) (*fmNode, bool) {
	var partsBuf [4]string
	parts := partsBuf[:0]
	line := rest[1:]
	first := true
	for {
		// find the closing quote on this line
		end := -1
		for k := 0; k < len(line); {
			j := strings.IndexByte(line[k:], q)
			if q == '"' {
				// an escape before the quote
				seg := line[k:]
				if j >= 0 {
					seg = seg[:j]
				}
				if b := strings.IndexByte(seg, '\\'); b >= 0 {
					k += b
					if k+1 >= len(line) {
						return nil, false
					}
					switch line[k+1] {
					case '"', '\\', 'n', 't':
						k += 2
						continue
					}
					return nil, false
				}
			}
			if j < 0 {
				break
			}
			k += j
			if q == '\'' && k+1 < len(line) && line[k+1] == '\'' {
				k += 2
				continue
			}
			end = k
			break
		}
		if end >= 0 {
			seg := line[:end]
			if !first {
				seg = strings.TrimLeft(seg, " \t")
			}
			parts = append(parts, seg)
			after := strings.TrimLeft(line[end+1:], " ")
			if after != "" && after[0] != '#' {
				return nil, false
			}
			break
		}
		seg := line
		if !first {
			seg = strings.TrimLeft(seg, " \t")
		}
		parts = append(parts, strings.TrimRight(seg, " \t"))
		if p.i >= len(p.lines) {
			return nil, false
		}
		line = p.lines[p.i]
		if strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...") {
			return nil, false
		}
		if p.indent(line) == 0 && strings.TrimSpace(line) != "" {
			return nil, false // continuation lines must be indented
		}
		p.i++
		first = false
	}
	// fold: line breaks become spaces; empty lines (newlines) are left to
	// yaml.v3
	for _, part := range parts[1:] {
		if part == "" && len(parts) > 2 {
			return nil, false
		}
	}
	v := parts[0]
	if len(parts) > 1 {
		v = strings.Join(parts, " ")
	}
	if q == '"' {
		v = unescapeDQ(v)
	} else if strings.Contains(v, "''") {
		v = strings.ReplaceAll(v, "''", "'")
	}
	n := p.strNode(v, false)
	return n, true
}

// unescapeDQ replaces the escapes \" \\ \n \t that quoted admits in a
// double-quoted scalar.
func unescapeDQ(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for ; i >= 0; i = strings.IndexByte(s, '\\') {
		b = append(b, s[:i]...)
		if i+1 == len(s) {
			b = append(b, '\\')
			s = ""
			break
		}
		switch c := s[i+1]; c {
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		default:
			b = append(b, c)
		}
		s = s[i+2:]
	}
	return string(append(b, s...))
}

// blockScalar reads a literal or folded block scalar.
func (p *fmParser) blockScalar(ind int, rest string) (*fmNode, bool) {
	head := strings.TrimRight(stripComment(rest), " ")
	literal := head[0] == '|'
	strip := false
	switch head[1:] {
	case "":
	case "-":
		strip = true
	default:
		return nil, false // keep chomping, indentation indicators
	}
	var lines []string
	base := -1
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		if strings.TrimSpace(l) == "" {
			if strings.ContainsRune(l, '\t') || len(l) > 0 && (base < 0 || len(l) > base) {
				return nil, false // white space that may be content
			}
			lines = append(lines, "")
			p.i++
			continue
		}
		li := p.indent(l)
		if li < 0 {
			return nil, false
		}
		if base < 0 {
			if li <= ind {
				break
			}
			if len(lines) > 0 {
				return nil, false // leading empty lines
			}
			base = li
		}
		if li < base {
			break
		}
		if li > base {
			return nil, false // more-indented lines
		}
		lines = append(lines, l[base:])
		p.i++
	}
	// trailing empty lines belong to the chomping; give them back
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
		p.i--
	}
	if len(lines) == 0 {
		return p.strNode("", false), true
	}
	var b strings.Builder
	for k, l := range lines {
		if k > 0 {
			switch {
			case literal:
				b.WriteByte('\n')
			case l == "":
				b.WriteByte('\n')
			case lines[k-1] != "":
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	// p.i is past the last content line (trailing empty lines were given back)
	if !strip && (p.i < len(p.lines) || p.finalNL) {
		b.WriteByte('\n')
	}
	n := p.strNode(b.String(), false)
	return n, true
}
