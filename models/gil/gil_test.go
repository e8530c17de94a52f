package gil_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/models/gil"
	"github.com/interleave/concurrency/models/registry"
)

// TestVariants explores every variant with its default parameters and the
// checks its registration builds. The state and transition counts are
// regression values taken from this implementation, not oracles.
func TestVariants(t *testing.T) {
	def, err := registry.Lookup("gil")
	require.NoError(t, err)
	cases := []struct {
		variant       string
		kind          string // "" when every property holds
		states, edges int
	}{
		{"race", "overdraft", 292, 344},
		{"locked", "", 467, 550},
		{"cpu", "", 70, 80},
		{"io", "", 156, 192},
		{"convoy", "bounded-wait", 45, 65},
		{"handoff", "", 21, 26},
		{"processes", "", 55, 94},
	}
	require.Len(t, cases, len(def.Variants), "one case per registered variant")
	for _, c := range cases {
		t.Run(c.variant, func(t *testing.T) {
			inst, err := def.Instantiate(c.variant, nil)
			require.NoError(t, err)
			modeltest.RequireVariant(t, inst, c.states, c.edges, c.kind)
		})
	}
}

// TestRaceAtEveryInterval checks that the overdraft does not depend on a
// lucky switch interval: it is found for every interval up to work+1, and
// the lock removes it at every interval.
func TestRaceAtEveryInterval(t *testing.T) {
	for interval := 1; interval <= 4; interval++ {
		for _, v := range []gil.Variant{gil.Race, gil.Locked} {
			m := gil.New(v, interval, 3)
			res, err := harness.Explore(context.Background(), m, harness.Options{}, m.Checks()...)
			require.NoError(t, err)
			if v == gil.Race {
				require.Len(t, res.Violations, 1, "interval %d", interval)
				require.Equal(t, "overdraft", res.Violations[0].Kind)
			} else {
				require.Equal(t, harness.OK, res.Verdict(), "interval %d", interval)
			}
		}
	}
}

// witness explores m for a reachable state satisfying found and returns
// the trace to it; it fails the test if there is none.
func witness(t *testing.T, m harness.Model, found func(harness.State) bool) harness.Trace {
	t.Helper()
	errFound := errors.New("found")
	c := harness.Invariant("witness", func(s harness.State) error {
		if found(s) {
			return errFound
		}
		return nil
	})
	res, err := harness.Explore(context.Background(), m, harness.Options{}, c)
	require.NoError(t, err)
	require.Len(t, res.Violations, 1, "no reachable witness")
	return res.Violations[0].Trace
}

// TestIOWaitsOverlap: under the GIL both I/O threads can wait for I/O at
// once, while the invariant keeps their bytecode apart.
func TestIOWaitsOverlap(t *testing.T) {
	m := gil.New(gil.IO, 2, 3)
	tr := witness(t, m, func(s harness.State) bool {
		return m.Phase(s, 0) == "in I/O" && m.Phase(s, 1) == "in I/O"
	})
	require.Equal(t, "GIL free, T1 in I/O, T2 in I/O", m.Describe(tr.Final()))
}

// TestProcessesRunInParallel: processes compute at the same time, which
// the threads of one interpreter never do (TestVariants proves that for
// every variant with "exclusive-bytecode").
func TestProcessesRunInParallel(t *testing.T) {
	m := gil.New(gil.Processes, 2, 3)
	tr := witness(t, m, func(s harness.State) bool {
		a, okA := m.Enabled(s, 1)
		b, okB := m.Enabled(s, 2)
		return okA && okB && a.Label == "compute" && b.Label == "compute"
	})
	require.Empty(t, tr.Steps, "both clients compute from the start")
	m2 := gil.New(gil.CPU, 2, 3)
	res, err := harness.Explore(context.Background(), m2, harness.Options{}, harness.Invariant("parallel", func(s harness.State) error {
		if m2.Phase(s, 0) == "runs" && m2.Phase(s, 1) == "runs" {
			return errors.New("both run")
		}
		return nil
	}))
	require.NoError(t, err)
	require.Equal(t, harness.OK, res.Verdict())
}

// TestConvoyStarvation: the old GIL lets the CPU-bound thread starve the
// I/O thread forever, even under strong fairness: the I/O thread is
// scheduled, asks for a switch and loses the GIL again every time. The new
// GIL's hand-off starves nobody under weak fairness; with no fairness at
// all any thread can of course be ignored.
func TestConvoyStarvation(t *testing.T) {
	cases := []struct {
		variant gil.Variant
		fair    fairness.Fairness
		starves bool
	}{
		{gil.Convoy, fairness.Weak, true},
		{gil.Convoy, fairness.Strong, true},
		{gil.Handoff, fairness.Weak, false},
		{gil.Handoff, fairness.Strong, false},
		{gil.Handoff, fairness.None, true},
	}
	for _, c := range cases {
		t.Run(string(c.variant)+"/"+c.fair.String(), func(t *testing.T) {
			m := gil.New(c.variant, 2, 3)
			res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true},
				fairness.Starvation(c.fair), fairness.Livelock(c.fair))
			require.NoError(t, err)
			require.True(t, res.Complete)
			if !c.starves {
				require.Equal(t, harness.OK, res.Verdict(), "violations: %v", res.Violations)
				return
			}
			require.Len(t, res.Violations, 1, "starvation only, no livelock: the CPU thread computes")
			v := res.Violations[0]
			require.Equal(t, fairness.StarvationKind, v.Kind)
			tr, err := harness.Replay(m, v.Schedule)
			require.NoError(t, err)
			j := fairness.JudgeCycle(m, tr, v.Cycle, c.fair)
			require.True(t, j.Closes)
			require.True(t, j.Fair)
			require.False(t, j.Livelock)
			require.Equal(t, []int{1}, j.Starving, "the io thread starves")
		})
	}
}

// Example runs the race variant: two bytecodes, atomic each, are not a
// critical section together.
func Example() {
	m := gil.New(gil.Race, 2, 1)
	res, _ := harness.Explore(context.Background(), m, harness.Options{}, m.Checks()...)
	v := res.Violations[0]
	fmt.Println(v.Kind + ": " + v.Message)
	fmt.Print(trace.FormatColumns(harness.ThreadNames(m, v.Trace.Final()), v.Trace.Rows()))
	fmt.Println(m.Describe(v.Trace.Final()))
	// Output:
	// overdraft: balance=-1: both threads saw balance 1 before either withdrew
	// step  T1                         T2
	//    1  take GIL
	//    2  start I/O, drop GIL
	//    3                             take GIL
	//    4  I/O done
	//    5                             start I/O, drop GIL
	//    6  take GIL
	//    7                             I/O done
	//    8  compute
	//    9  if balance >= 1 (=1): yes
	//   10  drop GIL (switch)
	//   11                             take GIL
	//   12                             compute
	//   13                             if balance >= 1 (=1): yes
	//   14                             drop GIL (switch)
	//   15  take GIL
	//   16  balance -= 1 (=0)
	//   17                             take GIL
	//   18                             balance -= 1 (=-1)
	// GIL free, balance=-1, T1 done, T2 done
}

// TestFootprintContract checks every variant's footprints honestly name
// what its steps depend on and change.
func TestFootprintContract(t *testing.T) {
	def, err := registry.Lookup("gil")
	require.NoError(t, err)
	for _, v := range def.Variants {
		for _, interval := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/interval=%d", v.Name, interval), func(t *testing.T) {
				modeltest.RequireFootprints(t, gil.New(gil.Variant(v.Name), interval, 2))
			})
		}
	}
}

// TestEnabledAllocFree: the explorer calls Enabled for every thread of
// every state, so it must not allocate.
func TestEnabledAllocFree(t *testing.T) {
	for _, v := range []gil.Variant{gil.Race, gil.Locked, gil.Convoy, gil.Processes} {
		modeltest.RequireEnabledAllocFree(t, gil.New(v, 2, 2))
	}
}

// TestReduction: every check declares what it reads, so partial-order
// reduction applies, and it finds what the full search finds.
func TestReduction(t *testing.T) {
	def, err := registry.Lookup("gil")
	require.NoError(t, err)
	for _, v := range def.Variants {
		inst, err := def.Instantiate(v.Name, nil)
		require.NoError(t, err)
		require.Equal(t, harness.Applied{On: true}, modeltest.RequireReductionAgrees(t, inst.Model, inst.Checks...), v.Name)
	}
}
