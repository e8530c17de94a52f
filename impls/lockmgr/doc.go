// Package lockmgr is a resource lock manager: transactions lock named
// resources in shared or exclusive mode, waiting in FIFO order, and a
// wait-for graph is checked every time a transaction has to wait. If
// waiting would close a cycle, the requesting transaction is the victim:
// its request fails with an error wrapping ErrDeadlock, and every lock it
// held is released so that the others can go on. LockOrdered acquires a
// set of locks in name order, so that transactions using it never form a
// cycle at all.
//
// A transaction holding a shared lock may upgrade it to exclusive; it
// waits until it is the only holder (two upgraders of the same resource
// are a deadlock, and one of them is the victim).
//
// The seeded bug WithBug(BugSharedBlind) (in the tests:
// -lockmgr.bug=sharedblind) builds the wait-for graph from exclusive
// holders only, so cycles through shared locks are missed and the
// transactions wait forever: harness test reports every goroutine blocked.
//
// It is plain Go (a sync.Mutex and channels); the tests are ordinary go
// tests that harness test runs under its scheduler.
package lockmgr
