package fairness

import "github.com/interleave/concurrency/harness"

// build turns a fair set of states into a short lasso: the shortest path
// from the initial state to the set's state nearest to it (the entry), a
// walk inside the set that satisfies the fairness assumption for every
// thread, and the way back to the entry. The walk is greedy: it always
// heads for the nearest state that serves a thread still unserved. Under
// weak fairness a thread is served by one of its steps or by a state where
// it is disabled; under strong fairness by one of its steps (threads with
// no step in the set are disabled all over it).
func (a *analysis) build(comp []uint32, use func(harness.Edge) bool) harness.Violation {
	member := setOf(comp)
	entry, stem := comp[0], harness.Schedule(nil)
	for _, s := range comp {
		if p := a.g.PathTo(s); stem == nil || len(p) < len(stem) {
			entry, stem = s, p
		}
	}
	inner := func(e harness.Edge) bool { return use(e) && member[e.To] }
	need := map[int]bool{}
	if a.fair != None {
		for th := range a.threads {
			need[th] = a.fair == Weak || a.hasEdge(comp, th, inner)
		}
		for th, ok := range need {
			if !ok {
				delete(need, th)
			}
		}
	}
	var cycle harness.Schedule
	at := entry
	for len(need) > 0 || len(cycle) == 0 {
		u, path, e, ok := a.nearest(at, member, inner, func(u uint32) (*harness.Edge, bool) {
			return a.serve(u, need, inner)
		})
		if !ok {
			break
		}
		cycle = append(cycle, path...)
		at = u
		if e != nil {
			cycle = append(cycle, int(e.Thread))
			at = e.To
		}
	}
	cycle = append(cycle, a.g.Path(at, entry, func(s uint32) bool { return member[s] }, use)...)
	return harness.Violation{Schedule: append(stem, cycle...), Cycle: len(cycle)}
}

// serve removes from need the threads that state u serves: those disabled
// in u (under weak fairness), and returns an inner edge of u that serves
// a needed thread by scheduling it, if any. With nothing needed, any inner
// edge serves to close a cycle.
func (a *analysis) serve(u uint32, need map[int]bool, inner func(harness.Edge) bool) (*harness.Edge, bool) {
	served := false
	if a.fair == Weak {
		enabled := make([]bool, a.threads)
		for _, e := range a.g.Out(u) {
			enabled[e.Thread] = true
		}
		for th := range need {
			if !enabled[th] {
				delete(need, th)
				served = true
			}
		}
	}
	for _, e := range a.g.Out(u) {
		if inner(e) && (need[int(e.Thread)] || len(need) == 0 && !served) {
			delete(need, int(e.Thread))
			return &e, true
		}
	}
	return nil, served
}

// nearest searches breadth-first from at, inside the component, for the
// first state where visit reports something served; it returns that
// state, the path to it and the edge to take there (nil for none).
func (a *analysis) nearest(at uint32, member map[uint32]bool, inner func(harness.Edge) bool,
	visit func(uint32) (*harness.Edge, bool)) (uint32, harness.Schedule, *harness.Edge, bool) {
	type back struct {
		from   uint32
		thread uint16
	}
	prev := map[uint32]back{at: {from: at}}
	for queue := []uint32{at}; len(queue) > 0; queue = queue[1:] {
		u := queue[0]
		if e, ok := visit(u); ok {
			var path harness.Schedule
			for v := u; v != at; v = prev[v].from {
				path = append(path, int(prev[v].thread))
			}
			for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
				path[i], path[j] = path[j], path[i]
			}
			return u, path, e, true
		}
		for _, e := range a.g.Out(u) {
			if _, seen := prev[e.To]; !seen && inner(e) {
				prev[e.To] = back{u, e.Thread}
				queue = append(queue, e.To)
			}
		}
	}
	return 0, nil, nil, false
}

// hasEdge reports whether thread th has an edge inside the component.
func (a *analysis) hasEdge(comp []uint32, th int, inner func(harness.Edge) bool) bool {
	for _, s := range comp {
		for _, e := range a.g.Out(s) {
			if int(e.Thread) == th && inner(e) {
				return true
			}
		}
	}
	return false
}
