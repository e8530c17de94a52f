package harness_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/deadlock"
)

var abba = program{objects: 2, threads: [][]op{
	{acq(0), acq(1), rel(1), rel(0)},
	{acq(1), acq(0), rel(0), rel(1)},
}}

var ordered = program{objects: 2, threads: [][]op{
	{acq(0), acq(1), rel(1), rel(0)},
	{acq(0), acq(1), rel(1), rel(0)},
}}

func explore(t *testing.T, m harness.Model, o harness.Options, checks ...harness.Check) harness.Result {
	t.Helper()
	res, err := harness.Explore(context.Background(), m, o, checks...)
	require.NoError(t, err)
	return res
}

// TestDeadlockFound: the AB/BA lock order deadlocks and the report names
// the cycle and all four Coffman conditions; one global order does not.
func TestDeadlockFound(t *testing.T) {
	for _, strat := range []harness.Strategy{harness.BFS, harness.DFS} {
		res := explore(t, abba, harness.Options{Strategy: strat})
		require.Equal(t, harness.Violated, res.Verdict())
		v := res.Violations[0]
		require.Equal(t, harness.DeadlockKind, v.Kind)
		require.Equal(t, harness.Schedule{0, 1}, v.Schedule, "%v finds the shortest here", strat)
		d := v.Detail.(*harness.Deadlock)
		require.Equal(t, []int{0, 1}, d.Cycle)
		require.Equal(t, []string{"T0", "T1"}, d.Evidence.Names())
		require.Equal(t, "held by T1 since step 2", d.Evidence.Cycle[0].Why)
		for _, c := range d.Evidence.Coffman {
			require.True(t, c.Holds, c.Name)
		}
		require.Equal(t, harness.OK, explore(t, ordered, harness.Options{Strategy: strat}).Verdict())
	}
}

// TestDeadlockWithoutCycle: a thread that finishes holding a lock blocks
// the other forever. That is a deadlock, but no circular wait and no hold
// and wait (the waiter holds nothing).
func TestDeadlockWithoutCycle(t *testing.T) {
	m := program{objects: 1, threads: [][]op{{acq(0)}, {acq(0), rel(0)}}}
	res := explore(t, m, harness.Options{})
	require.Equal(t, harness.DeadlockKind, res.Violations[0].Kind)
	d := res.Violations[0].Detail.(*harness.Deadlock)
	require.Nil(t, d.Cycle)
	require.Nil(t, d.Evidence.Cycle)
	holds := map[string]bool{}
	for _, c := range d.Evidence.Coffman {
		holds[c.Name] = c.Holds
	}
	require.Equal(t, map[string]bool{"mutual exclusion": true, "hold and wait": false, "no preemption": true, "circular wait": false}, holds)
	require.Equal(t, 0, d.Blocked[0].Holder, "A is held by T0")
}

// TestInvariantShortest: BFS reports a shortest schedule to the first
// state that breaks an invariant, and the schedule replays to it.
func TestInvariantShortest(t *testing.T) {
	m := program{objects: 1, threads: [][]op{{set(0, 1), set(0, 2)}, {set(0, 3), set(0, 2)}}}
	notTwo := harness.Invariant("not-two", func(s harness.State) error {
		if s[2] == 2 {
			return errors.New("A is 2")
		}
		return nil
	})
	res := explore(t, m, harness.Options{}, notTwo)
	require.Len(t, res.Violations, 1)
	v := res.Violations[0]
	require.Equal(t, "not-two", v.Kind)
	require.Len(t, v.Schedule, 2)
	tr, err := harness.Replay(m, v.Schedule)
	require.NoError(t, err)
	require.Equal(t, byte(2), tr.Final()[2])
	require.Equal(t, tr.Schedule(), v.Schedule)
}

// TestKeepGoingCounts: with KeepGoing every violating state is counted and
// the search is complete.
func TestKeepGoingCounts(t *testing.T) {
	res := explore(t, deadlock.New(deadlock.Naive, 3), harness.Options{KeepGoing: true})
	require.True(t, res.Complete)
	require.Equal(t, 1, res.Violating[harness.DeadlockKind])
	require.Equal(t, 35, res.States)
}

// TestDepthBound: BFS and depth-first search with the same depth bound
// reach the same states (depth-first revisits a state reached again by a
// shorter path), and a cut search is bounded, not ok.
func TestDepthBound(t *testing.T) {
	m := deadlock.New(deadlock.Ordered, 4)
	full := explore(t, m, harness.Options{})
	for d := 1; d <= full.MaxDepth+1; d++ {
		bfs := explore(t, m, harness.Options{Depth: d})
		dfs := explore(t, m, harness.Options{Depth: d, Strategy: harness.DFS})
		require.Equal(t, bfs.States, dfs.States, "depth %d", d)
		if d <= full.MaxDepth {
			require.Equal(t, harness.Bounded, bfs.Verdict(), "depth %d", d)
			require.Equal(t, harness.Bounded, dfs.Verdict(), "depth %d", d)
			require.Equal(t, harness.Bound{Kind: harness.BoundDepth, Limit: uint64(d)}, bfs.Bound)
		} else {
			require.Equal(t, harness.OK, bfs.Verdict())
			require.Equal(t, full.States, bfs.States)
		}
	}
	// A deadlock at depth 4 is out of reach with depth 3.
	naive := deadlock.New(deadlock.Naive, 4)
	require.Equal(t, harness.Bounded, explore(t, naive, harness.Options{Depth: 3}).Verdict())
	require.Equal(t, harness.Violated, explore(t, naive, harness.Options{Depth: 4, Strategy: harness.DFS}).Verdict())
}

// TestMaxStates stops at the budget with a bounded verdict.
func TestMaxStates(t *testing.T) {
	res := explore(t, deadlock.New(deadlock.Ordered, 5), harness.Options{MaxStates: 100})
	require.Equal(t, 100, res.States)
	require.Equal(t, harness.Bounded, res.Verdict())
	require.Equal(t, harness.Bound{Kind: harness.BoundMaxStates, Limit: 100}, res.Bound)
}

// TestCancelled: a cancelled context is a bounded result, not an error.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := harness.Explore(ctx, deadlock.New(deadlock.Ordered, 8), harness.Options{})
	require.NoError(t, err)
	require.Equal(t, harness.Bounded, res.Verdict())
	require.Equal(t, harness.Bound{Kind: harness.BoundInterrupted}, res.Bound)
}

func TestBadOptions(t *testing.T) {
	_, err := harness.Explore(context.Background(), abba, harness.Options{Depth: -1})
	var oe *harness.OptionError
	require.ErrorAs(t, err, &oe)
	require.Equal(t, "Depth", oe.Field)
	require.EqualError(t, err, "Depth -1 is out of range (allowed: 0 or more, 0 for no bound)")
}

func TestReplayErrors(t *testing.T) {
	_, err := harness.Replay(abba, harness.Schedule{0, 5})
	require.ErrorContains(t, err, "step 2 names thread 5")
	_, err = harness.Replay(abba, harness.Schedule{0, 1, 0})
	require.ErrorContains(t, err, `blocked at "acquire B"`)
	_, err = harness.Replay(abba, harness.Schedule{0, 0, 0, 0, 0})
	require.ErrorContains(t, err, "it has finished")
}

// TestJudge reproduces a violation from its schedule alone.
func TestJudge(t *testing.T) {
	tr, err := harness.Replay(abba, harness.Schedule{0, 1})
	require.NoError(t, err)
	vs := harness.Judge(abba, tr)
	require.Len(t, vs, 1)
	require.Equal(t, harness.DeadlockKind, vs[0].Kind)
	tr, err = harness.Replay(abba, harness.Schedule{0, 0})
	require.NoError(t, err)
	require.Empty(t, harness.Judge(abba, tr))
}
