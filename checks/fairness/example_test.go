package fairness_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/deadlock"
)

// Philosophers who put their first fork back when the second is taken
// never deadlock, but under a weakly fair scheduler they can all pick up
// and put back forever: a livelock, printed as a lasso.
func ExampleLivelock() {
	m := deadlock.New(deadlock.TryLock, 2)
	res, _ := harness.Explore(context.Background(), m, harness.Options{}, fairness.Livelock(fairness.Weak))
	v := res.Violations[0]
	stem := len(v.Schedule) - v.Cycle
	fmt.Println(v.Kind+":", v.Message)
	for i, st := range v.Trace.Steps {
		if i == stem {
			fmt.Println("-- repeats forever from here --")
		}
		fmt.Printf("P%d %s\n", st.Thread, st.Label)
	}
	// Output:
	// livelock: threads step forever on a weak-fair cycle of 4 steps and none makes progress
	// P0 take fork0
	// -- repeats forever from here --
	// P1 take fork1
	// P0 put back fork0
	// P0 take fork0
	// P1 put back fork1
}
