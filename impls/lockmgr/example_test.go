package lockmgr_test

import (
	"errors"
	"fmt"
	"sync"

	"github.com/interleave/concurrency/impls/lockmgr"
)

// Two transactions each hold one resource and want the other's: exactly
// one of them is the victim (its locks are released) and the other gets
// both locks.
func Example() {
	m := lockmgr.New()
	t1, t2 := m.Begin(), m.Begin()
	_ = t1.Lock("accounts", lockmgr.Exclusive)
	_ = t2.Lock("ledger", lockmgr.Shared)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Go(func() { errs[0] = t1.Lock("ledger", lockmgr.Exclusive) })
	wg.Go(func() { errs[1] = t2.Lock("accounts", lockmgr.Shared) })
	wg.Wait()
	victims := 0
	for _, err := range errs {
		if errors.Is(err, lockmgr.ErrDeadlock) {
			victims++
		}
	}
	fmt.Println("victims:", victims, "locks held:", len(t1.Held())+len(t2.Held()))
	// Output: victims: 1 locks held: 2
}
