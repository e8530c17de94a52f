package counter

import "github.com/interleave/concurrency/harness"

// Canonical implements harness.Symmetric: the threads run the same loop
// and the lock records no owner, so renaming threads permutes their
// records (position, increments done, tmp) and nothing else. The
// canonical state has the records in ascending byte order.
func (m *Model) Canonical(dst, s harness.State) harness.State {
	full := append(dst, s...)
	out := full[len(dst):]
	// Insertion sort: at most 8 records of 3 bytes, no allocation.
	for i := 1; i < m.threads; i++ {
		for j := i; j > 0 && less(out, at(j), at(j-1)); j-- {
			for k := range perThread {
				out[at(j)+k], out[at(j-1)+k] = out[at(j-1)+k], out[at(j)+k]
			}
		}
	}
	return full
}

// less orders the records starting at a and b byte by byte.
func less(s harness.State, a, b int) bool {
	for k := range perThread {
		if s[a+k] != s[b+k] {
			return s[a+k] < s[b+k]
		}
	}
	return false
}
