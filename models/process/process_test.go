package process_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/models/process"
	"github.com/interleave/concurrency/models/registry"
)

// terminal reports whether no thread of m can step in s.
func terminal(m harness.Model, s harness.State) bool {
	for th := range m.Threads(s) {
		if _, ok := m.Enabled(s, th); ok {
			return false
		}
	}
	return true
}

// TestVariants explores every variant with its default parameters and the
// checks its registration builds. The state and transition counts are
// regression values taken from this implementation, not oracles.
func TestVariants(t *testing.T) {
	def, err := registry.Lookup("process")
	require.NoError(t, err)
	cases := []struct {
		variant       string
		kind          string // "" when every property holds
		states, edges int
	}{
		{"threads", "lost-update", 57, 82},
		{"copies", "lost-update", 26, 41},
		{"pipes", "", 17, 20},
		{"fork-lock", harness.DeadlockKind, 27, 40},
		{"atfork", "", 40, 63},
	}
	require.Len(t, cases, len(def.Variants), "one case per registered variant")
	for _, c := range cases {
		t.Run(c.variant, func(t *testing.T) {
			inst, err := def.Instantiate(c.variant, nil)
			require.NoError(t, err)
			_, tr := modeltest.RequireVariant(t, inst, c.states, c.edges, c.kind)
			if c.kind == "" {
				return
			}
			final := tr.Final()
			require.True(t, terminal(inst.Model, final), "both violations are about final states")
			if c.kind == harness.DeadlockKind {
				fin := inst.Model.(harness.Finisher)
				require.False(t, fin.Finished(final, 2), "the child never finishes")
			}
		})
	}
}

// TestThreadsLoseOnlyUnderInterleaving checks the lost update needs a
// switch between a read and its write: with one worker, nothing is lost.
func TestThreadsLoseOnlyUnderInterleaving(t *testing.T) {
	m := process.New(process.Threads, 1, 3, 1)
	res, err := harness.Explore(context.Background(), m, harness.Options{}, m.LostUpdate())
	require.NoError(t, err)
	require.Equal(t, harness.OK, res.Verdict())
}

// TestForkLockNeedsHeldLock checks that the deadlock comes from forking
// while the helper holds L: every deadlocked state has the child's copy
// locked, and the deadlock report finds no circular wait, because the
// owner of the copy does not exist in the child.
func TestForkLockNeedsHeldLock(t *testing.T) {
	m := process.New(process.ForkLock, 0, 0, 0)
	res, err := harness.Explore(context.Background(), m, harness.Options{})
	require.NoError(t, err)
	require.Len(t, res.Violations, 1)
	v := res.Violations[0]
	require.Equal(t, "fork (L locked by helper)", v.Trace.Steps[1].Label)
	d := v.Detail.(*harness.Deadlock)
	require.Nil(t, d.Cycle)
	require.Len(t, d.Blocked, 2)
	require.Equal(t, "child's exit", d.Blocked[0].Object)
	require.Equal(t, []int{2}, d.Blocked[0].WaitsFor)
	require.Equal(t, "child's L (locked at fork, owner not copied)", d.Blocked[1].Object)
	require.Empty(t, d.Blocked[1].WaitsFor)
}

// TestPipesBlock checks that a pipe of capacity 1 makes children wait for
// the parent: some reachable state has a child blocked on the full pipe.
func TestPipesBlock(t *testing.T) {
	m := process.New(process.Pipes, 2, 2, 1)
	full := harness.Invariant("full-pipe", func(s harness.State) error {
		if _, ok := m.Enabled(s, 1); !ok && !m.Finished(s, 1) {
			return fmt.Errorf("child1 blocked")
		}
		return nil
	})
	res, err := harness.Explore(context.Background(), m, harness.Options{}, full)
	require.NoError(t, err)
	require.Len(t, res.Violations, 1, "a child blocks on the full pipe")
	obj, by, ok := m.BlockedOn(res.Violations[0].Trace.Final(), 1)
	require.True(t, ok)
	require.Equal(t, "pipe (full)", obj)
	require.Equal(t, []int{0}, by)
}

// Example shows the lost update with threads and its absence with pipes.
func Example() {
	for _, v := range []process.Variant{process.Threads, process.Pipes} {
		m := process.New(v, 2, 2, 1)
		res, _ := harness.Explore(context.Background(), m, harness.Options{}, m.LostUpdate())
		fmt.Printf("%s: %s\n", v, res.Verdict())
		for _, viol := range res.Violations {
			fmt.Println(viol.Message)
			fmt.Print(trace.FormatColumns(harness.ThreadNames(m, viol.Trace.Final()), viol.Trace.Rows()))
		}
	}
	// Output:
	// threads: violation
	// x=3 after 2 threads × 2 increments (want 4)
	// step  T1         T2
	//    1  read x=0
	//    2  write x=1
	//    3  read x=1
	//    4             read x=1
	//    5  write x=2
	//    6             write x=2
	//    7             read x=2
	//    8             write x=3
	// pipes: ok
}

// TestFootprintContract checks every variant's footprints honestly name
// what its steps depend on and change.
func TestFootprintContract(t *testing.T) {
	def, err := registry.Lookup("process")
	require.NoError(t, err)
	for _, v := range def.Variants {
		t.Run(v.Name, func(t *testing.T) {
			modeltest.RequireFootprints(t, process.New(process.Variant(v.Name), 2, 2, 2))
		})
	}
}

// TestEnabledAllocFree: the explorer calls Enabled for every thread of
// every state, so it must not allocate.
func TestEnabledAllocFree(t *testing.T) {
	for _, v := range []process.Variant{process.Threads, process.Copies, process.Pipes, process.ForkLock, process.AtFork} {
		modeltest.RequireEnabledAllocFree(t, process.New(v, 2, 2, 1))
	}
}

// TestReduction: the process checks are terminal (lost-update) or built
// in (deadlock), so partial-order reduction applies to every variant, and
// it reaches the same terminal states and violations as the full search.
func TestReduction(t *testing.T) {
	def, err := registry.Lookup("process")
	require.NoError(t, err)
	for _, v := range def.Variants {
		for _, params := range []map[string]int{nil, {"workers": 3, "increments": 2, "pipe": 2}} {
			inst, err := def.Instantiate(v.Name, params)
			require.NoError(t, err)
			require.Equal(t, harness.Applied{On: true}, modeltest.RequireReductionAgrees(t, inst.Model, inst.Checks...), v.Name)
		}
	}
}
