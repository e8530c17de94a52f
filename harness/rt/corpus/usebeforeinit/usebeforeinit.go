// Package usebeforeinit is an order violation (use before
// initialisation): a server whose Start launches the accept loop and only
// then installs the request handler, so the loop may read the handler
// field before it is written. The fix sets every field before the go
// statement.
package usebeforeinit

import "github.com/interleave/concurrency/harness/rt"

type server struct {
	handler rt.Var[func(string) string] // a plain func field
	reqs    *rt.Chan[string]
	done    *rt.Chan[struct{}]
}

func (s *server) serve() {
	defer s.done.Close()
	h := s.handler.Load()
	for {
		r, ok := s.reqs.Recv()
		if !ok {
			return
		}
		h(r)
	}
}

// start launches the loop, then sets the handler; early false sets it
// after the go statement (the bug).
func start(h func(string) string, early bool) *server {
	s := &server{reqs: rt.NewChan[string](1), done: rt.NewChan[struct{}](0)}
	if early {
		s.handler.Store(h)
	}
	rt.Go(s.serve)
	if !early {
		s.handler.Store(h)
	}
	return s
}

func run(early bool) {
	s := start(func(r string) string { return "200 " + r }, early)
	s.reqs.Send("GET /")
	s.reqs.Close()
	s.done.Recv()
}

// Buggy installs the handler after the loop starts.
func Buggy(t *rt.T) { run(false) }

// Fixed installs it before.
func Fixed(t *rt.T) { run(true) }
