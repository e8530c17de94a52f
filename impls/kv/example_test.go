package kv_test

import (
	"fmt"
	"sync"

	"github.com/interleave/concurrency/impls/kv"
)

// Counting words from several goroutines: Update is one atomic
// read-modify-write, so no count is lost.
func Example() {
	m := kv.New[int]()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, w := range []string{"a", "b", "a"} {
				m.Update(w, func(n int, _ bool) int { return n + 1 })
			}
		})
	}
	wg.Wait()
	a, _ := m.Get("a")
	b, _ := m.Get("b")
	fmt.Println(a, b, m.Len())
	// Output: 8 4 2
}
