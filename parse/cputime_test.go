package parse_test

import "testing"

// reportCPU starts measuring CPU time; the function it returns reports
// "cpu-MB/s", the input bytes per CPU second (all threads, GC included),
// which a busy machine does not distort as it does wall-clock MB/s.
func reportCPU(b *testing.B, size int) func() {
	start := cpuTime()
	return func() {
		if used := cpuTime() - start; used > 0 {
			b.ReportMetric(float64(size)*float64(b.N)/used.Seconds()/1e6, "cpu-MB/s")
		}
	}
}
