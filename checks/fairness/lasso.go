package fairness

import "github.com/interleave/concurrency/harness"

// build turns a fair set of states into a lasso: the shortest path from
// the initial state to the set's state nearest to it, then a walk inside
// the set that passes, for every thread, an edge of that thread or (when
// the thread has none there) a state where it is disabled, and returns.
func (a *analysis) build(comp []uint32, use func(harness.Edge) bool) harness.Violation {
	member := setOf(comp)
	in := func(s uint32) bool { return member[s] }
	entry, stem := comp[0], harness.Schedule(nil)
	for _, s := range comp {
		if p := a.g.PathTo(s); stem == nil || len(p) < len(stem) {
			entry, stem = s, p
		}
	}
	cycle := harness.Schedule{}
	at := entry
	walk := func(to uint32) {
		cycle = append(cycle, a.g.Path(at, to, in, use)...)
		at = to
	}
	for th := range a.threads {
		if a.fair == None {
			break
		}
		if from, e, ok := a.innerEdge(comp, member, th, use); ok {
			walk(from)
			cycle = append(cycle, int(e.Thread))
			at = e.To
		} else if s, ok := a.disabledAt(comp, th); ok {
			walk(s)
		}
	}
	if len(cycle) == 0 { // fairness none: any edge closes a cycle
		from, e, _ := a.innerEdge(comp, member, -1, use)
		walk(from)
		cycle = append(cycle, int(e.Thread))
		at = e.To
	}
	walk(entry)
	return harness.Violation{Schedule: append(stem, cycle...), Cycle: len(cycle)}
}

// innerEdge finds an edge of thread th (any thread if th is -1) that stays
// inside the component.
func (a *analysis) innerEdge(comp []uint32, member map[uint32]bool, th int, use func(harness.Edge) bool) (uint32, harness.Edge, bool) {
	for _, s := range comp {
		for _, e := range a.g.Out(s) {
			if use(e) && member[e.To] && (th < 0 || int(e.Thread) == th) {
				return s, e, true
			}
		}
	}
	return 0, harness.Edge{}, false
}

// disabledAt finds a state of the component where thread th cannot step.
func (a *analysis) disabledAt(comp []uint32, th int) (uint32, bool) {
	for _, s := range comp {
		enabled := false
		for _, e := range a.g.Out(s) {
			enabled = enabled || int(e.Thread) == th
		}
		if !enabled {
			return s, true
		}
	}
	return 0, false
}
