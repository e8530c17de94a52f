package harness_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/counter"
	"github.com/interleave/concurrency/models/deadlock"
)

// Partial-order reduction keeps the philosophers' deadlock and the
// counter's verdict while exploring a fraction of the states.
func Example_reduction() {
	ctx := context.Background()
	phil := deadlock.New(deadlock.Naive, 8)
	for _, por := range []bool{false, true} {
		res, _ := harness.Explore(ctx, phil, harness.Options{POR: por, KeepGoing: true})
		fmt.Printf("philosophers: %d states, %s, reduction %s\n", res.States, res.Verdict(), res.Reduction)
	}
	mutex := counter.New(counter.Mutex, 4, 4)
	for _, por := range []bool{false, true} {
		res, _ := harness.Explore(ctx, mutex, harness.Options{POR: por}, mutex.LostUpdate())
		fmt.Printf("counter mutex: %d states, %s\n", res.States, res.Verdict())
	}
	// Output:
	// philosophers: 14158 states, violation, reduction off
	// philosophers: 1272 states, violation, reduction on
	// counter mutex: 6625 states, ok
	// counter mutex: 609 states, ok
}

// Minimize shortens a deadlocking schedule to one step per philosopher.
func ExampleMinimize() {
	m := deadlock.New(deadlock.Naive, 3)
	long := harness.Schedule{0, 0, 0, 0, 1, 1, 1, 1, 2, 0, 1, 2}
	fmt.Println(harness.Minimize(m, harness.DeadlockKind, long))
	// Output: 0,2,1
}

// Cooperative scheduling (no preemption) never loses an update: a
// thread is switched out only when it finishes. One preemption does.
func ExampleOptions_preemptions() {
	m := counter.New(counter.Race, 2, 1)
	for k := range 2 {
		res, _ := harness.Explore(context.Background(), m, harness.Options{ContextBound: true, Preemptions: k}, m.LostUpdate())
		fmt.Println(k, res.Verdict(), res.PerBound)
	}
	// Output:
	// 0 bounded [{0 2 8}]
	// 1 violation [{0 2 8} {1 1 3}]
}
