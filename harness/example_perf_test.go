package harness_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/deadlock"
)

// Hash compaction keeps 64 bits per state instead of the state; the
// result says how likely it is that a collision hid a state.
func ExampleOptions_compact() {
	m := deadlock.New(deadlock.Naive, 8)
	res, _ := harness.Explore(context.Background(), m, harness.Options{Compact: true, KeepGoing: true})
	fmt.Println(res.States, res.Transitions, res.Violating[harness.DeadlockKind])
	fmt.Printf("missed a state with probability <= %.0e\n", res.MissProbability)
	// Output:
	// 14158 81848 1
	// missed a state with probability <= 5e-12
}

// Workers share breadth-first search and return what one worker returns.
func ExampleOptions_workers() {
	m := deadlock.New(deadlock.Naive, 8)
	one, _ := harness.Explore(context.Background(), m, harness.Options{})
	four, _ := harness.Explore(context.Background(), m, harness.Options{Workers: 4})
	fmt.Println(one.States, one.Violations[0].Schedule)
	fmt.Println(four.States, four.Violations[0].Schedule)
	// Output:
	// 5065 0,1,2,3,4,5,6,7
	// 5065 0,1,2,3,4,5,6,7
}
