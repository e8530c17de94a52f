package harness

// expand and fireAll are the steps the exhaustive searches share for one
// state: breadth-first over the exact store (bfs.go) and over the
// fingerprint set (bfs_compact.go); depth-first search (dfs.go) shares
// expand and fires one step at a time. The other searches differ where
// these decide: the parallel one expands a chunk of states on each
// worker and reports in a later phase (parallel.go), the
// reduced ones fire persistent sets and merge chains (reduced*.go), the
// preemption-bounded one checks a state when it first stores it and
// searches nodes that are not states (preempt.go), and sampling checks
// the states its walks reach (random.go).

// expand lists the enabled steps of s, reached in depth steps, checks s
// and reports what fails in it (path rebuilds its schedule, only if a
// violation is new). It returns the steps to fire from s; cut when the
// depth bound keeps s from being expanded, stop when the search must end
// (err says whether it failed).
func (e *explorer) expand(s State, depth int, path func() Schedule) (succ []Step, cut, stop bool, err error) {
	e.steps = e.steps[:0]
	succ = e.successors(s)
	e.res.MaxDepth = max(e.res.MaxDepth, depth)
	if kinds, msgs := e.inspect(s, len(succ) == 0); len(kinds) > 0 {
		if stop, err := e.report(kinds, msgs, path); stop {
			return nil, false, true, err
		}
	}
	if e.o.Depth > 0 && depth >= e.o.Depth {
		if len(succ) > 0 {
			e.cutByDepth()
		}
		return nil, true, false, nil
	}
	return succ, false, false, nil
}

// fireAll fires the steps succ from s, state number from: it counts the
// transitions, stores the successors and records the edges for graph
// checks, and calls fresh with from, each successor that is new (valid
// only during the call: see apply) and the thread that reached it. stop says
// that the state budget ran out. The loop is written here, not around a
// call per step: this is the per-transition path.
func (e *explorer) fireAll(from uint32, s State, succ []Step, fresh func(from uint32, next State, thread int)) (stop bool, err error) {
	for _, st := range succ {
		e.res.Transitions++
		next := e.apply(s, st)
		id, added, stop, err := e.add(next)
		if stop || err != nil {
			return true, err
		}
		e.edge(from, id, st)
		if added {
			fresh(from, next, st.Thread)
		}
	}
	return false, nil
}
