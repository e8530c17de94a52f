// Package eventloop is a single-threaded event loop in the manner of
// asyncio: CallSoon and CallLater queue callbacks, futures carry results
// into the loop, and tasks are coroutines that suspend at Await while the
// loop runs other callbacks. Callbacks, future continuations and task
// segments all run on the loop, one at a time: code on the loop needs no
// locks. The loop counts overlaps for the Exclusive check.
//
// EchoServer is a small TCP echo server on a loop: an accept goroutine and
// one reader goroutine per connection do the blocking I/O and post what
// they receive to the loop, whose callbacks echo it. Every accepted
// connection is served (Stats), and Liveness checks that one idle client
// does not stall the others.
//
// The seeded bug WithBug(BugBlockingCallback) (in the tests:
// -eventloop.bug=blockingcallback) reads a new connection to its end
// inside the accept callback, a blocking call on the loop: while one
// client is idle no other connection is served, and Liveness reports
// ErrStalled.
//
// It is plain Go (sync, channels, go, time). The tests are ordinary go
// tests that harness test runs under its scheduler; the ones over real
// sockets skip themselves there (a goroutine blocked in a socket read is
// outside the scheduler's reach), and an in-memory connection made of
// channels lets harness test explore the echo server and find the seeded
// bug as a deadlock.
package eventloop
