package rt_test

import (
	"strings"
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/harness/sched"
	"github.com/stretchr/testify/require"
)

// Spin loops of every kind end under the default search: the spinner
// waits its turn until the goroutine it waits for has run.
func TestSpinLoopsTerminate(t *testing.T) {
	spins := map[string]func(flag *rt.Bool, mu *rt.Mutex, c *rt.Chan[int]){
		"atomic load": func(flag *rt.Bool, _ *rt.Mutex, _ *rt.Chan[int]) {
			for !flag.Load() {
			}
		},
		"load and Yield": func(flag *rt.Bool, _ *rt.Mutex, _ *rt.Chan[int]) {
			for !flag.Load() {
				rt.Yield()
			}
		},
		"TryLock": func(_ *rt.Bool, mu *rt.Mutex, _ *rt.Chan[int]) {
			for !mu.TryLock() {
			}
		},
		"select default": func(_ *rt.Bool, _ *rt.Mutex, c *rt.Chan[int]) {
			for rt.TrySelect(c.OnRecv(nil)) < 0 {
			}
		},
		"TryRecv and Yield": func(_ *rt.Bool, _ *rt.Mutex, c *rt.Chan[int]) {
			for _, _, ok := c.TryRecv(); !ok; _, _, ok = c.TryRecv() {
				rt.Yield()
			}
		},
	}
	for name, spin := range spins {
		t.Run(name, func(t *testing.T) {
			rep := explore(t, func(t *rt.T) {
				var flag rt.Bool
				var mu rt.Mutex
				c := rt.NewChan[int](1)
				mu.Lock()
				t.Go(func() { flag.Store(true); mu.Unlock(); c.Send(1) })
				spin(&flag, &mu, c)
			})
			require.Nil(t, rep.Failure, rep.String())
			require.True(t, rep.Exhausted, rep.String())
		})
	}
}

// A goroutine that polls a flag while another sleeps before setting it
// ends: the clock is among those the spinner waits for.
func TestPollWhileOtherSleeps(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		var flag rt.Bool
		t.Go(func() { rt.Sleep(time.Millisecond); flag.Store(true) })
		for !flag.Load() {
		}
	})
	require.Nil(t, rep.Failure, rep.String())
	require.True(t, rep.Exhausted, rep.String())
}

// A real livelock is reported as a lasso: the cycle, who repeats what,
// in a report that fits on a screen.
func TestLivelockIsALasso(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		var flag rt.Bool
		var wg rt.WaitGroup
		wg.Go(func() {
			for !flag.Load() { // nobody ever sets it
				rt.Yield()
			}
		})
		wg.Wait()
	}, rt.WithMaxSteps(2000))
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindStepLimit, rep.Failure.Kind)
	msg := rep.Failure.String()
	require.Contains(t, msg, "livelock: the execution exceeded 2000 steps")
	require.Contains(t, msg, "it repeats the same 2 step(s)")
	require.Regexp(t, `G1 repeats: flag\.Load explore_test\.go:\d+; Yield explore_test\.go:\d+`, msg)
	require.Contains(t, msg, "G0 blocked in wg.Wait")
	require.Contains(t, msg, "the cycle above repeats, not shown, up to step 2000")
	require.Less(t, strings.Count(msg, "\n"), 40, msg)
}

// A goroutine parked in a select with a timeout is a choice: the timer may
// fire while the sender is still busy, and then the send blocks forever.
// Before timers could fire at any scheduling point, no search found this.
func TestParkedSelectTimesOut(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		c := rt.NewChan[int](0)
		var work rt.Int64
		t.Go(func() { rt.Select(c.OnRecv(nil), rt.After(time.Nanosecond).OnRecv(nil)) })
		for range 3 {
			work.Add(1) // a busy event loop
		}
		c.Send(1)
	})
	require.NotNil(t, rep.Failure, rep.String())
	require.Equal(t, rt.KindDeadlock, rep.Failure.Kind, rep.String())
	require.Contains(t, rep.Failure.Schedule.String(), "t")
}

// Choose draws data that rt explores: every value is a branch, replayed
// like a scheduling choice.
func TestChooseIsExplored(t *testing.T) {
	seen := map[int]bool{}
	rep := explore(t, func(t *rt.T) {
		seen[rt.Choose(3)*10+rt.Choose(2)] = true
	})
	require.True(t, rep.Exhausted)
	require.Len(t, seen, 6)
	bug := explore(t, func(t *rt.T) {
		if rt.Choose(4) == 3 {
			t.Fatal("drew 3")
		}
	})
	require.NotNil(t, bug.Failure)
	again := explore(t, func(t *rt.T) {
		if rt.Choose(4) == 3 {
			t.Fatal("drew 3")
		}
	}, rt.WithReplay(bug.Failure.Schedule.String()))
	require.NotNil(t, again.Failure)
	require.Equal(t, 1, again.Executions)
}

// A summary says what cut the search.
func TestSummaryNamesTheBounds(t *testing.T) {
	body := func(t *rt.T) {
		var n rt.Int64
		t.Go(func() { n.Add(1) })
		n.Add(1)
	}
	require.Contains(t, explore(t, body).String(), "ok: every schedule with at most 2 preemptions (WithPreemptionBound; deeper ones unexplored), one per order of dependent steps (dpor)")
	require.Contains(t, explore(t, body, rt.WithPreemptionBound(-1), rt.WithReduction(rt.NoReduction)).String(), "ok: every schedule\n"[:len("ok: every schedule")])
	require.Contains(t, explore(t, body, rt.WithStrategy(rt.Random), rt.WithMaxExecutions(5)).String(), "bounded: no failure in 5 random executions")
	require.Contains(t, explore(t, body, rt.WithMaxExecutions(1)).String(), "bounded: the budget of 1 executions")
}

// Atomic loads do not synchronise with each other (Go's memory model): a
// plain read before one load and a plain write after another still race.
func TestAtomicLoadsDoNotSynchronise(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		var a rt.Int64
		var v rt.Var[int]
		t.Go(func() { v.Load(); a.Load() })
		a.Load()
		v.Store(1)
	})
	require.NotNil(t, rep.Failure, rep.String())
	require.Equal(t, rt.KindRace, rep.Failure.Kind)
}

// The program of issue 13: the select may take done, closed by another
// goroutine. DPOR used to explore one execution and say ok.
func TestSelectTakesOtherChannel(t *testing.T) {
	for _, red := range []rt.Reduction{rt.DPOR, rt.SleepSets} {
		rep := explore(t, func(t *rt.T) {
			a := rt.NewChan[int](0)
			done := rt.NewChan[struct{}](0)
			t.Go(func() { a.Send(1) })
			t.Go(func() { done.Close() })
			if rt.Select(a.OnRecv(nil), done.OnRecv(nil)) == 1 {
				t.Fatal("took done")
			}
		}, rt.WithReduction(red))
		require.NotNil(t, rep.Failure, "%v: %s", red, rep)
		require.Contains(t, rep.Failure.Message, "took done")
		t.Logf("%v: found at execution %d", red, rep.Executions)
	}
}

// A goroutine just started (or just woken by a partner) may not have
// reached its receive yet: a TrySend right after the go statement can
// find no receiver. Its arrival is a step of its own; with the arrival
// folded into the step that started it (seeded), the miss is never seen.
func TestArrivalIsAStep(t *testing.T) {
	outcomes := func() map[string]bool {
		seen := map[string]bool{}
		rep := explore(t, func(t *rt.T) {
			c := rt.NewChan[int](0)
			var wg rt.WaitGroup
			wg.Go(func() { c.Recv() })
			if ok := rt.TrySelect(c.OnSend(1, nil)) == 0; !ok {
				c.Send(1)
				seen["started: missed"] = true
			}
			wg.Go(func() { c.Recv(); c.Recv() })
			c.Send(2) // wakes the worker, which goes on to its second receive
			if ok := rt.TrySelect(c.OnSend(3, nil)) == 0; !ok {
				c.Send(3)
				seen["woken: missed"] = true
			}
			wg.Wait()
		}, rt.WithReduction(rt.NoReduction))
		require.Nil(t, rep.Failure, rep.String())
		return seen
	}
	require.Equal(t, map[string]bool{"started: missed": true, "woken: missed": true}, outcomes())
	restore := rt.SeedDependencyBug("early-arrival")
	defer restore()
	require.Empty(t, outcomes(), "the seeded early arrival hides the misses")
}

// The zero Strategy is the model explorer's BFS (package sched holds the
// one list): rt's default stays DFS, and BFS, or anything else rt does
// not explore, is refused by name.
func TestStrategyDefault(t *testing.T) {
	for _, s := range []rt.Strategy{sched.BFS, rt.Strategy(9)} {
		_, err := rt.Explore(func(*rt.T) {}, rt.WithStrategy(s))
		require.EqualError(t, err, "rt: WithStrategy("+s.String()+"): rt explores with DFS, Random or PCT")
	}
	rep, err := rt.Explore(func(*rt.T) {})
	require.NoError(t, err)
	require.Equal(t, rt.DFS, rep.Strategy)
}
