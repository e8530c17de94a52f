package socket_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/models/socket"
)

var variants = []socket.Variant{socket.SendFirst, socket.RequestResponse, socket.NoShutdown, socket.HalfClose, socket.Stream, socket.Framed}

// TestFootprints: every variant keeps the footprint contract (and its
// lookahead) in every reachable state, which partial-order reduction
// relies on.
func TestFootprints(t *testing.T) {
	for _, v := range variants {
		modeltest.RequireFootprints(t, socket.New(v, 2, 5))
	}
}

// TestReduction: with partial-order reduction, every variant finds the
// same kinds of violation and terminal states as the full search, with
// both strategies, and every counterexample still replays.
func TestReduction(t *testing.T) {
	for _, v := range variants {
		m := socket.New(v, 2, 5)
		require.Equal(t, harness.Applied{On: true}, modeltest.RequireReductionAgrees(t, m, m.Checks()...), string(v))
	}
}
