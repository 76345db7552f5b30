package citation

import (
	"math/rand/v2"
	"testing"
)

// TestDOIStarts checks the candidate search, with vector instructions
// where the CPU has them, against a plain loop: on random text dense in
// '1', '0', '.' and digits, at every alignment, with windows that end
// anywhere and candidate buffers of every size the finder uses.
func TestDOIStarts(t *testing.T) {
	t.Logf("vector search: %v", doiVector)
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "10.10.1234/x 5"
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	for iter := range 20000 {
		b := make([]byte, rng.IntN(400))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		from := rng.IntN(len(b) + 1)
		lim := from + rng.IntN(len(b)-from+1)
		out := make([]int, []int{24, 25, 40, doiCandidates}[iter%4])
		n, next := doiStarts(b, from, lim, out)
		if next < from || next > lim || n == 0 && next != lim || n > len(out) {
			t.Fatalf("%q [%d:%d] out %d: n %d next %d", b, from, lim, len(out), n, next)
		}
		got := out[:n]
		// Every position given is a "10." in [from, next), in order.
		for k, p := range got {
			if p < from || p >= next || p+2 >= len(b) || string(b[p:p+3]) != "10." || k > 0 && p <= got[k-1] {
				t.Fatalf("%q [%d:%d]: bad candidate %d in %v (next %d)", b, from, lim, p, got, next)
			}
		}
		// Every "10." in [from, next) that tryDOI might accept is given.
		k := 0
		for p := from; p < next; p++ {
			if p+6 < len(b) && string(b[p:p+3]) == "10." && digit(b[p+3]) && digit(b[p+6]) {
				for k < len(got) && got[k] < p {
					k++
				}
				if k == len(got) || got[k] != p {
					t.Fatalf("%q [%d:%d]: candidate %d missing from %v (next %d)", b, from, lim, p, got, next)
				}
			}
		}
	}
}
