// Package textscan holds the word-at-a-time scans behind the fast paths of
// text normalization (citation, parse) and JSON string writing (export):
// they look at 8 bytes at once and stop where a byte needs a closer look.
package textscan

import "math/bits"

const (
	ones = 0x0101010101010101
	high = 0x8080808080808080
	spc  = 0x2020202020202020
)

// load returns the 8 bytes of s at i as a little-endian word.
func load(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// le64 returns the first 8 bytes of s as a little-endian word.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// zeros returns 0x80 in each byte of x that is zero and 0 in the others;
// every byte of x must be below 0x80.
func zeros(x uint64) uint64 { return ^((x | high) - ones) & high }

// TextSpecial returns the index of the first byte of s that is not
// printable ASCII (it is below 0x20 or at or above 0x80) or that is a space
// after a space, taking prevSpace as whether the byte before s is a space;
// or len(s) when there is none.
func TextSpecial(s string, prevSpace bool) int {
	var carry uint64 // 0x80: the byte before the word is a space
	if prevSpace {
		carry = 0x80
	}
	t := s
	for len(t) >= 16 {
		// Two words at a time: fewer branches.
		x0, x1 := le64(t[:8]), le64(t[8:16])
		z0, z1 := zeros(x0^spc), zeros(x1^spc) // the spaces; exact while every byte is ASCII
		m0, m1 := textSpecialMask(x0, z0, carry), textSpecialMask(x1, z1, z0>>56)
		if m0|m1 != 0 {
			n := len(s) - len(t)
			if m0 != 0 {
				return n + bits.TrailingZeros64(m0)>>3
			}
			return n + 8 + bits.TrailingZeros64(m1)>>3
		}
		carry = z1 >> 56
		t = t[16:]
	}
	n := len(s) - len(t)
	for ; n+8 <= len(s); n += 8 {
		x := load(s, n)
		z := zeros(x ^ spc)
		if m := textSpecialMask(x, z, carry); m != 0 {
			return n + bits.TrailingZeros64(m)>>3
		}
		carry = z >> 56
	}
	switch {
	case n == len(s):
		return n
	case n > 0:
		// The last 8 bytes, overlapping bytes already seen, which are
		// left out of the mask; the byte before the first byte not yet
		// seen is in the word, so z<<8 tells whether it is a space.
		k := len(s) - 8
		x := load(s, k)
		m := textSpecialMask(x, zeros(x^spc), 0) &^ (1<<(8*(n-k)) - 1)
		if m != 0 {
			return k + bits.TrailingZeros64(m)>>3
		}
		return len(s)
	case len(s) >= 4:
		// The first 4 bytes and the last 4, which may overlap. The first
		// byte of the high half is left out: it is one of the first 4,
		// seen after its true neighbour; the others follow theirs.
		x := load4x2(s)
		m := textSpecialMask(x, zeros(x^spc), carry) &^ (0x80 << 32)
		if m != 0 {
			i := bits.TrailingZeros64(m) >> 3
			if i >= 4 {
				i += len(s) - 8 // the high half starts at len(s)-4
			}
			return i
		}
		return len(s)
	}
	for ; n < len(s); n++ {
		c := s[n]
		if c-0x20 >= 0x60 || c == ' ' && prevSpace {
			return n
		}
		prevSpace = c == ' '
	}
	return n
}

// textSpecialMask returns a word with 0x80 set in the first byte of x (in
// string order) that TextSpecial stops at, and in no byte before it, given
// z from zeros(x^spc) and carry 0x80 when the byte before x is a space. A
// carry only goes from a byte to the next, and none comes from the
// printable ASCII bytes before the first special one.
func textSpecialMask(x, z, carry uint64) uint64 {
	return (x | ^(x + ones*0x60) | z&(z<<8|carry)) & high
}

// JSONSpecial returns the index of the first byte of s that a JSON string
// does not hold as it is: a control character, the quote, the backslash or
// a byte of a non-ASCII rune (>= 0x80). It returns len(s) when there is none.
func JSONSpecial(s string) int {
	n := 0
	for ; n+8 <= len(s); n += 8 {
		if m := jsonSpecialMask(load(s, n)); m != 0 {
			return n + bits.TrailingZeros64(m)>>3
		}
	}
	switch {
	case n == len(s):
		return n
	case n > 0:
		// The last 8 bytes, overlapping bytes already seen: those are
		// plain, so the first byte set in the mask is still the first
		// special one.
		n = len(s) - 8
		if m := jsonSpecialMask(load(s, n)); m != 0 {
			return n + bits.TrailingZeros64(m)>>3
		}
		return len(s)
	case len(s) >= 4:
		// The first 4 bytes and the last 4, which may overlap: the
		// overlapping bytes are seen first in the low half.
		if m := jsonSpecialMask(load4x2(s)); m != 0 {
			i := bits.TrailingZeros64(m) >> 3
			if i >= 4 {
				i += len(s) - 8 // the high half starts at len(s)-4
			}
			return i
		}
		return len(s)
	}
	for ; n < len(s); n++ {
		if jsonPlainTable[s[n]] == '0' {
			return n
		}
	}
	return n
}

// load4x2 returns the first 4 bytes of s in the low half of a word and the
// last 4 in the high half; s has 4 to 8 bytes.
func load4x2(s string) uint64 {
	a, b := s[:4], s[len(s)-4:]
	return uint64(a[0]) | uint64(a[1])<<8 | uint64(a[2])<<16 | uint64(a[3])<<24 |
		uint64(b[0])<<32 | uint64(b[1])<<40 | uint64(b[2])<<48 | uint64(b[3])<<56
}

// jsonSpecialMask returns a word with 0x80 set in the first byte of x (in
// string order) that JSONSpecial stops at, and in no byte before it; bytes
// after it may be set or not. In a byte below 0x80, the high bit of x^'"'-1
// is set only for the quote (x^'"' is 0), of x^'\\'-1 only for the
// backslash, and of ^(x+0x60) only below 0x20; x has it for the other
// bytes. A borrow or carry only goes from a byte to the next, and none
// comes from the plain bytes before the first special one.
func jsonSpecialMask(x uint64) uint64 {
	return (x | ((x ^ (ones * '"')) - ones) | ((x ^ (ones * '\\')) - ones) | ^(x + ones*0x60)) & high
}

// jsonPlainTable[c] is '1' for a byte c that a JSON string holds as it is.
const jsonPlainTable = "" +
	"00000000000000000000000000000000" + // 0x00-0x1f: control characters
	"11011111111111111111111111111111" + // 0x20-0x3f: all but '"'
	"11111111111111111111111111110111" + // 0x40-0x5f: all but '\\'
	"11111111111111111111111111111111" + // 0x60-0x7f
	"00000000000000000000000000000000" + // 0x80-0xff: non-ASCII
	"00000000000000000000000000000000" +
	"00000000000000000000000000000000" +
	"00000000000000000000000000000000"
