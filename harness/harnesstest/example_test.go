package harnesstest_test

import (
	"fmt"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/harnesstest"
)

// setter is two threads that each set x to their number once. With
// honest set to false their steps claim only to read x, so the reduction
// would treat them as independent although their order decides x.
type setter struct{ honest bool }

func (setter) Name() string                    { return "setter" }
func (setter) Init() harness.State             { return harness.State{0, 0, 0} } // done0, done1, x
func (setter) Threads(harness.State) int       { return 2 }
func (setter) Describe(s harness.State) string { return fmt.Sprintf("x=%d", s[2]) }

func (m setter) Enabled(s harness.State, th int) (harness.Step, bool) {
	kind := harness.Read
	if m.honest {
		kind = harness.Write
	}
	st := harness.Step{Footprint: harness.Footprint{Label: fmt.Sprintf("x=%d", th+1), Access: []harness.Access{{Object: "x", Kind: kind}}}}
	return st, s[th] == 0
}

func (setter) Apply(s harness.State, st harness.Step) harness.State {
	next := harness.State{s[0], s[1], byte(st.Thread + 1)}
	next[st.Thread] = 1
	return next
}

// CheckFootprints finds that two steps declared independent do not
// commute, and passes once the footprints say they write x.
func ExampleCheckFootprints() {
	fmt.Println(harnesstest.CheckFootprints(setter{honest: false}, 100))
	fmt.Println(harnesstest.CheckFootprints(setter{honest: true}, 100))
	// Output:
	// footprint contract broken in state "x=0": T0 "x=1" ([{x read}]) and T1 "x=2" ([{x read}]) do not conflict, but they do not commute: the two orders reach different states
	// <nil>
}
