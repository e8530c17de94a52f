// Package waitbeforeadd is an order violation (Wait before Add): a
// prefetcher whose goroutines call wg.Add themselves, so Wait may run
// before any Add and return at once while the goroutines still write
// their results. The fix calls Add before the go statement.
package waitbeforeadd

import "github.com/interleave/concurrency/harness/rt"

// prefetch warms every key and returns how many were warmed; addInside
// calls Add in the goroutine (the bug).
func prefetch(keys []string, addInside bool) int {
	var wg rt.WaitGroup
	warmed := make([]rt.Var[bool], len(keys)) // plain []bool
	for i := range keys {
		if !addInside {
			wg.Add(1)
		}
		rt.Go(func() {
			if addInside {
				wg.Add(1)
			}
			defer wg.Done()
			warmed[i].Store(true)
		})
	}
	wg.Wait()
	n := 0
	for i := range warmed {
		if warmed[i].Load() {
			n++
		}
	}
	return n
}

func run(t *rt.T, addInside bool) {
	if n := prefetch([]string{"a", "b"}, addInside); n != 2 {
		t.Errorf("warmed %d keys, want 2", n)
	}
}

// Buggy adds inside the goroutines.
func Buggy(t *rt.T) { run(t, true) }

// Fixed adds before starting them.
func Fixed(t *rt.T) { run(t, false) }
