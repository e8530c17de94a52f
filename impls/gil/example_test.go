package gil_test

import (
	"fmt"

	"github.com/interleave/concurrency/impls/gil"
)

// Two threads: one sums 1..3 into global 0, the other does I/O (without
// the lock) and then stores 7 in global 1.
func Example() {
	sum := gil.Program{
		{Op: gil.Push, Arg: 1}, {Op: gil.Push, Arg: 2}, {Op: gil.Add},
		{Op: gil.Push, Arg: 3}, {Op: gil.Add}, {Op: gil.Store, Arg: 0},
	}
	io := gil.Program{{Op: gil.IO, Arg: 1}, {Op: gil.Push, Arg: 7}, {Op: gil.Store, Arg: 1}}
	in := gil.New(2, gil.WithSwitchInterval(2))
	s, err := in.Run(sum, io)
	fmt.Println(in.Global(0), in.Global(1), err, gil.Exclusive(s))
	// Output:
	// 6 7 <nil> <nil>
}
