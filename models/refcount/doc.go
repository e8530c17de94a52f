// Package refcount models reference counting: an object carries a count of
// the references to it, every new reference increments it, every dropped
// reference decrements it, and whoever brings it to zero frees the object.
//
// The claim: reference counting is only as safe as its increments and
// decrements. Made as a read step followed by a write step (a plain rc++
// in C), two threads can interleave between the read and the write:
//
//   - a lost decrement leaves the count above zero for ever: the object
//     leaks;
//   - a lost increment lets the count reach zero while a thread still holds
//     a reference: the object is freed under it (use after free), and later
//     decrements can bring the stale count to zero again (double free).
//
// Every thread starts holding one reference (the count starts at the
// number of threads). Each thread then takes a second reference, uses the
// object, drops one reference, uses the object again and drops its last
// reference. The variants differ only in how the count is changed:
//
//   - naive: rc is read, then written, in two steps: the leak, the
//     use-after-free and the double free are all reachable.
//   - atomic: one indivisible step per change (atomic.AddInt32): all
//     properties hold.
//   - gil: the naive read and write, but each change runs inside one
//     bytecode while holding a global interpreter lock, which is only given
//     up between bytecodes (as in CPython): all properties hold.
//   - biased: biased reference counting (as in free-threaded CPython): the
//     thread that created the object (T0, its owner) counts its own
//     references in a local field with plain, non-atomic reads and writes
//     (nobody else touches it); the other threads count theirs in a shared
//     field with atomic steps. When the owner drops its last reference it
//     hands the object over: it merges (atomically marks the shared field
//     merged and looks at it), and the object is freed by whichever side
//     sees both parts at zero. All properties hold, with the fast path
//     free of atomics.
//
// The checks: "double-free" (the object is freed at most once),
// "use-after-free" (no thread touches the object, its count included, once
// it is freed) and the terminal check "leak" (when every thread has dropped
// its references the object has been freed).
package refcount
