package harness

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/internal/store"
)

// spinner is a model that never stops growing: one thread counts up.
type spinner struct{}

func (spinner) Name() string      { return "spinner" }
func (spinner) Init() State       { return State{0, 0, 0, 0} }
func (spinner) Threads(State) int { return 1 }
func (spinner) Enabled(State, int) (Step, bool) {
	return Step{Footprint: Footprint{Label: "tick"}}, true
}
func (spinner) Apply(s State, _ Step) State {
	out := append(State(nil), s...)
	for i := range out {
		if out[i]++; out[i] != 0 {
			break
		}
	}
	return out
}

// TestProgressDue: a checkpoint reports progress once an interval has
// passed, and not before.
func TestProgressDue(t *testing.T) {
	var got []Progress
	e := &explorer{ctx: context.Background(), m: spinner{}, set: store.NewExact(),
		o: Options{Progress: func(p Progress) { got = append(got, p) }}}
	e.res.Transitions, e.mon.frontier = 7, 3
	require.False(t, e.checkpoint())
	require.Empty(t, got, "not due yet")
	e.mon.lastProgress = time.Now().Add(-progressInterval)
	require.False(t, e.checkpoint())
	require.Len(t, got, 1)
	require.Equal(t, 7, got[0].Transitions)
	require.Equal(t, 3, got[0].Frontier)
	require.Positive(t, got[0].Memory)
}

// TestMaxMemory: over its memory limit a search stops with a partial,
// bounded result instead of growing on; every strategy checks it.
func TestMaxMemory(t *testing.T) {
	for _, o := range []Options{{}, {Strategy: DFS}, {Compact: true}, {Workers: 2}} {
		o.MaxMemory = 1
		res, err := Explore(context.Background(), spinner{}, o)
		require.NoError(t, err)
		require.Equal(t, Bound{Kind: BoundMaxMemory, Limit: 1}, res.Bound)
		require.False(t, res.Complete)
		require.Equal(t, Bounded, res.Verdict())
		require.Positive(t, res.States)
	}
}

// TestInterrupted: a cancelled context stops every strategy with a
// partial result bounded by "interrupted".
func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, o := range []Options{{}, {Strategy: DFS}, {Compact: true}, {Workers: 2}} {
		res, err := Explore(ctx, spinner{}, o)
		require.NoError(t, err)
		require.Equal(t, Bound{Kind: BoundInterrupted}, res.Bound)
		require.False(t, res.Complete)
	}
}
