package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// doiListReader serves n lines of a DOI list, made as they are read: most
// canonical DOIs, some with a label or resolver, some invalid. It never
// holds more than one line.
type doiListReader struct {
	n, i int
	line []byte
	// onLine, when set, is called before line i is made.
	onLine func(i int)
}

func (r *doiListReader) Read(p []byte) (int, error) {
	written := 0
	for written < len(p) {
		if len(r.line) == 0 {
			if r.i == r.n {
				if written == 0 {
					return 0, io.EOF
				}
				break
			}
			if r.onLine != nil {
				r.onLine(r.i)
			}
			r.line = doiListLine(r.line[:0], r.i)
			r.i++
		}
		k := copy(p[written:], r.line)
		written += k
		r.line = r.line[k:]
	}
	return written, nil
}

// doiListLine appends line i of the list: 1 in 10 is written with a label
// or resolver, 1 in 20 is not a DOI.
func doiListLine(b []byte, i int) []byte {
	switch {
	case i%20 == 7:
		b = fmt.Appendf(b, "10.abc/%d", i)
	case i%10 == 3:
		b = fmt.Appendf(b, "https://doi.org/10.%d/j.cell.%d.%03d", 1000+i%9000, 2000+i%25, i%1000)
	default:
		b = fmt.Appendf(b, "10.%d/j.cell.%d.%03d", 1000+i%9000, 2000+i%25, i%1000)
	}
	return append(b, '\n')
}

// lineCounter counts the result lines written to it, and the valid ones.
type lineCounter struct {
	lines, valid int
	part         []byte // the start of a line cut by a write
}

func (w *lineCounter) Write(p []byte) (int, error) {
	n := len(p)
	for {
		line, rest, ok := bytes.Cut(p, []byte{'\n'})
		if !ok {
			w.part = append(w.part, p...)
			return n, nil
		}
		if len(w.part) > 0 {
			line = append(w.part, line...)
			w.part = w.part[:0]
		}
		w.lines++
		if bytes.Contains(line, []byte("\tvalid\t")) {
			w.valid++
		}
		p = rest
	}
}

// TestDOICheckStreams checks that 'doi check' over a long list streams:
// results come out while the list is still being read, and the heap stays
// small, here under half the size of the list. (With the race detector,
// which makes it 40 times slower, the list is shorter.)
func TestDOICheckStreams(t *testing.T) {
	n := 1_500_000
	if raceEnabled {
		n = 100_000
	}
	out := &lineCounter{}
	var maxHeap uint64
	lag := 0 // the most lines read but not yet answered
	in := &doiListReader{n: n, onLine: func(i int) {
		if i%1000 == 0 {
			lag = max(lag, i-out.lines)
		}
		if i%50_000 == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			maxHeap = max(maxHeap, ms.HeapInuse)
		}
	}}
	var stderr bytes.Buffer
	code := run([]string{"doi", "check"}, in, out, &stderr)
	if code != exitRecords {
		t.Fatalf("exit code %d, want %d (the list has invalid DOIs); stderr %q", code, exitRecords, stderr.String())
	}
	if out.lines != n || out.valid != n-n/20 {
		t.Errorf("%d lines, %d valid; want %d, %d", out.lines, out.valid, n, n-n/20)
	}
	inputSize := 0
	for i := range n {
		inputSize += len(doiListLine(nil, i))
	}
	t.Logf("%d lines, %d MB in; at most %d lines unanswered, heap at most %.1f MB",
		n, inputSize>>20, lag, float64(maxHeap)/(1<<20))
	// 64 KiB of input and 64 KiB of output buffered are a few thousand lines.
	if lag > 5000 {
		t.Errorf("%d lines read before their results were written: not streaming", lag)
	}
	if maxHeap > 16<<20 && !raceEnabled {
		t.Errorf("heap reached %.1f MB for a %d MB list", float64(maxHeap)/(1<<20), inputSize>>20)
	}
}

// BenchmarkDOICheck runs 'citekit doi check' in process over a list of
// DOIs, one a line, mostly canonical (see doiListLine).
func BenchmarkDOICheck(b *testing.B) {
	const n = 100_000
	var list []byte
	for i := range n {
		list = doiListLine(list, i)
	}
	b.SetBytes(int64(len(list)))
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"doi", "check"}, bytes.NewReader(list), io.Discard, io.Discard); code != exitRecords {
			b.Fatalf("exit code %d", code)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds()/1e6, "MDOIs/s")
}

// TestReadLine reads lines that fit the reader's buffer and lines that do
// not, too long ones, CRLF endings, blank lines and a last line without
// newline.
func TestReadLine(t *testing.T) {
	long := strings.Repeat("x", 40)    // longer than the 16-byte buffer
	tooLong := strings.Repeat("y", 70) // longer than max
	in := "a\n\r\nbb\r\n" + long + "\n" + tooLong + "\r\n\n" + long + "\r\nlast"
	br := bufio.NewReaderSize(strings.NewReader(in), 16)
	type line struct {
		s   string
		err error
	}
	var got []line
	for {
		s, err := readLine(br, 50)
		if err == io.EOF {
			if s != "" {
				t.Errorf("EOF with %q", s)
			}
			break
		}
		got = append(got, line{s, err})
		if err != nil && err != errLineTooLong {
			t.Fatal(err)
		}
	}
	want := []line{{"a", nil}, {"", nil}, {"bb", nil}, {long, nil}, {tooLong[:50], errLineTooLong}, {"", nil}, {long, nil}, {"last", nil}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
