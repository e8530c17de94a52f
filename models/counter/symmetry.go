package counter

import "github.com/interleave/concurrency/harness"

// Canonical implements harness.Symmetric: the threads run the same loop
// and the lock records no owner, so renaming threads permutes their
// records (position, increments done, tmp) and nothing else. The
// canonical state has the threads that are further on first (more
// increments done, then a later position, then a larger tmp): the
// search, which tries threads in order, then prefers to let one thread
// run on, and the schedules it reports read like those of the full
// search (0*3,1,... rather than 0,1,0,1,...).
func (m *Model) Canonical(dst, s harness.State) harness.State {
	full := append(dst, s...)
	out := full[len(dst):]
	// Insertion sort: at most 8 records of 3 bytes, no allocation.
	for i := 1; i < m.threads; i++ {
		for j := i; j > 0 && ahead(out, at(j), at(j-1)); j-- {
			for k := range perThread {
				out[at(j)+k], out[at(j-1)+k] = out[at(j-1)+k], out[at(j)+k]
			}
		}
	}
	return full
}

// ahead reports whether the thread whose record starts at a is further
// on than the one at b: increments done, then position, then tmp.
func ahead(s harness.State, a, b int) bool {
	for _, k := range [perThread]int{1, 0, 2} {
		if s[a+k] != s[b+k] {
			return s[a+k] > s[b+k]
		}
	}
	return false
}
