package counter

import "github.com/interleave/concurrency/harness"

// MayAccess implements harness.Lookahead for partial-order reduction: a
// thread that has not finished may still read and write x and, in the
// mutex variant, take and give back the lock.
func (m *Model) MayAccess(s harness.State, th int) []harness.Access {
	if m.Finished(s, th) {
		return nil
	}
	acc := []harness.Access{{Object: "x", Kind: harness.Write}}
	if m.variant == Mutex {
		acc = append(acc, harness.Access{Object: "lock", Kind: harness.Acquire})
	}
	return acc
}
