// Package racecounter is a data race on a counter: a server that counts
// requests in a plain int field, incremented by every request goroutine.
// The fix makes the field an atomic.Int64.
package racecounter

import "github.com/interleave/concurrency/harness/rt"

type server struct {
	requests rt.Var[int] // requests int
}

func (s *server) handle()     { s.requests.Store(s.requests.Load() + 1) }
func (s *server) served() int { return s.requests.Load() }

type serverFixed struct {
	requests rt.Int64 // requests atomic.Int64
}

func (s *serverFixed) handle()     { s.requests.Add(1) }
func (s *serverFixed) served() int { return int(s.requests.Load()) }

func run(t *rt.T, s interface {
	handle()
	served() int
}) {
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(s.handle)
	}
	wg.Wait()
	if n := s.served(); n != 2 {
		t.Errorf("served %d requests, want 2", n)
	}
}

// Buggy serves two requests with the plain counter.
func Buggy(t *rt.T) { run(t, &server{}) }

// Fixed serves them with the atomic counter.
func Fixed(t *rt.T) { run(t, &serverFixed{}) }
