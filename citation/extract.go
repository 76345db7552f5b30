package citation

import (
	"errors"
	"io"
	"unsafe"
)

// A DOIMatch is a DOI found in text by [ExtractDOIs] or a [DOIScanner].
type DOIMatch struct {
	// DOI is the DOI as it should be reported: from "10." to the end of
	// the suffix, without label, resolver or trailing punctuation, with
	// percent escapes and HTML character references decoded
	// ("10.1016/j.foreco.2010.01.001" for "doi=10.1016%2fj.foreco.2010.01.001").
	// Its case is as written.
	DOI string
	// Offset is the byte offset in the input of the first byte of the
	// DOI as written (the "1" of "10."), counted from the start of the input.
	Offset int64
	// Len is the length in bytes of the DOI as written in the input,
	// escapes and references included: the DOI is input[Offset:Offset+Len].
	Len int
}

// Key returns the DOI with ASCII letters lower-cased, as [DOI.Key] does, so
// that two matches name the same DOI exactly when their keys are equal (DOI
// names are case-insensitive for ASCII letters only). Use it to report each
// DOI once.
func (m DOIMatch) Key() string {
	for i := 0; i < len(m.DOI); i++ {
		if c := m.DOI[i]; 'A' <= c && c <= 'Z' {
			return doiLower(m.DOI)
		}
	}
	return m.DOI
}

// Parse returns the DOI of the match as a [DOI]. It succeeds for every
// match; the name is m.DOI except in rare cases where [ParseDOI] decodes
// more (a DOI written "%253C" is reported as "%3C", which ParseDOI reads as
// "<").
func (m DOIMatch) Parse() (DOI, error) { return ParseDOI(m.DOI) }

func doiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}

// ExtractDOIs returns the DOIs in s, in order of appearance, with their
// byte offsets. It is [DOIScanner] over a string, with the default limit
// [DefaultMaxDOILen]; see there for the rules. It returns nil when s holds no
// DOI.
//
// Duplicates are kept; to report each DOI once, keep the first match of
// each [DOIMatch.Key]. As with [regexp.Regexp.FindAllString], the DOIs
// written without escapes are substrings of s, sharing its memory; use
// [strings.Clone] to keep one without keeping s. ExtractDOIs is safe for
// concurrent use.
func ExtractDOIs(s string) []DOIMatch {
	return extractDOIs(s, newDOIFinder(DefaultMaxDOILen))
}

func extractDOIs(s string, f doiFinder) []DOIMatch {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	var c doiSpans
	if f.vectorMode() {
		// The vector mode, without the state that find keeps for a
		// DOIScanner: candidates a batch at a time, tried in order.
		var cand [doiCandidates]int
		var masks doiMasks
		for pos, from := 0, 0; from < len(b); {
			n, next := doiStarts(b, from, len(b), cand[:], &masks)
			for _, p := range cand[:n] {
				if p < pos {
					continue
				}
				if end, esc, ok := tryCandidate(b, p, true, f.maxLen); ok {
					c.add(p, end, esc)
					pos = end
				}
			}
			from = max(next, pos)
		}
	} else {
		for pos := 0; ; {
			i, end, esc, next := f.find(b, pos, len(b), true)
			if i < 0 {
				break
			}
			c.add(i, end, esc)
			pos = next
		}
	}
	return c.matches(s)
}

// doiSpans collects the matches of extractDOIs as uint64s, start<<12 |
// length<<1 | esc: the first few in an array on the stack, then in chunks
// that are never copied, so that the result is made once, at its size.
// Growing a slice of DOIMatch, which holds strings, would zero, copy and
// scan far more memory, with write barriers.
type doiSpans struct {
	first [64]uint64
	n     int // in first
	cur   []uint64
	full  [][]uint64
}

func (c *doiSpans) add(i, end int, esc bool) {
	m := uint64(i)<<12 | uint64(end-i)<<1
	if esc {
		m |= 1
	}
	if c.n < len(c.first) {
		c.first[c.n] = m
		c.n++
		return
	}
	if len(c.cur) == cap(c.cur) {
		if c.cur != nil {
			c.full = append(c.full, c.cur)
		}
		// Chunks of at most 32 KiB, the largest size class: larger
		// ones come from fresh pages at every call.
		c.cur = make([]uint64, 0, min(max(2*cap(c.cur), 256), 4<<10))
	}
	c.cur = append(c.cur, m)
}

// matches returns the matches collected in s, or nil.
func (c *doiSpans) matches(s string) []DOIMatch {
	n := c.n + len(c.cur)
	for _, x := range c.full {
		n += len(x)
	}
	if n == 0 {
		return nil
	}
	out := make([]DOIMatch, 0, n)
	out = appendDOIMatches(out, s, c.first[:c.n])
	for _, x := range c.full {
		out = appendDOIMatches(out, s, x)
	}
	return appendDOIMatches(out, s, c.cur)
}

func appendDOIMatches(out []DOIMatch, s string, spans []uint64) []DOIMatch {
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	for _, m := range spans {
		i := int(m >> 12)
		end := i + int(m>>1&(1<<11-1))
		doi := s[i:end]
		if m&1 != 0 {
			doi = string(appendDOI(make([]byte, 0, end-i), b, i, end))
		}
		out = append(out, DOIMatch{DOI: doi, Offset: int64(i), Len: end - i})
	}
	return out
}

// extractDOIs packs the length of a match in 11 bits.
const _ = uint(1<<11 - 1 - DefaultMaxDOILen)

// tryDOI checks the left boundary and the first digits of the candidate at
// b[i:] cheaply before matching it.
func tryDOI(b []byte, i int, start bool, maxLen int) (end int, esc, ok bool) {
	if len(b)-i < 9 || !doiDigit(b[i+3]) || !doiDigit(b[i+4]) || !doiDigit(b[i+5]) || !doiDigit(b[i+6]) {
		return 0, false, false
	}
	if !doiLeftOK(b, i, start) {
		return 0, false, false
	}
	return matchDOI(b, i, maxLen)
}

// A DOIScanner reads the DOIs of a stream, in order of appearance, in
// constant memory: a buffer of about 64 KiB by default, whatever the size
// of the input. A DOI that straddles two reads is found once, and offsets
// count from the start of the stream. Use it like [bufio.Scanner]:
//
//	sc := citation.NewDOIScanner(r)
//	for sc.Scan() {
//		m := sc.Match()
//		fmt.Println(m.DOI)
//	}
//	if err := sc.Err(); err != nil { ... }
//
// # Rules
//
// A DOI is found wherever the text holds "10." followed by a registrant
// code of at least 4 digits, optionally subdivided by dots ("10.1000.10"),
// then "/" (or "%2F", as in URL-encoded DOIs inside other URLs:
// "doi=10.1016%2fj.foreco…"), then a suffix. The "10." must not follow a
// digit or a '.' (unless that is the end of a percent escape), so labels
// ("doi:", "DOI: "), resolver URLs ("https://doi.org/", "http://dx.doi.org/",
// in any case), "info:doi/", "urn:doi:" and "doi=" in query strings are
// skipped without being named, while version numbers ("10.15.7"), IP
// addresses ("10.1.2.3/24"), short registrants ("10.1/x") and longer numbers
// ("110.1234/5") are not DOIs.
//
// The suffix runs to the first of:
//   - white space (any Unicode space), a control character, invalid UTF-8,
//     or a character that is not graphic; invalid UTF-8 ends a DOI but the
//     scan goes on after it;
//   - a straight quote (" or '), '?' or ','; an '&' that is not followed
//     by a digit (so a query string "&partnerID=…" ends a DOI but
//     "10.1207/x&2_1" does not);
//   - a closing bracket ')', ']', '}' or '>' without an opening one of its
//     kind before it in the DOI: "(see doi:10.1000/xyz)" gives
//     "10.1000/xyz", "10.1016/S0140-6736(20)30183-5" is kept whole, and so
//     are SICI DOIs with '<', '>', ';', '(', ')', '[' and ']';
//   - a MEDLINE "[doi]" tail, in any case, with or without the space
//     before it, also when escaped ("%5Bdoi%5D");
//   - an HTML tag: '<' followed by '/', '!', or 1 to 16 ASCII letters and a
//     space, '>' or '/' ("10.1000/xyz</a>");
//   - a URL fragment: '#' followed by an ASCII letter
//     ("…pone.0213978#viewedHeader"; a final '#', as in SICI DOIs, is kept);
//   - a backslash escape of JSON or LaTeX: '\' followed by an ASCII letter,
//     '"' or '\' ("…elife.27041\nThis", "\url").
//
// Then trailing '.', ';', ':', '!' and non-ASCII punctuation (closing
// quotes, "。") are dropped, and a suffix left empty is no DOI. Percent
// escapes of ASCII bytes ("%2F", "%3C") and the HTML character references
// &lt; &gt; &amp; &quot; &apos; &nbsp; and &#…; (also doubly escaped:
// "&amp;lt;") stand for the character they encode, both when deciding where
// the DOI ends and in [DOIMatch.DOI]; escapes of non-ASCII bytes are kept
// as written. So do the backslash escapes "\/" (JSON, also as the slash
// after the prefix: "10.1000\/182") and "\_" (LaTeX). A DOI is at most MaxLen bytes long as written, trailing
// punctuation included; a candidate that runs longer is skipped (and a DOI
// starting inside it can still be found). Matches do not overlap: the scan
// resumes after the end of each DOI. A final '-' or '/' is kept.
//
// Not handled: path segments after a DOI in publisher URLs
// (".../10.1007/s00259-018-4103-3/fulltext.html" keeps "/fulltext.html",
// since DOI suffixes may contain '/'), the colon form
// "urn:doi:10.123:456", DOIs broken across lines (hyphenation is not
// undone), soft hyphens (they end a DOI), other LaTeX escapes ("\%"
// stays), and registrant codes under 4 digits, which the DOI Handbook uses
// in examples ("10.123/ABC") but registration agencies do not assign;
// [ValidDOI] and [ParseDOI] accept them.
//
// Each "10." costs at most MaxLen plus 128 bytes of reading, so the scan
// is linear in the input whatever it holds.
//
// A DOIScanner serves one goroutine.
type DOIScanner struct {
	// MaxLen is the longest DOI, in bytes as written, that the scanner
	// finds; 0 means DefaultMaxDOILen. Set it before the first call to Scan.
	MaxLen int

	r     io.Reader
	buf   []byte // buf[:hi] is data; buf[0] is at offset base
	base  int64
	pos   int // where to search next
	hi    int
	eof   bool
	err   error
	match DOIMatch
	block []byte // the text of the DOIs reported, appended to, never rewritten
	find  doiFinder
	tune  func(*doiFinder) // tests: smaller segments, one mode
	init  bool
	sized bool // Buffer was called
}

// DefaultDOIScannerBuffer is the default buffer size of a [DOIScanner].
const DefaultDOIScannerBuffer = 64 << 10

// NewDOIScanner returns a scanner reading from r.
func NewDOIScanner(r io.Reader) *DOIScanner {
	return &DOIScanner{r: r}
}

// Buffer sets the buffer the scanner reads into, before the first call to
// Scan; the scanner uses a larger one when buf is smaller than MaxLen plus
// about 200 bytes of lookahead, so Buffer(nil) selects the smallest.
// Called after Scan, it does nothing.
func (s *DOIScanner) Buffer(buf []byte) {
	if s.init {
		return
	}
	s.buf = buf[:cap(buf)]
	s.sized = true
}

// Match returns the DOI found by the last call to Scan. Its DOI string
// stays valid after later calls; the DOI strings of a scan share blocks of
// a few KiB, so use [strings.Clone] to keep a few DOIs out of many without
// keeping their blocks.
func (s *DOIScanner) Match() DOIMatch { return s.match }

// Err returns the first read error other than io.EOF, or nil.
func (s *DOIScanner) Err() error { return s.err }

func (s *DOIScanner) maxLen() int {
	if s.MaxLen > 0 {
		return s.MaxLen
	}
	return DefaultMaxDOILen
}

// Scan advances to the next DOI, which Match then returns. It returns false
// at the end of the input or after a read error, which Err then returns; as
// with [bufio.Scanner], the data read before the error is scanned first, as
// if the input ended there.
func (s *DOIScanner) Scan() bool {
	maxLen := s.maxLen()
	need := maxLen + doiLookahead // bytes needed after a "10."
	if !s.init {
		s.init = true
		s.find = newDOIFinder(maxLen)
		if s.tune != nil {
			s.tune(&s.find)
		}
		min := need + doiLookbehind + 64
		if len(s.buf) < min {
			size := DefaultDOIScannerBuffer
			if size < min || s.sized {
				size = min
			}
			s.buf = make([]byte, size)
		}
	}
	for {
		safe := s.hi - need
		if s.eof {
			safe = s.hi
		}
		i, end, esc, next := s.find.find(s.buf[:s.hi], s.pos, safe, s.base == 0)
		if i < 0 {
			s.pos = next
			if s.eof {
				return false
			}
			s.fill()
			continue
		}
		s.match = DOIMatch{DOI: s.store(i, end, esc), Offset: s.base + int64(i), Len: end - i}
		s.pos = next
		return true
	}
}

// doiStoreBlock is the size of the blocks that hold the text of the DOIs a
// DOIScanner reports.
const doiStoreBlock = 4 << 10

// store returns the text of the DOI buf[i:end] as a string, decoded when esc.
// The strings share blocks of memory, which are only ever appended to, so
// that a scan allocates once per block rather than once per DOI.
func (s *DOIScanner) store(i, end int, esc bool) string {
	n := end - i // decoding never makes a DOI longer
	if cap(s.block)-len(s.block) < n {
		s.block = make([]byte, 0, max(doiStoreBlock, n))
	}
	k := len(s.block)
	if esc {
		s.block = appendDOI(s.block, s.buf, i, end)
	} else {
		s.block = append(s.block, s.buf[i:end]...)
	}
	return unsafe.String(&s.block[k], len(s.block)-k)
}

// fill keeps the bytes from doiLookbehind before pos on, and reads more.
func (s *DOIScanner) fill() {
	keep := s.pos - doiLookbehind
	if keep > 0 {
		n := copy(s.buf, s.buf[keep:s.hi])
		s.base += int64(keep)
		s.find.shift(keep)
		s.pos -= keep
		s.hi = n
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.hi:])
		if n < 0 || n > len(s.buf)-s.hi {
			s.err = errors.New("citation: DOIScanner: reader returned an invalid count")
			s.eof = true
			return
		}
		s.hi += n
		if err != nil {
			if err != io.EOF {
				s.err = err
			}
			s.eof = true // a read error ends the input like EOF
			return
		}
		if n > 0 {
			return
		}
	}
	s.err = io.ErrNoProgress
	s.eof = true
}
