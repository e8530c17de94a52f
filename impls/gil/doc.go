// Package gil is a global interpreter lock for a small stack-machine
// bytecode interpreter whose threads are goroutines, in the manner of
// CPython's "new GIL":
//
//   - Switch interval: a thread that has run WithSwitchInterval
//     instructions since it took the lock gives it up if another thread is
//     waiting (a drop request), and queues for it again.
//   - Blocking I/O (the IO instruction) runs without the lock, so other
//     threads run bytecode meanwhile.
//   - Fair hand-off: waiting threads are served first come, first served,
//     and a thread giving the lock up joins the back of the queue, so a
//     waiting thread gets the lock before others have run more than
//     (threads-1) × interval instructions.
//
// Run returns Stats, and two checks judge them: Exclusive (at most one
// thread ran bytecode at any time: ErrOverlap) and Bounded (no thread
// waited for the lock beyond the bound in instructions run by others, or
// in time, nor through another thread's I/O: ErrStarvation). Globals are
// plain variables that the lock guards.
//
// It is plain Go (sync, sync/atomic, time); the tests are ordinary go
// tests that harness test runs under its scheduler (time is virtual
// there, so I/O takes no real time).
//
// Seeded bugs (WithBug; in the tests -gil.bug=holdduringio, barging,
// nolock): BugHoldDuringIO keeps the lock around I/O, so a thread waits
// for the lock through another one's I/O; BugBarging lets a thread giving
// the lock up take it straight back ahead of the waiting threads. Bounded
// reports both as ErrStarvation. BugNoLock never takes the lock, and
// Exclusive reports ErrOverlap (and the race detector, with -race, the
// unordered accesses to a shared global).
package gil
