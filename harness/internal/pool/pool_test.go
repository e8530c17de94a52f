package pool

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestPool: every phase calls f once for each index, whatever the number
// of helpers, with worker numbers in range, and stop ends the helpers.
func TestPool(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	for _, helpers := range []int{0, 1, 3, 7} {
		t.Run(fmt.Sprint(helpers), func(t *testing.T) {
			p := New(helpers)
			defer p.Stop()
			for _, n := range []int{0, 1, 5, 64, 1000} {
				calls := make([]atomic.Int32, n)
				var bad atomic.Bool
				p.Run(n, func(w, i int) {
					if w < 0 || w > helpers {
						bad.Store(true)
					}
					calls[i].Add(1)
				})
				require.False(t, bad.Load(), "worker out of range")
				for i := range calls {
					require.EqualValues(t, 1, calls[i].Load(), "n=%d index %d", n, i)
				}
			}
		})
	}
}
