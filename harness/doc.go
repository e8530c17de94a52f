// Package harness is the explicit-state explorer at the heart of
// interleave.
//
// A Model is a set of threads whose steps are atomic and pure: Enabled says
// what each thread would do next, Apply computes the successor state. Every
// Step carries a Footprint (its thread, a short label, and the shared objects
// it touches with the kind of access), and everything else reads footprints:
// the deadlock report, the per-thread rendering, partial-order reduction
// (por.go) and the race check. Models whose threads are interchangeable
// implement Symmetric and can be searched one state per orbit
// (Options.Symmetry, symmetry.go).
//
// Explore enumerates the reachable states breadth-first (shortest
// counterexample) or depth-first, finds deadlocks and Check violations, and
// says whether the search was complete or bounded. Replay rebuilds the Trace
// of a Schedule, so every violation can be printed step by step and
// reproduced exactly. With Options.Graph it keeps the explored graph,
// which Graph.WriteDOT draws for Graphviz (dot.go).
//
// The package depends on the standard library only.
package harness
