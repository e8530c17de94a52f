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
