// Package closetwice is a misused channel (close twice): a server whose
// Shutdown closes its quit channel, called both by the signal handler and
// by a deferred cleanup, so the second close panics. The fix guards the
// close with sync.Once.
package closetwice

import "github.com/interleave/concurrency/harness/rt"

type server struct {
	quit     *rt.Chan[struct{}]
	done     *rt.Chan[struct{}]
	stopOnce rt.Once
}

func start() *server {
	s := &server{quit: rt.NewChan[struct{}](0), done: rt.NewChan[struct{}](0)}
	rt.Go(func() {
		defer s.done.Close()
		s.quit.Recv()
	})
	return s
}

// shutdown stops the server and waits: the bug, a second call closes
// quit again.
func (s *server) shutdown() {
	s.quit.Close()
	s.done.Recv()
}

// shutdownFixed closes quit once, whatever the number of calls.
func (s *server) shutdownFixed() {
	s.stopOnce.Do(s.quit.Close)
	s.done.Recv()
}

func run(shutdown func(*server)) {
	s := start()
	defer shutdown(s) // cleanup on every return path
	sig := rt.NewChan[string](1)
	sig.Send("SIGTERM")
	rt.Go(func() {
		sig.Recv()
		shutdown(s) // the signal handler
	})
	s.done.Recv()
}

// Buggy shuts down from the signal handler and the deferred cleanup.
func Buggy(t *rt.T) { run((*server).shutdown) }

// Fixed makes shutdown idempotent.
func Fixed(t *rt.T) { run((*server).shutdownFixed) }
