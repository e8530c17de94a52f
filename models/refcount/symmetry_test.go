package refcount

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/harnesstest"
)

// ownerMoves is a wrong canonicaliser for the biased variant: it treats
// the owner as one more interchangeable thread.
type ownerMoves struct{ *Model }

func (o ownerMoves) Canonical(dst, s harness.State) harness.State {
	every := *o.Model
	every.variant = Atomic // sorts every thread
	return every.Canonical(dst, s)
}

// gilNotRenamed is a wrong canonicaliser: it sorts the threads but
// leaves the GIL's holder as it was.
type gilNotRenamed struct{ *Model }

func (g gilNotRenamed) Canonical(dst, s harness.State) harness.State {
	out := g.Model.Canonical(dst, s)
	out[len(dst)+offGIL] = s[offGIL]
	return out
}

// TestSymmetrySeeded: the wrong canonicalisers break the contract and
// CheckSymmetry says so; the model's own keeps it.
func TestSymmetrySeeded(t *testing.T) {
	biased, gil := New(Biased, 3), New(GIL, 2)
	require.NoError(t, harnesstest.CheckSymmetry(biased, 100000, biased.Checks()...))
	require.NoError(t, harnesstest.CheckSymmetry(gil, 100000, gil.Checks()...))
	require.ErrorContains(t, harnesstest.CheckSymmetry(ownerMoves{biased}, 100000, biased.Checks()...), "symmetry contract broken")
	require.ErrorContains(t, harnesstest.CheckSymmetry(gilNotRenamed{gil}, 100000, gil.Checks()...), "symmetry contract broken")
}
