//go:build unix

package csl_test

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user and system CPU time, so that
// benchmarks can report CPU time per operation on a loaded machine.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
