package harness_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/models/counter"
	"github.com/interleave/concurrency/models/deadlock"
)

func searchFor(t *testing.T, m harness.Model, o harness.Options, checks ...harness.Check) harness.Result {
	t.Helper()
	res, err := harness.Explore(context.Background(), m, o, checks...)
	require.NoError(t, err)
	return res
}

// TestReductionFigures: reduction keeps the verdicts with at least 10x
// fewer states, and the oracle counts stay with POR off. The goal,
// counter mutex 8x4, is BenchmarkReduction's (10 million transitions).
func TestReductionFigures(t *testing.T) {
	cases := []struct {
		name    string
		m       harness.Model
		checks  []harness.Check
		full    int
		verdict harness.Verdict
		factor  int // at least this many times fewer states
	}{
		{"philosophers naive 8", deadlock.New(deadlock.Naive, 8), nil, 14158, harness.Violated, 10},
		{"philosophers ordered 8", deadlock.New(deadlock.Ordered, 8), nil, 9403, harness.OK, 10},
		{"counter mutex 4x4", counter.New(counter.Mutex, 4, 4), nil, 6625, harness.OK, 10},
	}
	if !testing.Short() {
		cases = append(cases, struct {
			name    string
			m       harness.Model
			checks  []harness.Check
			full    int
			verdict harness.Verdict
			factor  int
		}{"counter mutex 6x4", counter.New(counter.Mutex, 6, 4), nil, 240625, harness.OK, 10})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if cm, ok := c.m.(*counter.Model); ok {
				c.checks = []harness.Check{cm.LostUpdate()}
			}
			for _, s := range []harness.Strategy{harness.BFS, harness.DFS} {
				red := searchFor(t, c.m, harness.Options{Strategy: s, POR: true, KeepGoing: true}, c.checks...)
				require.Equal(t, harness.Applied{On: true}, red.Reduction)
				require.Equal(t, c.verdict, red.Verdict(), s.String())
				require.True(t, red.Complete)
				require.LessOrEqual(t, red.States*c.factor, c.full, "%s: %d states", s, red.States)
			}
		})
	}
	m := counter.New(counter.Mutex, 4, 4)
	off := searchFor(t, m, harness.Options{KeepGoing: true}, m.LostUpdate())
	require.Equal(t, 6625, off.States, "the zero Options reproduce the oracle")
	require.Equal(t, harness.Applied{Off: true}, off.Reduction)
}

// TestReductionFindsLostUpdate: counter race keeps its lost update under
// reduction (found depth-first and breadth-first).
func TestReductionFindsLostUpdate(t *testing.T) {
	m := counter.New(counter.Race, 3, 2)
	for _, s := range []harness.Strategy{harness.BFS, harness.DFS} {
		res := searchFor(t, m, harness.Options{Strategy: s, POR: true}, m.LostUpdate())
		require.Equal(t, harness.Violated, res.Verdict())
		require.Equal(t, "lost-update", res.Violations[0].Kind)
		tr, err := harness.Replay(m, res.Violations[0].Schedule)
		require.NoError(t, err)
		require.NotEmpty(t, harness.Judge(m, tr, m.LostUpdate()))
	}
}

// TestReductionOffWhenUnsound: reduction steps aside, saying why, for
// liveness checks, undeclared invariants and depth bounds.
func TestReductionOffWhenUnsound(t *testing.T) {
	m := deadlock.New(deadlock.TryLock, 3)
	res := searchFor(t, m, harness.Options{POR: true}, fairness.Livelock(fairness.Weak))
	require.Equal(t, harness.Applied{Off: true, Reason: "liveness (graph) checks need every interleaving"}, res.Reduction)

	c := counter.New(counter.Race, 2, 1)
	inv := harness.Invariant("never", func(harness.State) error { return nil })
	require.Equal(t, harness.Applied{Off: true, Reason: "check never does not declare what it reads (see harness.InvariantOn)"}, searchFor(t, c, harness.Options{POR: true}, inv).Reduction)
	declared := harness.InvariantOn("never", []string{"x"}, func(harness.State) error { return nil })
	require.Equal(t, harness.Applied{On: true}, searchFor(t, c, harness.Options{POR: true}, declared).Reduction)
	require.Equal(t, harness.Applied{Off: true, Reason: "a depth bound counts steps the reduction reorders"}, searchFor(t, c, harness.Options{POR: true, Depth: 3}).Reduction)
}

// TestPreemptionBound: the lost update needs one preemption (a thread
// switch between a read and its write), so cooperative search (K=0)
// cannot find it and K=1 does, with executions printed per bound.
func TestPreemptionBound(t *testing.T) {
	m := counter.New(counter.Race, 2, 1)
	coop := searchFor(t, m, harness.Options{ContextBound: true, Preemptions: 0}, m.LostUpdate())
	require.Equal(t, harness.Bounded, coop.Verdict())
	require.Equal(t, harness.Bound{Kind: harness.BoundPreemptions}, coop.Bound)
	require.Len(t, coop.PerBound, 1)
	require.Equal(t, 2, coop.PerBound[0].Executions, "T0 then T1, or T1 then T0")

	one := searchFor(t, m, harness.Options{ContextBound: true, Preemptions: 1}, m.LostUpdate())
	require.Equal(t, harness.Violated, one.Verdict())
	require.Len(t, one.PerBound, 2)
	require.Equal(t, "0,1*2,0", one.Violations[0].Schedule.String(), "one preemption: T1 reads between T0's read and write")

	mutex := counter.New(counter.Mutex, 2, 1)
	all := searchFor(t, mutex, harness.Options{ContextBound: true, Preemptions: 10}, mutex.LostUpdate())
	require.Equal(t, harness.OK, all.Verdict(), "no step beyond a bound: complete")
	require.Less(t, len(all.PerBound), 11, "stops at the first bound that prunes nothing")

	_, err := harness.Explore(context.Background(), m, harness.Options{ContextBound: true, Preemptions: -1})
	require.ErrorContains(t, err, "allowed: 0..")
}

// TestRandomAndPCT: both find the philosophers' deadlock, the same seed
// gives the same result, and PCT reports 1/(n*k^(d-1)).
func TestRandomAndPCT(t *testing.T) {
	m := deadlock.New(deadlock.Naive, 4)
	for _, o := range []harness.Options{
		{Strategy: harness.Random, Seed: 7, Runs: 200},
		{Strategy: harness.PCT, Seed: 7, Runs: 200, BugDepth: 2},
	} {
		a := searchFor(t, m, o)
		b := searchFor(t, m, o)
		require.Equal(t, harness.Violated, a.Verdict(), o.Strategy.String())
		require.Equal(t, a.Violations[0].Schedule, b.Violations[0].Schedule, "same seed, same schedule")
		require.Equal(t, a.Executions, b.Executions)
		require.Equal(t, a.States, b.States)
		require.Equal(t, harness.DeadlockKind, a.Violations[0].Kind)
		require.Len(t, a.Violations[0].Schedule, 4, "minimised to one take per philosopher")
		if o.Strategy == harness.PCT {
			require.Positive(t, a.Guarantee)
			require.Len(t, a.Notes, 1)
		}
	}
	ok := counter.New(counter.Mutex, 2, 2)
	res := searchFor(t, ok, harness.Options{Strategy: harness.PCT, Seed: 1, Runs: 20, BugDepth: 3}, ok.LostUpdate())
	require.Equal(t, harness.Bounded, res.Verdict(), "sampling never proves")
	require.Equal(t, 20, res.Executions)
	// n=2 threads, every run is 16 steps: p = 1/(2*16^2).
	require.InDelta(t, 1.0/(2*16*16), res.Guarantee, 1e-12)

	_, err := harness.Explore(context.Background(), ok, harness.Options{Strategy: harness.PCT, BugDepth: harness.MaxBugDepth + 1})
	require.EqualError(t, err, "BugDepth 17 is out of range (allowed: 1..16)")
	def := searchFor(t, ok, harness.Options{Strategy: harness.PCT, Seed: 1, Runs: 20}, ok.LostUpdate())
	two := searchFor(t, ok, harness.Options{Strategy: harness.PCT, Seed: 1, Runs: 20, BugDepth: sched.DefaultBugDepth}, ok.LostUpdate())
	require.Equal(t, two.Guarantee, def.Guarantee, "a zero bug depth is the default")
}

// TestMinimize: a depth-first deadlock schedule shrinks to a 1-minimal
// one that still deadlocks, and minimising keeps the violation's kind.
func TestMinimize(t *testing.T) {
	m := deadlock.New(deadlock.Naive, 3)
	res := searchFor(t, m, harness.Options{Strategy: harness.DFS})
	v := res.Violations[0]
	require.Greater(t, v.Found, len(v.Schedule), "found long, reported short")
	require.Len(t, v.Schedule, 3, "each philosopher takes its left fork")

	long := harness.Schedule{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2}
	short := harness.Minimize(m, harness.DeadlockKind, long)
	require.Len(t, short, 3)
	tr, err := harness.Replay(m, short)
	require.NoError(t, err)
	require.Equal(t, harness.DeadlockKind, harness.Judge(m, tr)[0].Kind)
	for i := range short {
		drop := append(append(harness.Schedule{}, short[:i]...), short[i+1:]...)
		require.Len(t, harness.Minimize(m, harness.DeadlockKind, drop), len(drop), "1-minimal: dropping step %d loses it", i)
	}

	c := counter.New(counter.Race, 2, 1)
	notThere := harness.Schedule{0, 0, 1, 1}
	require.Equal(t, notThere, harness.Minimize(c, "lost-update", notThere, c.LostUpdate()), "no violation: unchanged")
}

// TestMinimizeLongSchedule: depth-first search reaches the 12-philosopher
// deadlock after 12,252 steps; delta debugging alone runs out of its step
// budget at 9,116 steps, the shortcut through the schedule's own states
// gets the shortest deadlock, one step per philosopher.
func TestMinimizeLongSchedule(t *testing.T) {
	m := deadlock.New(deadlock.Naive, 12)
	v := searchFor(t, m, harness.Options{Strategy: harness.DFS}).Violations[0]
	require.Equal(t, 12252, v.Found)
	require.Equal(t, harness.Schedule{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, v.Schedule)
}

// BenchmarkReduction explores counter mutex 8x4 (7,890,625 states and
// 10,000,000 edges without reduction) with reduction, reporting the
// states stored and the visits to merged states.
func BenchmarkReduction(b *testing.B) {
	m := counter.New(counter.Mutex, 8, 4)
	for b.Loop() {
		res, err := harness.Explore(context.Background(), m, harness.Options{POR: true}, m.LostUpdate())
		if err != nil || res.Verdict() != harness.OK {
			b.Fatal(err, res.Verdict())
		}
		b.ReportMetric(float64(res.States), "states")
		b.ReportMetric(float64(res.Merged), "merged")
		b.ReportMetric(7890625/float64(res.States), "x-fewer")
	}
}
