// Package refcount is a reference-counted handle: Retain and Release a
// value, and a finaliser that runs exactly once when the last reference is
// released.
//
// Two correct variants:
//
//   - atomic (default): one atomic count, as in Arc or std::shared_ptr.
//   - biased (WithBiased): biased reference counting (Choi et al., PACT
//     2018). The goroutine that creates the handle owns it and counts its
//     own references with plain, non-atomic operations through Owner;
//     every other goroutine uses the atomic shared count. When the owner's
//     count reaches zero it merges by setting a flag in the shared count,
//     and whichever side sees "merged and zero" finalises, which happens
//     exactly once because both sides decide on the same atomic word.
//
// Misuse is reported, not ignored: Retain or Get after the finaliser ran
// returns ErrUseAfterFree, and a release that finalises a second time (or
// drives the count below zero) returns ErrDoubleFree.
//
// The seeded bug WithBug(BugNonAtomicCount) (in the tests:
// -refcount.bug=nonatomic) counts with a plain variable, read then
// written: a data race, which go test -race reports. Increments and
// decrements are lost, and the handle is freed twice or used after it was
// freed, or never freed: harness test finds such a schedule (it switches
// goroutines at the runtime.Gosched between the read and the write).
//
// It is plain Go (sync/atomic and plain variables); the tests are
// ordinary go tests that harness test runs under its scheduler.
package refcount
