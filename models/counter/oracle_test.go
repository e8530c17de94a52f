package counter_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/internal/oracle"
	"github.com/interleave/concurrency/models/counter"
)

// TestOracle reproduces every counter oracle row up to 361,775 states
// exactly: states, edges and lost-update terminal states.
func TestOracle(t *testing.T) {
	rows, err := oracle.Rows("counter.tsv")
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	for _, r := range rows {
		states, _ := r.Int("states")
		if states > 361775 || (testing.Short() && states > 20000) {
			continue
		}
		threads, _ := r.Int("threads")
		incs, _ := r.Int("increments")
		t.Run(fmt.Sprintf("%s/%dx%d", r["variant"], threads, incs), func(t *testing.T) {
			m := counter.New(counter.Variant(r["variant"]), threads, incs)
			res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.LostUpdate())
			require.NoError(t, err)
			require.Equal(t, states, res.States, "states")
			edges, _ := r.Int("edges")
			require.Equal(t, edges, res.Transitions, "edges")
			if lost, known := r.Int("lost_update_terminal_states"); known {
				require.Equal(t, lost, res.Violating["lost-update"], "lost-update terminal states")
			}
			require.Zero(t, res.Violating[harness.DeadlockKind])
			require.True(t, res.Complete)
		})
	}
}
