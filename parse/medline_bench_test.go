package parse_test

import (
	"bytes"
	"io"
	"runtime"
	"testing"

	"github.com/citekit/citekit/parse"
)

// repeatInput returns unit repeated to at least n bytes.
func pmRepeatInput(unit []byte, n int) []byte {
	var b bytes.Buffer
	b.Grow(n + len(unit))
	for b.Len() < n {
		b.Write(unit)
	}
	return b.Bytes()
}

// repeatReader yields prefix, unit count times, then suffix, without holding
// more than one unit: a stream of any size in constant memory.
type repeatReader struct {
	prefix, unit, suffix []byte
	count                int
	cur                  []byte
	stage                int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		switch {
		case r.stage == 0:
			r.cur, r.stage = r.prefix, 1
		case r.stage == 1 && r.count > 0:
			r.cur = r.unit
			r.count--
		case r.stage == 1:
			r.cur, r.stage = r.suffix, 2
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// benchDecode decodes in b.N times and reports MB/s and records per op.
func pmBenchDecode(b *testing.B, in []byte, newDec func(io.Reader) parse.Decoder, records int) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() {
		// MB per second of CPU time: on a shared machine wall time
		// understates what one core does.
		if d := cpuTime() - cpu0; d > 0 {
			b.ReportMetric(float64(len(in))*float64(b.N)/1e6/d.Seconds(), "MB/cpu-s")
		}
	}()
	for i := 0; i < b.N; i++ {
		d := newDec(bytes.NewReader(in))
		n := 0
		for {
			_, err := d.Decode()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != records {
			b.Fatalf("%d records, want %d", n, records)
		}
	}
}

// benchStream decodes count generated records from a stream and reports the
// peak heap in use, which must not grow with count.
func pmBenchStream(b *testing.B, r func() io.Reader, newDec func(io.Reader) parse.Decoder, count int) {
	b.ReportAllocs()
	var peak uint64
	var ms runtime.MemStats
	for i := 0; i < b.N; i++ {
		d := newDec(r())
		n := 0
		for {
			_, err := d.Decode()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
			if n%10000 == 0 {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak {
					peak = ms.HeapInuse
				}
			}
		}
		if n != count {
			b.Fatalf("%d records, want %d", n, count)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

func BenchmarkMedline(b *testing.B) {
	unit := append(readTestdata(b, "medline/pair-39000001.nbib"), '\n')
	unit = append(unit, readTestdata(b, "medline/records.nbib")...)
	unit = append(unit, '\n')
	n := 0
	for u := 0; u < 1; u++ {
		d := parse.NewMedlineDecoder(bytes.NewReader(unit))
		for {
			if _, err := d.Decode(); err == io.EOF {
				break
			}
			n++
		}
	}
	in := pmRepeatInput(unit, 8<<20)
	pmBenchDecode(b, in, func(r io.Reader) parse.Decoder { return parse.NewMedlineDecoder(r) }, n*(len(in)/len(unit)))
}

// BenchmarkMedline100k streams 100,000 records: memory stays flat.
func BenchmarkMedline100k(b *testing.B) {
	unit := append(readTestdata(b, "medline/pair-39000001.nbib"), '\n')
	pmBenchStream(b, func() io.Reader { return &repeatReader{unit: unit, count: 100000} },
		func(r io.Reader) parse.Decoder { return parse.NewMedlineDecoder(r) }, 100000)
}
