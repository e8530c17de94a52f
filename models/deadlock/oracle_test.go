package deadlock_test

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/deadlock"
)

// oracleRow is one line of shared/oracles/philosophers.tsv.
type oracleRow struct {
	variant                   string
	n, states, edges, deadlks int
}

func readOracle(t *testing.T) []oracleRow {
	f, err := os.Open("../../../shared/oracles/philosophers.tsv")
	require.NoError(t, err, "the oracles live in ../shared beside the repository")
	defer f.Close()
	var rows []oracleRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		require.Len(t, c, 5, "malformed oracle line %q", sc.Text())
		num := func(s string) int { n, err := strconv.Atoi(s); require.NoError(t, err); return n }
		rows = append(rows, oracleRow{c[0], num(c[1]), num(c[2]), num(c[3]), num(c[4])})
	}
	require.NoError(t, sc.Err())
	return rows
}

// TestOracle reproduces every philosophers oracle row up to N=10 exactly,
// with both strategies: states, edges and deadlock states.
func TestOracle(t *testing.T) {
	rows := readOracle(t)
	require.NotEmpty(t, rows)
	for _, r := range rows {
		if r.n > 10 || (testing.Short() && r.n > 8) {
			continue
		}
		for _, strat := range []harness.Strategy{harness.BFS, harness.DFS} {
			t.Run(r.variant+"/"+strconv.Itoa(r.n)+"/"+strat.String(), func(t *testing.T) {
				m := deadlock.New(deadlock.Variant(r.variant), r.n)
				res, err := harness.Explore(context.Background(), m, harness.Options{Strategy: strat, KeepGoing: true})
				require.NoError(t, err)
				require.Equal(t, r.states, res.States, "states")
				require.Equal(t, r.edges, res.Transitions, "edges")
				require.Equal(t, r.deadlks, res.Violating[harness.DeadlockKind], "deadlock states")
				require.True(t, res.Complete)
			})
		}
	}
}
