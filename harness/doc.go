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
// A model may implement optional capabilities (capabilities.go), each a
// one-method interface the engine looks for:
//
//	Finisher     Finished(s, th)        a thread can end: a stuck state is a deadlock only if some thread has not
//	ThreadNamer  ThreadName(th)         reports name threads ("P0") instead of "T0"
//	Describer    Describe(s)            reports show the final state ("held: fork0 by P0")
//	Narrator     Narrate(s, st)         replayed steps say what they did ("read x (=1)")
//	Blocker      BlockedOn(s, th)       the deadlock report names what a thread waits on besides acquired objects
//	Holder       Holding(s, th)         hold and wait counts what no Acquire access records; checks/deadlock sees who holds what
//	Appender     AppendApply(dst, s, st) successors are built into a reused buffer: one allocation less per step
//	Lookahead    MayAccess(s, th)       partial-order reduction knows what a thread may still touch, and prunes more
//	Symmetric    Canonical(dst, s)      one state per orbit of interchangeable threads (Options.Symmetry)
//
// Checks may implement Reader and TerminalChecker (what partial-order
// reduction may reorder) and GraphCheck (liveness over the whole graph).
// EnabledSteps iterates over the steps enabled in a state.
//
// Random and PCT sampling (random.go, pct.go) walk executions whose
// every step a sched.Chooser picks; Strategy, the failure kinds
// (DeadlockKind) and PCT's default bug depth are package sched's, which
// rt shares.
//
// The package depends on the standard library and the leaf packages
// harness/trace, harness/sched, harness/shard and harness/coffman only.
package harness
