package eventloop_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/models/eventloop"
)

var variants = []eventloop.Variant{eventloop.Blocking, eventloop.Awaiting, eventloop.Race, eventloop.Atomic, eventloop.Spin, eventloop.Yielding}

// TestFootprints: every variant keeps the footprint contract (and its
// lookahead) in every reachable state, which partial-order reduction
// relies on.
func TestFootprints(t *testing.T) {
	for _, v := range variants {
		modeltest.RequireFootprints(t, eventloop.New(v, 2, 1))
	}
}

// TestReduction: with partial-order reduction, every variant finds the
// same kinds of violation and terminal states as the full search, with
// both strategies, and every counterexample still replays.
func TestReduction(t *testing.T) {
	for _, v := range variants {
		m := eventloop.New(v, 2, 1)
		require.Equal(t, harness.Applied{On: true}, modeltest.RequireReductionAgrees(t, m, m.Checks()...), string(v))
	}
}
