package refcount_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/models/refcount"
	"github.com/interleave/concurrency/models/registry"
)

// TestVariants explores every variant with the default parameters. The
// state and transition counts are regression values computed by this
// explorer, not independent oracles.
func TestVariants(t *testing.T) {
	tests := []struct {
		variant refcount.Variant
		first   string         // kind of the first (shortest) violation, "" if none
		kinds   map[string]int // violating states of each kind over the whole space
		states  int
		edges   int
	}{
		{refcount.Naive, "use-after-free", map[string]int{"use-after-free": 24, "leak": 3, "double-free": 4}, 337, 524},
		{refcount.Atomic, "", map[string]int{}, 39, 62},
		{refcount.GIL, "", map[string]int{}, 195, 218},
		{refcount.Biased, "", map[string]int{}, 63, 106},
	}
	def, err := registry.Lookup("refcount")
	require.NoError(t, err)
	for _, tc := range tests {
		t.Run(string(tc.variant), func(t *testing.T) {
			inst, err := def.Instantiate(string(tc.variant), nil)
			require.NoError(t, err)
			m, checks := inst.Model, inst.Checks
			require.Len(t, checks, 3)

			res, err := harness.Explore(context.Background(), m, harness.Options{}, checks...)
			require.NoError(t, err)
			if tc.first == "" {
				require.Equal(t, harness.OK, res.Verdict())
			} else {
				require.Equal(t, harness.Violated, res.Verdict())
				require.Equal(t, tc.first, res.Violations[0].Kind)
			}

			all, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, checks...)
			require.NoError(t, err)
			require.True(t, all.Complete)
			require.Equal(t, tc.states, all.States, "states")
			require.Equal(t, tc.edges, all.Transitions, "transitions")
			require.Equal(t, tc.kinds, all.Violating)
			require.Len(t, all.Violations, len(tc.kinds))
			for _, v := range all.Violations {
				modeltest.RequireReplays(t, m, checks, v)
			}
		})
	}
}

// TestOneThreadIsSafe: with a single thread nothing can interleave, so even
// the naive count is correct.
func TestOneThreadIsSafe(t *testing.T) {
	m := refcount.New(refcount.Naive, 1)
	res, err := harness.Explore(context.Background(), m, harness.Options{}, m.Checks()...)
	require.NoError(t, err)
	require.Equal(t, harness.OK, res.Verdict())
}

// TestThreeThreads covers a larger instance of every variant: the naive
// one keeps failing all three ways, the others stay safe.
func TestThreeThreads(t *testing.T) {
	for _, v := range []refcount.Variant{refcount.Naive, refcount.Atomic, refcount.GIL, refcount.Biased} {
		m := refcount.New(v, 3)
		res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		require.True(t, res.Complete)
		if v == refcount.Naive {
			require.Len(t, res.Violating, 3, "naive with 3 threads: %v", res.Violating)
		} else {
			require.Empty(t, res.Violating, string(v))
			require.Zero(t, res.Violating[harness.DeadlockKind])
		}
	}
}

// TestCleanRunFreesOnce replays the sequential schedule (one thread after
// the other) and checks that the object ends freed exactly once.
func TestCleanRunFreesOnce(t *testing.T) {
	for _, v := range []refcount.Variant{refcount.Naive, refcount.Atomic, refcount.GIL, refcount.Biased} {
		m := refcount.New(v, 2)
		var sched harness.Schedule
		s := m.Init()
		for th := range 2 {
			for !m.Finished(s, th) {
				st, ok := m.Enabled(s, th)
				require.True(t, ok)
				st.Thread = th
				s = m.Apply(s, st)
				sched = append(sched, th)
			}
		}
		tr, err := harness.Replay(m, sched)
		require.NoError(t, err)
		require.Contains(t, m.Describe(tr.Final()), "obj freed by T1", string(v))
	}
}

// TestStrategiesAgree: depth-first exploration reaches the same states,
// transitions and violating states as breadth-first.
func TestStrategiesAgree(t *testing.T) {
	for _, v := range []refcount.Variant{refcount.Naive, refcount.Atomic, refcount.GIL, refcount.Biased} {
		m := refcount.New(v, 2)
		bfs, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		dfs, err := harness.Explore(context.Background(), m, harness.Options{Strategy: harness.DFS, KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		require.Equal(t, bfs.States, dfs.States, string(v))
		require.Equal(t, bfs.Transitions, dfs.Transitions, string(v))
		require.Equal(t, bfs.Violating, dfs.Violating, string(v))
	}
}
