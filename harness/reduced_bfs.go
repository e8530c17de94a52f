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

// rbfs is the state of one reduced breadth-first search.
type rbfs struct {
	e      *explorer
	r      *reducer
	queue  []rnode
	held   []State // the states of queue[len(queue)-len(held):], compacted store only
	chains []uint16
}

func (rb reducedBFS) search(e *explorer) error {
	init := e.initial()
	id, _, err := e.set.Add(init)
	if err != nil {
		return err
	}
	b := &rbfs{e: e, r: rb.r, queue: []rnode{{id: id, parent: -1}}}
	if e.seen == nil {
		b.held = append(b.held, slices.Clone(init))
	}
	for i := 0; i < len(b.queue); i++ {
		if e.interrupted() {
			return nil
		}
		if stop, err := b.expand(i); stop {
			return err
		}
	}
	return nil
}

// expand checks the state of node i and queues the new states its
// persistent set reaches, following single-step chains.
func (b *rbfs) expand(i int) (stop bool, err error) {
	e, r := b.e, b.r
	var s State
	if e.seen != nil {
		s = e.seen.Get(b.queue[i].id)
	} else {
		s, b.held = b.held[0], b.held[1:]
	}
	e.res.MaxDepth = max(e.res.MaxDepth, int(b.queue[i].depth))
	enabled := r.scan(s)
	if kinds, msgs := e.inspect(s, len(enabled) == 0); len(kinds) > 0 {
		if stop, err := e.report(kinds, msgs, func() Schedule { return b.path(i) }); stop {
			return true, err
		}
	}
	persistent := r.reduce(enabled)
	if r.proviso && len(persistent) < len(enabled) && e.anyStored(s, persistent) {
		persistent = enabled
	}
	persistent = slices.Clone(persistent) // follow scans again
	for _, st := range persistent {
		lo := int32(len(b.chains))
		next := e.follow(r, e.apply(s, st), &b.chains, st.Thread)
		id, added, stop, err := e.add(next)
		if stop || err != nil {
			return true, err
		}
		if !added {
			b.chains = b.chains[:lo]
			continue
		}
		hi := int32(len(b.chains))
		b.queue = append(b.queue, rnode{id: id, parent: int32(i), lo: lo, hi: hi, depth: b.queue[i].depth + hi - lo})
		if e.seen == nil {
			b.held = append(b.held, slices.Clone(next))
		}
	}
	return false, nil
}

// path is the schedule of node i: the chains of the nodes from the root.
func (b *rbfs) path(i int) Schedule {
	var rev []int
	for ; i > 0; i = int(b.queue[i].parent) {
		n := b.queue[i]
		for j := n.hi - 1; j >= n.lo; j-- {
			rev = append(rev, int(b.chains[j]))
		}
	}
	s := make(Schedule, 0, len(rev))
	for j := len(rev) - 1; j >= 0; j-- {
		s = append(s, rev[j])
	}
	return s
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
