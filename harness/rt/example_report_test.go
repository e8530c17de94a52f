package rt_test

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness/rt"
)

type cache struct {
	mu      rt.Mutex
	updates *rt.Chan[string]
}

// refresh waits for an update while holding the lock that the sender
// needs.
func (c *cache) refresh() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.updates.Recv()
}

// Reports name objects after the source (c.mu, updates) and goroutines
// after the function they run (G1 refresh); the summary names the
// strategy and its bound.
func ExampleReport_Method() {
	rep, _ := rt.Explore(func(t *rt.T) {
		c := &cache{updates: rt.NewChan[string](0)}
		t.Go(c.refresh)
		c.mu.Lock()
		c.updates.Send("v2")
		c.mu.Unlock()
	})
	fmt.Println(rep.Method())
	for _, line := range strings.Split(rep.Failure.Message, "\n")[1:3] {
		fmt.Println(line)
	}
	// Output:
	// dfs+dpor, preemption bound 2
	//   G0 blocked in updates.Send (unbuffered, no receiver) at example_report_test.go:31
	//   G1 refresh blocked in c.mu.Lock (held by G0) at example_report_test.go:18
}

// A failure in a program with many goroutines keeps a column for the
// goroutines it names only; Failure.FullTrace has every step (Check
// writes it to the test's artifact directory).
func ExampleFailure_FullTrace() {
	rep, _ := rt.Explore(func(t *rt.T) {
		var wg rt.WaitGroup
		n := new(rt.Var[int])
		for range 20 {
			wg.Go(func() { n.Store(n.Load() + 1) })
		}
		wg.Wait()
	}, rt.WithMaxExecutions(1))
	f := rep.Failure
	fmt.Println(f.Kind, strings.Count(f.Trace, "\n"), "lines,", strings.Count(f.FullTrace, "\n"), "in full")
	fmt.Print(f.Trace)
	// Output:
	// data race 8 lines, 26 in full
	// (:N is line N of example_report_test.go)
	// columns: the goroutines named above; G0, G3–G20 (19 more) are folded into "other" rows
	// step  G1 (func at :52)  G2 (func at :52)
	//       … steps 1–21: 21 by 1 other goroutine(s)
	//   22  n.Load :52
	//   23  n.Store :52
	//   24  wg.Done
	//   25                    n.Load :52
}
