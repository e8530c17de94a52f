package rt_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// progOp is one drawn operation of a random program over two atomics, a
// mutex and a buffered channel (non-blocking operations only, so every
// interleaving runs to the end).
type progOp struct {
	Kind   int // 0 load, 1 store, 2 add, 3 locked add, 4 try-send, 5 try-recv
	Target int // which atomic
}

// outcomes runs the program under every schedule the options explore and
// returns the set of observable outcomes (values each goroutine saw and
// the final state).
func outcomes(t *rapid.T, prog [][]progOp, opts ...rt.Option) (map[string]bool, rt.Report) {
	seen := map[string]bool{}
	rep, err := rt.Explore(func(_ *rt.T) {
		var vars [2]rt.Int64
		var mu rt.Mutex
		c := rt.NewChan[int64](2)
		var wg rt.WaitGroup
		obs := make([][]int64, len(prog))
		for g, ops := range prog {
			wg.Go(func() {
				for i, op := range ops {
					obs[g] = append(obs[g], runOp(op, &vars[op.Target], &mu, c, int64(10*g+i)))
				}
			})
		}
		wg.Wait()
		seen[fmt.Sprint(obs, vars[0].Load(), vars[1].Load(), c.Len())] = true
	}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return seen, rep
}

func runOp(op progOp, v *rt.Int64, mu *rt.Mutex, c *rt.Chan[int64], k int64) int64 {
	switch op.Kind {
	case 0:
		return v.Load()
	case 1:
		v.Store(k)
	case 2:
		return v.Add(1)
	case 3:
		mu.Lock()
		defer mu.Unlock()
		return v.Add(1)
	case 4:
		return int64(rt.TrySelect(c.OnSend(k, nil)))
	case 5:
		x, _, _ := c.TryRecv()
		return x
	}
	return 0
}

// TestReductionIsSound checks on random programs that DPOR and sleep sets
// observe exactly the outcomes of exhaustive exploration, unbounded and
// under preemption bounds (for a deeper run: -rapid.checks=1000).
func TestReductionIsSound(t *testing.T) {
	rapid.Check(t, func(rt_ *rapid.T) {
		op := rapid.Custom(func(r *rapid.T) progOp {
			return progOp{rapid.IntRange(0, 5).Draw(r, "kind"), rapid.IntRange(0, 1).Draw(r, "target")}
		})
		// 2 goroutines × up to 2 operations or 3 × 1 keep the exhaustive
		// side small
		n := rapid.IntRange(2, 3).Draw(rt_, "goroutines")
		prog := rapid.SliceOfN(rapid.SliceOfN(op, 1, 4-n), n, n).Draw(rt_, "prog")
		for _, bound := range []int{-1, 0, 1, 2} {
			opts := []rt.Option{rt.WithPreemptionBound(bound)}
			full, frep := outcomes(rt_, prog, append(opts, rt.WithReduction(rt.NoReduction), rt.WithMaxExecutions(20000))...)
			if !frep.Exhausted {
				rt_.Skip("too large")
			}
			for _, red := range []rt.Reduction{rt.DPOR, rt.SleepSets} {
				got, rep := outcomes(rt_, prog, append(opts, rt.WithReduction(red))...)
				require.True(rt_, rep.Exhausted)
				require.LessOrEqual(rt_, rep.Executions, frep.Executions)
				require.Equal(rt_, slices.Sorted(maps.Keys(full)), slices.Sorted(maps.Keys(got)),
					"%v with preemption bound %d misses outcomes", red, bound)
			}
		}
	})
}
