package deadlock_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/deadlock"
)

// Each variant breaks one Coffman condition; only naive deadlocks.
func Example() {
	for _, v := range []deadlock.Variant{deadlock.Naive, deadlock.Ordered, deadlock.AllOrNothing, deadlock.TryLock} {
		res, _ := harness.Explore(context.Background(), deadlock.New(v, 4), harness.Options{})
		fmt.Printf("%-14s %s\n", v, res.Verdict())
	}
	// Output:
	// naive          violation
	// ordered        ok
	// all-or-nothing ok
	// trylock        ok
}
