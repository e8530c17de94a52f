package rt

import (
	"math/bits"
	"slices"
	"time"

	"github.com/interleave/concurrency/harness/trace"
)

// dpor is the per-execution state of dynamic partial-order reduction
// (Flanagan and Godefroid, POPL 2005): the steps taken with their clock
// vectors, from which each pending operation's latest dependent,
// concurrent step is found and a backtrack point added there.
//
// The clock's steps are not a sequence like a goroutine's: each is a
// process of one step, which happens after what every step that set the
// deadline it reaches happens after (any one of them enables it), and
// after what it conflicts with, so that DPOR can move a step of the clock
// before a goroutine's reading of the time or another's deadline.
// Clock vectors are indexed by slot: each goroutine and each step of the
// clock gets the next free slot when it first takes a step, so a vector
// is as long as the processes that ran (the same relation under any
// numbering).
type dpor struct {
	steps   []dstep
	clocks  []vclock                 // goroutine id -> clock (entries are step index+1)
	hasClk  []bool                   // goroutine id -> clocks set
	dl      map[time.Duration]vclock // deadline -> what every step that set it is after (meet)
	tickAt  map[time.Duration]vclock // time -> clock of the clock's step that reached it
	tickCs  []vclock                 // the clock of each of the clock's steps
	gslot   []int                    // goroutine id -> 1 + its slot
	nslots  int
	objs    map[int]*objClock
	lastAll vclock // clock of the latest step dependent with everything
	all     vclock // join of all step clocks: each slot's latest step
	allIdx  []int  // indices of the steps dependent with everything
	seen    []seen // goroutine id -> what its latest analysis saw
	group   gset   // goroutines whose only race is the latest step (reverseLatest)
	rem     gset   // buffer of reverseLatest

	// which goroutines analyze looks at (see seen): those that announced
	// an operation (moved), those a step conflicts with (dirty), those
	// whose operation conflicts with every step or touches no object
	// (always); dead ones have ended; ngs goroutines were known at the
	// last analysis, which saw analysed steps
	moved, dirty, always, dead gset
	allDirty                   bool
	ngs, analysed              int

	kept []int // buffer of races
	// step clocks are cut from slab (see clone); width is the longest
	slab  vclock
	off   int
	width int
	// the latest candidates and reversal computed, for the same steps:
	// every goroutine pending on one object asks for the same ones
	candKey candKey
	cand    []int
	revKey  [2]int // len(steps)+1, i
	v       []int
	vinits  []trans
}

// candKey identifies a call of candidates.
type candKey struct {
	n          int
	clock, one bool
	t          touch
}

// seen is what the latest analysis of a goroutine's pending operation
// looked at. Until a step conflicts with it, analysing it again would add
// no backtrack point (the new steps are no races, and as later steps in
// the reversals they only add initials after those already considered),
// so analyze leaves it alone: each pending operation is registered with
// the objects it touches, and a step marks the goroutines registered with
// what it writes (or, reading, those that write it). This keeps the
// analysis of a step linear in what it touches rather than in the number
// of goroutines.
type seen struct {
	ok   bool
	op   opKind
	seq  uint64
	fp   footprint
	objs []*objClock // per touch of fp; nil: not an object
}

// dstep is one step of the execution: who took it, what it touched, the
// choice point it was taken at (nil if forced) and its clock vector.
type dstep struct {
	gid   int
	c     int // the select case it took
	slot  int
	fp    footprint
	node  *dnode
	clock vclock
}

// objClock holds the clocks of the last write to an object and the join of
// the reads since, and the indices of the steps that wrote and read it.
type objClock struct {
	w, r          vclock
	writes, reads []int
	// goroutines whose pending operation touches it, writes it, or
	// touches only it
	pend, pendW, single gset
}

// slotOf returns the slot of goroutine gid, a new one for each step of
// the clock.
func (p *dpor) slotOf(gid int) int {
	if gid == trace.TimeStep {
		p.nslots++
		return p.nslots - 1
	}
	for len(p.gslot) <= gid {
		p.gslot = append(p.gslot, 0)
	}
	if p.gslot[gid] == 0 {
		p.nslots++
		p.gslot[gid] = p.nslots
	}
	return p.gslot[gid] - 1
}

func (p *dpor) reset() {
	p.steps, p.gslot, p.nslots, p.tickCs = p.steps[:0], p.gslot[:0], 0, p.tickCs[:0]
	p.objs, p.dl, p.tickAt = nil, nil, nil
	p.lastAll, p.all, p.allIdx = nil, nil, p.allIdx[:0]
	p.clocks, p.hasClk, p.seen = p.clocks[:0], p.hasClk[:0], p.seen[:0]
	p.forget()
	for _, g := range []gset{p.moved, p.dirty, p.always, p.dead, p.group} {
		g.clear()
	}
	p.allDirty, p.ngs, p.analysed = false, 0, 0
	p.off = 0
}

// clockOf returns goroutine g's clock, inheriting its parent's on first use
// (a goroutine starts after everything its parent did before spawning it).
func (p *dpor) clockOf(g *gor) vclock {
	for len(p.clocks) <= g.id {
		p.clocks, p.hasClk = append(p.clocks, nil), append(p.hasClk, false)
	}
	if !p.hasClk[g.id] {
		if g.parent >= 0 && g.parent < len(p.clocks) {
			p.clocks[g.id] = p.clocks[g.parent].clone()
		}
		p.hasClk[g.id] = true
	}
	return p.clocks[g.id]
}

// before returns what the next step of g is ordered after: g's clock, or
// for the clock's step to time at, the steps that set that deadline.
func (p *dpor) before(g *gor, at time.Duration) vclock {
	if g.id == trace.TimeStep {
		return p.dl[at]
	}
	return p.clockOf(g)
}

// forget drops the memos of candidates and reversal: a step is being
// completed, which may change a goroutine's clock (woken).
func (p *dpor) forget() { p.candKey, p.revKey = candKey{}, [2]int{} }

// woken orders g, whose Sleep until deadline ends, after the clock's step
// that reached the deadline (if one did: a deadline already past needs
// none).
func (p *dpor) woken(g *gor, deadline time.Duration) {
	if t, ok := p.tickAt[deadline]; ok {
		c := p.clockOf(g).clone() // not in place: the clock is also g's last step's
		c.join(t)
		p.clocks[g.id] = c
	}
}

// started orders g, an AfterFunc goroutine, after the k-th step of the
// clock, which started it.
func (p *dpor) started(g *gor, k int) {
	c := p.clockOf(g).clone()
	c.join(p.tickCs[k-1])
	p.clocks[g.id] = c
}

// disarmed adds the backtrack points for the clock's step to deadline dl,
// which the step just recorded made impossible by stopping its timer.
func (p *dpor) disarmed(dl time.Duration, bounded bool) {
	fp := footprint{{key: keyClock, write: true}}
	p.races(trace.TimeStep, anyCase, p.dl[dl], fp, fp, bounded)
}

// record appends the step of transition t (for the clock's, the one that
// reaches time at), taken at node n, that touched fp and set deadlines
// dls, with its clock vector.
func (p *dpor) record(t trans, at time.Duration, fp footprint, n *dnode, dls []time.Duration) {
	tick := t.gid == trace.TimeStep
	c, sl := p.clone(p.before(t.g, at)), p.slotOf(t.gid)
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
	c.set(sl, uint32(i+1))
	if tick {
		p.tickAt = setClock(p.tickAt, at, c)
		p.tickCs = append(p.tickCs, c)
	} else {
		p.clocks[t.gid] = c
	}
	for _, d := range dls {
		p.dl = meetClock(p.dl, d, c)
	}
	p.all.set(sl, uint32(i+1)) // the join of all clocks: no clock knows more of a slot than its latest step
	if isAll {
		p.lastAll = c
		p.allIdx = append(p.allIdx, i)
	}
	for _, x := range fp {
		o := p.obj(x.key)
		switch {
		case o == nil:
		case x.write:
			o.w, o.r = c, nil
			o.writes = appendIdx(o.writes, i)
		default:
			o.r.join(c)
			o.reads = appendIdx(o.reads, i)
		}
	}
	p.steps = append(p.steps, dstep{gid: t.gid, c: t.c, slot: sl, fp: fp, node: n, clock: c})
	p.width = max(p.width, len(c))
	p.mark(fp)
}

// clone copies v into the slab, with room to grow to the widest clock so
// far: a step's clock is made at every step and lives until the
// execution ends, when the slab is reused.
func (p *dpor) clone(v vclock) vclock {
	n := max(len(v), p.width)
	if len(p.slab)-p.off < n {
		p.slab, p.off = make(vclock, max(2*len(p.slab), 64*n)), 0
	}
	c := p.slab[p.off : p.off+len(v) : p.off+n]
	p.off += n
	copy(c, v)
	return c
}

func setClock(m map[time.Duration]vclock, d time.Duration, c vclock) map[time.Duration]vclock {
	if m == nil {
		m = map[time.Duration]vclock{}
	}
	m[d] = c
	return m
}

// meetClock records that a step with clock c set deadline d: the clock's
// step to d is after what all such steps are after (elementwise minimum).
func meetClock(m map[time.Duration]vclock, d time.Duration, c vclock) map[time.Duration]vclock {
	if m == nil {
		m = map[time.Duration]vclock{}
	}
	old, ok := m[d]
	if !ok {
		m[d] = c.clone()
		return m
	}
	meet := old[:min(len(old), len(c))].clone()
	for i := range meet {
		meet[i] = min(meet[i], c[i])
	}
	m[d] = meet
	return m
}

func appendIdx(l []int, i int) []int {
	if last(l) != i {
		l = append(l, i)
	}
	return l
}

// last returns the last index of l, -1 if l is empty.
func last(l []int) int {
	if len(l) == 0 {
		return -1
	}
	return l[len(l)-1]
}

// obj returns the clocks of the object (or the time) with the given key;
// nil for keys that are not objects.
func (p *dpor) obj(key int) *objClock {
	if key <= 0 && key != keyClock {
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

// analyze finds, for the next operation of every live goroutine (and the
// clock's next transition), the steps it races with (see races) and
// adds backtrack points to reverse them.
func (p *dpor) analyze(ex *exec, bounded bool) {
	for id := p.ngs; id < len(ex.gs); id++ {
		p.moved.add(id)
	}
	p.ngs = len(ex.gs)
	if p.allDirty {
		for id := range ex.gs {
			p.dirty.add(id)
		}
	}
	if len(p.steps) > p.analysed {
		p.dirty.or(p.always)
		p.latestOnly()
	}
	p.dirty.or(p.moved)
	p.dirty.andNot(p.group)
	p.dirty.each(func(id int) {
		q := ex.gs[id]
		if q.done {
			return
		}
		switch st, fresh := p.seenOf(q); {
		case !fresh && p.racesLatestOnly(q.id, st.fp):
			p.group.add(q.id)
		default:
			// a select may take any of its cases: each has its latest race
			p.eachRaces(q.id, anyCase, p.clockOf(q), st.fp, bounded)
		}
	})
	p.moved.clear()
	p.dirty.clear()
	p.allDirty, p.analysed = false, len(p.steps)
	p.reverseLatest(bounded)
	if at, ok := ex.next(); ok {
		fp := ex.clockFootprint(at)
		p.races(trace.TimeStep, anyCase, p.dl[at], fp, fp, bounded)
	}
}

// latestOnly puts in p.group the goroutines, not moved since the last
// analysis, whose pending operation is a single touch of an object the
// latest step (not the clock's) wrote: racesLatestOnly holds for each
// (that write is the barrier of its candidates).
func (p *dpor) latestOnly() {
	i := len(p.steps) - 1
	s := &p.steps[i]
	if s.gid == trace.TimeStep {
		return
	}
	for _, x := range s.fp {
		if o := p.objs[x.key]; o != nil && x.write {
			p.group.or(o.single)
		}
	}
	p.group.andNot(p.moved)
	p.group.andNot(p.dead)
	p.group.remove(s.gid)
}

// mark notes what a step with footprint fp conflicts with, for the next
// analysis.
func (p *dpor) mark(fp footprint) {
	if fp.all() {
		p.allDirty = true
		return
	}
	for _, x := range fp {
		if o := p.objs[x.key]; o != nil && x.write {
			p.dirty.or(o.pend)
		} else if o != nil {
			p.dirty.or(o.pendW)
		}
	}
}

// racesLatestOnly reports whether the only race of q's pending operation
// fp, analysed before and conflicting with a step since, is with the
// latest step, taken by a goroutine (not the clock): then its analysis is
// the same for every such q and reverseLatest does it for them at once.
// (q did not know that step, and the steps after it are none: q is the
// initial of the reversal.)
func (p *dpor) racesLatestOnly(q int, fp footprint) bool {
	if len(fp) != 1 {
		return false
	}
	c := p.candidates(q, fp)
	i := len(p.steps) - 1
	return len(c) == 1 && c[0] == i && p.steps[i].gid != trace.TimeStep && p.steps[i].gid != q
}

// reverseLatest adds the backtrack points of the goroutines in p.group,
// whose pending operations race only with the latest step i, as races
// and reverse would one by one: each at i's choice point and (bounded)
// at the latest step of i's run where it can run without a preemption,
// else at the run's first step; every goroutine where one cannot run.
// Only the choice points of i's run change, and every change made there
// in one analysis is a union (the reversal after a step of the run is
// empty: the rest of the run happens after it), so the order of the
// goroutines does not matter.
func (p *dpor) reverseLatest(bounded bool) {
	g := p.group
	if g.empty() {
		return
	}
	defer p.group.clear()
	i := len(p.steps) - 1
	if n := p.steps[i].node; n != nil {
		n.backtrackOf(g)
	}
	if !bounded {
		return
	}
	rem := append(p.rem[:0], g...)
	p.rem = rem
	start := p.runStart(i)
	for j := i; j > start; j-- {
		if n := p.steps[j].node; n != nil {
			n.index()
			n.backtrack.addAnd(rem, n.free)
			rem.andNot(n.free)
		}
	}
	if n := p.steps[start].node; n != nil && !rem.empty() {
		n.backtrackOf(rem)
	}
}

// backtrackOf adds the goroutines of g to n's backtrack set, or every
// goroutine if one of g cannot run at n (addBacktrack for each).
func (n *dnode) backtrackOf(g gset) {
	n.index()
	n.backtrack.addAnd(g, n.can)
	if !g.subset(n.can) {
		n.backtrackAll()
	}
}

// seenOf returns what the latest analysis of q's pending operation saw;
// fresh if q has announced another operation since (then it is
// registered anew with the objects it touches).
func (p *dpor) seenOf(q *gor) (st *seen, fresh bool) {
	for len(p.seen) <= q.id {
		p.seen = append(p.seen, seen{})
	}
	st = &p.seen[q.id]
	if st.ok && st.op == q.pend.op && st.seq == q.pend.seq {
		return st, false
	}
	p.register(q.id, st, false)
	*st = seen{ok: true, op: q.pend.op, seq: q.pend.seq, fp: pendingFootprint(&q.pend)}
	st.objs = make([]*objClock, len(st.fp))
	for k, x := range st.fp {
		st.objs[k] = p.obj(x.key)
	}
	p.register(q.id, st, true)
	return st, true
}

// register adds goroutine q, with what it saw, to the sets that say when
// to analyse it again (or removes it).
func (p *dpor) register(q int, st *seen, on bool) {
	set := func(g *gset) {
		if on {
			g.add(q)
		} else {
			g.remove(q)
		}
	}
	for k, x := range st.fp {
		o := st.objs[k]
		if o == nil || x.key == keyAll {
			set(&p.always)
			continue
		}
		set(&o.pend)
		if x.write {
			set(&o.pendW)
		}
		if len(st.fp) == 1 {
			set(&o.single)
		}
	}
}

// races adds the backtrack points for a step of q with footprint fp:
// q's pending operation, or the step q has just taken (what it touched
// on the way to its next operation was not known while it was pending).
// c is the select case the step took (anyCase for a pending operation):
// a goroutine that could run at the backtrack point, but only another
// case, does not reverse the race (the step it raced with enabled its
// case), so then every goroutine that can run there is tried.
//
// For the clock every race counts, not only the latest: any of several
// deadlines may enable its step, so reversing the latest race alone can
// leave an earlier one (with a step that set another deadline) unseen.
//
// fp is what is checked for races, full all that q's step touches.
func (p *dpor) races(q, c int, cq vclock, fp, full footprint, bounded bool) {
	// the latest races: each racing step that does not happen before
	// another racing step (two concurrent reads racing with one write are
	// both reversed); for the clock, every race
	kept := p.kept[:0]
	for _, i := range p.candidates(q, fp) {
		if !p.racing(i, q, cq) {
			continue
		}
		if q != trace.TimeStep && slices.ContainsFunc(kept, func(k int) bool { return p.hb(i, k) }) {
			continue
		}
		kept = append(kept, i)
		p.reverse(i, q, c, cq, full)
		if bounded {
			p.addBacktrack(p.freeSwitch(i, q), q, c)
		}
	}
	p.kept = kept
}

// barrier returns the earliest candidate step that races can keep for a
// single touch fp of q: every earlier candidate happens before the latest
// write to its object or the latest step dependent with everything, so it
// is either ordered before q or before a race kept already. The clock
// keeps every race: 0.
func (p *dpor) barrier(q int, fp footprint) int {
	if q == trace.TimeStep || len(fp) > 1 {
		return 0
	}
	b := last(p.allIdx)
	if len(fp) == 1 && !fp.all() {
		if o := p.objs[fp[0].key]; o != nil {
			b = max(b, last(o.writes))
		}
	}
	return max(b, 0)
}

// hb reports whether step a happens before step b.
func (p *dpor) hb(a, b int) bool {
	return p.steps[b].clock.get(p.steps[a].slot) >= uint32(a+1)
}

// candidates returns, latest first, the steps that can be dependent with
// fp for a step of q: those on its objects (writes, and reads when fp
// writes) and those dependent with everything; every step if fp is; for
// a single touch, none before the barrier. The slice is reused by the
// next call.
func (p *dpor) candidates(q int, fp footprint) []int {
	key := candKey{n: len(p.steps) + 1, clock: q == trace.TimeStep, one: len(fp) == 1}
	if len(fp) == 1 {
		key.t = fp[0]
	}
	if len(fp) <= 1 && key == p.candKey {
		return p.cand
	}
	p.candKey = key
	if len(fp) > 1 {
		p.candKey = candKey{}
	}
	from := p.barrier(q, fp)
	idx := p.cand[:0]
	if fp.all() {
		for i := len(p.steps) - 1; i >= from; i-- {
			idx = append(idx, i)
		}
		p.cand = idx
		return idx
	}
	idx = appendFrom(idx, p.allIdx, from)
	for _, x := range fp {
		if o := p.objs[x.key]; o != nil {
			idx = appendFrom(idx, o.writes, from)
			if x.write {
				idx = appendFrom(idx, o.reads, from)
			}
		}
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	slices.Reverse(idx)
	p.cand = idx
	return idx
}

// appendFrom appends the indices of the ascending list l that are at
// least from.
func appendFrom(dst, l []int, from int) []int {
	k := len(l)
	for k > 0 && l[k-1] >= from {
		k--
	}
	return append(dst, l[k:]...)
}

// racing reports whether candidate step i (dependent with q's step by
// construction) is by another goroutine and not ordered before q (clock
// cq).
func (p *dpor) racing(i, q int, cq vclock) bool {
	s := &p.steps[i]
	return s.gid != q && cq.get(s.slot) < uint32(i+1)
}

// eachRaces is races for each touch of fp on its own (and for no touch,
// which races with the steps that ended an execution): the latest race
// of one touch may come before the latest race of them all.
func (p *dpor) eachRaces(q, c int, cq vclock, fp footprint, bounded bool) {
	if len(fp) == 0 {
		p.races(q, c, cq, nil, nil, bounded)
	}
	for k := range fp {
		p.races(q, c, cq, fp[k:k+1], fp, bounded)
	}
}

// anyCase matches every transition of a goroutine in backtracking.
const anyCase = -2

// freeSwitch returns the latest step at or before i, in the run of steps
// by the goroutine that took step i, where switching to q costs no
// preemption (a Yield), else the run's first step (Coons et al.).
func (p *dpor) freeSwitch(i, q int) int {
	start := p.runStart(i)
	for j := i; j > start; j-- {
		if n := p.steps[j].node; n != nil && slices.ContainsFunc(n.transOf(q), func(t trans) bool { return !t.pre }) {
			return j
		}
	}
	return start
}

// runStart returns the first step of the run of consecutive steps by the
// goroutine that took step i.
func (p *dpor) runStart(i int) int {
	for i > 0 && p.steps[i-1].gid == p.steps[i].gid {
		i--
	}
	return i
}

// reverse adds to the backtrack set at step i's choice point a goroutine
// that starts the reversed race: an initial of v, the steps after i that
// do not happen after it followed by q's step (source sets, Abdulla et
// al., POPL 2014). Adding q itself is not enough: a step that is
// independent of i but must precede q's (a read before the write that q
// races with) may have to come first. Nothing is added if an initial is
// in the backtrack set already, or asleep there (explored elsewhere);
// every goroutine is, if no initial can run there as it did.
func (p *dpor) reverse(i, q, c int, cq vclock, fp footprint) {
	n := p.steps[i].node
	if n == nil {
		return
	}
	v, inits := p.reversal(i)
	// q's step comes last in v: after every step of v it knows of or
	// depends on
	qInit := !slices.ContainsFunc(v, func(k int) bool {
		return cq.get(p.steps[k].slot) >= uint32(k+1) || p.steps[k].fp.conflicts(fp)
	})
	n.addInitial(inits, trans{gid: q, c: c}, qInit)
}

// reversal returns v, the steps after i that do not happen after it, and
// the initials of v (those after no other step of v).
func (p *dpor) reversal(i int) (v []int, inits []trans) {
	if p.revKey == [2]int{len(p.steps) + 1, i} {
		return p.v, p.vinits
	}
	p.revKey = [2]int{len(p.steps) + 1, i}
	v = p.v[:0]
	for k := i + 1; k < len(p.steps); k++ {
		if !p.hb(i, k) {
			v = append(v, k)
		}
	}
	inits = p.vinits[:0]
	for x, k := range v {
		if !slices.ContainsFunc(v[:x], func(k2 int) bool { return p.hb(k2, k) }) {
			inits = append(inits, trans{gid: p.steps[k].gid, c: p.steps[k].c})
		}
	}
	p.v, p.vinits = v, inits
	return v, inits
}

// addInitial adds one of inits (and q's step if qInit) to n's backtrack
// set unless one is there already or asleep; every goroutine if none can
// run at n.
func (n *dnode) addInitial(inits []trans, q trans, qInit bool) {
	m := len(inits)
	if qInit {
		m++
	}
	at := func(k int) trans {
		if k < len(inits) {
			return inits[k]
		}
		return q
	}
	for k := range m {
		if u := at(k); n.runs(u.gid, u.c) && (n.backtrack.has(u.gid) || asleep(n.sleep, u)) {
			return
		}
	}
	for k := range m {
		if u := at(k); n.runs(u.gid, u.c) {
			n.backtrack.add(u.gid)
			return
		}
	}
	n.backtrackAll()
}

func (p *dpor) addBacktrack(i, q, c int) {
	if n := p.steps[i].node; n != nil {
		n.addBacktrack(q, c, true)
	}
}

// addBacktrack adds goroutine q to n's backtrack set; if q cannot take
// case c at n and all is set, every goroutine that can run there.
func (n *dnode) addBacktrack(q, c int, all bool) {
	if n.runs(q, c) {
		n.backtrack.add(q)
	} else if all {
		n.backtrackAll()
	}
}

// backtrackAll adds every goroutine that can run at n to its backtrack set.
func (n *dnode) backtrackAll() {
	for _, t := range n.trs {
		n.backtrack.add(t.gid)
	}
}

// runs reports whether goroutine gid can take case c (or any, anyCase) at n.
func (n *dnode) runs(gid, c int) bool {
	if c == anyCase {
		return len(n.transOf(gid)) > 0
	}
	return slices.ContainsFunc(n.transOf(gid), func(t trans) bool { return c == anyCase || t.c == c })
}

// transOf returns the transitions of goroutine gid at n (adjacent in
// n.trs), through an index built on first use: DPOR asks a choice point
// about every goroutine that races with its step.
func (n *dnode) transOf(gid int) []trans {
	n.index()
	i := gid + 1
	if i >= len(n.pos) || n.pos[i] == 0 {
		return nil
	}
	lo := int(n.pos[i] - 1)
	hi := lo + 1
	for hi < len(n.trs) && n.trs[hi].gid == gid {
		hi++
	}
	return n.trs[lo:hi]
}

// index sets, on first use, n.pos[gid+1] to 1 + the index of gid's
// first transition, and the sets of goroutines that can run at n and
// that can run without a preemption.
func (n *dnode) index() {
	if n.pos != nil {
		return
	}
	m := 0
	for _, t := range n.trs {
		m = max(m, t.gid+2)
	}
	n.pos = make([]int32, m)
	for i := len(n.trs) - 1; i >= 0; i-- {
		t := n.trs[i]
		n.pos[t.gid+1] = int32(i + 1)
		n.can.add(t.gid)
		if !t.pre {
			n.free.add(t.gid)
		}
	}
}

// gset is a set of goroutine ids (and the clock's, -1).
type gset []uint64

func (s gset) has(gid int) bool {
	i := gid + 1
	return i>>6 < len(s) && s[i>>6]&(1<<(i&63)) != 0
}

func (s *gset) add(gid int) {
	i := gid + 1
	for len(*s) <= i>>6 {
		*s = append(*s, 0)
	}
	(*s)[i>>6] |= 1 << (i & 63)
}

// addAnd adds the members of both a and b.
func (s *gset) addAnd(a, b gset) {
	n := min(len(a), len(b))
	for len(*s) < n {
		*s = append(*s, 0)
	}
	for k := range n {
		(*s)[k] |= a[k] & b[k]
	}
}

// andNot removes the members of b.
func (s gset) andNot(b gset) {
	for k := range min(len(s), len(b)) {
		s[k] &^= b[k]
	}
}

// subset reports whether every member of s is in b.
func (s gset) subset(b gset) bool {
	for k, w := range s {
		if k < len(b) {
			w &^= b[k]
		}
		if w != 0 {
			return false
		}
	}
	return true
}

func (s gset) empty() bool { return !slices.ContainsFunc(s, func(w uint64) bool { return w != 0 }) }

func (s gset) clear() { clear(s) }

func (s gset) remove(gid int) {
	if i := gid + 1; i>>6 < len(s) {
		s[i>>6] &^= 1 << (i & 63)
	}
}

// or adds the members of b.
func (s *gset) or(b gset) {
	for len(*s) < len(b) {
		*s = append(*s, 0)
	}
	for k, w := range b {
		(*s)[k] |= w
	}
}

// each calls f with every member, in increasing order.
func (s gset) each(f func(gid int)) {
	for k, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			w &^= 1 << b
			f(k<<6 + b - 1)
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

// ran notes the goroutines that ran in the step of g: g and the
// partners it resumed announced new operations, or ended.
func (p *dpor) ran(ex *exec, g *gor) {
	note := func(h *gor) {
		p.moved.add(h.id)
		if h.done {
			p.dead.add(h.id)
		}
	}
	if g != ex.clock {
		note(g)
	}
	for _, h := range ex.partners {
		note(ex.gs[h])
	}
}
