package rt_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

func TestDbg(t *testing.T) {
	for _, red := range []rt.Reduction{rt.NoReduction, rt.DPOR} {
		var out string
		rep, err := rt.ExploreAll(func(t *rt.T) {
			var rw rt.RWMutex
			var wg rt.WaitGroup
			var now time.Time
			t.Go(func() { rw.RLock(); rt.Sleep(time.Millisecond) })
			wg.Go(func() { now = rt.Now() })
			wg.Wait()
			out = fmt.Sprint(now.Minute(), now.Nanosecond())
		}, func(k rt.Kind, pruned bool) {
			fmt.Println(red, k, pruned, out)
			out = ""
		}, rt.WithPreemptionBound(-1), rt.WithReduction(red))
		fmt.Println(rep, err)
	}
}
