// Package linearizable checks that a concurrent object behaves like its
// sequential specification: every operation appears to take effect at one
// instant between its call and its return (Herlihy and Wing).
//
// A Recorder logs the operations of a test with a logical clock: each
// client (one goroutine) calls Begin before an operation and End after it.
// Operations that have begun but not ended when the history is taken are
// pending; by default they may or may not have taken effect
// (porcupine's "return at infinity"). At a quiescent point, where every
// pending operation is known to be blocked without effect (a Get waiting
// on an empty queue), HistoryAt records each as an observation at that
// point instead, which is what turns a lost wake-up into a violation.
//
// Check runs porcupine (github.com/anishathalye/porcupine) on the history
// and returns a Report with one of three verdicts: linearizable, not
// linearizable, or unknown (porcupine ran out of time, which is never a
// pass). For a violation, Report.Text renders the history and the longest
// partial linearisation porcupine found, with the operations that cannot
// come next; Report.WriteHTML writes porcupine's interactive
// visualisation.
//
// The check is usable three ways: Verify inside an rt.Check body or a
// native test (it fails the test with Kind and the text, and writes the
// HTML to a directory given by WithHTMLDir, typically t.ArtifactDir());
// Check for a Report without a test; and Model, a harness.Check for
// models of the explicit-state engine that keep their history in the
// state.
//
// The clock is a shared atomic counter. Natively, the race detector treats
// atomics as synchronisation, so recording orders operations that do not
// overlap in time; run the race check without the recorder to be sure.
// Inside rt.Check the clock is not an rt operation: it adds no scheduling
// points and no happens-before edges.
package linearizable
