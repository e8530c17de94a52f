// Package racecounter is a data race on a counter: an HTTP-style handler
// that counts requests in a plain field, incremented by every request
// goroutine. The fix is an atomic counter.
package racecounter

import "github.com/interleave/concurrency/harness/rt"

type server struct {
	requests rt.Var[int] // a plain int field
	hits     rt.Int64    // the fix: an atomic.Int64
}

func (s *server) handle() { s.requests.Store(s.requests.Load() + 1) }

func (s *server) handleFixed() { s.hits.Add(1) }

func (s *server) served(atomic bool) int {
	if atomic {
		return int(s.hits.Load())
	}
	return s.requests.Load()
}

func run(t *rt.T, atomic bool) {
	s := &server{}
	handle := s.handle
	if atomic {
		handle = s.handleFixed
	}
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(handle)
	}
	wg.Wait()
	if n := s.served(atomic); n != 2 {
		t.Errorf("served %d requests, want 2", n)
	}
}

// Buggy serves two requests with the plain counter.
func Buggy(t *rt.T) { run(t, false) }

// Fixed serves them with the atomic counter.
func Fixed(t *rt.T) { run(t, true) }
