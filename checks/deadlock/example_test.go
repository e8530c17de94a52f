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
