// Package ctxsend is a communication deadlock (channel & context): a
// handler runs a query in a goroutine and waits for its result or for the
// request's context to be done; the goroutine sends its result without
// watching the context, so when the deadline wins it blocks forever. The
// fix: the goroutine selects on ctx.Done() while it sends.
package ctxsend

import (
	"context"
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

// query runs a slow lookup under ctx; watchCtx false is the bug.
func query(ctx context.Context, watchCtx bool) (string, error) {
	res := rt.NewChan[string](0)
	rt.Go(func() {
		rt.Sleep(2 * time.Second) // the database
		if !watchCtx {
			res.Send("row")
			return
		}
		rt.Select(res.OnSend("row", nil), rt.Done(ctx).OnRecv(nil))
	})
	var row string
	var err error
	rt.Select(res.OnRecv(func(v string, _ bool) { row = v }),
		rt.Done(ctx).OnRecv(func(struct{}, bool) { err = ctx.Err() }))
	return row, err
}

func run(t *rt.T, watchCtx bool) {
	ctx, cancel := rt.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if row, err := query(ctx, watchCtx); err == nil && row != "row" {
		t.Errorf("row = %q", row)
	}
}

// Buggy queries with a deadline shorter than the query.
func Buggy(t *rt.T) { run(t, false) }

// Fixed lets the query goroutine give up on the context.
func Fixed(t *rt.T) { run(t, true) }
