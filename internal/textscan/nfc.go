package textscan

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfcSafeLimit bounds the runes nfcSafe has an entry for: Latin, Greek,
// Cyrillic, punctuation and symbols, the common non-ASCII runes of
// citations.
const nfcSafeLimit = 0x3000

// nfcSafe marks the runes below nfcSafeLimit that are in NFC alone, do not
// combine with the rune before them and have canonical combining class 0:
// text made of ASCII and such runes is in NFC.
var nfcSafe = sync.OnceValue(func() *[nfcSafeLimit / 64]uint64 {
	var t [nfcSafeLimit / 64]uint64
	var buf [utf8.UTFMax]byte
	for r := rune(utf8.RuneSelf); r < nfcSafeLimit; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		b := utf8.AppendRune(buf[:0], r)
		p := norm.NFC.Properties(b)
		if p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.IsNormal(b) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return &t
})

// NFCSafe reports whether r leaves text in NFC wherever it stands between
// runes that do so too: text of ASCII and runes for which NFCSafe is true
// is in NFC. It is false for some runes that are, beyond the common ranges.
func NFCSafe(r rune) bool {
	if r >= utf8.RuneSelf && r < latinSafeLimit {
		return true // Latin-1, Latin Extended, IPA: see TestNFCSafeLatin
	}
	return r >= 0 && r < nfcSafeLimit && nfcSafe()[r/64]&(1<<(r%64)) != 0
}

// latinSafeLimit is the first rune above ASCII that is not NFC-safe: the
// combining grave accent. All runes from U+0080 below it are safe.
const latinSafeLimit = 0x300
