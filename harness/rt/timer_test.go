package rt_test

import (
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// The pre-Go 1.23 idiom "if !t.Stop() { <-t.C }" blocks forever when the
// time was received already; since Go 1.23 Stop alone is right. rt finds
// the first in the schedule where the timer fires before the select, and
// passes the second.
func TestTimerStopDrain(t *testing.T) {
	body := func(drain bool) func(*rt.T) {
		return func(t *rt.T) {
			tm := rt.NewTimer(time.Second)
			done := rt.NewChan[int](1)
			t.Go(func() { done.Send(1) })
			rt.Select(tm.C.OnRecv(nil), done.OnRecv(nil))
			if !tm.Stop() && drain {
				tm.C.Recv()
			}
		}
	}
	foundAndFixed(t, rt.KindDeadlock, body(true), body(false))
}

// Stop reports whether it stopped the timer, which depends on whether the
// clock fired it first: both orders are explored, and Stop discards a time
// sent but not received, as Go's Stop does since 1.23.
func TestTimerStopRacesWithFiring(t *testing.T) {
	seen := map[bool]bool{}
	rep := explore(t, func(t *rt.T) {
		tm := rt.NewTimer(time.Second)
		var wg rt.WaitGroup
		wg.Go(func() { rt.Sleep(time.Second) })
		stopped := tm.Stop()
		seen[stopped] = true
		if _, _, ready := tm.C.TryRecv(); ready {
			t.Error("a time received after Stop")
		}
		wg.Wait()
	})
	require.Nil(t, rep.Failure, rep.String())
	require.Equal(t, map[bool]bool{true: true}, seen, "a time not received is discarded: Stop is true")

	seen = map[bool]bool{}
	rep = explore(t, func(t *rt.T) {
		tm := rt.NewTimer(time.Second)
		got := rt.NewChan[bool](1)
		t.Go(func() { _, _, ok := tm.C.TryRecv(); got.Send(ok) })
		rt.Sleep(2 * time.Second)
		received, _ := got.Recv()
		stopped := tm.Stop()
		seen[stopped] = true
		if received && stopped {
			t.Error("Stop is true after the time was received")
		}
	})
	require.Nil(t, rep.Failure, rep.String())
	require.Len(t, seen, 2, "both a received and a pending time are explored")
}

// An AfterFunc's function runs in a goroutine of its own: a write it makes
// races with the body's unless the body wrote before arming the timer.
func TestAfterFuncRace(t *testing.T) {
	body := func(writeFirst bool) func(*rt.T) {
		return func(t *rt.T) {
			var v rt.Var[int]
			if writeFirst {
				v.Store(1)
			}
			ran := rt.NewChan[struct{}](1)
			rt.AfterFunc(time.Millisecond, func() { v.Store(2); ran.Send(struct{}{}) })
			if !writeFirst {
				v.Store(1)
			}
			ran.Recv()
		}
	}
	foundAndFixed(t, rt.KindRace, body(false), body(true))
}

// Stopping an AfterFunc timer before it fires cancels the call; racing
// with the firing, Stop's result says which happened (false: f has
// started, in a goroutine of its own, and will finish).
func TestAfterFuncStop(t *testing.T) {
	seen := map[bool]bool{}
	rep := explore(t, func(t *rt.T) {
		ran := rt.NewChan[struct{}](1)
		tm := rt.AfterFunc(time.Second, func() { ran.Send(struct{}{}) })
		t.Go(func() { rt.Sleep(time.Second) })
		stopped := tm.Stop()
		seen[stopped] = true
		if !stopped {
			ran.Recv()
			return
		}
		rt.Sleep(2 * time.Second)
		if _, _, ready := ran.TryRecv(); ready {
			t.Error("f ran although Stop returned true")
		}
	})
	require.Nil(t, rep.Failure, rep.String())
	require.True(t, rep.Exhausted)
	require.Equal(t, map[bool]bool{true: true, false: true}, seen)
}

// A worker ranging over a ticker ends when told to; one that is not told
// is a leak once the body returns (the ticker does not keep the clock
// going for it).
func TestTicker(t *testing.T) {
	body := func(stop bool) func(*rt.T) {
		return func(t *rt.T) {
			tk := rt.NewTicker(time.Second)
			defer tk.Stop()
			quit := rt.NewChan[struct{}](0)
			var ticks rt.Int32
			t.Go(func() {
				for {
					if rt.Select(tk.C.OnRecv(nil), quit.OnRecv(nil)) == 1 {
						return
					}
					ticks.Add(1)
				}
			})
			rt.Sleep(2500 * time.Millisecond)
			if stop {
				quit.Close()
			}
		}
	}
	foundAndFixed(t, rt.KindLeak, body(false), body(true), rt.WithIdleClock())
}

// Outside Check the timers are Go's.
func TestTimersNative(t *testing.T) {
	tm := rt.NewTimer(time.Millisecond)
	_, ok := tm.C.Recv()
	require.True(t, ok)
	require.False(t, tm.Stop())
	require.False(t, tm.Reset(time.Hour))
	require.True(t, tm.Stop())

	ran := make(chan struct{})
	rt.AfterFunc(time.Millisecond, func() { close(ran) })
	<-ran

	tk := rt.NewTicker(time.Millisecond)
	tk.C.Recv()
	tk.C.Recv()
	tk.Stop()
	_, _, ready := tk.C.TryRecv()
	require.False(t, ready, "no tick after Stop")
	require.Panics(t, func() { rt.NewTicker(0) })
	require.Nil(t, rt.Tick(0))
}

// A timer's channel is named after the variable the timer is assigned to.
func TestTimerChannelName(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		ticker := rt.NewTicker(time.Second)
		t.Go(func() {
			for {
				ticker.C.Recv()
			}
		})
	})
	require.NotNil(t, rep.Failure)
	require.Contains(t, rep.Failure.Message, "blocked in ticker.C.Recv")
}

// TestEarlyTimeNote: a failure that needs a timer to fire while a
// goroutine could still run says so, and the idle clock does not let it
// happen.
func TestEarlyTimeNote(t *testing.T) {
	body := func(t *rt.T) {
		done := rt.NewChan[int](1)
		t.Go(func() { done.Send(1) })
		i := rt.Select(done.OnRecv(nil), rt.After(time.Second).OnRecv(nil))
		if i == 1 {
			t.Fatal("timed out")
		}
	}
	rep, err := rt.Explore(body)
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	require.Contains(t, rep.Failure.Message, "virtual time passed while goroutines could still run")

	rep, err = rt.Explore(body, rt.WithIdleClock())
	require.NoError(t, err)
	require.Nil(t, rep.Failure, rep.String())
}
