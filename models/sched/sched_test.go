package sched_test

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
	"github.com/interleave/concurrency/models/registry"
	"github.com/interleave/concurrency/models/sched"
)

// TestVariants explores every variant on one and two processors with the
// checks its registration builds. The state and transition counts are
// regression values taken from this implementation, not oracles.
func TestVariants(t *testing.T) {
	def, err := registry.Lookup("sched")
	require.NoError(t, err)
	cases := []struct {
		variant       string
		cpus          int
		kind          string // "" when every property holds
		states, edges int
	}{
		{"cooperative", 1, "bounded-wait", 24, 24},
		{"preemptive", 1, "", 26, 26},
		{"yielding", 1, "", 32, 32},
		{"batch", 1, "", 13, 12},
		{"cooperative", 2, "", 26, 31},
		{"preemptive", 2, "", 28, 33},
		{"yielding", 2, "", 28, 33},
		{"batch", 2, "", 13, 15},
		{"memory", 1, "", 13, 12},
		{"memory", 2, "", 40, 48},
	}
	require.Len(t, cases, 2*len(def.Variants), "every registered variant on 1 and 2 cpus")
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/cpus=%d", c.variant, c.cpus), func(t *testing.T) {
			inst, err := def.Instantiate(c.variant, map[string]int{"cpus": c.cpus})
			require.NoError(t, err)
			v, _ := modeltest.RequireVariant(t, inst, c.states, c.edges, c.kind)
			if c.kind != "" {
				require.Equal(t, "io has waited 5 time units for a processor; round-robin bounds the wait by (tasks−1)×quantum = 4", v.Message)
			}
		})
	}
}

// TestStarvation: under cooperative scheduling the hog starves io, even
// under strong fairness (io is never enabled: only the scheduler could
// run it, and it never gets the chance); round-robin and yielding tasks
// starve nobody, and neither does a second processor.
func TestStarvation(t *testing.T) {
	cases := []struct {
		variant sched.Variant
		cpus    int
		fair    fairness.Fairness
		starves bool
	}{
		{sched.Cooperative, 1, fairness.Weak, true},
		{sched.Cooperative, 1, fairness.Strong, true},
		{sched.Cooperative, 2, fairness.Weak, false},
		{sched.Preemptive, 1, fairness.Weak, false},
		{sched.Preemptive, 1, fairness.Strong, false},
		{sched.Yielding, 1, fairness.Weak, false},
		{sched.Batch, 1, fairness.Weak, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/cpus=%d/%s", c.variant, c.cpus, c.fair), func(t *testing.T) {
			m := sched.New(c.variant, c.cpus, 2, 3, 2)
			res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true},
				fairness.Starvation(c.fair), fairness.Livelock(c.fair))
			require.NoError(t, err)
			require.True(t, res.Complete)
			if !c.starves {
				require.Equal(t, harness.OK, res.Verdict(), "violations: %v", res.Violations)
				return
			}
			require.Len(t, res.Violations, 1, "starvation only: the hog and the clock make progress")
			v := res.Violations[0]
			require.Equal(t, fairness.StarvationKind, v.Kind)
			require.Equal(t, 2, v.Cycle, "the hog computes, the clock ticks, forever")
			tr, err := harness.Replay(m, v.Schedule)
			require.NoError(t, err)
			j := fairness.JudgeCycle(m, tr, v.Cycle, c.fair)
			require.True(t, j.Closes)
			require.True(t, j.Fair)
			require.Equal(t, []int{1}, j.Starving, "io starves")
			require.Equal(t, "ready", m.Status(tr.Final(), 1))
		})
	}
}

// reachable reports whether some reachable state of m satisfies p.
func reachable(t *testing.T, m harness.Model, p func(harness.State) bool) bool {
	t.Helper()
	found := errors.New("found")
	res, err := harness.Explore(context.Background(), m, harness.Options{}, harness.Invariant("witness", func(s harness.State) error {
		if p(s) {
			return found
		}
		return nil
	}))
	require.NoError(t, err)
	return len(res.Violations) > 0
}

// TestBlocking: a CPU-bound task keeps the processor under cooperative
// scheduling (the worker is never back in the ready queue) and loses it
// under round-robin; an I/O-bound task gives it up while it reads the
// disk, and another task runs meanwhile.
func TestBlocking(t *testing.T) {
	coop := sched.New(sched.Cooperative, 1, 2, 3, 2)
	pre := sched.New(sched.Preemptive, 1, 2, 3, 2)
	workerReady := func(m *sched.Model) func(harness.State) bool {
		return func(s harness.State) bool { return m.Status(s, 0) == "ready" }
	}
	require.False(t, reachable(t, coop, workerReady(coop)), "cooperative: the worker is never preempted")
	require.True(t, reachable(t, pre, workerReady(pre)), "round-robin preempts the worker")
	for _, m := range []*sched.Model{coop, pre} {
		require.True(t, reachable(t, m, func(s harness.State) bool {
			return m.Status(s, 1) == "reading disk" && (m.Status(s, 0) == "running" || m.Status(s, 2) == "running")
		}), "another task runs while io reads the disk")
	}
}

// TestMakespan: two CPU-bound tasks take 2×work time units on one
// processor and work on two.
func TestMakespan(t *testing.T) {
	for work := 1; work <= 6; work++ {
		for cpus := 1; cpus <= 2; cpus++ {
			got, err := sched.New(sched.Batch, cpus, 2, work, 2).Makespan()
			require.NoError(t, err)
			require.Equal(t, work*(3-cpus), got, "work=%d cpus=%d", work, cpus)
		}
	}
	_, err := sched.New(sched.Preemptive, 1, 2, 3, 2).Makespan()
	require.ErrorContains(t, err, "never ends")
}

// TestMemoryBoundMakespan: memory-bound tasks share one memory bus, so a
// second processor does not shorten the makespan.
func TestMemoryBoundMakespan(t *testing.T) {
	for work := 1; work <= 6; work++ {
		for cpus := 1; cpus <= 2; cpus++ {
			got, err := sched.New(sched.Memory, cpus, 2, work, 2).Makespan()
			require.NoError(t, err)
			require.Equal(t, 2*work, got, "work=%d cpus=%d", work, cpus)
		}
	}
}

// Example shows concurrency against parallelism: the same two tasks
// interleave on one processor and overlap on two.
func Example() {
	runs := []struct {
		cpus     int
		schedule harness.Schedule
	}{
		{1, harness.Schedule{0, 2, 0, 2, 1, 2, 1, 2, 0, 2, 1, 2}},
		{2, harness.Schedule{0, 1, 2, 0, 1, 2, 0, 1, 2}},
	}
	for _, r := range runs {
		m := sched.New(sched.Batch, r.cpus, 2, 3, 2)
		span, _ := m.Makespan()
		fmt.Printf("cpus=%d: makespan %d time units\n", r.cpus, span)
		tr, _ := harness.Replay(m, r.schedule)
		fmt.Print(trace.FormatColumns(harness.ThreadNames(m, tr.Final()), tr.Rows()))
		fmt.Println(m.Describe(tr.Final()))
	}
	// Output:
	// cpus=1: makespan 6 time units
	// step  A            B            clock
	//    1  compute 1/3
	//    2                            tick
	//    3  compute 2/3
	//    4                            tick: A → B
	//    5               compute 1/3
	//    6                            tick
	//    7               compute 2/3
	//    8                            tick: B → A
	//    9  compute 3/3
	//   10                            tick: B in
	//   11               compute 3/3
	//   12                            tick
	// time 6; cpu0: idle; done: A, B
	// cpus=2: makespan 3 time units
	// step  A            B            clock
	//    1  compute 1/3
	//    2               compute 1/3
	//    3                            tick
	//    4  compute 2/3
	//    5               compute 2/3
	//    6                            tick
	//    7  compute 3/3
	//    8               compute 3/3
	//    9                            tick
	// time 3; cpu0: idle; cpu1: idle; done: A, B
}

// TestFootprintContract checks every variant's footprints honestly name
// what its steps depend on and change.
func TestFootprintContract(t *testing.T) {
	def, err := registry.Lookup("sched")
	require.NoError(t, err)
	for _, v := range def.Variants {
		for cpus := 1; cpus <= 2; cpus++ {
			t.Run(fmt.Sprintf("%s/cpus=%d", v.Name, cpus), func(t *testing.T) {
				modeltest.RequireFootprints(t, sched.New(sched.Variant(v.Name), cpus, 1, 3, 2))
			})
		}
	}
}

// TestEnabledAllocFree: the explorer calls Enabled for every thread of
// every state, so it must not allocate.
func TestEnabledAllocFree(t *testing.T) {
	for _, v := range []sched.Variant{sched.Cooperative, sched.Preemptive, sched.Yielding, sched.Batch, sched.Memory} {
		modeltest.RequireEnabledAllocFree(t, sched.New(v, 2, 2, 3, 2))
	}
}

// TestReduction: bounded-wait declares what it reads (the longest waits,
// which only the clock's tick writes), so partial-order reduction applies,
// and it finds what the full search finds.
func TestReduction(t *testing.T) {
	def, err := registry.Lookup("sched")
	require.NoError(t, err)
	for _, v := range def.Variants {
		for cpus := 1; cpus <= 2; cpus++ {
			inst, err := def.Instantiate(v.Name, map[string]int{"cpus": cpus})
			require.NoError(t, err)
			require.Equal(t, harness.Applied{On: true}, modeltest.RequireReductionAgrees(t, inst.Model, inst.Checks...), v.Name)
		}
	}
}
