package rt_test

import (
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// lostUpdate fails in some schedules only; noop never fails.
func lostUpdate(t *rt.T) {
	var n rt.Int64
	t.Go(func() { n.Store(n.Load() + 1) })
	n.Store(n.Load() + 1)
	if n.Load() != 2 {
		t.Fatal("lost update")
	}
}

func noop(t *rt.T) { t.Go(func() {}) }

// The failure and the summary say how executions were chosen, so that a
// reader knows what "not found" covered and how to reproduce the search.
func TestReportSaysStrategy(t *testing.T) {
	cases := []struct {
		name string
		opts []rt.Option
		want string
	}{
		{"default", nil, "dfs+dpor, preemption bound 2"},
		{"unbounded sleep sets", []rt.Option{rt.WithPreemptionBound(-1), rt.WithReduction(rt.SleepSets)}, "dfs+sleep-sets, no preemption bound"},
		{"no reduction", []rt.Option{rt.WithReduction(rt.NoReduction), rt.WithPreemptionBound(1)}, "dfs, preemption bound 1"},
		{"random", []rt.Option{rt.WithStrategy(rt.Random), rt.WithSeed(7), rt.WithMaxExecutions(50)}, "random seed 7"},
		{"pct", []rt.Option{rt.WithStrategy(rt.PCT), rt.WithSeed(3), rt.WithMaxExecutions(50)}, "pct depth 3 seed 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad, err := rt.Explore(lostUpdate, c.opts...)
			require.NoError(t, err)
			require.NotNil(t, bad.Failure, bad.String())
			require.Contains(t, bad.String(), "failed ("+c.want+"): rt: test failure")
			good, err := rt.Explore(noop, c.opts...)
			require.NoError(t, err)
			require.Nil(t, good.Failure)
			require.Contains(t, good.String(), "; "+c.want+"), ")
		})
	}
}

func TestReplayReportSaysReplay(t *testing.T) {
	bad, err := rt.Explore(lostUpdate)
	require.NoError(t, err)
	again, err := rt.Explore(lostUpdate, rt.WithReplay(bad.Failure.Schedule.String()))
	require.NoError(t, err)
	require.Contains(t, again.String(), "execution 1 failed (replay): rt: test failure")
}

// pop takes the last element; the seeded bug forgets the empty case.
func pop(s *rt.Var[[]int], checkEmpty bool) {
	v := s.Load()
	if checkEmpty && len(v) == 0 {
		return
	}
	s.Store(v[:len(v)-1])
}

func popper(checkEmpty bool) func(*rt.T) {
	return func(t *rt.T) {
		var mu rt.Mutex
		s := new(rt.Var[[]int])
		s.Store([]int{1})
		for range 2 {
			t.Go(func() { mu.Lock(); pop(s, checkEmpty); mu.Unlock() })
		}
	}
}

// A panic report shows the panicking goroutine's user frames, innermost
// first, so that the caller of the failing helper is visible.
func TestPanicShowsStack(t *testing.T) {
	rep, err := rt.Explore(popper(false))
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	msg := rep.Failure.Message
	require.Contains(t, msg, "panicked: runtime error: slice bounds out of range")
	require.Regexp(t, `innermost first, user code only\):\n    rt_test\.pop at report_test\.go:\d+\n    rt_test\.\S*popper\.func1\.1 at report_test\.go:\d+`, msg)
	require.NotContains(t, msg, "runtime.")

	rep, err = rt.Explore(popper(true))
	require.NoError(t, err)
	require.Nil(t, rep.Failure, rep.String())
}

// A schedule replayed on changed code is followed as far as it fits; the
// report says where it diverged and the rest takes default choices.
func TestReplayDiverges(t *testing.T) {
	cases := []struct{ schedule, diverged string }{
		{"0*3,1,0", ""},
		{"0,7", "the schedule diverged at step 2: G7 is not runnable (runnable: G0 G1); continued with default choices"},
		{"0", "the schedule diverged at step 2: the schedule ended after 1 entries (runnable: G0 G1); continued with default choices"},
		{"0*3,1,0,1,1", "the schedule diverged: the execution ended after step 5 with 2 of 7 entries unused"},
	}
	for _, c := range cases {
		t.Run(c.schedule, func(t *testing.T) {
			rep, err := rt.Explore(lostUpdate, rt.WithReplay(c.schedule))
			require.NoError(t, err)
			require.Equal(t, c.diverged, rep.Diverged)
			if c.diverged != "" {
				require.Contains(t, rep.String(), "(replay; "+c.diverged+")")
			}
		})
	}
}
