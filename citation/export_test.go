package citation

import "io"

// Test hooks for the DOI finder: segments of segLen bytes with samples of
// sample bytes, and mode 0 (the default: the vector mode where the CPU
// allows, else mode 4), 1 (the one mode only), 2 (the slash mode only), 3
// (the vector mode, with vector instructions where the CPU has them) or 4
// (the one or the slash mode, chosen by sampling), so that tests on small
// inputs exercise every mode, the switches between them and the ends of
// segments.

// DOIFinderModes is the number of modes above.
const DOIFinderModes = 5

// ExtractDOIsTuned is ExtractDOIs with the finder tuned as above.
func ExtractDOIsTuned(s string, segLen, sample, mode int) []DOIMatch {
	f := newDOIFinder(DefaultMaxDOILen)
	f.segLen, f.sample, f.mode = segLen, sample, mode
	return extractDOIs(s, f)
}

// NewDOIScannerTuned is NewDOIScanner with the finder tuned as above.
func NewDOIScannerTuned(r io.Reader, segLen, sample, mode int) *DOIScanner {
	s := NewDOIScanner(r)
	s.tune = func(f *doiFinder) { f.segLen, f.sample, f.mode = segLen, sample, mode }
	return s
}
