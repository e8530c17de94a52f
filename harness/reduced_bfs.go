package harness

import "slices"

// rnode is a stored state in the reduced breadth-first queue: its number
// in the exact store, the node it was reached from and the threads of the
// (merged) steps from there. It holds no pointer, so that the queue costs
// the collector nothing; on the compacted store, which cannot hand states
// back, the states wait in a separate queue.
type rnode struct {
	id     uint32
	parent int32
	lo, hi int32 // its steps are chains[lo:hi]
	depth  int32
}

// reducedBFS explores breadth-first with persistent sets (sleep sets need
// the depth-first order). Schedules are shortest in the reduced graph,
// not necessarily in the full one.
type reducedBFS struct{ r *reducer }

func (rb reducedBFS) search(e *explorer) error {
	r := rb.r
	init := e.initial()
	id, _, err := e.set.Add(init)
	if err != nil {
		return err
	}
	queue := []rnode{{id: id, parent: -1}}
	var held []State // the states of queue[len(queue)-len(held):], compacted store only
	if e.seen == nil {
		held = append(held, slices.Clone(init))
	}
	var chains []uint16
	path := func(i int) Schedule {
		var rev []int
		for ; i > 0; i = int(queue[i].parent) {
			n := queue[i]
			for j := n.hi - 1; j >= n.lo; j-- {
				rev = append(rev, int(chains[j]))
			}
		}
		s := make(Schedule, 0, len(rev))
		for j := len(rev) - 1; j >= 0; j-- {
			s = append(s, rev[j])
		}
		return s
	}
	for i := 0; i < len(queue); i++ {
		if e.interrupted() {
			return nil
		}
		var s State
		if e.seen != nil {
			s = e.seen.Get(queue[i].id)
		} else {
			s, held = held[0], held[1:]
		}
		e.res.MaxDepth = max(e.res.MaxDepth, int(queue[i].depth))
		enabled := r.scan(s)
		if kinds, msgs := e.inspect(s, len(enabled) == 0); len(kinds) > 0 {
			if stop, err := e.report(kinds, msgs, func() Schedule { return path(i) }); stop {
				return err
			}
		}
		persistent := r.reduce(enabled)
		if r.proviso && len(persistent) < len(enabled) && e.anyStored(s, persistent) {
			persistent = enabled
		}
		persistent = slices.Clone(persistent) // follow scans again
		for _, st := range persistent {
			lo := int32(len(chains))
			next := e.follow(r, e.apply(s, st), &chains, st.Thread)
			id, added, stop, err := e.add(next)
			if stop || err != nil {
				return err
			}
			if added {
				hi := int32(len(chains))
				queue = append(queue, rnode{id: id, parent: int32(i), lo: lo, hi: hi, depth: queue[i].depth + hi - lo})
				if e.seen == nil {
					held = append(held, slices.Clone(next))
				}
			} else {
				chains = chains[:lo]
			}
		}
	}
	return nil
}

// follow records the step of thread th that reached s and, unless
// invariants forbid merging, fires the single steps of persistent sets
// from s on until it reaches a stored state, a branching or terminal
// state, or a state failing a check. It returns the state reached.
func (e *explorer) follow(r *reducer, s State, chains *[]uint16, th int) State {
	*chains = append(*chains, uint16(th))
	e.res.Transitions++
	if r.proviso {
		return s
	}
	for chain := 0; chain < maxChain; chain++ {
		if _, ok := e.set.Find(s); ok {
			return s
		}
		enabled := r.scan(s)
		persistent := r.reduce(enabled)
		if len(persistent) != 1 {
			return s
		}
		if kinds, _ := e.inspect(s, false); len(kinds) > 0 {
			return s
		}
		*chains = append(*chains, uint16(persistent[0].Thread))
		e.res.Transitions++
		e.res.Merged++
		s = e.applyNew(s, persistent[0])
	}
	return s
}
