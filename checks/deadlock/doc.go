// Package deadlock is the deadlock check, for models explored with
// harness.Explore and for real code run under rt.Check.
//
// The engine already reports a global deadlock (no thread can step and
// not all have finished) with harness.AnalyzeDeadlock. Model adds what it
// cannot see: a wait-for cycle among some blocked threads while other
// threads keep running (a partial deadlock, which a terminal-state test
// never reaches when another thread loops forever). Who waits for whom
// comes from harness.Blocker when the model implements it, and otherwise
// from the Acquire accesses of a blocked thread's step and the model's
// harness.Holder implementation. Report renders any deadlock violation as the
// wait-for cycle and the four Coffman conditions with their evidence, in
// the format of harness explore and rt (harness/coffman renders all three).
//
// For code under the controlled runtime (RT), the detector is rt's own:
// every goroutine blocked on rt primitives, with the wait-for cycle and
// the Coffman conditions for locks. RT turns it into a check value
// (Inspect an rt.Report, Explore a body, Verify in a test).
package deadlock
