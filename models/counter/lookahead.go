package counter

import "github.com/interleave/concurrency/harness"

// The accesses a thread may still make, shared by every call.
var (
	mayX     = []harness.Access{{Object: "x", Kind: harness.Write}}
	mayXLock = []harness.Access{{Object: "x", Kind: harness.Write}, {Object: "lock", Kind: harness.Acquire}}
)

// MayAccess implements harness.Lookahead for partial-order reduction: a
// thread that has not finished may still read and write x and, in the
// mutex variant, take and give back the lock.
func (m *Model) MayAccess(s harness.State, th int) []harness.Access {
	switch {
	case m.Finished(s, th):
		return nil
	case m.variant == Mutex:
		return mayXLock
	}
	return mayX
}
