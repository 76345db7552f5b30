package citation

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// This file holds the search for DOI candidates shared by [ExtractDOIs] and
// [DOIScanner]: it finds the places where a DOI may start, fast, and hands
// each to tryDOI.
//
// On amd64 CPUs with AVX2 (and without the purego build tag), the vector
// mode finds every "10." of a span of 8 KiB, 64 positions at a time
// (doistarts_amd64.s), at about 40 GB/s, and drops, without branches on
// the text, those that tryDOI would reject for want of four digits, of a
// byte after them that may continue a registrant code, or of a left
// boundary (a digit or '.' before, not the end of a percent escape): more
// than three quarters of the "10." of prose ("10.5 mg", "v3.10.12",
// "2010.1234", "10.1234 units"); the search and this sift together run at
// about 27 GB/s.
// The rest are tried in order, by quickDOI, which decides the plainest
// DOIs with the suffix sorted 32 bytes at a time, or by tryDOI. Elsewhere,
// the search below, which finds each hit with bytes.IndexByte, runs at 3
// to 4 GB/s.
//
// Every DOI starts with "10." and has a registrant code of digits and dots
// followed by '/' (also written "\/") or "%2F". Candidates can be found from
// either end: from the '1' of "10." (the "one" mode), or from the '/' or '%'
// after the prefix, walking back over the digits and dots (the "slash"
// mode). Finding each hit with bytes.IndexByte costs about the same, and
// which byte is rarer depends on the text: prose, BibTeX and RIS hold about
// twice as many '1' as '/', HTML and XML two or three times as many '/' as
// '1'. So the input is searched in segments of doiSegment bytes, each in the
// mode whose byte is rarer in a sample at its start; when a segment gives
// more hits than the sample predicts for the other mode, the guess was
// wrong, and a new segment starts there with a new sample. Both modes try
// the same candidates in the same order, so the choice changes the speed,
// never the result (the tests force each mode and tiny segments).
//
// The slash mode rests on these facts. Let q be the anchor of a candidate
// p: the '/' after its prefix (also in "\/") or the '%' of "%2F". Then
// b[p:q'] holds only digits and dots (q' = q, or q-1 before the '\' of
// "\/"); let r be the start of the run of digits and dots that ends at q'.
// The byte before a candidate is not a digit or '.' unless it ends a percent
// escape, whose '%' is outside the run, so p is r, r+1 or r+2; and at most
// one of these starts with "10." (b[r+1] or b[r+2] would have to be both
// '0' or '.' and '1'). Runs of different anchors do not overlap, so
// candidates come in the order of their anchors, and once the anchors up to
// q are done, so are all candidates before q+1.

const (
	doiSegment = 64 << 10
	doiSample  = 2 << 10 // the sample at the start of a segment
)

// A doiFinder holds the state of a search over one input. Its positions
// are indexes in the window the caller passes to find; the caller shifts
// them when it moves its window.
type doiFinder struct {
	maxLen int
	segLen int // doiSegment; tests use smaller segments
	sample int // doiSample
	// 0: the vector mode where the CPU allows, else choose the one or
	// the slash mode by segment; tests force 1 (one), 2 (slash), 3
	// (vector) or 4 (choose).
	mode int

	from   int  // start of the current segment
	seg    int  // end of the current segment; -1: start a new one at pos
	slash  bool // the segment is searched in slash mode
	budget int  // hits left in the segment before switching modes
	// In slash mode, the next '/' and '%' at or after some position not
	// after pos and before seg, or seg when there is none; -1 when unknown.
	sl, pc int

	// The vector mode: cand[ci:cn] are the "10." found in advance and not
	// yet tried, in order, and every "10." that starts before scanned is
	// among them or was tried.
	cand    [doiCandidates]int
	ci, cn  int
	scanned int
	masks   doiMasks
}

// doiCandidates is how many "10." the vector mode finds in advance, at
// most.
const doiCandidates = 128

// doiBlockRoom is the room doiStartsVec needs in its output to sift one
// more 64-byte block: at most 22 "10.". The assembly has it as a literal.
const doiBlockRoom = 24

// doiSpan is the most 64-byte blocks doiStartsVec searches in one call
// (8 KiB): it stores the mask of the "10." of each, then sifts them. The
// span is small enough that the text it covers is still in the CPU's
// first-level cache when the candidates are tried, and large enough that
// the calls cost little. The assembly has it as a literal.
const doiSpan = 128

// doiMasks holds, for the blocks of a span, the mask of their "10." and a
// bit set for each that has any.
type doiMasks struct {
	mask [doiSpan]uint64
	any  [doiSpan / 64]uint64
}

func newDOIFinder(maxLen int) doiFinder {
	return doiFinder{maxLen: maxLen, segLen: doiSegment, sample: doiSample, seg: -1, sl: -1, pc: -1}
}

// shift moves the finder's positions when the caller drops the first k
// bytes of its window.
func (f *doiFinder) shift(k int) {
	f.from -= k
	if f.seg >= 0 {
		f.seg = max(f.seg-k, 0)
	}
	f.sl -= k
	f.pc -= k
	for i := f.ci; i < f.cn; i++ {
		f.cand[i] -= k
	}
	f.scanned -= k
}

// newSegment starts a segment at pos. With mode 0 (and f.mode 0) it
// searches the segment in the mode whose anchor byte is rarer in a sample
// of its first bytes, and allows it as many hits as the sample predicts for
// the other mode: past that, the guess was wrong, and find starts a new
// segment. With mode 1 or 2, the segment is searched in the one or the
// slash mode, with no limit. Short segments (small inputs) are searched in
// the one mode.
func (f *doiFinder) newSegment(b []byte, pos int, mode int) {
	f.from, f.seg = pos, min(pos+f.segLen, len(b))
	f.sl, f.pc = -1, -1
	f.budget = f.seg // no limit
	if mode == 0 && f.mode != 4 {
		mode = f.mode
	}
	f.slash = mode == 2
	n := f.seg - pos
	if mode != 0 || n < 2*f.sample {
		return
	}
	sample := b[pos : pos+f.sample]
	ones := bytes.Count(sample, doiMarker[:1])
	slashes := bytes.Count(sample, doiSlash) + bytes.Count(sample, doiPercent)
	// The slash mode also pays for a second pass, for '%'.
	f.slash = 5*slashes < 4*ones
	other := ones
	if !f.slash {
		other = slashes
	}
	f.budget = f.sample/32 + other*(n/f.sample)
}

var (
	doiSlash   = []byte{'/'}
	doiPercent = []byte{'%'}
)

// find returns the first DOI of b that starts at or after pos and before
// safe: its start i, its end, and whether its text needs decoding (see
// matchDOI). b must hold at least maxLen+doiLookahead bytes after safe, or
// end where the input does (safe == len(b)); start is true when b[0] is the
// first byte of the input. With no such DOI, i is -1. In both cases next
// is where to search on: every candidate before it has been tried, and it
// is at least safe when no DOI is found.
func (f *doiFinder) find(b []byte, pos, safe int, start bool) (i, end int, esc bool, next int) {
	if f.vectorMode() {
		return f.findVec(b, pos, safe, start)
	}
	for pos < safe {
		if f.seg <= pos {
			f.newSegment(b, pos, 0)
		}
		if !f.slash {
			lim := min(f.seg, safe)
			budget := f.budget
			for budget >= 0 {
				k := bytes.IndexByte(b[pos:lim], '1')
				if k < 0 {
					pos = lim
					break
				}
				p := pos + k
				pos = p + 1
				budget--
				if p+2 < len(b) && b[p+1] == '0' && b[p+2] == '.' {
					if end, esc, ok := tryDOI(b, p, start, f.maxLen); ok {
						f.budget = budget
						return p, end, esc, end
					}
				}
			}
			if f.budget = budget; budget < 0 {
				f.newSegment(b, pos, 0) // too many '1': guess again
			}
			continue
		}

		// Slash mode: anchors in order, from the '/' and '%' streams.
		seg, sl, pc, budget := f.seg, f.sl, f.pc, f.budget
		for budget >= 0 {
			if sl < pos {
				sl = seg
				if k := bytes.IndexByte(b[pos:seg], '/'); k >= 0 {
					sl = pos + k
				}
			}
			if pc < pos {
				pc = seg
				if k := bytes.IndexByte(b[pos:seg], '%'); k >= 0 {
					pc = pos + k
				}
			}
			q := min(sl, pc)
			if q >= seg {
				break
			}
			p := f.slashCandidate(b, pos, q)
			pos = q + 1
			budget--
			if p < 0 {
				continue
			}
			if p >= safe {
				f.sl, f.pc, f.budget = sl, pc, budget
				return -1, 0, false, p
			}
			if end, esc, ok := tryDOI(b, p, start, f.maxLen); ok {
				f.sl, f.pc, f.budget = sl, pc, budget
				return p, end, esc, end
			}
		}
		f.sl, f.pc, f.budget = sl, pc, budget
		switch {
		case budget < 0:
			f.newSegment(b, pos, 0) // too many anchors: guess again
		case seg == len(b) && safe == len(b):
			pos = seg // the end of the input
		default:
			// The segment is done: the candidates left have their
			// anchor after it and start in the run of digits and dots
			// that ends it.
			pos = f.frontier(b, pos, seg)
			f.seg = -1
			if pos <= f.from {
				// No progress: a run of digits and dots as long as the
				// segment, possible only with a very large maxLen.
				f.newSegment(b, pos, 1)
			}
		}
	}
	return -1, 0, false, pos
}

// vectorMode reports whether f searches in the vector mode.
func (f *doiFinder) vectorMode() bool { return f.mode == 3 || f.mode == 0 && doiVector }

// findVec is find in the vector mode: every "10." is found in advance,
// a span or doiCandidates at a time, with vector instructions where the
// CPU has them, and the candidates are tried in order. (extractDOIs has
// the same loop without the state kept between calls.)
func (f *doiFinder) findVec(b []byte, pos, safe int, start bool) (i, end int, esc bool, next int) {
	for {
		for f.ci < f.cn {
			p := f.cand[f.ci]
			if p >= safe {
				return -1, 0, false, max(pos, safe)
			}
			f.ci++
			if p < pos {
				continue
			}
			if end, esc, ok := tryCandidate(b, p, start, f.maxLen); ok {
				return p, end, esc, end
			}
		}
		from := max(pos, f.scanned)
		if from >= safe {
			return -1, 0, false, max(pos, safe)
		}
		f.ci = 0
		f.cn, f.scanned = doiStarts(b, from, safe, f.cand[:], &f.masks)
	}
}

// tryCandidate tries a DOI at the candidate b[p:] found by doiStarts:
// quickDOI, or tryDOI when quickDOI cannot tell.
func tryCandidate(b []byte, p int, start bool, maxLen int) (end int, esc, ok bool) {
	end, esc, answer := quickDOI(b, p, maxLen)
	if answer == doiQuickMaybe {
		return tryDOI(b, p, start, maxLen)
	}
	return end, esc, answer == doiQuickYes
}

// doiPrefixBits sorts the bytes around a registrant code: doiRunBit for
// those in a run of one (doiInRun), digits and '.'; doiAfter4Bit for those
// that may follow its first four digits (see doiPrefixEnd): more digits,
// '.', '/', and the '%' of "%2F" or the '\' of "\/". The vector search
// reads it.
var doiPrefixBits = func() (t [256]uint8) {
	for _, c := range "0123456789." {
		t[c] |= doiRunBit
	}
	for _, c := range "0123456789./%\\" {
		t[c] |= doiAfter4Bit
	}
	return t
}()

const (
	doiRunBit    = 1
	doiAfter4Bit = 2 // the assembly has both as literals
)

// doiStarts stores in out the positions of the "10." of b that start in
// [from, lim), in order, until out is full or, in the vector search, a
// span is done, less some that tryDOI would reject (the vector search sifts
// those it finds). It returns how many it stored and where to search on:
// every "10." before next that tryDOI might accept was stored. m is the
// vector search's scratch space.
func doiStarts(b []byte, from, lim int, out []int, m *doiMasks) (n, next int) {
	i := from
	if last := min(lim-64, len(b)-71); doiVector && from <= last {
		n, i = doiStartsVec(b, from, lim, out, m)
		if i <= last {
			return n, i // a span is done, or out is nearly full
		}
	}
	for n < len(out) {
		k := bytes.IndexByte(b[i:lim], '1')
		if k < 0 {
			return n, lim
		}
		p := i + k
		i = p + 1
		if p+2 < len(b) && b[p+1] == '0' && b[p+2] == '.' {
			out[n] = p
			n++
		}
	}
	return n, i
}

// frontier returns where to search on after a slash-mode segment that
// ends at seg, with every anchor before seg done: the candidates left are
// those whose anchor comes at or after seg, and they start in the run of
// digits and dots that ends at seg (or at seg-1, before the '\' of a "\/"),
// at or after pos, and no more than maxLen bytes before seg.
func (f *doiFinder) frontier(b []byte, pos, seg int) int {
	e := seg
	if b[e-1] == '\\' {
		e--
	}
	lo := max(pos, seg+1-f.maxLen)
	r := e
	for r > lo && doiInRun(b[r-1]) {
		r--
	}
	return max(r, pos)
}

// slashCandidate returns the candidate whose prefix ends at the anchor q
// (a '/' or '%' of b), or -1. Candidates before pos were tried.
func (f *doiFinder) slashCandidate(b []byte, pos, q int) int {
	e := q // end of the run of digits and dots
	if b[q] == '%' {
		if q+2 >= len(b) || b[q+1] != '2' || b[q+2]|0x20 != 'f' {
			return -1
		}
	} else if q > 0 && b[q-1] == '\\' {
		e = q - 1
	}
	if e-pos < 7 || !doiDigit(b[e-1]) {
		return -1 // "10.dddd" is 7 bytes
	}
	// A candidate p satisfies pos <= p <= r+2 and q+1-p <= maxLen; walk
	// back no further than needed to tell.
	lo := max(max(pos, q+1-f.maxLen)-2, 0)
	r := e - 1
	if e >= 8 {
		r = e - doiRunLen8(b, e)
	}
	for r > lo && doiInRun(b[r-1]) {
		r--
	}
	if r < lo || r == lo && lo > 0 && doiInRun(b[lo-1]) {
		return -1 // the run starts too early for a candidate
	}
	for p := max(r, pos); p <= r+2 && p+3 <= e; p++ {
		if b[p] == '1' && b[p+1] == '0' && b[p+2] == '.' {
			return p
		}
	}
	return -1
}

func doiInRun(c byte) bool { return doiPrefixBits[c]&doiRunBit != 0 }

// doiRunLen8 returns how many of the 8 bytes before b[e] are digits or
// dots, counting back from b[e-1] to the first that is not; e >= 8. It
// tests the 8 bytes at once, without branches.
func doiRunLen8(b []byte, e int) int {
	const l, h = 0x0101010101010101, 0x8080808080808080
	x := binary.LittleEndian.Uint64(b[e-8 : e])
	x7 := x &^ h                 // bytes below 0x80, so that no byte borrows or carries below
	ge := (x7 | h) - '.'*l       // high bit: x7 >= '.'
	le := (0x80|'9')*l - x7      // high bit: x7 <= '9'
	ns := (x7 ^ '/'*l) + 0x7F*l  // high bit: x7 != '/'
	run := ge & le & ns &^ x & h // high bit: an ASCII digit or '.'
	return bits.LeadingZeros64(^run&h) >> 3
}

// The answers of quickDOI.
const (
	doiQuickNo    = iota // no DOI starts here
	doiQuickYes          // a DOI starts here
	doiQuickMaybe        // ask tryDOI
)

// quickDOI is tryDOI for the common case of a candidate "10." at b[i:],
// with the same answers at a fraction of the cost: a left boundary that is
// not a digit or '.', 4 to 7 digits and '/', and a suffix whose first 32
// bytes are sorted at once (doiClass32). When the first byte there that
// needs a closer look always ends a DOI, as nothing before it opened a
// bracket (white space or a control character, a straight quote of either
// kind, '?', ',', DEL, or a closing bracket), the suffix is the plain
// bytes and trailing punctuation before it, less the punctuation at its
// end; otherwise matchDOISuffix goes on with the bytes sorted. Other
// candidates, and any DOI that might run past maxLen, are left to tryDOI.
func quickDOI(b []byte, i, maxLen int) (end int, esc bool, answer int) {
	if i < 1 || i+44 > len(b) || maxLen < 64 || doiPrefixBits[b[i-1]]&doiRunBit != 0 {
		return 0, false, doiQuickMaybe
	}
	n := doiDigits8(binary.LittleEndian.Uint64(b[i+3:]))
	if n < 4 {
		return 0, false, doiQuickNo
	}
	j := i + 3 + n
	if c := b[j]; n == 8 || c != '/' {
		if n < 8 && c != '.' && c != '%' && c != '\\' {
			return 0, false, doiQuickNo // no '/' after the registrant ("10.1234 units")
		}
		return 0, false, doiQuickMaybe
	}
	j++
	plain, other := doiClass32(&b[j])
	k := bits.TrailingZeros32(other)
	if k == 32 || doiEnds[b[j+k]] == 0 {
		end, esc, ok := matchDOISuffix(b, j, i+maxLen, false, plain, other, true)
		if !ok {
			return 0, false, doiQuickNo
		}
		return end, esc, doiQuickYes
	}
	end = doiKeepBefore(-1, j, plain, k)
	if end < 0 {
		return 0, false, doiQuickNo // a suffix of trailing punctuation only
	}
	return end, false, doiQuickYes
}

// doiEnds is 1 for the bytes of class 0 (see doiClass) that end a DOI
// wherever they come, if no bracket was opened before them (see matchDOI).
var doiEnds = func() (t [256]uint8) {
	for c := 0; c <= ' '; c++ {
		t[c] = 1
	}
	for _, c := range "\"'?,\x7f)]}>" {
		t[c] = 1
	}
	return t
}()
