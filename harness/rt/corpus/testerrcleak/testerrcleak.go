// Package testerrcleak is a testing-library misuse: a test runs the
// server's Serve in a goroutine that reports its result on an unbuffered
// error channel, then closes the server and returns without reading that
// channel, so the goroutine leaks (the kind of leak goleak reports). The
// fix reads the error after Close.
package testerrcleak

import (
	"errors"

	"github.com/interleave/concurrency/harness/rt"
)

var errClosed = errors.New("server closed")

type server struct{ quit *rt.Chan[struct{}] }

func (s *server) serve() error {
	s.quit.Recv()
	return errClosed
}

func (s *server) close() { s.quit.Close() }

func run(t *rt.T, readErr bool) {
	s := &server{quit: rt.NewChan[struct{}](0)}
	errc := rt.NewChan[error](0)
	rt.Go(func() { errc.Send(s.serve()) })
	// ... exercise the server ...
	s.close()
	if readErr {
		if err, _ := errc.Recv(); !errors.Is(err, errClosed) {
			t.Errorf("Serve = %v", err)
		}
	}
}

// Buggy returns without reading Serve's error.
func Buggy(t *rt.T) { run(t, false) }

// Fixed reads it.
func Fixed(t *rt.T) { run(t, true) }
