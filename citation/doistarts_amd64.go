//go:build !purego

package citation

// doiVector reports whether the DOI finder uses AVX2 (doiStartsVec,
// doiClass32). It is set once, when the package is initialized, from the
// CPU's feature flags, and never changed.
var doiVector = hasAVX2()

// hasAVX2 reports whether the CPU has AVX2 and BMI1 (TZCNT, BLSR), and
// the operating system saves the YMM registers.
func hasAVX2() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if xgetbv()&6 != 6 { // XMM and YMM state
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	const bmi1, avx2 = 1 << 3, 1 << 5
	return ebx7&bmi1 != 0 && ebx7&avx2 != 0
}

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax uint32)

// doiStartsAVX2 stores in out the positions of the "10." of b in 64-byte
// blocks from b[from], in order: at most doiSpan blocks, each ending by lim
// with it and the eight bytes after it in b, while out has room for
// doiBlockRoom more. It drops, without branches on the text, those that
// tryDOI would reject for want of digits at p+3 to p+6, of a byte at p+7
// that may follow them (doiAfter4Bit), or of a left boundary (p >= 3 and a
// digit or '.' at p-1 that does not end a percent escape, whose '%' would
// be at p-3). m holds the masks of the blocks between its two passes. It
// returns how many positions it kept and where to search on.
//
//go:noescape
func doiStartsAVX2(b []byte, from, lim int, out []int, m *doiMasks) (n, next int)

func doiStartsVec(b []byte, from, lim int, out []int, m *doiMasks) (n, next int) {
	if !doiVector {
		return 0, from
	}
	return doiStartsAVX2(b, from, lim, out, m)
}

// doiClass32AVX2 sorts the 32 bytes from p by doiClass: bit k of plain is
// set when p[k] is of doiClassPlain, of other when it is of class 0.
//
//go:noescape
func doiClass32AVX2(p *byte) (plain, other uint32)

func doiClass32(p *byte) (plain, other uint32) {
	if !doiVector {
		return doiClass32Go(p) // tests force the vector mode on any CPU
	}
	return doiClass32AVX2(p)
}
