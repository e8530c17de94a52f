package deadlock_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/internal/oracle"
	"github.com/interleave/concurrency/models/deadlock"
)

// TestOracle reproduces every philosophers oracle row up to N=10 exactly,
// with both strategies: states, edges and deadlock states.
func TestOracle(t *testing.T) {
	rows, err := oracle.Rows("philosophers.tsv")
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	for _, r := range rows {
		n, _ := r.Int("n")
		if n > 10 || (testing.Short() && n > 8) {
			continue
		}
		for _, strat := range []harness.Strategy{harness.BFS, harness.DFS} {
			t.Run(fmt.Sprintf("%s/%d/%s", r["variant"], n, strat), func(t *testing.T) {
				m := deadlock.New(deadlock.Variant(r["variant"]), n)
				res, err := harness.Explore(context.Background(), m, harness.Options{Strategy: strat, KeepGoing: true})
				require.NoError(t, err)
				for col, got := range map[string]int{"states": res.States, "edges": res.Transitions, "deadlock_states": res.Violating[harness.DeadlockKind]} {
					want, ok := r.Int(col)
					require.True(t, ok, col)
					require.Equal(t, want, got, col)
				}
				require.True(t, res.Complete)
			})
		}
	}
}
