// Package tally counts in parallel.
package tally

import "sync"

// Count adds 1 n times, each in its own goroutine, and returns the sum.
// It forgets to wait for them.
func Count(n int) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total++
			mu.Unlock()
		}()
	}
	mu.Lock()
	defer mu.Unlock()
	return total
}
