package harness_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/counter"
	"github.com/interleave/concurrency/models/deadlock"
)

// growing is a model whose states have different lengths: each of two
// threads appends its number to the state until it holds limit bytes,
// and the state is then full (a deadlock, as nobody finishes).
type growing struct{ limit int }

func (g growing) Name() string              { return "growing" }
func (g growing) Init() harness.State       { return harness.State{} }
func (g growing) Threads(harness.State) int { return 2 }
func (g growing) Enabled(s harness.State, th int) (harness.Step, bool) {
	return harness.Step{Footprint: harness.Footprint{Thread: th, Label: "append"}}, len(s) < g.limit
}
func (g growing) Apply(s harness.State, st harness.Step) harness.State {
	return append(append(harness.State(nil), s...), byte(st.Thread))
}

// cases are models and options whose results must not depend on the
// number of workers.
func parallelCases() map[string]struct {
	m      harness.Model
	o      harness.Options
	checks []harness.Check
} {
	race := counter.New(counter.Race, 3, 2)
	mutex := counter.New(counter.Mutex, 3, 2)
	race43, mutex62 := counter.New(counter.Race, 4, 3), counter.New(counter.Mutex, 6, 2)
	type c = struct {
		m      harness.Model
		o      harness.Options
		checks []harness.Check
	}
	return map[string]c{
		"philosophers naive keep-going": {deadlock.New(deadlock.Naive, 7), harness.Options{KeepGoing: true}, nil},
		"philosophers naive first":      {deadlock.New(deadlock.Naive, 7), harness.Options{}, nil},
		"philosophers ordered":          {deadlock.New(deadlock.Ordered, 6), harness.Options{}, nil},
		"philosophers max-states":       {deadlock.New(deadlock.Ordered, 6), harness.Options{MaxStates: 500}, nil},
		"philosophers depth":            {deadlock.New(deadlock.Naive, 6), harness.Options{Depth: 9, KeepGoing: true}, nil},
		"counter race first":            {race, harness.Options{}, []harness.Check{race.LostUpdate()}},
		"counter race keep-going":       {race, harness.Options{KeepGoing: true}, []harness.Check{race.LostUpdate()}},
		"counter mutex":                 {mutex, harness.Options{}, []harness.Check{mutex.LostUpdate()}},
		"philosophers wide levels":      {deadlock.New(deadlock.Naive, 8), harness.Options{KeepGoing: true}, nil},
		"philosophers wide max-states":  {deadlock.New(deadlock.Ordered, 8), harness.Options{MaxStates: 5000}, nil},
		"counter race wide":             {counter.New(counter.Race, 4, 2), harness.Options{KeepGoing: true}, []harness.Check{counter.New(counter.Race, 4, 2).LostUpdate()}},
		"counter race symmetry":         {race43, harness.Options{KeepGoing: true, Symmetry: true}, []harness.Check{race43.LostUpdate()}},
		"counter race symmetry first":   {race43, harness.Options{Symmetry: true}, []harness.Check{race43.LostUpdate()}},
		"counter mutex symmetry":        {mutex62, harness.Options{Symmetry: true}, []harness.Check{mutex62.LostUpdate()}},
		"growing widths":                {growing{limit: 9}, harness.Options{KeepGoing: true}, nil},
		"growing max-states":            {growing{limit: 12}, harness.Options{MaxStates: 700}, nil},
	}
}

// comparable strips what may differ between runs: the time taken and the
// memory held by per-level buffers.
func comparable(r harness.Result) harness.Result {
	r.Elapsed, r.StoreBytes = 0, 0
	return r
}

// TestWorkersSameResult: breadth-first search with 2, 3 and 5 workers
// returns exactly what one worker returns (states, edges, depth, bounds,
// violations and their schedules), on the exact and the compacted store.
func TestWorkersSameResult(t *testing.T) {
	for name, tc := range parallelCases() {
		if testing.Short() && strings.Contains(name, "wide") {
			continue
		}
		for _, compact := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/compact=%v", name, compact), func(t *testing.T) {
				o := tc.o
				o.Compact = compact
				want := comparable(explore(t, tc.m, o, tc.checks...))
				for _, w := range []int{2, 3, 5} {
					o.Workers = w
					got := comparable(explore(t, tc.m, o, tc.checks...))
					require.Equal(t, want, got, "%d workers", w)
				}
			})
		}
	}
}

// TestWorkersOracle: with workers, the full philosophers space still has
// the oracle's counts.
func TestWorkersOracle(t *testing.T) {
	res := explore(t, deadlock.New(deadlock.Naive, 9), harness.Options{KeepGoing: true, Workers: 2})
	require.Equal(t, 46763, res.States)
	require.Equal(t, 304137, res.Transitions)
	require.Equal(t, 1, res.Violating[harness.DeadlockKind])
	require.True(t, res.Complete)
}

// TestCompactCounts: hash compaction reproduces the exact counts (no
// collision among so few states) and reports the bound on missing one.
func TestCompactCounts(t *testing.T) {
	for _, strat := range []harness.Strategy{harness.BFS, harness.DFS} {
		res := explore(t, deadlock.New(deadlock.Naive, 8), harness.Options{Strategy: strat, KeepGoing: true, Compact: true})
		require.Equal(t, 14158, res.States)
		require.Equal(t, 81848, res.Transitions)
		n := float64(res.States)
		require.InEpsilon(t, n*(n-1)/math.Exp2(65), res.MissProbability, 1e-9)
		exact := explore(t, deadlock.New(deadlock.Naive, 8), harness.Options{Strategy: strat, KeepGoing: true})
		require.Zero(t, exact.MissProbability)
		require.Less(t, res.StoreBytes, exact.StoreBytes)
	}
}

// TestCompactViolation: without parent links, the compacted breadth-first
// search still reports a shortest schedule that replays to the violation.
func TestCompactViolation(t *testing.T) {
	m := counter.New(counter.Race, 3, 2)
	exact := explore(t, m, harness.Options{}, m.LostUpdate())
	res := explore(t, m, harness.Options{Compact: true}, m.LostUpdate())
	require.Len(t, res.Violations, 1)
	v := res.Violations[0]
	require.Equal(t, "lost-update", v.Kind)
	require.Len(t, v.Schedule, len(exact.Violations[0].Schedule), "shortest, like the exact search")
	tr, err := harness.Replay(m, v.Schedule)
	require.NoError(t, err)
	require.Equal(t, "lost-update", harness.Judge(m, tr, m.LostUpdate())[0].Kind)
}

// TestCompactRefusals: what the fingerprint set cannot serve is an error
// that says what to do, as are negative workers.
func TestCompactRefusals(t *testing.T) {
	m := deadlock.New(deadlock.Naive, 3)
	_, err := harness.Explore(context.Background(), m, harness.Options{Strategy: harness.DFS, Depth: 3, Compact: true})
	require.EqualError(t, err, "Compact cannot bound the depth of a depth-first search: it needs every state's depth (allowed: hash compaction with strategy bfs, or dfs without a depth bound)")
	_, err = harness.Explore(context.Background(), m, harness.Options{Workers: -1})
	require.EqualError(t, err, "Workers -1 is out of range (allowed: 0 or more, 0 and 1 for one worker)")
}
