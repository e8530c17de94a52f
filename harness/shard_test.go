package harness_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/shard"
	"github.com/interleave/concurrency/models/counter"
	"github.com/interleave/concurrency/models/deadlock"
)

// shardUnion explores m as every shard of n and returns the distinct
// states the shards expanded (with their transitions), the violation kinds
// and the results.
func shardUnion(t *testing.T, m harness.Model, o harness.Options, n int, checks ...harness.Check) (map[string]int, []string, []harness.Result) {
	t.Helper()
	states := map[string]int{}
	var kinds []string
	var results []harness.Result
	for k := 1; k <= n; k++ {
		o.Shard = harness.Sharding{Spec: shard.Spec{K: k, N: n}, Expanded: func(s harness.State, tr int) error {
			if prev, ok := states[string(s)]; ok && prev != tr {
				return fmt.Errorf("state expanded with %d and %d transitions", prev, tr)
			}
			states[string(s)] = tr
			return nil
		}}
		res := explore(t, m, o, checks...)
		require.NotNil(t, res.Shard)
		for _, v := range res.Violations {
			kinds = append(kinds, v.Kind)
		}
		results = append(results, res)
	}
	slices.Sort(kinds)
	return states, slices.Compact(kinds), results
}

// TestShardsCoverTheSpace: the shards of a breadth-first search reach
// exactly the states and transitions of one search (philosophers: the
// oracle's counts) and the same violation kinds, and each split-level
// state is expanded by exactly one shard.
func TestShardsCoverTheSpace(t *testing.T) {
	lu := counter.New(counter.Race, 3, 2)
	cases := []struct {
		name   string
		m      harness.Model
		checks []harness.Check
	}{
		{"philosophers naive n=6", deadlock.New(deadlock.Naive, 6), nil},
		{"philosophers ordered n=7", deadlock.New(deadlock.Ordered, 7), nil},
		{"counter race 3x2", lu, []harness.Check{lu.LostUpdate()}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := harness.Options{KeepGoing: true}
			whole := explore(t, c.m, o, c.checks...)
			require.True(t, whole.Complete)
			var want []string
			for _, v := range whole.Violations {
				want = append(want, v.Kind)
			}
			slices.Sort(want)
			for _, n := range []int{1, 2, 3, 8} {
				states, kinds, results := shardUnion(t, c.m, o, n, c.checks...)
				transitions := 0
				for _, tr := range states {
					transitions += tr
				}
				require.Equal(t, whole.States, len(states), "%d shards: states", n)
				require.Equal(t, whole.Transitions, transitions, "%d shards: transitions", n)
				require.Equal(t, slices.Compact(want), kinds, "%d shards: violations", n)
				var covered []int
				for _, r := range results {
					require.True(t, r.Complete)
					require.Equal(t, results[0].Shard.Depth, r.Shard.Depth)
					covered = append(covered, r.Shard.Covered...)
				}
				slices.Sort(covered)
				p := results[0].Shard.Prefixes
				require.Len(t, covered, p, "%d shards", n)
				for i, c := range covered {
					require.Equal(t, i, c)
				}
			}
		})
	}
}

// TestShardRefusals: searches that cannot be split by level are refused.
func TestShardRefusals(t *testing.T) {
	m := deadlock.New(deadlock.Naive, 3)
	sh := harness.Sharding{Spec: shard.Spec{K: 1, N: 2}}
	for _, o := range []harness.Options{
		{Strategy: harness.DFS, Shard: sh},
		{Compact: true, Shard: sh},
		{Workers: 2, Shard: sh},
		{Depth: 4, Shard: sh},
		{ContextBound: true, Shard: sh},
	} {
		_, err := harness.Explore(context.Background(), m, o)
		var oe *harness.OptionError
		require.ErrorAs(t, err, &oe, "%+v", o)
		require.Equal(t, "Shard", oe.Field, "%+v", o)
	}
	res := explore(t, m, harness.Options{POR: true, Shard: sh})
	require.Equal(t, harness.Applied{Off: true, Reason: "a sharded search splits the unreduced graph at a level"}, res.Reduction)
}
