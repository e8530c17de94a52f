package harness

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDFSVaryingWidths: depth-first search over states of growing length,
// on the exact store and the fingerprint set, finds what breadth-first
// search finds, and its schedules replay to the violation.
func TestDFSVaryingWidths(t *testing.T) {
	m := widening{limit: 8}
	want, err := Explore(context.Background(), m, Options{KeepGoing: true})
	require.NoError(t, err)
	for _, compact := range []bool{false, true} {
		for _, strat := range []Strategy{DFS, BFS} {
			res, err := Explore(context.Background(), m, Options{Strategy: strat, KeepGoing: true, Compact: compact})
			require.NoError(t, err)
			require.Equal(t, want.States, res.States, "%v compact=%v", strat, compact)
			require.Equal(t, want.Transitions, res.Transitions)
			require.Equal(t, want.Violating, res.Violating)
			for _, v := range res.Violations {
				tr, err := Replay(m, v.Schedule)
				require.NoError(t, err)
				require.Equal(t, v.Kind, Judge(m, tr)[0].Kind)
			}
		}
	}
}

// widening is a model whose states grow: each of three threads appends
// its number until the state holds limit bytes; thread 2 may only append
// after thread 0 has, so some states deadlock early. It has no Appender,
// so the searches take the Apply path.
type widening struct{ limit int }

func (widening) Name() string      { return "widening" }
func (widening) Init() State       { return State{} }
func (widening) Threads(State) int { return 3 }
func (w widening) Enabled(s State, th int) (Step, bool) {
	ok := len(s) < w.limit && (th != 2 || len(s) > 0 && s[0] == 0)
	return Step{Footprint: Footprint{Thread: th, Label: "append"}}, ok
}
func (widening) Apply(s State, st Step) State {
	return append(append(State(nil), s...), byte(st.Thread))
}
