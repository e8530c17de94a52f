package deadlock

import "github.com/interleave/concurrency/harness"

// MayAccess implements harness.Lookahead for partial-order reduction: a
// philosopher only ever takes and puts down its own two forks.
func (m *Model) MayAccess(_ harness.State, i int) []harness.Access {
	// The take-first step touches the first fork, and take-second the
	// second: together they name both forks with a changing access.
	return []harness.Access{m.steps[i][takeFirst].Access[0], m.steps[i][takeSecond].Access[0]}
}
