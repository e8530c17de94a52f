package race_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/checks/internal/progmodel"
	"github.com/interleave/concurrency/checks/race"
	"github.com/interleave/concurrency/harness"
)

// Two threads, one writing x and one reading it with no lock: both steps
// are enabled in the initial state, which is a data race.
func ExampleModel() {
	m := progmodel.New([][]progmodel.Op{
		{{Label: "x = 1", Object: "x", Kind: harness.Write}},
		{{Label: "print x", Object: "x", Kind: harness.Read}},
	})
	res, _ := harness.Explore(context.Background(), m, harness.Options{}, race.Model())
	fmt.Println(res.Violations[0].Kind+":", res.Violations[0].Message)
	// Output:
	// data race: T0 "x = 1" and T1 "print x" both access x, at least one writes, and both can run next in either order
}
