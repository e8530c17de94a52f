package rt_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// The classic leak: the caller gives up at its deadline and the worker's
// unbuffered send then blocks forever; a buffer of one is the fix.
func TestContextTimeoutLeak(t *testing.T) {
	body := func(buffer int) func(*rt.T) {
		return func(t *rt.T) {
			ctx, cancel := rt.WithTimeout(context.Background(), time.Second)
			defer cancel()
			results := rt.NewChan[int](buffer)
			t.Go(func() {
				rt.Sleep(time.Second) // slow work
				results.Send(1)
			})
			rt.Select(results.OnRecv(nil), rt.Done(ctx).OnRecv(nil))
		}
	}
	foundAndFixed(t, rt.KindLeak, body(0), body(1))
}

// A timeout fires through virtual time: both the slow answer and the
// deadline are explored, and Err says which won.
func TestContextTimeout(t *testing.T) {
	seen := map[string]bool{}
	rep := explore(t, func(t *rt.T) {
		ctx, cancel := rt.WithTimeout(context.Background(), time.Second)
		defer cancel()
		answer := rt.NewChan[int](1)
		t.Go(func() { rt.Sleep(time.Second); answer.Send(42) })
		switch rt.Select(answer.OnRecv(nil), rt.Done(ctx).OnRecv(nil)) {
		case 0:
			seen["answer"] = true
		case 1:
			if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
				t.Errorf("Err() = %v after the deadline", ctx.Err())
			}
			seen["deadline"] = true
		}
		if d, ok := ctx.Deadline(); !ok || d.Sub(rt.Now()) > time.Second {
			t.Errorf("Deadline() = %v, %v", d, ok)
		}
	})
	require.Nil(t, rep.Failure, rep.String())
	require.Equal(t, map[string]bool{"answer": true, "deadline": true}, seen)
}

// The rules of package context: a nil parent panics, a child of a
// cancelled parent is born cancelled with the parent's cause, a parent's
// earlier deadline wins, and Cause falls back to Err.
func TestContextRules(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		require.PanicsWithValue(t, "cannot create context from nil parent", func() {
			//lint:ignore SA1012 the nil parent is the point
			rt.WithCancel(nil)
		})
		parent, cancel := rt.WithCancelCause(context.Background())
		boom := errors.New("boom")
		cancel(boom)
		child, cancelChild := rt.WithTimeout(context.WithValue(parent, ctxKey{}, "v"), time.Hour)
		defer cancelChild()
		if child.Err() != context.Canceled || rt.Cause(child) != boom {
			t.Errorf("child of a cancelled parent: Err %v, Cause %v", child.Err(), rt.Cause(child))
		}
		if _, _, ready := rt.Done(child).TryRecv(); !ready {
			t.Error("the child's Done is not closed")
		}
		short, cancelShort := rt.WithTimeout(context.Background(), time.Minute)
		defer cancelShort()
		long, cancelLong := rt.WithDeadline(short, rt.Now().Add(time.Hour))
		defer cancelLong()
		if d, _ := long.Deadline(); !d.Equal(must(short.Deadline())) {
			t.Errorf("the parent's earlier deadline is not kept: %v", d)
		}
		plain, stop := rt.WithCancel(context.Background())
		stop()
		if rt.Cause(plain) != context.Canceled {
			t.Errorf("Cause without a cause = %v", rt.Cause(plain))
		}
		if rt.Done(context.Background()) != nil {
			t.Error("Background's Done is not nil")
		}
	})
	require.Nil(t, rep.Failure, rep.String())
}

// A cancellable context of package context cannot be controlled: Done
// says so instead of blocking outside rt.
func TestContextNotRT(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rt.Done(ctx)
	})
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindPanic, rep.Failure.Kind)
	require.Contains(t, rep.Failure.Message, "use rt.WithCancel")
}

// ContextAfterFunc runs f in its own goroutine once the context is done;
// stop before the cancel prevents it, and which came first is explored.
func TestContextAfterFunc(t *testing.T) {
	seen := map[bool]bool{}
	rep := explore(t, func(t *rt.T) {
		ctx, cancel := rt.WithCancel(context.Background())
		var ran rt.Int32
		stop := rt.ContextAfterFunc(ctx, func() { ran.Add(1) })
		var wg rt.WaitGroup
		wg.Go(cancel)
		stopped := stop()
		wg.Wait()
		rt.WaitIdle()
		seen[stopped] = true
		if stopped == (ran.Load() == 1) {
			t.Errorf("stop() = %v but f ran %d times", stopped, ran.Load())
		}
	})
	require.Nil(t, rep.Failure, rep.String())
	require.Equal(t, map[bool]bool{true: true, false: true}, seen)
}

// Outside Check the contexts are ordinary ones.
func TestContextNative(t *testing.T) {
	ctx, cancel := rt.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	<-ctx.Done()
	require.ErrorIs(t, ctx.Err(), context.DeadlineExceeded)
	_, ok := rt.Done(ctx).Recv()
	require.False(t, ok)

	parent, cancelParent := context.WithCancel(context.Background())
	child, cancelChild := rt.WithCancel(parent)
	defer cancelChild()
	cancelParent()
	<-child.Done()
	require.ErrorIs(t, child.Err(), context.Canceled)
	_, ok = rt.Done(parent).Recv()
	require.False(t, ok)
}

type ctxKey struct{}

func must(d time.Time, ok bool) time.Time {
	if !ok {
		panic("no deadline")
	}
	return d
}

// T.Context is cancelled when the body returns, before its cleanups: a
// watcher waiting on it ends; one waiting on a context nobody cancels is
// a leak.
func TestTContext(t *testing.T) {
	body := func(testCtx bool) func(*rt.T) {
		return func(t *rt.T) {
			ctx, cancel := rt.WithCancel(context.Background())
			_ = cancel
			if testCtx {
				ctx = t.Context()
			}
			t.Cleanup(func() {
				if ctx.Err() == nil && testCtx {
					t.Error("the context is not cancelled before the cleanups")
				}
			})
			t.Go(func() { rt.Done(ctx).Recv() })
		}
	}
	foundAndFixed(t, rt.KindLeak, body(false), body(true))
}
