package counter_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/counter"
)

// Only the unsynchronised read-then-write loses updates.
func Example() {
	for _, v := range []counter.Variant{counter.Race, counter.Mutex, counter.Atomic} {
		m := counter.New(v, 2, 2)
		res, _ := harness.Explore(context.Background(), m, harness.Options{}, m.LostUpdate())
		fmt.Printf("%-6s %s", v, res.Verdict())
		if len(res.Violations) > 0 {
			fmt.Printf(": %s", res.Violations[0].Message)
		}
		fmt.Println()
	}
	// Output:
	// race   violation: x=3 after 2 threads × 2 increments (want 4)
	// mutex  ok
	// atomic ok
}
