package harness_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	_ "github.com/interleave/concurrency/models/all"
)

// breaches are the known breaches of the footprint contract. The trylock
// philosophers' "put back" step names only the fork it puts back, yet
// whether a philosopher puts back or takes its second fork depends on
// that second fork: the checker's seeded bug, left in the model (its
// liveness checks turn reduction off anyway).
var breaches = map[string]string{
	"deadlock/trylock": `P0 "put back fork0" ([{fork0 release}]) and P1 "put back fork1" ([{fork1 release}]) do not conflict, but the second changes or disables the first`,
}

// TestFootprintContract runs CheckFootprints on every registered model
// and variant with default parameters.
func TestFootprintContract(t *testing.T) {
	for _, d := range harness.Definitions() {
		for _, v := range d.Variants {
			name := d.Name + "/" + v.Name
			t.Run(name, func(t *testing.T) {
				inst, err := d.Instantiate(v.Name, nil)
				require.NoError(t, err)
				err = harness.CheckFootprints(inst.Model, 20000)
				if want, ok := breaches[name]; ok {
					require.ErrorContains(t, err, want)
					return
				}
				require.NoError(t, err)
			})
		}
	}
}

// TestReductionAgreesOnModels: on every registered model and variant with
// default parameters, reduction (breadth- and depth-first, exact and
// compacted store) finds the same kinds of violation as the full search,
// and never more states.
func TestReductionAgreesOnModels(t *testing.T) {
	for _, d := range harness.Definitions() {
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
