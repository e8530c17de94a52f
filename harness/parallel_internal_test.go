package harness

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/internal/store"
)

// grid is a model with wide levels: each of three threads counts its own
// counter up to limit, and thread 0 fails an invariant at one corner.
type grid struct{ limit byte }

func (grid) Name() string      { return "grid" }
func (grid) Init() State       { return State{0, 0, 0} }
func (grid) Threads(State) int { return 3 }
func (g grid) Enabled(s State, th int) (Step, bool) {
	return Step{Footprint: Footprint{Thread: th, Label: "count"}}, s[th] < g.limit
}
func (grid) Apply(s State, st Step) State {
	out := append(State(nil), s...)
	out[st.Thread]++
	return out
}

// TestWavesSameResult: with levels cut into many waves (and chunks), the
// workers still return what one worker returns.
func TestWavesSameResult(t *testing.T) {
	defer func(c, w int) { chunkStates, waveStates = c, w }(chunkStates, waveStates)
	chunkStates, waveStates = 16, 80
	corner := Invariant("corner", func(s State) error {
		if s[0] == 20 && s[1] == 17 {
			return store.ErrFull // any error: the state is "bad"
		}
		return nil
	})
	for _, o := range []Options{{KeepGoing: true}, {}, {MaxStates: 9000}, {Depth: 40, KeepGoing: true}} {
		for _, compact := range []bool{false, true} {
			o.Compact, o.Workers = compact, 1
			want, err := Explore(context.Background(), grid{limit: 30}, o, corner)
			require.NoError(t, err)
			o.Workers = 2
			got, err := Explore(context.Background(), grid{limit: 30}, o, corner)
			require.NoError(t, err)
			want.Elapsed, got.Elapsed, want.StoreBytes, got.StoreBytes = 0, 0, 0, 0
			require.Equal(t, want, got, "%+v", o)
		}
	}
}
