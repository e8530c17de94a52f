package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/internal/oracle"
	"github.com/interleave/concurrency/models/registry"
)

// largeSpace is the number of states above which explore announces that
// a complete search may not finish: a minute or more, and gigabytes.
const largeSpace = 1e7

// probeStates bounds each exploration of the growth estimate, so that the
// estimate costs a few tens of milliseconds. The probes leave out
// partial-order reduction: it costs more per state than it is worth here,
// and how much it saves is hard to foresee.
const probeStates = 10000

// quickProbe bounds the first exploration, of the instance itself: most
// runs are smaller, and then the estimate is exact and cheap.
const quickProbe = 2000

// oracleTables are the exact state counts of internal/oracle, by model;
// their columns are the variant and the model's parameters.
var oracleTables = map[string]string{"deadlock": "philosophers.tsv", "counter": "counter.tsv"}

// spaceEstimate is the number of states a search stores.
type spaceEstimate struct {
	states float64
	exact  bool
	basis  string // where the number comes from
}

// warnLargeSpace prints on w, before an unbounded systematic search, an
// estimate of the states it will store and what to do about them when
// they are more than largeSpace. Bounded and sampling searches end
// anyway: no estimate. opts are the search's.
func warnLargeSpace(ctx context.Context, w io.Writer, inst registry.Instance, f exploreFlags, opts harness.Options) {
	if endsAnyway(f) {
		return
	}
	// Liveness checks turn symmetry reduction off (they need concrete
	// states); the probes check nothing else, which would only cost time.
	probe := harness.Options{Symmetry: opts.Symmetry && f.fairness == "", KeepGoing: true, MaxStates: probeStates}
	est, ok := estimateSpace(ctx, inst, probe)
	if !ok || est.states <= largeSpace {
		return
	}
	basis := est.basis
	if opts.POR && f.fairness == "" { // liveness checks turn it off
		basis += "; partial-order reduction may explore fewer"
	}
	fmt.Fprintf(w, "harness explore: large state space: %s states (%s); a complete search may not finish: %s\n",
		est.count(), basis, strings.Join(hints(f), ", "))
}

// endsAnyway reports whether the flags bound the search or make it sample.
func endsAnyway(f exploreFlags) bool {
	for _, bound := range []string{"depth", "max-states", "timeout", "max-memory", "preemptions"} {
		if f.set[bound] {
			return true
		}
	}
	return f.strategy == "random" || f.strategy == "pct"
}

// hints are the flags that make a large search end or cost less, leaving
// out those already given.
func hints(f exploreFlags) []string {
	h := []string{"bound it with --max-states N or --depth N"}
	if !f.compact {
		h = append(h, "store less with --compact")
	}
	if f.search.por == "off" {
		h = append(h, "reduce it with --por on")
	}
	return h
}

func (e spaceEstimate) count() string {
	if e.exact {
		return groupDigits(int(e.states))
	}
	return fmt.Sprintf("about %.1e", e.states)
}

// oracleStates looks inst up in the oracle tables.
func oracleStates(inst registry.Instance) (int, bool) {
	table, ok := oracleTables[inst.Def.Name]
	if !ok {
		return 0, false
	}
	rows, err := oracle.Rows(table)
	if err != nil {
		return 0, false
	}
	for _, r := range rows {
		if r["variant"] == inst.Variant && sameParams(r, inst) {
			return r.Int("states")
		}
	}
	return 0, false
}

func sameParams(r oracle.Row, inst registry.Instance) bool {
	for _, p := range inst.Def.Params {
		if r[p.Name] != strconv.Itoa(inst.Params[p.Name]) {
			return false
		}
	}
	return true
}

// estimateSpace counts the states a search with probe's options stores
// for inst. Unless inst has at most quickProbe states, it explores the instances on the way
// from the smallest parameters to inst's, each parameter one step closer
// at a time, until one has more than probeStates states; the growth
// between the last two complete ones, repeated for the steps left,
// estimates inst's states. Reaching inst itself counts it exactly, and so
// do the oracle tables when no reduction applies.
func estimateSpace(ctx context.Context, inst registry.Instance, probe harness.Options) (spaceEstimate, bool) {
	steps := 0
	for _, p := range inst.Def.Params {
		steps = max(steps, inst.Params[p.Name]-p.Min)
	}
	quick := probe
	quick.MaxStates = quickProbe
	res, err := countStates(ctx, inst, inst.Params, quick)
	switch {
	case err != nil:
		return spaceEstimate{}, false
	case res.Complete:
		return spaceEstimate{states: float64(res.States), exact: true, basis: "exact, explored" + symmetryNote(res)}, true
	case !res.Symmetry.On:
		if n, ok := oracleStates(inst); ok {
			return spaceEstimate{states: float64(n), exact: true, basis: "exact, from the oracle tables"}, true
		}
	}
	var counts []float64
	var sizes []map[string]int
	for k := 0; k <= steps; k++ {
		params := paramsAtStep(inst, k)
		res, err := countStates(ctx, inst, params, probe)
		if err != nil {
			return spaceEstimate{}, false
		}
		switch {
		case res.Complete && k == steps:
			return spaceEstimate{states: float64(res.States), exact: true, basis: "exact, explored" + symmetryNote(res)}, true
		case !res.Complete:
			est, ok := extrapolate(inst, counts, sizes, steps)
			est.basis += symmetryNote(res)
			return est, ok
		}
		counts, sizes = append(counts, float64(res.States)), append(sizes, params)
	}
	return spaceEstimate{}, false
}

// paramsAtStep moves every parameter of inst k steps up from its minimum,
// stopping at inst's value.
func paramsAtStep(inst registry.Instance, k int) map[string]int {
	params := map[string]int{}
	for _, p := range inst.Def.Params {
		params[p.Name] = min(inst.Params[p.Name], p.Min+k)
	}
	return params
}

// countStates explores the instance with params under probe.
func countStates(ctx context.Context, inst registry.Instance, params map[string]int, probe harness.Options) (harness.Result, error) {
	small, err := inst.Def.Instantiate(inst.Variant, params)
	if err != nil {
		return harness.Result{}, err
	}
	res, err := harness.Explore(ctx, small.Model, probe)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return res, err
}

// extrapolate repeats the growth of the last step, per unit a parameter
// moved, for the units left: a step that moved two parameters counts as
// two, so that the steps left, which may move fewer, are not overrated.
func extrapolate(inst registry.Instance, counts []float64, sizes []map[string]int, steps int) (spaceEstimate, bool) {
	n := len(counts)
	if n < 2 || counts[n-1] <= counts[n-2] {
		return spaceEstimate{}, false // too little to go on, or no growth
	}
	var moved []string
	units, left := 0, 0
	for _, p := range inst.Def.Params {
		a, b := sizes[n-2][p.Name], sizes[n-1][p.Name]
		if a != b {
			moved = append(moved, fmt.Sprintf("%s %d→%d", p.Name, a, b))
		}
		units += b - a
		left += inst.Params[p.Name] - b
	}
	step := counts[n-1] / counts[n-2]
	unit := math.Pow(step, 1/float64(units))
	growth := fmt.Sprintf("%.1f", step)
	if units > 1 {
		growth += fmt.Sprintf(" (%.1f a parameter step)", unit)
	}
	return spaceEstimate{
		states: counts[n-1] * math.Pow(unit, float64(left)),
		basis: fmt.Sprintf("estimate: %s multiplied them by %s; repeated for the %d steps up to %s",
			strings.Join(moved, ", "), growth, left, inst.ParamString(" ")),
	}, true
}

func symmetryNote(res harness.Result) string {
	if res.Symmetry.On {
		return ", one state per symmetry orbit"
	}
	return ""
}
