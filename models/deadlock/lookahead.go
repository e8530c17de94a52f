package deadlock

import "github.com/interleave/concurrency/harness"

// MayAccess implements harness.Lookahead for partial-order reduction: a
// philosopher only ever takes and puts down its own two forks.
func (m *Model) MayAccess(_ harness.State, i int) []harness.Access {
	a, b := fork(m.first[i]), fork(m.second[i])
	return []harness.Access{{Object: a, Kind: harness.Acquire}, {Object: b, Kind: harness.Acquire}}
}
