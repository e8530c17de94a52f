package harness

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLevelLikeASlice: a level used as a stack (pushes and pops, across
// block boundaries, fixed widths turning varying and back after a reset)
// holds what a slice of states holds.
func TestLevelLikeASlice(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name   string
		widths []int // widths of the pushed states, drawn at random
		pushes int   // percent of operations that push
		ops    int
	}{
		{"fixed", []int{5}, 60, 6000},
		{"empty states", []int{0}, 60, 6000},
		{"wide states", []int{levelBlock/3 + 1}, 60, 300},
		{"varying", []int{3, 3, 3, 3, 3, 3, 3, 3, 3, 7}, 55, 6000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, want := &level{}, []State{}
			check := func(op int) {
				require.Equal(t, len(want), l.len(), "op %d", op)
				for i, s := range want {
					if string(l.get(i)) != string(s) {
						t.Fatalf("op %d: state %d is %x, want %x", op, i, l.get(i), s)
					}
				}
			}
			for op := range tc.ops {
				switch {
				case op%2000 == 1999 || op == tc.ops/2:
					l.reset()
					want = want[:0]
				case r.IntN(100) < tc.pushes || len(want) == 0:
					s := make(State, tc.widths[r.IntN(len(tc.widths))])
					for i := range s {
						s[i] = byte(r.Uint32())
					}
					l.push(s)
					want = append(want, s)
				default:
					l.pop()
					want = want[:len(want)-1]
				}
				if op%97 == 0 || tc.ops < 1000 {
					check(op)
				}
			}
			check(-1)
		})
	}
}

// TestLevelRelease: a breadth-first level hands the blocks it is done
// with to the next level, which reuses them, and keeps the states it is
// not done with.
func TestLevelRelease(t *testing.T) {
	cur, next := &level{}, &level{}
	st := func(i int) State { return State{byte(i), byte(i >> 8), byte(i >> 16)} }
	const n = 100000
	for i := range n {
		cur.push(st(i))
	}
	per := levelBlock / 3
	cur.release(2*per+5, next)
	require.Len(t, next.spare, 2)
	for i := 2 * per; i < n; i++ {
		require.Equal(t, st(i), cur.get(i))
	}
	next.push(st(7))
	require.Len(t, next.spare, 1, "reused a released block")
	require.Equal(t, st(7), next.get(0))
}

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
