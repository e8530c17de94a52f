package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
)

func TestFinalLine(t *testing.T) {
	bounded := harness.Result{Bound: harness.Bound{Kind: harness.BoundDepth, Limit: 8}}
	require.Equal(t, "result: bounded (depth 8): not a proof; the states beyond the bound were not explored\n", finalLine(bounded, "states: 3\n"))
	require.Empty(t, finalLine(bounded, "states: 3\nresult: bounded: already said\n"), "not twice")
	require.Empty(t, finalLine(harness.Result{Complete: true}, "states: 3\n"))
	require.Empty(t, finalLine(harness.Result{}, "replay: harness replay …\n"), "stopped at a violation: not bounded")
}

// TestExploreExit: a signal's code first, then a violation, then an
// incomplete search under --require-complete.
func TestExploreExit(t *testing.T) {
	violation := harness.Result{Violations: []harness.Violation{{Kind: "deadlock"}}}
	require.Equal(t, 130, exploreExit(violation, true, 130))
	require.Equal(t, exitViolation, exploreExit(violation, true, 0))
	require.Equal(t, exitIncomplete, exploreExit(harness.Result{Bound: harness.Bound{Kind: harness.BoundTimeout}}, true, 0))
	require.Equal(t, exitOK, exploreExit(harness.Result{Bound: harness.Bound{Kind: harness.BoundTimeout}}, false, 0))
	require.Equal(t, exitOK, exploreExit(harness.Result{Complete: true}, true, 0))
}
