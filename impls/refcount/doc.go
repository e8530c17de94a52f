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
// The seeded bug WithBug(BugNonAtomicCount) counts with a plain variable,
// read then written. Under rt.Check the race check reports the two
// unordered accesses (checks/race.RT); run natively with real goroutines,
// increments and decrements are lost and the handle is freed twice or used
// after it was freed.
//
// Everything is written with harness/rt primitives: natively they are
// sync/atomic and plain variables, under rt.Check every access is a
// scheduling point.
package refcount
