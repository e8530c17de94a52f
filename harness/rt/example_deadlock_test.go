//lint:file-ignore SA2001 taking a lock and releasing it at once is what these bodies do

package rt_test

import (
	"fmt"

	"github.com/interleave/concurrency/harness/rt"
)

// A deadlock through a channel and a lock: the report names the wait-for
// cycle and what each Coffman condition means for the objects in it.
func ExampleKindDeadlock() {
	rep, _ := rt.Explore(func(t *rt.T) {
		var mu rt.Mutex
		results := rt.NewChan[int](0)
		t.Go(func() {
			mu.Lock()
			results.Send(1) // sends while holding the lock
			mu.Unlock()
		})
		mu.Lock() // the receiver needs the lock first
		mu.Unlock()
		results.Recv()
	})
	fmt.Println(rep.Failure.Kind)
	fmt.Println(rep.Failure.Message)
	// Output:
	// deadlock
	// goroutines wait for each other in a cycle:
	//   G0 blocked in mu.Lock (held by G1) at example_deadlock_test.go:22
	//   G1 (func at example_deadlock_test.go:17) blocked in results.Send (unbuffered, no receiver) at example_deadlock_test.go:19
	// wait-for cycle: G0 → G1 → G0
	//
	// Coffman conditions (4 of 4 hold):
	//   yes  mutual exclusion  mu: a mutex has one holder at a time
	//                          results: an unbuffered rendezvous has one partner
	//   yes  hold and wait     G0 holds the other end of results and waits for mu (held by G1)
	//                          G1 holds mu and waits for results (G0 could be its partner)
	//   yes  no preemption     a lock is released only by its holder
	//                          nothing can make a blocked send or receive give up
	//   yes  circular wait     G0 → G1 → G0
}

// Goroutines left blocked when the body returns, in no cycle, are a
// leak: each says who could still release it.
func ExampleKindLeak() {
	rep, _ := rt.Explore(func(t *rt.T) {
		results := rt.NewChan[int](0)
		t.Go(func() { results.Send(1) }) // nobody receives
	})
	fmt.Println(rep.Failure.Kind)
	fmt.Println(rep.Failure.Message)
	// Output:
	// leak
	// 1 goroutine(s) still blocked after the body returned, in no wait-for cycle:
	//   G1 (func at example_deadlock_test.go:50) blocked in results.Send (unbuffered, no receiver) at example_deadlock_test.go:50; nobody else holds a reference to results any more (G0, which could reach it, exited)
}
