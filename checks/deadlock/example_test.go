package deadlock_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/checks/deadlock"
	"github.com/interleave/concurrency/checks/internal/progmodel"
	"github.com/interleave/concurrency/harness"
)

// Two threads take locks a and b in opposite orders while a third thread
// spins forever: no state is terminal, so only the wait-for cycle shows
// the deadlock.
func ExampleModel() {
	lock := func(o string) progmodel.Op { return progmodel.Op{Label: "lock " + o, Object: o, Kind: harness.Acquire} }
	m := progmodel.New([][]progmodel.Op{
		{lock("a"), lock("b")},
		{lock("b"), lock("a")},
		{{Label: "spin", Object: "y", Kind: harness.Write}},
	}, false, false, true)
	res, _ := harness.Explore(context.Background(), m, harness.Options{}, deadlock.Model())
	fmt.Println(res.Violations[0].Kind+":", res.Violations[0].Message)
	// Output:
	// deadlock: wait-for cycle T0 -> T1 -> T0: each waits for the next and none can step
}

// Report explains a deadlock of a model in the format of harness explore:
// who is blocked where, the wait-for cycle, and each Coffman condition
// with its evidence.
func ExampleReport() {
	pair := func(x, y string) []progmodel.Op {
		return []progmodel.Op{
			{Label: "lock " + x, Object: x, Kind: harness.Acquire}, {Label: "lock " + y, Object: y, Kind: harness.Acquire},
			{Label: "unlock " + y, Object: y, Kind: harness.Release}, {Label: "unlock " + x, Object: x, Kind: harness.Release},
		}
	}
	m := progmodel.New([][]progmodel.Op{pair("a", "b"), pair("b", "a")})
	res, _ := harness.Explore(context.Background(), m, harness.Options{})
	fmt.Print(deadlock.Report(m, res.Violations[0].Trace))
	// Output:
	// T0 blocked at "lock b" waiting for b (held by T1 since step 2)
	// T1 blocked at "lock a" waiting for a (held by T0 since step 1)
	// wait-for cycle: T0 → T1 → T0
	//
	// Coffman conditions (4 of 4 hold):
	//   yes  mutual exclusion  T0 needs b, held by T1 since step 2
	//                          T1 needs a, held by T0 since step 1
	//   yes  hold and wait     T0 holds a while waiting for b
	//                          T1 holds b while waiting for a
	//   yes  no preemption     every release in the trace is made by the holder itself; nothing takes a held object away
	//   yes  circular wait     T0 → b → T1 → a → T0
}
