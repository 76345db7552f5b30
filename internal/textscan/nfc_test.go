package textscan

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestNFCSafe: the runes of common text are safe, combining marks and
// runes that change under NFC are not.
func TestNFCSafe(t *testing.T) {
	for _, r := range "üéÑßøåæœ“”‘’—–…•€£§©°±×÷αβΩжЖ" {
		if !NFCSafe(r) {
			t.Errorf("NFCSafe(%U %c) = false", r, r)
		}
	}
	for _, r := range []rune{0x0301, 0x0308, 0x0327, 0x2126, 0x212B, 0x1161, 0x11A8, 0x0344, 0x0958, 'a', 0x3042, -1, 0x10FFFF} {
		if NFCSafe(r) {
			t.Errorf("NFCSafe(%U) = true", r)
		}
	}
}

// FuzzNFCSafe: text made of ASCII and safe runes is in NFC.
func FuzzNFCSafe(f *testing.F) {
	f.Add("Müller “safe” — x", "e")
	f.Add("é", "\u0301")
	f.Fuzz(func(t *testing.T, a, b string) {
		s := a + b
		for _, r := range s {
			if r >= 0x80 && !NFCSafe(r) {
				return
			}
		}
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%q has only safe runes but is not in NFC", s)
		}
	})
}

// TestNFCSafePairs: each safe rune after and before ASCII and other safe
// runes leaves the text in NFC.
func TestNFCSafePairs(t *testing.T) {
	others := []rune{'a', 'e', 'A', 0xE9, 0x3B1, 0x2019, 0x436, 0x5D0, 0x627}
	for r := rune(0x80); r < nfcSafeLimit; r++ {
		if !NFCSafe(r) {
			continue
		}
		for _, o := range others {
			if o >= 0x80 && !NFCSafe(o) {
				continue
			}
			for _, s := range []string{string(r) + string(o), string(o) + string(r), string(r) + string(r)} {
				if !norm.NFC.IsNormalString(s) {
					t.Fatalf("%q is not in NFC", s)
				}
			}
		}
	}
}

// TestNFCSafeLatin: the runes NFCSafe takes as safe without its table are
// safe by the table, and the limit is not.
func TestNFCSafeLatin(t *testing.T) {
	for r := rune(0x80); r < latinSafeLimit; r++ {
		if nfcSafe()[r/64]&(1<<(r%64)) == 0 {
			t.Errorf("%U is taken as safe but is not", r)
		}
	}
	if NFCSafe(latinSafeLimit) {
		t.Errorf("NFCSafe(%U) = true", latinSafeLimit)
	}
}
