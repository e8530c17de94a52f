package refcount_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/models/refcount"
)

// Two threads share an object whose count is read and written in separate
// steps: the explorer finds a schedule in which the object is used after
// it was freed: at step 10 T0 writes back the count it read at step 7,
// wiping out T1's increment, so T1's two drops take the count to zero
// while T1 still uses the object. With atomic increments and decrements nothing goes wrong.
func Example() {
	for _, v := range []refcount.Variant{refcount.Naive, refcount.Atomic} {
		m := refcount.New(v, 2)
		res, err := harness.Explore(context.Background(), m, harness.Options{}, m.Checks()...)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %s", v, res.Verdict())
		if len(res.Violations) > 0 {
			vi := res.Violations[0]
			fmt.Printf(" (%s after %d steps)\n", vi.Kind, len(vi.Schedule))
			fmt.Print(trace.FormatColumns(harness.ThreadNames(m, m.Init()), vi.Trace.Rows()))
			fmt.Println(m.Describe(vi.Trace.Final()))
		} else {
			fmt.Println()
		}
	}
	// Output:
	// naive: violation (use-after-free after 15 steps)
	// step  T0                    T1
	//    1  incref: read rc (=2)
	//    2  incref: write rc=3
	//    3  use obj
	//    4  decref: read rc (=3)
	//    5  decref: write rc=2
	//    6  use obj
	//    7  decref: read rc (=2)
	//    8                        incref: read rc (=2)
	//    9                        incref: write rc=3
	//   10  decref: write rc=1
	//   11                        use obj
	//   12                        decref: read rc (=1)
	//   13                        decref: write rc=0
	//   14                        free obj
	//   15                        use obj FREED!
	// rc=0, obj freed by T1
	// atomic: ok
}
