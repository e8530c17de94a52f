package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// parsedExplore parses an explore command line the way runExplore does,
// up to the options of the search.
func parsedExplore(t *testing.T, args ...string) (registry.Instance, exploreFlags, harness.Options) {
	t.Helper()
	name, f, err := parseExplore(args)
	require.NoError(t, err)
	inst, err := f.instance(name)
	require.NoError(t, err)
	var opts harness.Options
	f.search.apply(&opts, f.set, inst.Model)
	return inst, f, opts
}

func estimate(t *testing.T, args ...string) spaceEstimate {
	t.Helper()
	inst, f, opts := parsedExplore(t, args...)
	est, ok := estimateSpace(context.Background(), inst, harness.Options{Symmetry: opts.Symmetry && f.fairness == "", KeepGoing: true, MaxStates: probeStates})
	require.True(t, ok, "%q", args)
	return est
}

// explored is the exact number of states of the unreduced search.
func explored(t *testing.T, args ...string) float64 {
	t.Helper()
	inst, _, _ := parsedExplore(t, args...)
	res, err := harness.Explore(context.Background(), inst.Model, harness.Options{KeepGoing: true})
	require.NoError(t, err)
	require.True(t, res.Complete)
	return float64(res.States)
}

// TestEstimateSpace: small instances are counted, oracle rows are exact,
// and the growth estimate of larger ones is near the count.
func TestEstimateSpace(t *testing.T) {
	est := estimate(t, "deadlock", "--param", "n=5")
	require.Equal(t, spaceEstimate{states: 392, exact: true, basis: "exact, explored"}, est, "the oracle's 392")
	est = estimate(t, "deadlock", "--variant", "ordered", "--param", "n=14")
	require.Equal(t, spaceEstimate{states: 12205087, exact: true, basis: "exact, from the oracle tables"}, est)
	for _, c := range []struct {
		args   []string
		within float64 // the estimate is within this factor of the count
	}{
		{[]string{"deadlock", "--variant", "all-or-nothing", "--param", "n=12"}, 1.2},
		{[]string{"process", "--param", "workers=3", "--param", "increments=4"}, 3},
	} {
		est := estimate(t, c.args...)
		require.False(t, est.exact)
		ratio := est.states / explored(t, c.args...)
		require.True(t, ratio < c.within && ratio > 1/c.within, "%q: estimate %s is %.2f times the count", c.args, est.count(), ratio)
	}
	est = estimate(t, "deadlock", "--param", "n=64")
	require.InDelta(t, 1.7e33, est.states, 0.1e33, "3.3 a philosopher: %s", est.basis)
}

// TestWarnLargeSpace: the estimate is printed, one line, for a search too
// large to finish, with the hints not already given; not for small or
// bounded searches.
func TestWarnLargeSpace(t *testing.T) {
	warn := func(args ...string) string {
		inst, f, opts := parsedExplore(t, args...)
		var w bytes.Buffer
		warnLargeSpace(context.Background(), &w, inst, f, opts)
		return w.String()
	}
	got := warn("deadlock", "--param", "n=64")
	require.Equal(t, "harness explore: large state space: about 1.7e+33 states (estimate: n 6→7 multiplied them by 3.3; repeated for the 57 steps up to n=64; partial-order reduction may explore fewer); a complete search may not finish: bound it with --max-states N or --depth N, store less with --compact\n", got)
	got = warn("deadlock", "--param", "n=64", "--compact", "--por", "off")
	require.NotContains(t, got, "store less with --compact")
	require.Contains(t, got, "reduce it with --por on")
	require.NotContains(t, got, "partial-order reduction may explore fewer")
	got = warn("counter", "--param", "threads=8", "--param", "increments=8")
	require.Contains(t, got, "one state per symmetry orbit")
	require.Equal(t, 1, strings.Count(got, "\n"))
	for _, quiet := range [][]string{
		{"deadlock"},
		{"deadlock", "--variant", "naive", "--param", "n=13"},                                // 5,564,522 states: below the threshold
		{"counter", "--variant", "mutex", "--param", "threads=8", "--param", "increments=8"}, // symmetry makes it small
		{"deadlock", "--param", "n=64", "--max-states", "1000"},
		{"deadlock", "--param", "n=64", "--depth", "9"},
		{"deadlock", "--param", "n=64", "--timeout", "1m"},
		{"deadlock", "--param", "n=64", "--strategy", "random"},
	} {
		require.Empty(t, warn(quiet...), "%q", quiet)
	}
}
