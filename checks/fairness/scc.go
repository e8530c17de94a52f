package fairness

import (
	"slices"

	"github.com/interleave/concurrency/harness"
)

// analysis holds what every lasso search on one graph shares.
type analysis struct {
	g        *harness.Graph
	fair     Fairness
	threads  int
	progress bool // the model marks progress steps
}

func newAnalysis(g *harness.Graph, f Fairness) *analysis {
	a := &analysis{g: g, fair: f, threads: g.Model().Threads(g.State(0))}
	for i := range uint32(g.Len()) {
		for _, e := range g.Out(i) {
			a.progress = a.progress || e.Progress
		}
	}
	return a
}

// isProgress says whether an edge is progress for thread th, or for
// anybody when th is -1.
func (a *analysis) isProgress(e harness.Edge, th int) bool {
	if th >= 0 && int(e.Thread) != th {
		return false
	}
	return e.Progress || !a.progress
}

// lasso finds a fair cycle without progress (for thread th, or for anybody
// when th is -1) on which th has not finished, and returns it as a
// violation with schedule and cycle length filled in.
func (a *analysis) lasso(th int) (harness.Violation, bool) {
	use := func(e harness.Edge) bool { return !a.isProgress(e, th) }
	alive := func(s uint32) bool { return th < 0 || !a.g.Finished(s, th) }
	for _, comp := range a.components(alive, use) {
		if fair := a.fairPart(comp, use); fair != nil {
			return a.build(fair, use), true
		}
	}
	return harness.Violation{}, false
}

// components returns the strongly connected components, among the states
// accepted by in and the edges accepted by use, that contain at least one
// edge, ordered by their lowest state.
func (a *analysis) components(in func(uint32) bool, use func(harness.Edge) bool) [][]uint32 {
	n := uint32(a.g.Len())
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []uint32
	var comps [][]uint32
	next := int32(0)
	type frame struct {
		v uint32
		i int
	}
	for root := range n {
		if index[root] >= 0 || !in(root) {
			continue
		}
		call := []frame{{v: root}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			out := a.g.Out(f.v)
			if f.i < len(out) {
				e := out[f.i]
				f.i++
				if !use(e) || !in(e.To) {
					continue
				}
				w := e.To
				if index[w] < 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{v: w})
				} else if onStack[w] {
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}
			v := f.v
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var comp []uint32
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			if a.hasInnerEdge(comp, use) {
				slices.Sort(comp)
				comps = append(comps, comp)
			}
		}
	}
	slices.SortFunc(comps, func(x, y []uint32) int { return int(x[0]) - int(y[0]) })
	return comps
}

func (a *analysis) hasInnerEdge(comp []uint32, use func(harness.Edge) bool) bool {
	member := setOf(comp)
	for _, s := range comp {
		for _, e := range a.g.Out(s) {
			if use(e) && member[e.To] {
				return true
			}
		}
	}
	return false
}

func setOf(states []uint32) map[uint32]bool {
	m := make(map[uint32]bool, len(states))
	for _, s := range states {
		m[s] = true
	}
	return m
}

// fairPart returns a set of states inside comp that holds a cycle fair
// under a.fair, or nil. Weak fairness is decided on the component as a
// whole; strong fairness removes the states where an unscheduled thread is
// enabled and looks again in what remains.
func (a *analysis) fairPart(comp []uint32, use func(harness.Edge) bool) []uint32 {
	if a.fair == None {
		return comp
	}
	member := setOf(comp)
	scheduled := make([]bool, a.threads)
	enabledSomewhere := make([]bool, a.threads)
	disabledSomewhere := make([]bool, a.threads)
	for _, s := range comp {
		enabled := make([]bool, a.threads)
		for _, e := range a.g.Out(s) {
			enabled[e.Thread] = true
			if use(e) && member[e.To] {
				scheduled[e.Thread] = true
			}
		}
		for th, on := range enabled {
			enabledSomewhere[th] = enabledSomewhere[th] || on
			disabledSomewhere[th] = disabledSomewhere[th] || !on
		}
	}
	var unfair []int
	for th := range a.threads {
		if scheduled[th] {
			continue
		}
		if a.fair == Weak && !disabledSomewhere[th] {
			return nil
		}
		if a.fair == Strong && enabledSomewhere[th] {
			unfair = append(unfair, th)
		}
	}
	if len(unfair) == 0 {
		return comp
	}
	keep := func(s uint32) bool {
		if !member[s] {
			return false
		}
		for _, e := range a.g.Out(s) {
			if slices.Contains(unfair, int(e.Thread)) {
				return false
			}
		}
		return true
	}
	for _, sub := range a.components(keep, use) {
		if fair := a.fairPart(sub, use); fair != nil {
			return fair
		}
	}
	return nil
}
