package citation

import (
	"math/rand/v2"
	"testing"
)

// TestDOIRunLen8 checks the branch-free run length against a plain loop,
// with every byte value at every position among bytes of all kinds.
func TestDOIRunLen8(t *testing.T) {
	alphabet := []byte("0123456789./-%\\ a\x00\x7f\x80\xae\xaf\xb0\xb9\xff")
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 8)
	for k := range 8 {
		for v := range 256 {
			for range 20 {
				for i := range b {
					b[i] = alphabet[rng.IntN(len(alphabet))]
				}
				b[k] = byte(v)
				want := 0
				for want < 8 && doiInRun(b[7-want]) {
					want++
				}
				if got := doiRunLen8(b, 8); got != want {
					t.Fatalf("doiRunLen8(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}

// TestDOIPrintableASCII8 checks the branch-free test of 8 suffix bytes
// against a plain loop, with every byte value at every position.
func TestDOIPrintableASCII8(t *testing.T) {
	alphabet := []byte("aZ09/.-%<> \x00\x1f!~\x7f\x80\xa0\xc3\xff")
	rng := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, 10)
	for k := range 8 {
		for v := range 256 {
			for range 20 {
				for i := range b {
					b[i] = alphabet[rng.IntN(len(alphabet))]
				}
				b[1+k] = byte(v)
				want := true
				for _, c := range b[1:9] {
					if c <= ' ' || c >= 0x7f || c == '%' {
						want = false
					}
				}
				if got := doiPrintableASCII8(string(b), 1); got != want {
					t.Fatalf("doiPrintableASCII8(%q) = %v, want %v", b[1:9], got, want)
				}
			}
		}
	}
}
