package rt_test

import (
	"context"
	"fmt"
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

// A request with a timeout: the worker's result and the deadline race in
// virtual time, so both are explored without waiting a second. With an
// unbuffered result channel the worker that loses the race blocks forever
// (a leak); with a buffer of one it finishes.
func ExampleWithTimeout() {
	request := func(buffer int) func(*rt.T) {
		return func(t *rt.T) {
			ctx, cancel := rt.WithTimeout(context.Background(), time.Second)
			defer cancel()
			result := rt.NewChan[string](buffer)
			t.Go(func() {
				rt.Sleep(time.Second) // the slow part
				result.Send("done")
			})
			rt.Select(result.OnRecv(nil), rt.Done(ctx).OnRecv(nil))
		}
	}
	summary(rt.Explore(request(0)))
	summary(rt.Explore(request(1)))
	// Output:
	// leak after 7 executions, schedule 0,t,1,2*3,0,1,0
	// ok: 32 executions, exhausted=true
}

// Done(ctx) is a context's Done channel as an rt channel, for Select and
// Recv; WithCancel's cancel closes it.
func ExampleDone() {
	rep, _ := rt.Explore(func(t *rt.T) {
		ctx, cancel := rt.WithCancel(context.Background())
		var wg rt.WaitGroup
		wg.Go(func() {
			rt.Done(ctx).Recv() // wait for the cancel
			fmt.Println("worker: ", ctx.Err())
		})
		cancel()
		wg.Wait()
	}, rt.WithMaxExecutions(1))
	fmt.Println(rep.Failure == nil)
	// Output:
	// worker:  context canceled
	// true
}

// The pre-Go 1.23 idiom of draining a timer after Stop blocks forever
// when the time was received already: rt finds the schedule where it was.
func ExampleTimer_Stop() {
	rep, _ := rt.Explore(func(t *rt.T) {
		tm := rt.NewTimer(time.Second)
		done := rt.NewChan[int](0)
		t.Go(func() { done.Send(1) })
		rt.Select(tm.C.OnRecv(nil), done.OnRecv(nil))
		if !tm.Stop() {
			tm.C.Recv() // stale idiom: since Go 1.23, Stop alone suffices
		}
	})
	fmt.Println(rep.Failure.Kind)
	// Output:
	// deadlock
}

// AfterFunc runs its function in a goroutine of its own once the timer
// fires: here it races with the body's write.
func ExampleAfterFunc() {
	rep, _ := rt.Explore(func(t *rt.T) {
		var hits rt.Var[int]
		fired := rt.NewChan[struct{}](1)
		rt.AfterFunc(time.Millisecond, func() { hits.Store(hits.Load() + 1); fired.Send(struct{}{}) })
		hits.Store(hits.Load() + 1)
		fired.Recv()
	})
	fmt.Println(rep.Failure.Kind)
	// Output:
	// data race
}
