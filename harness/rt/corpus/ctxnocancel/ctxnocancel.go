// Package ctxnocancel is a communication deadlock (channel & context): a
// generator that stops when its context is cancelled, used by a caller
// that takes the first few values and returns without calling cancel (the
// lostcancel mistake), so the generator waits forever to send the next
// one. The fix is defer cancel().
package ctxnocancel

import (
	"context"

	"github.com/interleave/concurrency/harness/rt"
)

// ids generates 1, 2, 3, ... until ctx is done.
func ids(ctx context.Context) *rt.Chan[int] {
	out := rt.NewChan[int](0)
	rt.Go(func() {
		for i := 1; ; i++ {
			stop := false
			rt.Select(out.OnSend(i, nil), rt.Done(ctx).OnRecv(func(struct{}, bool) { stop = true }))
			if stop {
				return
			}
		}
	})
	return out
}

// firstTwo returns the sum of the first two ids; cancelOnReturn false is
// the bug.
func firstTwo(cancelOnReturn bool) int {
	ctx, cancel := rt.WithCancel(context.Background())
	if cancelOnReturn {
		defer cancel()
	}
	gen := ids(ctx)
	a, _ := gen.Recv()
	b, _ := gen.Recv()
	return a + b
}

func run(t *rt.T, cancelOnReturn bool) {
	if s := firstTwo(cancelOnReturn); s != 3 {
		t.Errorf("sum = %d", s)
	}
}

// Buggy returns without cancelling the generator.
func Buggy(t *rt.T) { run(t, false) }

// Fixed defers cancel.
func Fixed(t *rt.T) { run(t, true) }
