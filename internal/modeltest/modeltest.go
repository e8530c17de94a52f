// Package modeltest holds the checks every model's tests run, so that
// each model package states what it tests rather than how: the footprint
// contract that partial-order reduction relies on, the symmetry contract
// that symmetry reduction relies on, agreement between reduced and full
// search, and an Enabled that never allocates.
package modeltest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/harnesstest"
	"github.com/interleave/concurrency/models/registry"
)

// footprintLimit bounds the states CheckFootprints looks at; the models'
// test parameters stay far below it.
const footprintLimit = 100000

// RequireFootprints requires m to keep the footprint contract (and its
// Lookahead, if any) in every reachable state:
// harnesstest.CheckFootprints; and, if m declares a symmetry, the
// symmetry contract for deadlocks (RequireSymmetry also covers the
// model's checks).
func RequireFootprints(t testing.TB, m harness.Model) {
	t.Helper()
	require.NoError(t, harnesstest.CheckFootprints(m, footprintLimit))
	require.NoError(t, harnesstest.CheckSymmetry(m, footprintLimit))
}

// RequireSymmetry requires m, which must implement harness.Symmetric, to
// keep the symmetry contract with checks in every reachable state
// (harnesstest.CheckSymmetry), and the symmetry-reduced search, breadth-
// and depth-first, with and without partial-order reduction, to agree
// with the full search: the same violation kinds, the canonical forms of the
// same terminal states, no more states, and counterexamples that replay
// to a state failing the same check.
func RequireSymmetry(t testing.TB, m harness.Model, checks ...harness.Check) {
	t.Helper()
	sym, ok := m.(harness.Symmetric)
	require.True(t, ok, "%s declares no symmetry", m.Name())
	require.NoError(t, harnesstest.CheckSymmetry(m, footprintLimit, checks...))
	canonical := func(states map[string]bool) map[string]bool {
		out := map[string]bool{}
		for s := range states {
			out[string(sym.Canonical(nil, harness.State(s)))] = true
		}
		return out
	}
	full, fullTerminals := explore(t, m, harness.Options{KeepGoing: true}, checks)
	for _, o := range []harness.Options{{Strategy: harness.BFS}, {Strategy: harness.DFS}, {Strategy: harness.BFS, POR: true}, {Strategy: harness.DFS, POR: true}} {
		o.KeepGoing, o.Symmetry = true, true
		red, terminals := explore(t, m, o, checks)
		require.Equal(t, harness.Applied{On: true}, red.Symmetry)
		require.Equal(t, kinds(full), kinds(red), "violation kinds without and with symmetry (%+v)", o)
		require.Equal(t, canonical(fullTerminals), canonical(terminals), "canonical terminal states without and with symmetry (%+v)", o)
		require.LessOrEqual(t, red.States, full.States, "%+v", o)
		for _, v := range red.Violations {
			RequireReplays(t, m, checks, v)
		}
	}
}

// RequireReductionAgrees explores m with and without partial-order
// reduction, breadth- and depth-first, and requires the same violation
// kinds, the same terminal states, no more states with reduction, and
// reduced counterexamples that replay to a state failing the same check.
// It returns the reduction's status (on, or off and why).
func RequireReductionAgrees(t testing.TB, m harness.Model, checks ...harness.Check) harness.Applied {
	t.Helper()
	full, fullTerminals := explore(t, m, harness.Options{KeepGoing: true}, checks)
	var status harness.Applied
	for _, strat := range []harness.Strategy{harness.BFS, harness.DFS} {
		red, terminals := explore(t, m, harness.Options{KeepGoing: true, POR: true, Strategy: strat}, checks)
		require.Equal(t, kinds(full), kinds(red), "violation kinds without and with reduction (%s)", strat)
		require.Equal(t, fullTerminals, terminals, "terminal states without and with reduction (%s)", strat)
		require.LessOrEqual(t, red.States, full.States, strat.String())
		for _, v := range red.Violations {
			if v.Cycle == 0 {
				RequireReplays(t, m, checks, v)
			}
		}
		status = red.Reduction
	}
	return status
}

func explore(t testing.TB, m harness.Model, o harness.Options, checks []harness.Check) (harness.Result, map[string]bool) {
	t.Helper()
	terminals := map[string]bool{}
	record := harness.Terminal("record", func(s harness.State) error {
		terminals[string(s)] = true
		return nil
	})
	res, err := harness.Explore(context.Background(), m, o, append(checks[:len(checks):len(checks)], record)...)
	require.NoError(t, err)
	require.True(t, res.Complete)
	return res, terminals
}

func kinds(res harness.Result) map[string]bool {
	k := map[string]bool{}
	for kind := range res.Violating {
		k[kind] = true
	}
	return k
}

// RequireReplays requires a safety violation's schedule to replay to a
// state in which the same kind of violation is judged again.
func RequireReplays(t testing.TB, m harness.Model, checks []harness.Check, v harness.Violation) {
	t.Helper()
	tr, err := harness.Replay(m, v.Schedule)
	require.NoError(t, err)
	for _, again := range harness.Judge(m, tr, checks...) {
		if again.Kind == v.Kind {
			return
		}
	}
	t.Fatalf("replaying %s does not reach a %s", v.Schedule, v.Kind)
}

// RequireVariant explores inst completely and requires the given state
// and transition counts (regression values) and the verdict: ok when kind
// is "", else exactly one violation, of kind, whose schedule replays to a
// state with the same violation. It returns that violation and its trace.
func RequireVariant(t testing.TB, inst registry.Instance, states, edges int, kind string) (harness.Violation, harness.Trace) {
	t.Helper()
	res, err := harness.Explore(context.Background(), inst.Model, harness.Options{KeepGoing: true}, inst.Checks...)
	require.NoError(t, err)
	require.True(t, res.Complete)
	require.Equal(t, states, res.States, "states (regression value)")
	require.Equal(t, edges, res.Transitions, "transitions (regression value)")
	if kind == "" {
		require.Equal(t, harness.OK, res.Verdict(), "violations: %v", res.Violations)
		return harness.Violation{}, harness.Trace{}
	}
	require.Equal(t, harness.Violated, res.Verdict())
	require.Len(t, res.Violations, 1)
	v := res.Violations[0]
	require.Equal(t, kind, v.Kind)
	RequireReplays(t, inst.Model, inst.Checks, v)
	tr, err := harness.Replay(inst.Model, v.Schedule)
	require.NoError(t, err)
	return v, tr
}

// RequireEnabledAllocFree requires Enabled to allocate nothing in any
// reachable state of m: the explorer calls it for every thread of every
// state.
func RequireEnabledAllocFree(t *testing.T, m harness.Model) {
	t.Helper()
	var states []harness.State
	collect := harness.Invariant("collect", func(s harness.State) error {
		states = append(states, append(harness.State(nil), s...))
		return nil
	})
	res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, collect)
	require.NoError(t, err)
	require.True(t, res.Complete)
	for _, s := range states {
		allocs := testing.AllocsPerRun(10, func() {
			for th := range m.Threads(s) {
				m.Enabled(s, th)
			}
		})
		require.Zero(t, allocs, "Enabled allocates in state %v", s)
	}
}
