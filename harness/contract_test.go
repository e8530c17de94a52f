package harness_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/harnesstest"
	_ "github.com/interleave/concurrency/models/all"
	"github.com/interleave/concurrency/models/registry"
)

func init() {
	harness.CheckFootprints = harnesstest.CheckFootprints
	harness.CheckSymmetry = harnesstest.CheckSymmetry
}

// TestFootprintContract runs CheckFootprints on every registered model
// and variant with default parameters.
func TestFootprintContract(t *testing.T) {
	for _, d := range registry.Definitions() {
		for _, v := range d.Variants {
			name := d.Name + "/" + v.Name
			t.Run(name, func(t *testing.T) {
				inst, err := d.Instantiate(v.Name, nil)
				require.NoError(t, err)
				require.NoError(t, harnesstest.CheckFootprints(inst.Model, 20000))
			})
		}
	}
}

// TestFootprintContractSeeded: a step whose footprint leaves out an
// object its thread's behaviour depends on is caught. Thread 0 sets A;
// thread 1 acquires B, and its footprint hides that it is enabled only
// while A is 0.
func TestFootprintContractSeeded(t *testing.T) {
	hidden := hiddenRead{program{objects: 2, threads: [][]op{{set(0, 1)}, {acq(1)}}}}
	err := harnesstest.CheckFootprints(hidden, 1000)
	require.ErrorContains(t, err, "do not conflict")
	require.NoError(t, harnesstest.CheckFootprints(hidden.program, 1000), "the honest footprint keeps the contract")
}

// hiddenRead disables thread 1 once A is set, without saying so.
type hiddenRead struct{ program }

func (h hiddenRead) Enabled(s harness.State, th int) (harness.Step, bool) {
	st, ok := h.program.Enabled(s, th)
	if th == 1 && s[2] != 0 {
		ok = false
	}
	return st, ok
}

// TestReductionAgreesOnModels: on every registered model and variant with
// default parameters, reduction (breadth- and depth-first, exact and
// compacted store) finds the same kinds of violation as the full search,
// and never more states.
func TestReductionAgreesOnModels(t *testing.T) {
	for _, d := range registry.Definitions() {
		for _, v := range d.Variants {
			name := d.Name + "/" + v.Name
			t.Run(name, func(t *testing.T) {
				inst, err := d.Instantiate(v.Name, nil)
				require.NoError(t, err)
				full := searchFor(t, inst.Model, harness.Options{KeepGoing: true}, inst.Checks...)
				for _, o := range []harness.Options{
					{Strategy: harness.BFS}, {Strategy: harness.DFS}, {Strategy: harness.DFS, Compact: true}, {Strategy: harness.BFS, Compact: true},
				} {
					o.KeepGoing, o.POR = true, true
					red := searchFor(t, inst.Model, o, inst.Checks...)
					require.Equal(t, kinds(full), kinds(red), "%s compact=%v: %s", o.Strategy, o.Compact, red.Reduction)
					require.LessOrEqual(t, red.States, full.States)
				}
			})
		}
	}
}

func kinds(r harness.Result) []string {
	var ks []string
	for k, n := range r.Violating {
		if n > 0 {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// TestSymmetryContract runs CheckSymmetry, with the model's checks, on
// every registered model and variant that declares a symmetry, with
// default parameters.
func TestSymmetryContract(t *testing.T) {
	for _, d := range registry.Definitions() {
		for _, v := range d.Variants {
			inst, err := d.Instantiate(v.Name, nil)
			require.NoError(t, err)
			if _, ok := inst.Model.(harness.Symmetric); !ok {
				continue
			}
			t.Run(d.Name+"/"+v.Name, func(t *testing.T) {
				require.NoError(t, harnesstest.CheckSymmetry(inst.Model, 20000, inst.Checks...))
			})
		}
	}
}
