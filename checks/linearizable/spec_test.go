package linearizable_test

import (
	"fmt"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/linearizable"
)

// counterOp is an operation on a counter: Inc returns the new value, Get
// the current one.
type counterOp struct{ inc bool }

func (o counterOp) String() string {
	if o.inc {
		return "inc()"
	}
	return "get()"
}

// counterSpec is the sequential specification of a counter starting at 0.
var counterSpec = porcupine.Model{
	Init: func() any { return 0 },
	Step: func(state, input, output any) (bool, any) {
		n := state.(int)
		if input.(counterOp).inc {
			n++
		}
		if linearizable.IsPending(output) {
			return true, n
		}
		return output.(int) == n, n
	},
	DescribeOperation: func(input, output any) string {
		return fmt.Sprintf("%v -> %v", input, output)
	},
	DescribeState: func(state any) string { return fmt.Sprintf("n=%d", state) },
}
