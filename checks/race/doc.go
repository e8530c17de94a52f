// Package race is the data-race check, for models explored with
// harness.Explore and for real code run under rt.Check.
//
// For a model (Model), every step is atomic and the memory is sequentially
// consistent, so a data race is two steps of different threads that are
// enabled in the same reachable state and touch the same object with plain
// accesses (harness.Read or harness.Write), at least one a Write: they can
// run back to back in either order with nothing to order them. Objects
// that a model accesses atomically are declared with Atomic. InTrace
// checks one execution instead (a replayed schedule): vector clocks over
// the footprints, where Acquire, Recv and Wait take the happens-before of
// the object's last Release or Send, and two conflicting plain accesses
// must be ordered.
//
// For code under the controlled runtime (RT), the detector is rt's own:
// vector clocks over rt synchronisation, reporting two accesses to an
// rt.Var, at least one a Store, not ordered by happens-before. RT turns
// it into a check value: Inspect judges an rt.Report, Explore runs a body
// and returns the race as a *Finding, and Verify does the same for a test.
package race
