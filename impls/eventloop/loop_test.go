package eventloop_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/interleave/concurrency/checks/race"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/eventloop"
	"github.com/stretchr/testify/require"
)

// scenario drives a loop from several goroutines: a callback queued from
// another goroutine, a timer, a future resolved from another goroutine
// and awaited by a task that then sleeps. The log is a plain rt.Var
// written only by code on the loop, so the race check proves the loop
// orders it; Exclusive proves no two callbacks overlapped.
func scenario(t *rt.T) {
	l := eventloop.New()
	var loop rt.WaitGroup
	loop.Go(l.Run)
	var log rt.Var[[]string]
	add := func(s string) { log.Store(append(log.Load(), s)) }
	var pending rt.WaitGroup
	pending.Add(3)
	f := eventloop.NewFuture[int](l)
	l.Spawn(func(tk *eventloop.Task) error {
		v, _ := eventloop.Await(tk, f)
		add(fmt.Sprint("task got ", v))
		tk.Sleep(5 * time.Millisecond)
		add("task woke")
		pending.Done()
		return nil
	})
	l.CallLater(10*time.Millisecond, func() { add("later"); pending.Done() })
	rt.Go(func() { l.CallSoon(func() { add("soon"); pending.Done() }) })
	rt.Go(func() { f.Resolve(42, nil) })
	pending.Wait()
	l.Stop()
	loop.Wait()
	require.NoError(t, eventloop.Exclusive(l))
	got := log.Load()
	require.Len(t, got, 4)
	// "later" (10ms) may run before "task woke" (5ms after the future is
	// resolved): the resolver may be late, so only these orders hold
	require.ElementsMatch(t, []string{"task got 42", "task woke", "later"}, without(got, "soon"))
	require.Equal(t, []string{"task got 42", "task woke"}, without(without(got, "soon"), "later"))
}

func without(xs []string, x string) []string {
	var out []string
	for _, s := range xs {
		if s != x {
			out = append(out, s)
		}
	}
	return out
}

// raceBound is the preemption bound of TestLoopUnderRT: with arrivals at
// a channel operation as steps of their own, bound 2 is more than 100,000
// executions (54,636 before); bound 1 is 8,747.
const raceBound = 1

// Callbacks never run concurrently, and state touched only on the loop
// needs no lock, on every schedule rt tries.
func TestLoopUnderRT(t *testing.T) {
	rep, err := race.RT().Explore(scenario, rt.WithPreemptionBound(raceBound), rt.WithMaxExecutions(100000))
	require.NoError(t, err)
	t.Log(rep)
}

func TestLoopNative(t *testing.T) {
	l := eventloop.New()
	done := make(chan struct{})
	go func() { l.Run(); close(done) }()
	got := make(chan string, 3)
	f := eventloop.NewFuture[string](l)
	l.Spawn(func(tk *eventloop.Task) error {
		v, err := eventloop.Await(tk, f)
		got <- v
		return err
	})
	l.CallLater(20*time.Millisecond, func() { got <- "later" })
	go f.Resolve("resolved", nil)
	require.Equal(t, "resolved", <-got)
	require.Equal(t, "later", <-got)
	l.Stop()
	<-done
	require.NoError(t, eventloop.Exclusive(l))
}
