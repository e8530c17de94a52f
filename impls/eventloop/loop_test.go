package eventloop_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/interleave/concurrency/impls/eventloop"
	"github.com/stretchr/testify/require"
)

// TestCallbacksInOrder drives a loop from several goroutines: a callback
// queued from another goroutine, a timer, a future resolved from another
// goroutine and awaited by a task that then sleeps. The log is a plain
// variable written only by code on the loop (the loop orders it); no two
// callbacks overlap (Exclusive).
func TestCallbacksInOrder(t *testing.T) {
	l := eventloop.New()
	var loop sync.WaitGroup
	loop.Go(l.Run)
	var log []string
	add := func(s string) { log = append(log, s) }
	var pending sync.WaitGroup
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
	go l.CallSoon(func() { add("soon"); pending.Done() })
	go f.Resolve(42, nil)
	pending.Wait()
	l.Stop()
	loop.Wait()
	require.NoError(t, eventloop.Exclusive(l))
	require.Len(t, log, 4)
	// "later" (10ms) may run before "task woke" (5ms after the future is
	// resolved): the resolver may be late, so only these orders hold
	require.ElementsMatch(t, []string{"task got 42", "task woke", "later"}, without(log, "soon"))
	require.Equal(t, []string{"task got 42", "task woke"}, without(without(log, "soon"), "later"))
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

// TestAwaitAndTimer: a task gets the value a goroutine resolves its
// future with, and a timer fires; in either order (the resolver may come
// after the timer: harness test found the order this test once assumed).
func TestAwaitAndTimer(t *testing.T) {
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
	require.ElementsMatch(t, []string{"resolved", "later"}, []string{<-got, <-got})
	l.Stop()
	<-done
	require.NoError(t, eventloop.Exclusive(l))
}
