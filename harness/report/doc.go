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
// attached to a CI run. Text goes through html/template, so whatever a
// step, a name or a stack holds is shown, never run; the one script is the
// copy button's, which falls back to selecting the command where the
// clipboard is refused (file:// pages in some browsers). A schedule longer
// than 2,000 steps is drawn in part, its first and last thousand steps
// with a band saying how many were left out, so the page stays usable.
// Widths come from a fixed monospace advance, so no script lays out text,
// and the same Page gives the same bytes. The package depends on the
// standard library and the leaf package harness/coffman only (its
// Condition is coffman's, the data both explorers fill).
package report
