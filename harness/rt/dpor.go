package rt

import "slices"

// dpor is the per-execution state of dynamic partial-order reduction
// (Flanagan and Godefroid, POPL 2005): the steps taken with their clock
// vectors, from which each pending operation's latest dependent,
// concurrent step is found and a backtrack point added there.
type dpor struct {
	steps   []dstep
	clocks  map[int]vclock // goroutine id -> clock (entries are step index+1)
	objs    map[int]*objClock
	lastAll vclock        // clock of the latest step dependent with everything
	all     vclock        // join of all step clocks
	writes  map[int][]int // object key -> indices of the steps that wrote it
	reads   map[int][]int // object key -> indices of the steps that read it
	allIdx  []int         // indices of the steps dependent with everything
}

// dstep is one step of the execution: who took it, what it touched, the
// choice point it was taken at (nil if forced) and its clock vector.
type dstep struct {
	gid   int
	fp    footprint
	node  *dnode
	clock vclock
}

// objClock holds the clocks of the last write to an object and the join of
// the reads since.
type objClock struct{ w, r vclock }

func (p *dpor) reset() {
	p.steps = p.steps[:0]
	p.clocks, p.objs, p.writes, p.reads = nil, nil, nil, nil
	p.lastAll, p.all, p.allIdx = nil, nil, p.allIdx[:0]
}

// clockOf returns goroutine g's clock, inheriting its parent's on first use
// (a goroutine starts after everything its parent did before spawning it).
func (p *dpor) clockOf(g *gor) vclock {
	if p.clocks == nil {
		p.clocks, p.objs = map[int]vclock{}, map[int]*objClock{}
	}
	c, ok := p.clocks[g.id]
	if !ok {
		if g.parent >= 0 {
			c = p.clocks[g.parent].clone()
		}
		p.clocks[g.id] = c
	}
	return c
}

// record appends transition t, taken at node n, with its clock vector.
func (p *dpor) record(ex *exec, t trans, n *dnode) {
	c := p.clockOf(t.g).clone()
	c.join(p.lastAll)
	o := p.obj(t.fp.key)
	switch {
	case t.fp.key == keyAll:
		c.join(p.all)
	case o != nil:
		c.join(o.w)
		if t.fp.write {
			c.join(o.r)
		}
	}
	c.set(t.gid, uint32(len(p.steps)+1))
	p.clocks[t.gid] = c
	p.all.join(c)
	switch {
	case t.fp.key == keyAll:
		p.lastAll = c
	case o != nil && t.fp.write:
		o.w, o.r = c, nil
	case o != nil:
		o.r.join(c)
	}
	switch {
	case t.fp.key == keyAll:
		p.allIdx = append(p.allIdx, len(p.steps))
	case t.fp.key != 0 && t.fp.write:
		if p.writes == nil {
			p.writes = map[int][]int{}
		}
		p.writes[t.fp.key] = append(p.writes[t.fp.key], len(p.steps))
	case t.fp.key != 0:
		if p.reads == nil {
			p.reads = map[int][]int{}
		}
		p.reads[t.fp.key] = append(p.reads[t.fp.key], len(p.steps))
	}
	p.steps = append(p.steps, dstep{gid: t.gid, fp: t.fp, node: n, clock: c})
}

func (p *dpor) obj(key int) *objClock {
	if key <= 0 {
		return nil
	}
	if p.objs == nil {
		p.objs = map[int]*objClock{}
	}
	o := p.objs[key]
	if o == nil {
		o = &objClock{}
		p.objs[key] = o
	}
	return o
}

// analyze looks, for the next operation of every live goroutine q, for the
// latest step that is dependent with it, by another goroutine, and not
// ordered before q; there the order could be reversed, so q (or, if q
// could not run there, every goroutine that could) is added to that
// step's backtrack set. With a preemption bound a backtrack point is also
// added at the start of that step's run of steps (Coons et al.), where
// switching costs no preemption.
func (p *dpor) analyze(ex *exec, bounded bool) {
	for _, q := range ex.gs {
		if q.done {
			continue
		}
		cq := p.clockOf(q) // fixes a new goroutine's clock at its spawn
		fps := pendingFootprints(&q.pend)
		if i := p.lastRace(q.id, cq, fps); i >= 0 {
			p.addBacktrack(i, q.id)
			if bounded {
				p.addBacktrack(p.runStart(i), q.id)
			}
		}
	}
}

// lastRace returns the latest step, by another goroutine and not ordered
// before goroutine q (clock cq), that is dependent with one of fps; -1 if
// none. Only the steps on fps's objects (writes, and reads when fps
// writes) and those dependent with everything can be, so only they are
// scanned.
func (p *dpor) lastRace(q int, cq vclock, fps []footprint) int {
	races := func(i int) bool {
		s := &p.steps[i]
		return s.gid != q && cq.get(s.gid) < uint32(i+1) && anyConflict(s.fp, fps)
	}
	last := func(idx []int) int {
		for j := len(idx) - 1; j >= 0; j-- {
			if races(idx[j]) {
				return idx[j]
			}
		}
		return -1
	}
	if slices.ContainsFunc(fps, func(f footprint) bool { return f.key == keyAll }) {
		for i := len(p.steps) - 1; i >= 0; i-- {
			if races(i) {
				return i
			}
		}
		return -1
	}
	best := last(p.allIdx)
	for k, f := range fps {
		if k > 0 && slices.ContainsFunc(fps[:k], func(g footprint) bool { return g.key == f.key }) {
			continue
		}
		best = max(best, last(p.writes[f.key]))
		if fpWrites(fps, f.key) {
			best = max(best, last(p.reads[f.key]))
		}
	}
	return best
}

// runStart returns the first step of the run of consecutive steps by the
// goroutine that took step i.
func (p *dpor) runStart(i int) int {
	for i > 0 && p.steps[i-1].gid == p.steps[i].gid {
		i--
	}
	return i
}

func (p *dpor) addBacktrack(i, q int) {
	n := p.steps[i].node
	if n == nil {
		return
	}
	if slices.ContainsFunc(n.trs, func(t trans) bool { return t.gid == q }) {
		if !slices.Contains(n.backtrack, q) {
			n.backtrack = append(n.backtrack, q)
		}
		return
	}
	for _, t := range n.trs {
		if !slices.Contains(n.backtrack, t.gid) {
			n.backtrack = append(n.backtrack, t.gid)
		}
	}
}

func anyConflict(a footprint, fps []footprint) bool {
	return slices.ContainsFunc(fps, a.conflicts)
}

// pendingFootprints lists what g's next operation may touch (every case of
// a select), whether or not it is enabled.
func pendingFootprints(p *pending) []footprint {
	if p.op != opSelect {
		if fp := footprintOf(p, -1); fp.key != 0 {
			return []footprint{fp}
		}
		return nil
	}
	fps := make([]footprint, 0, len(p.cases))
	for i, c := range p.cases {
		if c.o != nil {
			fps = append(fps, footprintOf(p, i))
		}
	}
	return fps
}

// fpWrites reports whether fps writes the object with the given key.
func fpWrites(fps []footprint, key int) bool {
	return slices.ContainsFunc(fps, func(f footprint) bool { return f.key == key && f.write })
}
