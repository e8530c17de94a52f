package refcount_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/models/refcount"
)

var variants = []refcount.Variant{refcount.Naive, refcount.Atomic, refcount.GIL, refcount.Biased}

// TestFootprints: every variant keeps the footprint contract (and its
// lookahead) in every reachable state, which partial-order reduction
// relies on.
func TestFootprints(t *testing.T) {
	for _, v := range variants {
		modeltest.RequireFootprints(t, refcount.New(v, 2))
	}
	for _, v := range variants[1:] { // three threads; naive's space is large
		modeltest.RequireFootprints(t, refcount.New(v, 3))
	}
}

// TestReduction: with partial-order reduction, every variant finds the
// same kinds of violation and terminal states as the full search, with
// both strategies, and every counterexample still replays.
func TestReduction(t *testing.T) {
	for _, v := range variants {
		m := refcount.New(v, 2)
		require.Equal(t, harness.Applied{On: true}, modeltest.RequireReductionAgrees(t, m, m.Checks()...), string(v))
	}
}

// TestSymmetry: every variant keeps the symmetry contract with its checks
// (the biased owner stays put; the GIL holder and the first freer are
// renamed), and the symmetry-reduced search agrees with the full one.
func TestSymmetry(t *testing.T) {
	for _, v := range variants {
		for _, threads := range []int{2, 3} {
			m := refcount.New(v, threads)
			modeltest.RequireSymmetry(t, m, m.Checks()...)
		}
	}
}
