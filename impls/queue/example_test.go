package queue_test

import (
	"fmt"
	"sync"

	"github.com/interleave/concurrency/impls/queue"
)

// Three producers and two consumers share a queue of capacity 2; Close
// after the producers are done lets the consumers drain it and stop.
func Example() {
	q := queue.New[int](2)
	var producers, consumers sync.WaitGroup
	sums := make([]int, 2)
	for p := range 3 {
		producers.Go(func() {
			for i := range 10 {
				_ = q.Put(p*10 + i)
			}
		})
	}
	for c := range 2 {
		consumers.Go(func() {
			for {
				v, ok := q.Get()
				if !ok {
					return
				}
				sums[c] += v
			}
		})
	}
	producers.Wait()
	q.Close()
	consumers.Wait()
	fmt.Println(sums[0]+sums[1], q.Len(), q.Put(1))
	// Output: 435 0 queue: closed
}
