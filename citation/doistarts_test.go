package citation

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"
)

// doiStartsAlphabet makes text dense in "10.", digits, registrant ends and
// percent escapes.
const doiStartsAlphabet = "10.10.1234/x 5%2F\\"

// TestDOIStarts checks the candidate search, with vector instructions
// where the CPU has them, against a plain loop: on random text dense in
// '1', '0', '.', digits and percent escapes, at every alignment, with
// windows that end anywhere and candidate buffers of every size the finder
// uses. The search may leave out a "10." only where tryDOI rejects it.
func TestDOIStarts(t *testing.T) {
	t.Logf("vector search: %v", doiVector)
	rng := rand.New(rand.NewPCG(1, 2))
	dropped := 0
	for iter := range 20000 {
		b := make([]byte, rng.IntN(600))
		for i := range b {
			b[i] = doiStartsAlphabet[rng.IntN(len(doiStartsAlphabet))]
		}
		from := rng.IntN(len(b) + 1)
		lim := from + rng.IntN(len(b)-from+1)
		out := make([]int, []int{24, 25, 40, doiCandidates}[iter%4])
		n, next := doiStarts(b, from, lim, out, new(doiMasks))
		if next < from || next > lim || next == from && from < lim || n > len(out) {
			t.Fatalf("%q [%d:%d] out %d: n %d next %d", b, from, lim, len(out), n, next)
		}
		got := out[:n]
		// Every position given is a "10." in [from, next), in order.
		for k, p := range got {
			if p < from || p >= next || p+2 >= len(b) || string(b[p:p+3]) != "10." || k > 0 && p <= got[k-1] {
				t.Fatalf("%q [%d:%d]: bad candidate %d in %v (next %d)", b, from, lim, p, got, next)
			}
		}
		// Every "10." in [from, next) is given, or rejected by tryDOI.
		k := 0
		for p := from; p < next; p++ {
			if p+2 < len(b) && string(b[p:p+3]) == "10." {
				for k < len(got) && got[k] < p {
					k++
				}
				if k < len(got) && got[k] == p {
					continue
				}
				dropped++
				if _, _, ok := tryDOI(b, p, true, DefaultMaxDOILen); ok {
					t.Fatalf("%q [%d:%d]: candidate %d missing from %v (next %d)", b, from, lim, p, got, next)
				}
			}
		}
	}
	if doiVector && dropped == 0 {
		t.Error("the vector search sifted out nothing")
	}
}

// TestDOIStartsSpans runs the candidate search over long texts, call after
// call, as the finder does: dense in "10." (so that out fills in the middle
// of a span) or sparse (so that most blocks hold none, and spans end with a
// partial word of doiMasks.any), from and to any position. It must give
// every "10." that tryDOI accepts, in order, once, and make progress at
// every call.
func TestDOIStartsSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var m doiMasks
	for iter := range 60 {
		b := make([]byte, 5000+rng.IntN(40000))
		dense := iter%2 == 0
		for i := range b {
			b[i] = "xy z"[rng.IntN(4)]
			if dense && rng.IntN(3) == 0 {
				b[i] = doiStartsAlphabet[rng.IntN(len(doiStartsAlphabet))]
			}
		}
		if !dense {
			for range 30 {
				copy(b[rng.IntN(len(b)-20):], " 10.1234/abc ")
			}
		}
		from := rng.IntN(200)
		lim := len(b) - rng.IntN(200)
		var want, got []int
		for p := from; p < lim; p++ {
			if p+2 < len(b) && string(b[p:p+3]) == "10." {
				if _, _, ok := tryDOI(b, p, true, DefaultMaxDOILen); ok {
					want = append(want, p)
				}
			}
		}
		out := make([]int, []int{doiBlockRoom, 40, doiCandidates}[iter%3])
		for pos := from; pos < lim; {
			n, next := doiStarts(b, pos, lim, out, &m)
			if next <= pos || next > lim {
				t.Fatalf("iter %d: doiStarts from %d gave next %d (lim %d)", iter, pos, next, lim)
			}
			for _, p := range out[:n] {
				if p < pos || p >= next {
					t.Fatalf("iter %d: candidate %d outside [%d, %d)", iter, p, pos, next)
				}
				if _, _, ok := tryDOI(b, p, true, DefaultMaxDOILen); ok {
					got = append(got, p)
				}
			}
			pos = next
		}
		if !slices.Equal(want, got) {
			t.Fatalf("iter %d (dense %v, len %d, out %d): candidates accepted %v, want %v", iter, dense, len(b), len(out), got, want)
		}
	}
}

// TestDOIMasksLayout checks the literals of the assembly against doiSpan
// and doiMasks.
func TestDOIMasksLayout(t *testing.T) {
	var m doiMasks
	if doiSpan != 128 || doiSpan%64 != 0 || unsafe.Offsetof(m.any) != 1024 || len(m.any) != doiSpan/64 || doiBlockRoom != 24 {
		t.Fatalf("doiSpan %d, doiMasks.any at %d, doiBlockRoom %d: change doistarts_amd64.s", doiSpan, unsafe.Offsetof(m.any), doiBlockRoom)
	}
}

// TestDOIClass32 checks the vector sort of bytes by class against doiClass,
// for every byte value at every position.
func TestDOIClass32(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var b [32]byte
	for c := range 256 {
		for k := range 32 {
			for i := range b {
				b[i] = byte(rng.IntN(256))
			}
			b[k] = byte(c)
			plain, other := doiClass32(&b[0])
			for i, c := range b {
				want := doiClass[c]
				got := uint8(doiClassTrail)
				switch {
				case plain>>i&1 != 0 && other>>i&1 != 0:
					t.Fatalf("byte %#x at %d: both plain and other", c, i)
				case plain>>i&1 != 0:
					got = doiClassPlain
				case other>>i&1 != 0:
					got = 0
				}
				if got != want {
					t.Fatalf("byte %#x at %d: class %d, want %d", c, i, got, want)
				}
			}
		}
	}
}

// TestDOIDigits8 checks doiDigits8 for every byte value after every count
// of digits.
func TestDOIDigits8(t *testing.T) {
	for k := range 9 {
		for c := range 256 {
			var b [8]byte
			for i := range b {
				b[i] = '0' + byte(i+k)%10
			}
			want := 8
			if k < 8 {
				b[k] = byte(c)
				want = k
				if '0' <= c && c <= '9' {
					want = 8
				}
			}
			if got := doiDigits8(binary.LittleEndian.Uint64(b[:])); got != want {
				t.Fatalf("%q: %d digits, want %d", b, got, want)
			}
		}
	}
}

// TestQuickDOI checks that quickDOI, when it decides, answers as tryDOI
// does: on random text dense in the bytes that end a DOI or need a closer
// look, with DOIs near the end of the 32 bytes it sorts at once.
func TestQuickDOI(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	parts := []string{"10.1234/", "10.12345678/", "10.1234.5/", " 10.", "abc", "x.y", "1", "9", ".", ";", ":", "!",
		" ", "\n", `"`, "'", ",", "?", ")", "]", "}", ">", "(", "[", "<", "</a>", "&amp;", "&2", "%2F", `\/`, "#x", "#", "é", "\xff", "\x7f"}
	var answers [3]int
	for range 50000 {
		var b []byte
		for n := 60 + rng.IntN(100); len(b) < n; {
			b = append(b, parts[rng.IntN(len(parts))]...)
		}
		for p := 0; p+2 < len(b); p++ {
			if string(b[p:p+3]) != "10." {
				continue
			}
			for _, maxLen := range []int{DefaultMaxDOILen, 64, 20} {
				end, esc, answer := quickDOI(b, p, maxLen)
				answers[answer]++
				if answer == doiQuickMaybe {
					continue
				}
				wantEnd, wantEsc, ok := tryDOI(b, p, true, maxLen)
				if ok != (answer == doiQuickYes) || ok && (end != wantEnd || esc != wantEsc) {
					t.Fatalf("%q at %d, maxLen %d: quickDOI %d %v %d, tryDOI %d %v %v", b, p, maxLen, end, esc, answer, wantEnd, wantEsc, ok)
				}
			}
		}
	}
	t.Logf("no %d, yes %d, maybe %d", answers[doiQuickNo], answers[doiQuickYes], answers[doiQuickMaybe])
	for answer, n := range answers {
		if n < 1000 {
			t.Errorf("answer %d given %d times", answer, n)
		}
	}
}
