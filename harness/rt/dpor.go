package rt

import "slices"

// dpor is the per-execution state of dynamic partial-order reduction
// (Flanagan and Godefroid, POPL 2005): the steps taken with their clock
// vectors, from which each pending operation's latest dependent,
// concurrent step is found and a backtrack point added there. Clock
// vectors are indexed by slot(goroutine id), so that the clock's
// pseudo-goroutine (id -1) has slot 0.
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

func slot(gid int) int { return gid + 1 }

func (p *dpor) reset() {
	p.steps = p.steps[:0]
	p.clocks, p.objs, p.writes, p.reads = nil, nil, nil, nil
	p.lastAll, p.all, p.allIdx = nil, nil, p.allIdx[:0]
}

// clockOf returns goroutine g's clock, inheriting its parent's on first use
// (a goroutine starts after everything its parent did before spawning it).
func (p *dpor) clockOf(g *gor) vclock {
	if p.clocks == nil {
		p.clocks = map[int]vclock{}
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

// record appends the step of transition t, taken at node n, that touched
// fp, with its clock vector.
func (p *dpor) record(ex *exec, t trans, fp footprint, n *dnode) {
	c := p.clockOf(t.g).clone()
	c.join(p.lastAll)
	isAll := fp.all()
	if isAll {
		c.join(p.all)
	}
	for _, x := range fp {
		if o := p.obj(x.key); o != nil {
			c.join(o.w)
			if x.write {
				c.join(o.r)
			}
		}
	}
	i := len(p.steps)
	c.set(slot(t.gid), uint32(i+1))
	p.clocks[t.gid] = c
	p.all.join(c)
	if isAll {
		p.lastAll = c
		p.allIdx = append(p.allIdx, i)
	}
	if slices.ContainsFunc(fp, func(x touch) bool { return x.key == keyDeadline }) {
		cl := p.clockOf(ex.clock)
		cl.join(c)
		p.clocks[ex.clock.id] = cl
	}
	for _, x := range fp {
		o := p.obj(x.key)
		switch {
		case o == nil:
		case x.write:
			o.w, o.r = c, nil
			p.writes = appendIdx(p.writes, x.key, i)
		default:
			o.r.join(c)
			p.reads = appendIdx(p.reads, x.key, i)
		}
	}
	p.steps = append(p.steps, dstep{gid: t.gid, fp: fp, node: n, clock: c})
}

func appendIdx(m map[int][]int, key, i int) map[int][]int {
	if m == nil {
		m = map[int][]int{}
	}
	if l := m[key]; len(l) == 0 || l[len(l)-1] != i {
		m[key] = append(l, i)
	}
	return m
}

// obj returns the clocks of the object (or the time) with the given key;
// nil for keys that are not objects.
func (p *dpor) obj(key int) *objClock {
	if key <= 0 && key != keyClock && key != keyTimers {
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

// analyze looks, for the next operation of every live goroutine q (and
// the clock's next transition), for the latest step that is dependent
// with it, by another goroutine, and not ordered before q; there the
// order could be reversed, so q (or, if q could not run there, every
// goroutine that could) is added to that step's backtrack set. With a
// preemption bound a backtrack point is also added at the start of that
// step's run of steps (Coons et al.), where switching costs no
// preemption.
func (p *dpor) analyze(ex *exec, bounded bool) {
	for _, q := range ex.gs {
		if !q.done {
			p.races(q, pendingFootprint(&q.pend), bounded)
		}
	}
	if ex.clockDue() {
		p.races(ex.clock, ex.clockFootprint(), bounded)
	}
}

// after orders goroutine g after everything h did (h enabled g's step).
func (p *dpor) after(g, h *gor) {
	c := p.clockOf(g)
	c.join(p.clockOf(h))
	p.clocks[g.id] = c
}

// races adds the backtrack points for a step of q with footprint fp:
// q's pending operation, or the step q has just taken (what it touched
// on the way to its next operation was not known while it was pending).
func (p *dpor) races(q *gor, fp footprint, bounded bool) {
	if i := p.lastRace(q.id, p.clockOf(q), fp); i >= 0 {
		p.addBacktrack(i, q.id)
		if bounded {
			p.addBacktrack(p.freeSwitch(i, q.id), q.id)
		}
	}
}

// freeSwitch returns the latest step at or before i, in the run of steps
// by the goroutine that took step i, where switching to q costs no
// preemption (a Yield), else the run's first step (Coons et al.).
func (p *dpor) freeSwitch(i, q int) int {
	start := p.runStart(i)
	for j := i; j > start; j-- {
		if n := p.steps[j].node; n != nil && slices.ContainsFunc(n.trs, func(t trans) bool { return t.gid == q && !t.pre }) {
			return j
		}
	}
	return start
}

// lastRace returns the latest step, by another goroutine and not ordered
// before goroutine q (clock cq), that is dependent with fp; -1 if none.
// Only the steps on fp's objects (writes, and reads when fp writes) and
// those dependent with everything can be, so only they are scanned.
func (p *dpor) lastRace(q int, cq vclock, fp footprint) int {
	races := func(i int) bool {
		s := &p.steps[i]
		return s.gid != q && cq.get(slot(s.gid)) < uint32(i+1) && s.fp.conflicts(fp)
	}
	last := func(idx []int) int {
		for j := len(idx) - 1; j >= 0; j-- {
			if races(idx[j]) {
				return idx[j]
			}
		}
		return -1
	}
	if fp.all() {
		for i := len(p.steps) - 1; i >= 0; i-- {
			if races(i) {
				return i
			}
		}
		return -1
	}
	best := last(p.allIdx)
	for k, x := range fp {
		if slices.ContainsFunc(fp[:k], func(y touch) bool { return y.key == x.key }) {
			continue
		}
		best = max(best, last(p.writes[x.key]))
		if fp.writes(x.key) {
			best = max(best, last(p.reads[x.key]))
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
	if n := p.steps[i].node; n != nil {
		n.addBacktrack(q, true)
	}
}

// addBacktrack adds goroutine q to n's backtrack set; if q cannot run at n
// and all is set, every goroutine that can.
func (n *dnode) addBacktrack(q int, all bool) {
	if slices.ContainsFunc(n.trs, func(t trans) bool { return t.gid == q }) {
		if !slices.Contains(n.backtrack, q) {
			n.backtrack = append(n.backtrack, q)
		}
		return
	}
	if !all {
		return
	}
	for _, t := range n.trs {
		if !slices.Contains(n.backtrack, t.gid) {
			n.backtrack = append(n.backtrack, t.gid)
		}
	}
}

// pendingFootprint is what g's next operation may touch (every case of a
// select, as a write), whether or not it is enabled.
func pendingFootprint(p *pending) footprint {
	if p.op != opSelect {
		return footprintOf(p, -1)
	}
	fp := make(footprint, 0, len(p.cases))
	for _, c := range p.cases {
		if c.o != nil {
			fp = append(fp, touch{key: c.o.key(), write: true})
		}
	}
	return fp
}
