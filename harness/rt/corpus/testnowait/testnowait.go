// Package testnowait is a testing-library misuse: a test that starts the
// handlers it tests in goroutines and asserts on their effect without
// waiting for them, so the assertion reads what the handlers are still
// writing. The fix waits (WaitGroup) before asserting.
package testnowait

import "github.com/interleave/concurrency/harness/rt"

type store struct {
	mu   rt.Mutex
	hits rt.Var[int] // written under mu by the handler
}

func (s *store) hit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits.Store(s.hits.Load() + 1)
}

func run(t *rt.T, wait bool) {
	s := &store{}
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(s.hit)
	}
	if wait {
		wg.Wait()
	}
	if n := s.hits.Load(); n != 2 { // the test reads without mu, like most tests
		t.Errorf("hits = %d", n)
	}
}

// Buggy asserts without waiting for the handlers.
func Buggy(t *rt.T) { run(t, false) }

// Fixed waits first.
func Fixed(t *rt.T) { run(t, true) }
