package refcount_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/refcount"
)

// TestReduction: with partial-order reduction asked for, every variant
// finds the same kinds of violation as the full search, with both
// strategies, and every counterexample still replays to a violating state.
func TestReduction(t *testing.T) {
	kinds := func(res harness.Result) []string {
		var out []string
		for k := range res.Violating {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	for _, v := range []refcount.Variant{refcount.Naive, refcount.Atomic, refcount.GIL, refcount.Biased} {
		m := refcount.New(v, 2)
		full, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		for _, strat := range []harness.Strategy{harness.BFS, harness.DFS} {
			red, err := harness.Explore(context.Background(), m, harness.Options{POR: true, Strategy: strat, KeepGoing: true}, m.Checks()...)
			require.NoError(t, err)
			require.Equal(t, "on", red.Reduction, "%s %s", v, strat)
			require.True(t, red.Complete)
			require.LessOrEqual(t, red.States, full.States, "%s %s", v, strat)
			require.Equal(t, kinds(full), kinds(red), "%s %s", v, strat)
			for _, vi := range red.Violations {
				requireReplays(t, m, m.Checks(), vi)
			}
		}
	}
}
