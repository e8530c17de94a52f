// Package queue is a bounded multi-producer multi-consumer FIFO queue:
// Put blocks while the queue is full, Get while it is empty, TryPut and
// TryGet never block, and Close wakes every waiter (Put then fails with
// ErrClosed, Get drains what is left and then reports false).
//
// It is a ring buffer behind one sync.Mutex with two sync.Conds. The
// tests are ordinary go tests (every item delivered once and in order,
// every history linearizable, checked with porcupine) that harness test
// runs under its scheduler: harness test ./impls/queue.
//
// Seeded bug, switched on with WithBug(BugLostWakeup) (in the tests:
// -queue.bug=lostwakeup): Put signals the consumers only when the queue
// goes from empty to non-empty, and Get signals the producers only when it
// goes from full to not full. With two consumers waiting, two quick Puts
// wake one of them; the other sleeps beside an item forever, which
// harness test reports as a deadlock.
package queue
