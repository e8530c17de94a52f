package counter

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/harnesstest"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/internal/oracle"
)

var variants = []Variant{Race, Mutex, Atomic}

// TestSymmetryContract: every variant keeps the symmetry contract with
// its check, and the symmetry-reduced search agrees with the full one.
func TestSymmetryContract(t *testing.T) {
	for _, v := range variants {
		for _, size := range [][2]int{{2, 2}, {3, 2}} {
			t.Run(fmt.Sprintf("%s/%dx%d", v, size[0], size[1]), func(t *testing.T) {
				m := New(v, size[0], size[1])
				modeltest.RequireSymmetry(t, m, m.LostUpdate())
			})
		}
	}
}

// dropsTmp is a wrong canonicaliser: it forgets the value each thread
// read, as if tmp were not part of a thread's record.
type dropsTmp struct{ *Model }

func (d dropsTmp) Canonical(dst, s harness.State) harness.State {
	out := d.Model.Canonical(dst, s)
	for th := range d.threads {
		out[len(dst)+at(th)+2] = 0
	}
	return out
}

// TestSymmetryContractSeeded: a canonicaliser that drops tmp breaks the
// contract, CheckSymmetry says so, and the search it drives no longer
// finds what the full search finds.
func TestSymmetryContractSeeded(t *testing.T) {
	m := New(Race, 2, 2)
	wrong := dropsTmp{m}
	require.ErrorContains(t, harnesstest.CheckSymmetry(wrong, 1000, m.LostUpdate()), "different canonical successors")
	require.NoError(t, harnesstest.CheckSymmetry(m, 1000, m.LostUpdate()))
	_, err := harness.Explore(context.Background(), wrong, harness.Options{KeepGoing: true, Symmetry: true}, m.LostUpdate())
	require.ErrorContains(t, err, "symmetry contract broken", "a schedule of the wrong quotient does not exist")
}

// TestSymmetryOracle: with symmetry reduction, every oracle row finds the
// same verdict as the full search, and exactly the oracle's lost-update
// terminal states (each is its own orbit: every thread has finished with
// the same record), in fewer states. Rows above 361,775 states run
// unless -short.
func TestSymmetryOracle(t *testing.T) {
	rows, err := oracle.Rows("counter.tsv")
	require.NoError(t, err)
	for _, r := range rows {
		states, _ := r.Int("states")
		if testing.Short() && states > 361775 {
			continue
		}
		threads, _ := r.Int("threads")
		incs, _ := r.Int("increments")
		t.Run(fmt.Sprintf("%s/%dx%d", r["variant"], threads, incs), func(t *testing.T) {
			m := New(Variant(r["variant"]), threads, incs)
			res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true, Symmetry: true}, m.LostUpdate())
			require.NoError(t, err)
			require.Equal(t, harness.Applied{On: true}, res.Symmetry)
			require.True(t, res.Complete)
			require.Less(t, res.States, states)
			require.Zero(t, res.Violating[harness.DeadlockKind])
			if lost, known := r.Int("lost_update_terminal_states"); known {
				require.Equal(t, lost, res.Violating["lost-update"], "lost-update terminal states")
			} else {
				require.Positive(t, res.Violating["lost-update"], "the race loses updates")
			}
		})
	}
}

// TestSymmetryGoal pins the figures of issue 4's reduction goal
// (regression values): counter race 4x4 finds its lost update and mutex
// 8x4 completes, each in at least ten times fewer states than the
// 3,892,125 and 7,890,625 of the full search (shared/oracles), with
// symmetry reduction alone and with partial-order reduction too. The
// schedule replays to the lost update.
func TestSymmetryGoal(t *testing.T) {
	if testing.Short() {
		t.Skip("explores 350,000 states")
	}
	for _, c := range []struct {
		v             Variant
		threads, incs int
		por           bool
		verdict       harness.Verdict
		want          int
	}{
		{Race, 4, 4, false, harness.Violated, 193828},
		{Race, 4, 4, true, harness.Violated, 149501},
		{Mutex, 8, 4, false, harness.OK, 4455},
		{Mutex, 8, 4, true, harness.OK, 491},
	} {
		t.Run(fmt.Sprintf("%s/%dx%d/por=%v", c.v, c.threads, c.incs, c.por), func(t *testing.T) {
			m := New(c.v, c.threads, c.incs)
			res, err := harness.Explore(context.Background(), m, harness.Options{Symmetry: true, POR: c.por}, m.LostUpdate())
			require.NoError(t, err)
			require.Equal(t, harness.Applied{On: true}, res.Symmetry)
			require.Equal(t, c.verdict, res.Verdict())
			require.Equal(t, c.want, res.States, "states (regression value)")
			for _, v := range res.Violations {
				modeltest.RequireReplays(t, m, []harness.Check{m.LostUpdate()}, v)
			}
		})
	}
}
