package citation

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// This file holds the DOI matcher shared by [ExtractDOIs] and [DOIScanner]:
// it decides whether a DOI starts at a given "10." of a byte window, and
// where it ends. The rules are documented on [DOIScanner].

// DefaultMaxDOILen is the default limit on the length in bytes of a DOI as
// written in the input (escapes and references included). A candidate that
// runs longer without ending is not a DOI.
const DefaultMaxDOILen = 1024

// doiLookahead is how many bytes past the end of the longest possible DOI
// the matcher may read to classify the character that ends it (an HTML
// entity such as "&amp;#x10FFFF;", a tag such as "<blockquote>", a MEDLINE
// tail "[doi]" written with references: 5 characters of up to 15 bytes).
const doiLookahead = 128

// doiLookbehind is how many bytes before a "10." the matcher reads to check
// its left boundary (a percent escape such as "%2F").
const doiLookbehind = 3

// doiMaxTagName is the longest HTML tag name recognised after "<".
const doiMaxTagName = 16

var doiMarker = []byte("10.")

// doiClass sorts the bytes of a DOI suffix for the fast path of matchDOI:
// doiClassPlain for the ASCII bytes that are part of a suffix wherever they
// are and are not trailing punctuation (every graphic ASCII byte but
// % & " ' ? , ( ) [ ] { } < > . ; : ! # \), doiClassTrail for the ASCII
// trailing punctuation . ; : !, which has no other rule, and 0 for the
// bytes that need a closer look.
var doiClass = func() (t [256]uint8) {
	for c := '!'; c <= '~'; c++ {
		t[c] = doiClassPlain
	}
	for _, c := range `%&"'?,()[]{}<>#\` {
		t[c] = 0
	}
	for _, c := range ".;:!" {
		t[c] = doiClassTrail
	}
	return t
}()

const (
	doiClassPlain = 1
	doiClassTrail = 2
)

func doiDigit(c byte) bool { return '0' <= c && c <= '9' }

func doiHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func doiHexVal(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func doiLetter(c byte) bool { u := c &^ 0x20; return 'A' <= u && u <= 'Z' }

// doiLeftOK reports whether a DOI may start at b[i]: at the start of the
// input, after a byte that is neither a digit nor '.', or after a percent
// escape ("%2F10.1000/x", "%2010.1000/x"). start is true when b[0] is the
// first byte of the input.
func doiLeftOK(b []byte, i int, start bool) bool {
	if i == 0 {
		return start
	}
	if c := b[i-1]; !doiDigit(c) && c != '.' {
		return true
	}
	return i >= 3 && b[i-3] == '%' && doiHex(b[i-2]) && doiHex(b[i-1])
}

// doiPrefixEnd checks the prefix of a DOI at b[i:], where b[i:i+3] is "10.":
// a registrant code of at least 4 digits, optionally subdivided by dots
// ("10.1000.10"), then "/" or its escape "%2F". It returns the index after
// the slash, or -1.
func doiPrefixEnd(b []byte, i int) (int, bool) {
	j := i + 3
	n := 0
	wide := j+8 <= len(b)
	if wide {
		// Count up to 8 digits at once: the registrant code has 4 or
		// 5 in most DOIs, and a loop would mispredict its end.
		n = doiDigits8(binary.LittleEndian.Uint64(b[j:]))
		j += n
	}
	for (!wide || n >= 8) && j < len(b) && doiDigit(b[j]) {
		j++
		n++
	}
	if n < 4 {
		return -1, false
	}
	for j+1 < len(b) && b[j] == '.' && doiDigit(b[j+1]) {
		j += 2
		for j < len(b) && doiDigit(b[j]) {
			j++
		}
	}
	if j < len(b) && b[j] == '/' {
		return j + 1, false
	}
	if j+2 < len(b) && b[j] == '%' && b[j+1] == '2' && b[j+2]|0x20 == 'f' {
		return j + 3, true
	}
	if j+1 < len(b) && b[j] == '\\' && b[j+1] == '/' {
		return j + 2, true // JSON: "10.1000\/182"
	}
	return -1, false
}

// doiDigits8 returns how many of the 8 bytes of x, from the lowest, are
// ASCII digits before the first that is not. The high bit of a byte is
// set in x, x+0x46 or x-0x30 exactly when it is not a digit; carries and
// borrows come only from bytes that are not, so they change nothing below
// the first of them.
func doiDigits8(x uint64) int {
	const h = 0x8080808080808080
	not := (x | (x + 0x4646464646464646) | (x - 0x3030303030303030)) & h
	return bits.TrailingZeros64(not) >> 3
}

// doiEntities are the HTML character references decoded inside a DOI.
var doiEntities = [...]struct {
	name string // after '&', with the ';'
	r    rune
}{
	{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}, {"nbsp;", 0xA0},
}

// doiEntityAt decodes the HTML character reference at b[j:] (b[j] == '&'): a
// name of [doiEntities] or a decimal or hexadecimal numeric reference of a
// valid code point. "&amp;" followed by another reference other than
// "amp;" is a doubly escaped reference ("&amp;lt;" is "<"). It returns the
// rune and the width in bytes, or width 0.
func doiEntityAt(b []byte, j int) (rune, int) {
	r, w := doiEntityName(b, j+1)
	if w == 0 {
		return 0, 0
	}
	if r == '&' && w == 4 {
		if r2, w2 := doiEntityName(b, j+5); w2 > 0 && !(r2 == '&' && w2 == 4) {
			return r2, 5 + w2
		}
	}
	return r, w + 1
}

// doiEntityName decodes the reference name at b[k:] (after the '&').
func doiEntityName(b []byte, k int) (rune, int) {
	rest := b[k:]
	if len(rest) > 0 && rest[0] == '#' {
		var v rune
		n := 1
		if len(rest) > 1 && rest[1]|0x20 == 'x' {
			n = 2
			for n < len(rest) && n < 2+6 && doiHex(rest[n]) {
				v = v<<4 | rune(doiHexVal(rest[n]))
				n++
			}
			if n == 2 {
				return 0, 0
			}
		} else {
			for n < len(rest) && n < 1+7 && doiDigit(rest[n]) {
				v = v*10 + rune(rest[n]-'0')
				n++
			}
			if n == 1 {
				return 0, 0
			}
		}
		if n >= len(rest) || rest[n] != ';' || !utf8.ValidRune(v) {
			return 0, 0
		}
		return v, n + 1
	}
	for _, e := range doiEntities {
		if len(rest) >= len(e.name) && string(rest[:len(e.name)]) == e.name {
			return e.r, len(e.name)
		}
	}
	return 0, 0
}

// doiStop is the rune doiCharAt returns for what always ends a DOI:
// invalid UTF-8, and a backslash escape other than "\/" and "\_".
const doiStop rune = -1

// doiCharAt decodes the character at b[j:]: a percent escape of an ASCII
// byte, an HTML character reference, a backslash escape, an ASCII byte, or
// a UTF-8 sequence. It returns the rune (or doiStop), its width in the
// input, and whether it was written as an escape or reference.
//
// Backslash escapes come from JSON and LaTeX: "\/" is '/' and "\_" is
// '_'; a backslash before an ASCII letter, '"' or '\' ("\n", "\u00e9",
// "\url") ends a DOI; any other backslash is itself.
func doiCharAt(b []byte, j int) (r rune, w int, esc bool) {
	c := b[j]
	switch {
	case c == '\\' && j+1 < len(b):
		switch n := b[j+1]; {
		case n == '/' || n == '_':
			return rune(n), 2, true
		case n == '"' || n == '\\' || doiLetter(n):
			return doiStop, 2, false
		}
		return '\\', 1, false
	case c == '%':
		if j+2 < len(b) && doiHex(b[j+1]) && doiHex(b[j+2]) {
			if v := doiHexVal(b[j+1])<<4 | doiHexVal(b[j+2]); v < utf8.RuneSelf {
				return rune(v), 3, true
			}
		}
		return '%', 1, false
	case c == '&':
		if r, w := doiEntityAt(b, j); w > 0 {
			return r, w, true
		}
		return '&', 1, false
	case c < utf8.RuneSelf:
		return rune(c), 1, false
	}
	r, w = utf8.DecodeRune(b[j:])
	if r == utf8.RuneError && w == 1 {
		return doiStop, 1, false
	}
	return r, w, false
}

// doiTagAt reports whether b[k:], just after a '<', continues an HTML tag:
// "/" or "!", or 1 to 16 ASCII letters followed by a space, '>' or '/'.
func doiTagAt(b []byte, k int) bool {
	if k >= len(b) {
		return false
	}
	if b[k] == '/' || b[k] == '!' {
		return true
	}
	n := 0
	for k+n < len(b) && n <= doiMaxTagName && doiLetter(b[k+n]) {
		n++
	}
	if n == 0 || n > doiMaxTagName || k+n >= len(b) {
		return false
	}
	switch b[k+n] {
	case ' ', '\t', '\n', '\r', '>', '/':
		return true
	}
	return false
}

// hasDOITag reports whether b[k:] starts with "doi]" in any ASCII case,
// written plainly or with escapes or references ("%5Bdoi%5D").
func hasDOITag(b []byte, k int) bool {
	for _, want := range "doi]" {
		if k >= len(b) {
			return false
		}
		r, w, _ := doiCharAt(b, k)
		if r != want && !(want != ']' && r == want-('a'-'A')) {
			return false
		}
		k += w
	}
	return true
}

// matchDOI tries a DOI at b[i:], where b[i:i+3] is "10." and the left
// boundary was checked. b ends at the end of the input or at least
// maxLen+doiLookahead bytes after i. It returns the end of the DOI in b
// (trailing punctuation excluded), whether its text needs decoding (escapes
// or references), and ok.
func matchDOI(b []byte, i, maxLen int) (end int, esc, ok bool) {
	limit := i + maxLen
	pb := b
	if len(pb) > limit+3 {
		pb = pb[:limit+3] // a longer prefix is over the limit anyway
	}
	j, esc := doiPrefixEnd(pb, i)
	if j < 0 || j > limit {
		return 0, false, false
	}
	return matchDOISuffix(b, j, limit, esc, 0, 0, false)
}

// matchDOISuffix is matchDOI from b[j:], the start of the suffix of a DOI
// that may not run past limit: esc tells whether the text before j needs
// decoding. win tells that plain and other are already doiClass32 of the
// 32 bytes at j, which lie before limit and in b.
func matchDOISuffix(b []byte, j, limit int, esc bool, plain, other uint32, win bool) (end int, escOut, ok bool) {
	var depth [4]int // (), [], {}, <>
	keep := -1       // end of the last character that is not trailing punctuation
	stop := min(len(b), limit)
	for j < len(b) {
		// Fast paths: ASCII characters with no rule of their own, and
		// ASCII trailing punctuation, 32 at a time with vector
		// instructions, then one at a time. The vector path also takes
		// the ASCII brackets, which SICI and other DOIs hold several of,
		// without sorting the bytes again: in a window, keep is the end
		// of the last plain byte or bracket taken (acc), found once.
	vector:
		for win || doiVector && j+32 <= stop {
			if !win {
				plain, other = doiClass32(&b[j])
			}
			win = false
			acc := plain
			for other != 0 {
				n := bits.TrailingZeros32(other)
				k := int(doiBracket[b[j+n]])
				switch {
				case k == 0:
					keep = doiKeepBefore(keep, j, acc, n)
					if doiEnds[b[j+n]] != 0 {
						goto done // white space, a quote, '?', ','
					}
					j += n
					break vector
				case k <= 4:
					if k == 2 && hasDOITag(b, j+n+1) || k == 4 && doiTagAt(b, j+n+1) {
						keep = doiKeepBefore(keep, j, acc, n)
						goto done
					}
					depth[(k-1)&3]++ // k-1, without a bounds check
				default:
					if depth[(k-5)&3] == 0 {
						keep = doiKeepBefore(keep, j, acc, n)
						goto done
					}
					depth[(k-5)&3]--
				}
				acc |= 1 << n
				other &= other - 1
			}
			if acc != 0 {
				keep = j + bits.Len32(acc)
			}
			j += 32
		}
		for j < stop {
			c := doiClass[b[j]]
			if c == 0 {
				break
			}
			j++
			if c == doiClassPlain {
				keep = j
			}
		}
		if j >= len(b) {
			break
		}
		r, w, e := doiCharAt(b, j)
		trail := false
		switch r {
		case doiStop, '"', '\'', '?', ',', 0x7F:
			goto done
		case '#':
			if j+w < len(b) && doiLetter(b[j+w]) {
				goto done // a URL fragment: "…0213978#viewedHeader"
			}
		case '&':
			if j+w >= len(b) || !doiDigit(b[j+w]) {
				goto done
			}
		case '(':
			depth[0]++
		case '[':
			if hasDOITag(b, j+w) {
				goto done
			}
			depth[1]++
		case '{':
			depth[2]++
		case '<':
			if doiTagAt(b, j+w) {
				goto done
			}
			depth[3]++
		case ')', ']', '}', '>':
			k := doiBracket[r] - 5
			if depth[k] == 0 {
				goto done
			}
			depth[k]--
		case '.', ';', ':', '!':
			trail = true
		default:
			if r <= ' ' {
				goto done
			}
			if r >= utf8.RuneSelf {
				if !unicode.IsGraphic(r) || unicode.IsSpace(r) {
					goto done
				}
				trail = unicode.IsPunct(r)
			}
		}
		if j+w > limit {
			return 0, false, false
		}
		esc = esc || e
		j += w
		if !trail {
			keep = j
		}
	}
done:
	if keep < 0 {
		return 0, false, false
	}
	return keep, esc, true
}

// doiKeepBefore returns the end of the last byte kept (a bit of acc) of
// the window at j before its byte n, or keep when there is none.
func doiKeepBefore(keep, j int, acc uint32, n int) int {
	if m := acc & (1<<n - 1); m != 0 {
		return j + bits.Len32(m)
	}
	return keep
}

// doiClass32Go is doiClass32 in Go, a byte at a time: bit k of plain is
// set when p[k] is of doiClassPlain, of other when it is of class 0.
func doiClass32Go(p *byte) (plain, other uint32) {
	for k, c := range unsafe.Slice(p, 32) {
		switch doiClass[c] {
		case doiClassPlain:
			plain |= 1 << k
		case 0:
			other |= 1 << k
		}
	}
	return plain, other
}

// doiBracket numbers the ASCII brackets as matchDOI's depth counts them:
// 1 to 4 for '(', '[', '{' and '<', 5 to 8 for ')', ']', '}' and '>'.
var doiBracket = func() (t [256]uint8) {
	for k, c := range "([{<)]}>" {
		t[c] = uint8(k + 1)
	}
	return t
}()

// appendDOI appends the text of the DOI b[i:end] to dst, decoding percent
// escapes and character references.
func appendDOI(dst []byte, b []byte, i, end int) []byte {
	for j := i; j < end; {
		r, w, _ := doiCharAt(b[:end], j)
		if w == 1 && (b[j] == '%' || b[j] == '&' || b[j] == '\\') {
			dst = append(dst, b[j])
		} else {
			dst = utf8.AppendRune(dst, r)
		}
		j += w
	}
	return dst
}
