package sched_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/interleave/concurrency/harness/sched"
)

// A PCT chooser for bug depth 2 over two threads of three steps each:
// run 0 measures the length of a run (6 steps) and has no change point,
// so one thread runs to its end before the other; later runs drop the
// running thread's priority once, at a random step.
func ExamplePCTChooser() {
	c := sched.NewPCT(rand.New(rand.NewPCG(1, 2)), 2, 2)
	for run := range 4 {
		c.Start(run)
		left := []int{3, 3}
		var order []int
		for step := 0; left[0]+left[1] > 0; step++ {
			var enabled []int
			for th, n := range left {
				if n > 0 {
					enabled = append(enabled, th)
				}
			}
			th := enabled[c.Choose(enabled, step)]
			left[th]--
			order = append(order, th)
		}
		fmt.Println("run", run, order)
	}
	fmt.Printf("one run finds a depth-2 bug with probability >= %.3f\n", sched.Guarantee(2, c.K(), 2))
	// Output:
	// run 0 [0 0 0 1 1 1]
	// run 1 [0 0 0 1 1 1]
	// run 2 [0 1 1 1 0 0]
	// run 3 [0 0 1 1 1 0]
	// one run finds a depth-2 bug with probability >= 0.083
}
