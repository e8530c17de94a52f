package harness

// The contract testers live in package harnesstest, which imports
// harness, so the internal tests cannot import it; they call these
// instead, which contract_test.go (package harness_test, in the same
// test binary) sets to the harnesstest functions in init.
var (
	CheckFootprints func(m Model, limit int) error
	CheckSymmetry   func(m Model, limit int, checks ...Check) error
)
