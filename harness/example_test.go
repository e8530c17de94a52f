package harness_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/models/counter"
	"github.com/interleave/concurrency/models/deadlock"
)

// Explore the dining philosophers and print the deadlock as one column
// per philosopher.
func ExampleExplore() {
	m := deadlock.New(deadlock.Naive, 3)
	res, err := harness.Explore(context.Background(), m, harness.Options{})
	if err != nil {
		panic(err)
	}
	v := res.Violations[0]
	fmt.Println(v.Kind, "after schedule", v.Schedule)
	fmt.Print(trace.FormatColumns(harness.ThreadNames(m, v.Trace.Final()), v.Trace.Rows()))
	// Output:
	// deadlock after schedule 0,1,2
	// step  P0          P1          P2
	//    1  take fork0
	//    2              take fork1
	//    3                          take fork2
}

// Replay a schedule and judge the state it ends in: two threads both read
// x before either writes, so one increment is lost.
func ExampleReplay() {
	m := counter.New(counter.Race, 2, 1)
	tr, err := harness.Replay(m, harness.Schedule{0, 1, 0, 1})
	if err != nil {
		panic(err)
	}
	for _, st := range tr.Steps {
		fmt.Printf("T%d %s\n", st.Thread, st.Label)
	}
	for _, v := range harness.Judge(m, tr, m.LostUpdate()) {
		fmt.Println(v.Kind+":", v.Message)
	}
	// Output:
	// T0 read x (=0)
	// T1 read x (=0)
	// T0 write x=1
	// T1 write x=1
	// lost-update: x=1 after 2 threads × 1 increments (want 2)
}

// A state check: an invariant holds in every reachable state.
func ExampleInvariant() {
	m := counter.New(counter.Mutex, 2, 2)
	inRange := harness.Invariant("x-in-range", func(s harness.State) error {
		if s[0] > 4 {
			return fmt.Errorf("x=%d", s[0])
		}
		return nil
	})
	res, _ := harness.Explore(context.Background(), m, harness.Options{}, inRange, m.LostUpdate())
	fmt.Println(res.Verdict(), res.States, "states")
	// Output: ok 45 states
}
