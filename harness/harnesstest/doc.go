// Package harnesstest tests that a model keeps the contracts the
// engine's reductions rely on, the way testing/fstest tests a file
// system: call its functions from a model's tests.
//
// CheckFootprints tests the footprint contract of partial-order
// reduction (harness.Options.POR): steps whose footprints do not conflict
// commute and leave each other alone, and a harness.Lookahead covers what
// a thread may still do. CheckSymmetry tests the contract of symmetry
// reduction (harness.Options.Symmetry): a state and its canonical form
// have the same canonical successors and the same verdicts. A breach of
// either makes the reduced search miss violations, so each returns the
// first breach it finds on the reachable states, naming the state.
//
// Both use only the exported API of package harness, which does not
// import this one.
package harnesstest
