package rt_test

import (
	"fmt"

	"github.com/interleave/concurrency/harness/rt"
)

// A DFS exploration stopped by its budget says what it left: Frontier
// counts the choices it had still to try (every one is an execution not
// run), and Check prints the same on standard error even without -v.
func ExampleReport_frontier() {
	body := func(t *rt.T) {
		var mu rt.Mutex
		n := new(rt.Var[int])
		for range 3 {
			t.Go(func() { mu.Lock(); n.Store(n.Load() + 1); mu.Unlock() })
		}
	}
	rep, _ := rt.Explore(body, rt.WithMaxExecutions(2))
	fmt.Println(rep.Exhausted, rep.Frontier)
	all, _ := rt.Explore(body)
	fmt.Println(all.Exhausted, all.Frontier, all.Executions)
	// Output:
	// false 2
	// true 0 6
}
