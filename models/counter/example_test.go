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

// Symmetry reduction stores one state per orbit under permutations of the
// identical threads; the verdict and the lost-update terminal states (each
// its own orbit) are the same.
func Example_symmetry() {
	m := counter.New(counter.Race, 3, 3)
	for _, sym := range []bool{false, true} {
		res, _ := harness.Explore(context.Background(), m, harness.Options{Symmetry: sym, KeepGoing: true}, m.LostUpdate())
		fmt.Printf("symmetry %-3s %s, %d states, %d lost-update terminal states\n", res.Symmetry, res.Verdict(), res.States, res.Violating["lost-update"])
	}
	// Output:
	// symmetry off violation, 7646 states, 7 lost-update terminal states
	// symmetry on  violation, 1529 states, 7 lost-update terminal states
}
