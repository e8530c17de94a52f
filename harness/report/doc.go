// Package report renders one counterexample as a self-contained HTML page:
// the schedule as swimlanes (one lane per thread or goroutine, steps in
// order, with source locations), the final state, the wait-for graph with
// its cycle highlighted and the Coffman conditions beside it, the two
// accesses of a data race, the repeating cycle of a liveness lasso, and
// the command that replays it.
//
// A Page is plain data, filled by whichever explorer found the failure
// (the model explorer's CLI, or rt for Go code), and Write renders it with
// inline SVG and CSS only, so that the file opens offline and can be
// attached to a CI run. The package depends on the standard library only.
package report
