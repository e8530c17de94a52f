// Package testlogafter is a testing-library misuse: a test wires the
// server's logger to t.Logf and returns without stopping the server's
// background goroutine, which logs after the test has completed (Go's
// testing package panics: "Log in goroutine after Test... has
// completed"). The fix stops the server and waits before returning.
package testlogafter

import (
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

type server struct {
	logf func(string, ...any)
	quit *rt.Chan[struct{}]
	done *rt.Chan[struct{}]
}

func start(logf func(string, ...any)) *server {
	s := &server{logf: logf, quit: rt.NewChan[struct{}](0), done: rt.NewChan[struct{}](0)}
	rt.Go(s.heartbeat)
	return s
}

// heartbeat logs every second until quit.
func (s *server) heartbeat() {
	defer s.done.Close()
	for {
		stop := false
		rt.Select(rt.After(time.Second).OnRecv(nil), s.quit.OnRecv(func(struct{}, bool) { stop = true }))
		if stop {
			return
		}
		s.logf("heartbeat")
	}
}

func (s *server) stop() {
	s.quit.Close()
	s.done.Recv()
}

func run(t *rt.T, stop bool) {
	s := start(t.Logf)
	s.logf("started")
	if stop {
		s.stop()
	}
}

// Buggy returns with the heartbeat still logging to t.
func Buggy(t *rt.T) { run(t, false) }

// Fixed stops the server before returning.
func Fixed(t *rt.T) { run(t, true) }
