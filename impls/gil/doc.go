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
// waited for the lock beyond the bound, in instructions run by others or
// in time: ErrStarvation). Globals are rt.Var, so under rt.Check the race
// check also proves that the lock orders every access to them.
//
// Seeded bugs (WithBug): BugHoldDuringIO keeps the lock around I/O, so a
// thread waits for the lock for as long as another one's I/O takes;
// BugBarging lets a thread giving the lock up take it straight back ahead
// of the waiting threads. Bounded reports both as ErrStarvation.
// BugNoLock never takes the lock, and Exclusive reports ErrOverlap (and,
// when the threads share a global, the race check its unordered
// accesses).
package gil
