package harness

import (
	"encoding/binary"
)

// Preemption bounding (Musuvathi and Qadeer, PLDI 2007). A step is a
// preemption when the thread that took the previous step is still enabled
// and that step was not a Yield: the scheduler took the processor away.
// With bound 0 the search is cooperative scheduling: a thread keeps
// running until it blocks, yields or finishes, and then any thread may
// follow. Bounds 0, 1, ..., K are searched in turn, so a violation is
// reported with the fewest preemptions that reach it.
//
// The search state is the model state plus the last thread and whether
// it yielded: the same model state allows different steps after
// different threads. A node reached again with fewer preemptions spent is
// explored again, since it may now reach more. When no step went beyond a
// bound, every execution was explored: the search stops there, complete.

// pnode is a node of the preemption-bounded search.
type pnode struct {
	s       State
	last    int // thread of the previous step, -1 at the start
	yielded bool
	spent   int // preemptions so far
	path    Schedule
}

// preemptionBounded runs the bounded searches for bounds 0..Preemptions.
type preemptionBounded struct{}

func (p preemptionBounded) search(e *explorer) error {
	for b := 0; b <= e.o.Preemptions; b++ {
		before := e.set.Len()
		stats, pruned, stop, err := p.bounded(e, b)
		stats.NewStates = e.set.Len() - before
		e.res.PerBound = append(e.res.PerBound, stats)
		e.res.Executions += stats.Executions
		if stop || err != nil || !pruned {
			return err // no step was beyond the bound: the search is complete
		}
	}
	if e.res.Bound == (Bound{}) {
		e.res.Bound = Bound{BoundPreemptions, uint64(e.o.Preemptions)}
	}
	return nil
}

// bounded explores depth-first every execution with at most bound
// preemptions. An execution ends at a terminal state, at the depth bound,
// or at a node already explored with no more preemptions spent. pruned
// reports whether the bound kept any step from being taken.
func (p preemptionBounded) bounded(e *explorer, bound int) (stats BoundStats, pruned, stop bool, err error) {
	stats.Bound = bound
	spentAt := map[string]int{} // the fewest preemptions a node was explored with
	stack := []pnode{{s: e.m.Init(), last: -1}}
	for len(stack) > 0 {
		if e.interrupted() {
			return stats, pruned, true, nil
		}
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		key := nodeKey(n)
		if spent, ok := spentAt[key]; ok && spent <= n.spent {
			stats.Executions++
			continue
		}
		spentAt[key] = n.spent
		e.res.MaxDepth = max(e.res.MaxDepth, len(n.path))
		e.steps = e.steps[:0]
		enabled := e.successors(n.s)
		if stop, err := p.visit(e, n, len(enabled) == 0); stop {
			return stats, pruned, true, err
		}
		if len(enabled) == 0 || (e.o.Depth > 0 && len(n.path) >= e.o.Depth) {
			if len(enabled) > 0 {
				e.cutByDepth()
			}
			stats.Executions++
			continue
		}
		var cut bool
		stack, cut = p.push(e, stack, n, enabled, bound)
		pruned = pruned || cut
	}
	return stats, pruned, false, nil
}

// visit counts the model state and checks it when first seen.
func (preemptionBounded) visit(e *explorer, n pnode, terminal bool) (bool, error) {
	_, added, stop, err := e.add(n.s)
	if stop || err != nil {
		return true, err
	}
	if !added {
		return false, nil
	}
	kinds, msgs := e.inspect(n.s, terminal)
	if len(kinds) == 0 {
		return false, nil
	}
	return e.report(kinds, msgs, func() Schedule { return n.path })
}

// push pushes the nodes the enabled steps of node n reach within bound
// preemptions, in reverse so that lower threads are explored first, and
// reports whether the bound kept a step from being taken.
func (preemptionBounded) push(e *explorer, stack []pnode, n pnode, enabled []Step, bound int) ([]pnode, bool) {
	pruned, lastEnabled := false, false
	for _, st := range enabled {
		lastEnabled = lastEnabled || st.Thread == n.last
	}
	for i := len(enabled) - 1; i >= 0; i-- {
		st := enabled[i]
		spent := n.spent
		if lastEnabled && !n.yielded && st.Thread != n.last {
			spent++
		}
		if spent > bound {
			pruned = true
			continue
		}
		e.res.Transitions++
		path := append(append(Schedule(nil), n.path...), st.Thread)
		stack = append(stack, pnode{s: e.m.Apply(n.s, st), last: st.Thread, yielded: st.Yield, spent: spent, path: path})
	}
	return stack, pruned
}

// nodeKey encodes a search node: the state, the last thread and whether
// it yielded.
func nodeKey(n pnode) string {
	var tail [5]byte
	binary.LittleEndian.PutUint32(tail[:4], uint32(n.last+1))
	if n.yielded {
		tail[4] = 1
	}
	return string(n.s) + string(tail[:])
}
