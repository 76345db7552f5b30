// Package textscan holds the word-at-a-time scans behind the fast paths of
// text normalization (citation, parse) and JSON string writing (export):
// they look at 8 bytes at once and stop where a byte needs a closer look.
package textscan

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

// zeros returns 0x80 in each byte of x that is zero and 0 in the others;
// every byte of x must be below 0x80.
func zeros(x uint64) uint64 { return ^((x | high) - ones) & high }

// below returns 0x80 in each byte of x that is below c and 0 in the
// others; every byte of x must be below 0x80, and c at most 0x80.
func below(x uint64, c byte) uint64 { return ^((x | high) - ones*uint64(c)) & high }

// SpacedASCII returns the length n of the longest prefix of s made of whole
// 8-byte words in which every byte is printable ASCII (0x20 to 0x7F) and no
// space follows a space, taking prevSpace as the byte before s; and whether
// the last byte of that prefix is a space (prevSpace when n is 0).
func SpacedASCII(s string, prevSpace bool) (n int, endSpace bool) {
	for ; n+8 <= len(s); n += 8 {
		x := load(s, n)
		if x&high != 0 || below(x, 0x20) != 0 {
			break
		}
		z := zeros(x ^ spc)
		if z&(z<<8) != 0 || prevSpace && z&0x80 != 0 {
			break
		}
		prevSpace = z>>63 != 0
	}
	return n, prevSpace
}

// JSONPlain returns the length of the longest prefix of s made of whole
// 8-byte words of printable ASCII other than the quote and the backslash:
// bytes a JSON string holds as they are.
func JSONPlain(s string) int {
	n := 0
	for ; n+8 <= len(s); n += 8 {
		x := load(s, n)
		if x&high != 0 || below(x, 0x20)|zeros(x^(ones*'"'))|zeros(x^(ones*'\\')) != 0 {
			break
		}
	}
	return n
}
