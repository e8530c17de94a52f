package harness

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/interleave/concurrency/harness/shard"
)

// TestShardsSound is the sharding soundness property on random models:
// the shards of a breadth-first search, split at the first level with a
// state per shard, together expand exactly the states (with the same
// transitions) of one search and find the same kinds of violation.
func TestShardsSound(t *testing.T) {
	defer func(w int) { shardPrefixesPerShard = w }(shardPrefixesPerShard)
	shardPrefixesPerShard = 1
	splits := 0
	rapid.Check(t, func(t *rapid.T) {
		g := genModelOf(t)
		inv := rapid.Bool().Draw(t, "invariant")
		full, err := Explore(context.Background(), g, Options{KeepGoing: true}, genChecks(g, terminals{}, inv)...)
		require.NoError(t, err)
		n := rapid.IntRange(2, 4).Draw(t, "shards")
		states := map[string]int{}
		kinds := map[string]bool{}
		for k := 1; k <= n; k++ {
			o := Options{KeepGoing: true, Shard: Sharding{Spec: shard.Spec{K: k, N: n}, Expanded: func(s State, tr int) error {
				if prev, ok := states[string(s)]; ok && prev != tr {
					return fmt.Errorf("state expanded with %d and %d transitions", prev, tr)
				}
				states[string(s)] = tr
				return nil
			}}}
			res, err := Explore(context.Background(), g, o, genChecks(g, terminals{}, inv)...)
			require.NoError(t, err)
			require.True(t, res.Complete)
			if res.Shard.Depth >= 0 {
				splits++
			}
			for kind := range reachable(res) {
				kinds[kind] = true
			}
		}
		transitions := 0
		for _, tr := range states {
			transitions += tr
		}
		require.Equal(t, full.States, len(states), "%d shards: states", n)
		require.Equal(t, full.Transitions, transitions, "%d shards: transitions", n)
		require.Equal(t, reachable(full), kinds, "%d shards: violation kinds", n)
	})
	t.Logf("%d shard searches split their model", splits)
	require.Positive(t, splits, "no random model was split: the property checks nothing")
}
