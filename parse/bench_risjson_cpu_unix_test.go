//go:build unix

package parse_test

import (
	"syscall"
	"time"
)

// risjsonCPUTime returns the CPU time (user and system) the process has used, so
// that benchmarks can report throughput per CPU second on a busy machine.
func risjsonCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
