package lockmgr_test

import (
	"errors"
	"fmt"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/lockmgr"
)

// Two transactions each hold one resource and want the other's. On every
// schedule the controlled runtime tries, exactly one of them is the victim
// and the other gets both locks.
func Example() {
	victims := map[int]int{}
	rep, _ := rt.Explore(func(t *rt.T) {
		m := lockmgr.New()
		t1, t2 := m.Begin(), m.Begin()
		_ = t1.Lock("accounts", lockmgr.Exclusive)
		_ = t2.Lock("ledger", lockmgr.Shared)
		errs := make([]error, 2)
		var wg rt.WaitGroup
		wg.Go(func() { errs[0] = t1.Lock("ledger", lockmgr.Exclusive) })
		wg.Go(func() { errs[1] = t2.Lock("accounts", lockmgr.Shared) })
		wg.Wait()
		n := 0
		for _, err := range errs {
			if errors.Is(err, lockmgr.ErrDeadlock) {
				n++
			}
		}
		victims[n]++
	})
	fmt.Println("exhausted:", rep.Exhausted, "failure:", rep.Failure)
	fmt.Println("executions with exactly one victim:", victims[1] > 0, "with another number:", len(victims) > 1)
	// Output:
	// exhausted: true failure: <nil>
	// executions with exactly one victim: true with another number: false
}
