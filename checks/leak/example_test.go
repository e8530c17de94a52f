package leak_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/harness"
)

// A main thread that returns without setting the flag its worker waits
// for leaves the worker behind.
func ExampleModel() {
	m := waiterModel{forget: true}
	res, _ := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, leak.Model(0))
	for _, v := range res.Violations {
		if v.Kind == leak.Kind {
			fmt.Println(v.Kind+":", v.Message)
			fmt.Println("schedule:", v.Schedule)
		}
	}
	// Output:
	// leak: 1 thread left behind after the main threads finished: worker blocked at "wait for flag"
	// schedule: 0
}
