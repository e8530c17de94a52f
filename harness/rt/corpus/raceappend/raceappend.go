// Package raceappend is a data race on a slice: a scatter-gather search
// that appends each backend's hits to a shared slice from its goroutine.
// The fix appends under a mutex.
package raceappend

import "github.com/interleave/concurrency/harness/rt"

// search queries every backend concurrently; lock false is the bug.
func search(backends []string, lock bool) []string {
	var mu rt.Mutex
	var hits rt.Var[[]string] // a plain []string variable
	var wg rt.WaitGroup
	for _, b := range backends {
		wg.Go(func() {
			hit := b + ":result"
			if lock {
				mu.Lock()
				defer mu.Unlock()
			}
			hits.Store(append(hits.Load(), hit))
		})
	}
	wg.Wait()
	return hits.Load()
}

func run(t *rt.T, lock bool) {
	if got := search([]string{"web", "images"}, lock); len(got) != 2 {
		t.Errorf("hits = %v", got)
	}
}

// Buggy appends from two goroutines.
func Buggy(t *rt.T) { run(t, false) }

// Fixed appends under a mutex.
func Fixed(t *rt.T) { run(t, true) }
