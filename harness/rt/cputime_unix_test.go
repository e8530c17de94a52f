//go:build unix

package rt_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user+system) the process has used, so
// that benchmarks can report a figure that does not depend on how busy
// the machine is.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
