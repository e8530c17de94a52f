package linearizable_test

import (
	"fmt"

	"github.com/interleave/concurrency/checks/linearizable"
)

// Two clients increment a counter at overlapping times and both see 1: an
// increment was lost, and no order of the two explains the outputs.
func ExampleCheck() {
	rec := linearizable.NewRecorder()
	a, b := rec.Client(), rec.Client()
	incA := a.Begin(counterOp{inc: true})
	incB := b.Begin(counterOp{inc: true})
	incA.End(1)
	incB.End(1)
	fmt.Println(linearizable.Check(counterSpec, rec.History(), linearizable.WithName("counter")).Err())
	// Output:
	// not linearizable: counter: no order of these 2 operations is legal
	// history (call order; [call, return] on the logical clock):
	//   C0 [1,3]     inc() -> 1
	//   C1 [2,4]     inc() -> 1
	// longest partial linearisation (1 of 2):
	//   1. C0 inc() -> 1  => n=1
	// none of these can come next:
	//   C1 [2,4]     inc() -> 1
}
