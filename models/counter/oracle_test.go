package counter_test

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/counter"
)

type oracleRow struct {
	variant             string
	threads, incs       int
	states, edges, lost int
	lostKnown           bool
}

func readOracle(t *testing.T) []oracleRow {
	f, err := os.Open("../../../shared/oracles/counter.tsv")
	require.NoError(t, err, "the oracles live in ../shared beside the repository")
	defer f.Close()
	var rows []oracleRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		require.Len(t, c, 6, "malformed oracle line %q", sc.Text())
		num := func(s string) int { n, err := strconv.Atoi(s); require.NoError(t, err); return n }
		r := oracleRow{variant: c[0], threads: num(c[1]), incs: num(c[2]), states: num(c[3]), edges: num(c[4])}
		if c[5] != "-" {
			r.lost, r.lostKnown = num(c[5]), true
		}
		rows = append(rows, r)
	}
	require.NoError(t, sc.Err())
	return rows
}

// TestOracle reproduces every counter oracle row up to 361,775 states
// exactly: states, edges and lost-update terminal states.
func TestOracle(t *testing.T) {
	rows := readOracle(t)
	require.NotEmpty(t, rows)
	for _, r := range rows {
		if r.states > 361775 || (testing.Short() && r.states > 20000) {
			continue
		}
		t.Run(r.variant+"/"+strconv.Itoa(r.threads)+"x"+strconv.Itoa(r.incs), func(t *testing.T) {
			m := counter.New(counter.Variant(r.variant), r.threads, r.incs)
			res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.LostUpdate())
			require.NoError(t, err)
			require.Equal(t, r.states, res.States, "states")
			require.Equal(t, r.edges, res.Transitions, "edges")
			if r.lostKnown {
				require.Equal(t, r.lost, res.Violating["lost-update"], "lost-update terminal states")
			}
			require.Zero(t, res.Violating[harness.DeadlockKind])
			require.True(t, res.Complete)
		})
	}
}
