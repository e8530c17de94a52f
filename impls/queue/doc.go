// Package queue is a bounded multi-producer multi-consumer FIFO queue:
// Put blocks while the queue is full, Get while it is empty, TryPut and
// TryGet never block, and Close wakes every waiter (Put then fails with
// ErrClosed, Get drains what is left and then reports false).
//
// It is a ring buffer behind one mutex with two condition variables, all
// from the controlled runtime (harness/rt): sync primitives in
// production, scheduling points inside rt.Check. The tests check that
// every history is linearizable (checks/linearizable, porcupine), under
// rt.Check and under real goroutines with -race. A history is taken at a
// quiescent point, where an operation still blocked is an observation
// (a Get blocked means the queue is empty), so a lost wake-up, which
// leaves a consumer asleep next to an item, is a linearizability
// violation rather than only a hang.
//
// Seeded bug, switched on with WithBug(BugLostWakeup): Put signals the
// consumers only when the queue goes from empty to non-empty, and Get
// signals the producers only when it goes from full to not full. With two
// consumers waiting, two quick Puts wake one of them; the other sleeps
// beside an item forever.
package queue
