package citation

import "io"

// Test hooks for the DOI finder: segments of segLen bytes with samples of
// sample bytes, and mode 0 (choose), 1 (the one mode only) or 2 (the slash
// mode only), so that tests on small inputs exercise both modes, the
// switches between them and the ends of segments.

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
