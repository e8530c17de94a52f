package harness

import (
	"slices"

	"github.com/interleave/concurrency/harness/internal/pool"
	"github.com/interleave/concurrency/harness/internal/queue"
	"github.com/interleave/concurrency/harness/internal/store"
)

// Parallel breadth-first search (Options.Workers > 1) goes level by level,
// a wave of waveStates states at a time, in three phases, and returns
// exactly what one worker returns: the same states, numbered alike, the
// same counts, the same violations. The phases run on a pool of workers
// (harness/internal/pool).
//
//  1. expand: workers take chunks of the level's states in any order; for
//     each state they run the checks and build its successors into the
//     chunk, routing each to the index shard its hash falls in;
//  2. claim: workers take index shards in any order; a shard's candidates
//     are looked up in chunk order, which is the order one worker would
//     meet them, so the first occurrence of a new state is the one
//     claimed (marked pending in the index). A worker keeps to one shard's
//     part of the index at a time, which spares cache and TLB misses;
//  3. commit: the claimed candidates are flagged in their chunks (workers
//     by shard). If nothing in the wave can stop the search (no violation,
//     no bound it could reach), workers number and store the new states
//     chunk by chunk, each chunk from where the ones before it end;
//     otherwise one pass in level order replays what one worker would
//     have done (violations reported, bounds checked, new states numbered
//     and stored). Then workers patch the pending marks with the numbers.

// pendingBit, in a slot's number half, marks a pending candidate.
const pendingBit = 1 << 31

// chunkStates is how many states of a level make one unit of work, and
// waveStates how many are in flight at once, which bounds the memory of
// their successors. Variables so that tests can make them small.
var (
	chunkStates = 1024
	waveStates  = 1 << 15
)

// pcand is a successor built in phase 1.
type pcand struct {
	// end: the state is chunk.arena[end of the previous:end]; in a packed
	// chunk, the state itself, byte i in bits 8i to 8i+7.
	end    uint32
	thread uint16
}

// pfound is a state of the level in which something fails.
type pfound struct {
	pos         int
	kinds, msgs []string
}

// pchunk is one unit of work of a level: the states at positions
// [lo, hi) and what phase 1 made of them.
type pchunk struct {
	lo, hi int
	arena  []byte
	cands  []pcand
	// loc, per candidate: 0, or 1 + the wave index of the entry it holds
	// in a shard's pending list, when it is the first occurrence in the
	// level of a state not stored before.
	loc    []uint32
	nsucc  []uint32 // successors of each state (built or cut by the depth bound)
	route  [store.Shards][]proute
	found  []pfound
	widths bool // a successor's length differs from the store's width
	width  int  // that length
	// packed: the exact store keeps states in its index slots (they fit in
	// four bytes), and the chunk keeps them in its candidates, not in an
	// arena: this spares a copy per successor.
	packed bool
}

// state returns candidate i's state; not for packed chunks.
func (c *pchunk) state(i uint32) State {
	start := uint32(0)
	if i > 0 {
		start = c.cands[i-1].end
	}
	return c.arena[start:c.cands[i].end:c.cands[i].end]
}

// proute is what phase 2 needs of a candidate, packed so that a shard's
// worker reads its candidates sequentially: the hash, the upper half of
// the candidate's index slot, and its index in the chunk.
type proute struct {
	hash uint64
	tag  uint32
	idx  uint32
}

// candRef names a candidate: its chunk and its index there.
type candRef struct{ chunk, cand uint32 }

// pending lists the candidates a shard claimed in this wave, their
// hashes, the slots that hold their marks, and their numbers + 1 once
// committed (0 before).
type pending struct {
	refs   []candRef
	hashes []uint64
	slots  []uint64
	ids    []uint32
}

// pworker is one worker's scratch space.
type pworker struct {
	steps   []Step
	buf     State
	cbuf    State // canonical form of buf, under symmetry reduction
	scratch []uint64
	fresh   []int // per chunk: its candidates this worker marked new
}

// psearch is the state of one parallel breadth-first search.
type psearch struct {
	e       *explorer
	chunks  []*pchunk
	used    int // chunks of the current level
	pend    [store.Shards]pending
	base    [store.Shards + 1]int // wave index of each shard's first pending entry
	workers []pworker
	pool    *pool.Pool
	cut     bool // expanding the current level is cut by the depth bound
	// frontier: the exact store's numbers [lo, hi), or a level queue for
	// the fingerprint set.
	lo, hi    uint32
	cur, next *queue.Level
	links     store.Links
	depth     int
	// deferred: the store has reserved room for the new states
	// (fixed-width states), to be numbered and copied out of order.
	deferred bool
}

// parallelBFS is the breadth-first search on Options.Workers workers.
type parallelBFS struct{}

func (parallelBFS) search(e *explorer) error {
	p := &psearch{e: e, workers: make([]pworker, e.o.Workers), pool: pool.New(e.o.Workers - 1), cur: &queue.Level{}, next: &queue.Level{}}
	defer p.pool.Stop()
	init := e.initial()
	if _, _, err := e.set.Add(init); err != nil {
		return err
	}
	if e.seen != nil {
		p.hi = 1
		p.links.Add(0, 0)
	} else {
		p.cur.Push(init)
	}
	for ; p.size() > 0; p.depth++ {
		p.cut = e.o.Depth > 0 && p.depth >= e.o.Depth
		for from := 0; from < p.size(); from += waveStates {
			e.mon.frontier = p.size() - from
			if e.checkpoint() {
				return nil
			}
			if stop, err := p.wave(from, min(from+waveStates, p.size())); stop || err != nil {
				return err
			}
		}
		p.advance()
	}
	return nil
}

// wave runs the three phases on the states at positions [from, to) of
// the current level, and reports whether the search must stop.
func (p *psearch) wave(from, to int) (bool, error) {
	p.split(from, to)
	p.run(p.used, p.expand)
	p.e.res.MaxDepth = p.depth
	p.fixWidth(from, to)
	p.run(store.Shards, p.claim)
	p.index()
	p.run(store.Shards, p.mark)
	p.reserve()
	var stop bool
	var err error
	if p.quiet() {
		p.commitParallel()
	} else {
		stop, err = p.commit()
	}
	p.settle()
	p.run(store.Shards, p.patch)
	if stop || err != nil {
		p.dropPending()
		return true, err
	}
	for sh := range p.pend {
		pend := &p.pend[sh]
		pend.refs, pend.hashes, pend.slots, pend.ids = pend.refs[:0], pend.hashes[:0], pend.slots[:0], pend.ids[:0]
	}
	return false, nil
}

// size is the number of states in the current level.
func (p *psearch) size() int {
	if p.e.seen != nil {
		return int(p.hi - p.lo)
	}
	return p.cur.Len()
}

// levelState returns the state at position pos of the current level.
func (p *psearch) levelState(pos int) State {
	if p.e.seen != nil {
		return p.e.seen.Get(p.lo + uint32(pos))
	}
	return p.cur.Get(pos)
}

// split cuts positions [from, to) of the level into chunks, reusing their
// buffers.
func (p *psearch) split(from, to int) {
	p.used = (to - from + chunkStates - 1) / chunkStates
	for len(p.chunks) < p.used {
		p.chunks = append(p.chunks, &pchunk{})
	}
	for i, c := range p.chunks[:p.used] {
		c.lo, c.hi = from+i*chunkStates, min(from+(i+1)*chunkStates, to)
		c.arena, c.cands, c.loc, c.nsucc, c.found, c.widths = c.arena[:0], c.cands[:0], c.loc[:0], c.nsucc[:0], c.found[:0], false
		c.packed = p.e.seen != nil && p.e.seen.Inline()
		for sh := range c.route {
			c.route[sh] = c.route[sh][:0]
		}
	}
}

// run calls f(worker, i) for i in [0, n), spreading i over the workers.
func (p *psearch) run(n int, f func(w *pworker, i int)) {
	p.pool.Run(n, func(w, i int) { f(&p.workers[w], i) })
}

// expand is phase 1 for chunk i.
func (p *psearch) expand(w *pworker, i int) {
	e, c := p.e, p.chunks[i]
	for pos := c.lo; pos < c.hi; pos++ {
		s := p.levelState(pos)
		w.steps = w.steps[:0]
		for st := range EnabledSteps(e.m, s) {
			w.steps = append(w.steps, st)
		}
		c.nsucc = append(c.nsucc, uint32(len(w.steps)))
		if kinds, msgs := e.inspect(s, len(w.steps) == 0); len(kinds) > 0 {
			c.found = append(c.found, pfound{pos: pos, kinds: kinds, msgs: msgs})
		}
		if p.cut {
			continue
		}
		for _, st := range w.steps {
			next := w.apply(e, s, st)
			h := store.Hash(next)
			var tag uint32
			if e.seen != nil {
				if e.seen.Width() >= 0 && len(next) != e.seen.Width() {
					c.widths, c.width = true, len(next)
				}
				tag = uint32(e.seen.Tag(next, h) >> 32)
			}
			end := tag
			if !c.packed {
				c.arena = append(c.arena, next...)
				end = uint32(len(c.arena))
			}
			// Fields set in place: a struct value appended here is copied
			// through the stack in wide loads that stall on the narrow
			// stores just made (store-to-load forwarding fails).
			r := grow1(&c.route[store.ShardOf(h)])
			r.hash, r.tag, r.idx = h, tag, uint32(len(c.cands))
			cd := grow1(&c.cands)
			cd.end, cd.thread = end, uint16(st.Thread)
		}
	}
	c.loc = slices.Grow(c.loc[:0], len(c.cands))[:len(c.cands)]
	clear(c.loc)
}

// grow1 appends a zero element to *s and returns it.
func grow1[T any](s *[]T) *T {
	var zero T
	*s = append(*s, zero)
	return &(*s)[len(*s)-1]
}

// apply is explorer.apply with the worker's own buffers.
func (w *pworker) apply(e *explorer, s State, st Step) State {
	next := State(nil)
	if e.appender == nil {
		next = e.m.Apply(s, st)
	} else {
		w.buf = e.appender.AppendApply(w.buf[:0], s, st)
		next = w.buf
	}
	if e.sym == nil {
		return next
	}
	w.cbuf = e.sym.Canonical(w.cbuf[:0], next)
	return w.cbuf
}

// fixWidth switches the exact store to states of varying length, before
// the claims, if a successor has another length. Tags computed in phase 1
// are then computed again, and packed chunks are expanded again, as the
// store no longer keeps states in its slots.
func (p *psearch) fixWidth(from, to int) {
	s := p.e.seen
	if s == nil {
		return
	}
	for _, c := range p.chunks[:p.used] {
		if !c.widths {
			continue
		}
		s.SetWidth(c.width)
		if c.packed {
			p.split(from, to)
			p.run(p.used, p.expand)
			return
		}
		for _, c := range p.chunks[:p.used] {
			for _, route := range c.route {
				for i, r := range route {
					route[i].tag = uint32(s.Tag(c.state(r.idx), r.hash) >> 32)
				}
			}
		}
		return
	}
}

// claim is phase 2 for shard sh: it lists the shard's new candidates in
// p.pend[sh]; marking them in their chunks is left to phase 3, so that
// workers never write to memory another worker uses.
func (p *psearch) claim(w *pworker, sh int) {
	for ci, c := range p.chunks[:p.used] {
		for _, r := range c.route[sh] {
			ref := candRef{uint32(ci), r.idx}
			if p.e.seen != nil {
				p.claimExact(sh, r, ref)
			} else if p.e.set.(*store.Fingerprints).InsertWith(max(r.hash, 1), &w.scratch) {
				p.pend[sh].refs = append(p.pend[sh].refs, ref)
			}
		}
	}
}

// state returns a candidate's state.
func (p *psearch) state(r candRef) State { return p.chunks[r.chunk].state(r.cand) }

// claimExact looks a candidate up in shard sh of the exact store and among
// the candidates claimed before it in this level, and claims it if it is
// new.
func (p *psearch) claimExact(sh int, r proute, ref candRef) {
	s, t, pend := p.e.seen, p.e.seen.Shard(sh), &p.pend[sh]
	mask, tag := uint64(len(t.Table)-1), uint64(r.tag)<<32
	for slot := r.hash & mask; ; slot = (slot + 1) & mask {
		e := t.Table[slot]
		if e == 0 {
			t.Table[slot] = tag | pendingBit | uint64(len(pend.refs))
			pend.refs, pend.hashes, pend.slots = append(pend.refs, ref), append(pend.hashes, r.hash), append(pend.slots, slot)
			if t.Count++; t.Count*100 > len(t.Table)*store.MaxLoadPercent {
				p.regrow(sh, 2*len(t.Table), false)
			}
			return
		}
		if e&^store.IDMask != tag {
			continue
		}
		if s.Inline() {
			return
		}
		var other State
		if e&pendingBit != 0 {
			other = p.state(pend.refs[e&(pendingBit-1)])
		} else {
			other = s.Get(uint32(e) - 1)
		}
		if string(other) == string(p.state(ref)) {
			return
		}
	}
}

// regrow rebuilds shard sh's table with the given number of slots,
// keeping pending marks (or dropping them) and their slots up to date.
func (p *psearch) regrow(sh, slots int, drop bool) {
	s, t, pend := p.e.seen, p.e.seen.Shard(sh), &p.pend[sh]
	old := t.Table
	t.Table, t.Count = make([]uint64, slots), 0
	mask := uint64(slots - 1)
	for _, e := range old {
		if e == 0 || (drop && e&pendingBit != 0) {
			continue
		}
		var h uint64
		if e&pendingBit != 0 {
			h = pend.hashes[e&(pendingBit-1)]
		} else {
			h = s.HashOf(e)
		}
		slot := h & mask
		for t.Table[slot] != 0 {
			slot = (slot + 1) & mask
		}
		t.Table[slot] = e
		t.Count++
		if e&pendingBit != 0 {
			pend.slots[e&(pendingBit-1)] = slot
		}
	}
}

// index numbers the wave's pending entries, shard after shard, and
// clears the workers' counts for mark.
func (p *psearch) index() {
	for sh := range p.pend {
		p.base[sh+1] = p.base[sh] + len(p.pend[sh].refs)
	}
	for i := range p.workers {
		w := &p.workers[i]
		w.fresh = slices.Grow(w.fresh[:0], p.used)[:p.used]
		clear(w.fresh)
	}
}

// mark points the candidates shard sh claimed in their chunks at their
// entries, and counts them per chunk. Workers write different candidates,
// each its shard's.
func (p *psearch) mark(w *pworker, sh int) {
	for i, r := range p.pend[sh].refs {
		p.chunks[r.chunk].loc[r.cand] = uint32(p.base[sh] + i + 1)
		w.fresh[r.chunk]++
	}
	pend := &p.pend[sh]
	pend.ids = slices.Grow(pend.ids[:0], len(pend.refs))[:len(pend.refs)]
	clear(pend.ids)
}

// quiet reports whether the commit of this wave can be spread over the
// workers: the new states are numbered in the exact store's reserved room,
// and nothing can stop the search part way (no violation in the wave, no
// state budget it could exhaust, no depth cut).
func (p *psearch) quiet() bool {
	if !p.deferred || p.cut {
		return false
	}
	claimed, e := p.claimed(), p.e
	if e.o.MaxStates > 0 && e.set.Len()+claimed > e.o.MaxStates || e.set.Len()+claimed > store.MaxStates {
		return false
	}
	for _, c := range p.chunks[:p.used] {
		if len(c.found) > 0 {
			return false
		}
	}
	return true
}

// commitParallel is commit for a quiet wave: the chunks number their new
// states (counted by mark) from where the chunks before them stop, all at
// once, copying each into the store's reserved room as they go (in chunk
// order: sequential writes).
func (p *psearch) commitParallel() {
	first := make([]uint32, p.used)
	for i, c := range p.chunks[:p.used] {
		fresh := 0
		for w := range p.workers {
			fresh += p.workers[w].fresh[i]
		}
		p.e.res.Transitions += len(c.cands) // no depth cut: every successor was built
		first[i], _ = p.e.seen.NumberN(fresh)
	}
	p.run(p.used, func(_ *pworker, i int) {
		c, id, k := p.chunks[i], first[i], 0
		for pos, n := range c.nsucc {
			for end := k + int(n); k < end; k++ {
				if g := c.loc[k]; g != 0 {
					p.place(c, k, g, c.lo+pos, id)
					id++
				}
			}
		}
	})
}

// place records that candidate k of c, a successor of the state at
// position pos of the level and the holder of pending entry g, is state
// id, and copies it and its parent link into the room reserved for it.
func (p *psearch) place(c *pchunk, k int, g uint32, pos int, id uint32) {
	p.number(g, id)
	if c.packed {
		p.e.seen.PlacePacked(id, c.cands[k].end)
	} else {
		p.e.seen.Place(id, c.state(uint32(k)))
	}
	p.links.Set(id, p.lo+uint32(pos), int(c.cands[k].thread))
}

// number records that pending entry g is state id.
func (p *psearch) number(g, id uint32) {
	sh, i := p.entry(g)
	p.pend[sh].ids[i] = id + 1
}

// entry returns the shard and the index there of pending entry g: the
// last shard whose entries start before it, found by halving without
// branches ((x-k)>>63 is -1 when x < k, else 0), as mispredicted branches
// cost more than the search.
func (p *psearch) entry(g uint32) (sh, i int) {
	b, k := &p.base, int(g)
	for step := store.Shards / 2; step > 0; step /= 2 {
		sh += step & ((b[sh+step] - k) >> 63)
	}
	return sh, k - 1 - b[sh]
}

// commit is phase 3: in the order one worker would, report the level's
// violations and store its new states, stopping where one worker would.
func (p *psearch) commit() (stop bool, err error) {
	e := p.e
	for _, c := range p.chunks[:p.used] {
		found, k := c.found, 0
		for pos := c.lo; pos < c.hi; pos++ {
			if len(found) > 0 && found[0].pos == pos {
				f := found[0]
				found = found[1:]
				if stop, err := e.report(f.kinds, f.msgs, p.pathTo(pos)); stop {
					return true, err
				}
			}
			n := int(c.nsucc[pos-c.lo])
			if p.cut {
				if n > 0 {
					e.cutByDepth()
				}
				continue
			}
			for ; n > 0; n, k = n-1, k+1 {
				e.res.Transitions++
				if stop, err := p.store(c, k, pos); stop || err != nil {
					return true, err
				}
			}
		}
	}
	return false, nil
}

// store commits candidate k of c, a successor of the state at position
// pos, if it is new, unless the state budget is spent.
func (p *psearch) store(c *pchunk, k, pos int) (stop bool, err error) {
	g := c.loc[k]
	if g == 0 {
		return false, nil
	}
	e := p.e
	if e.o.MaxStates > 0 && e.set.Len() >= e.o.MaxStates {
		e.res.Bound = Bound{BoundMaxStates, uint64(e.o.MaxStates)}
		return true, nil
	}
	switch {
	case e.seen == nil:
		e.set.(*store.Fingerprints).Claimed()
		p.next.Push(c.state(uint32(k)))
	case p.deferred:
		id, err := e.seen.Number()
		if err != nil {
			return true, err
		}
		p.place(c, k, g, pos, id)
	default:
		id, err := e.seen.Push(c.state(uint32(k)))
		if err != nil {
			return true, err
		}
		p.number(g, id)
		p.links.Add(p.lo+uint32(pos), int(c.cands[k].thread))
	}
	return false, nil
}

// claimed counts the states the shards claimed in this wave.
func (p *psearch) claimed() int { return p.base[store.Shards] }

// reserve makes room in the exact store and the parent links for every
// state claimed in this wave, so that the workers can copy them there.
func (p *psearch) reserve() {
	claimed := p.claimed()
	p.deferred = p.e.seen != nil && p.e.seen.Reserve(claimed, func(b []byte, k int) []byte { return growOn(p, b, k) })
	if p.deferred {
		p.links.Room(p.links.Len()+claimed, p.pool)
	}
}

// growOn makes room for n more elements, doubling the capacity when it
// must grow, with the copy spread over the workers: growing the store's
// arrays is the one serial step of a wave whose cost grows with the
// states stored, and copying faults in fresh pages.
func growOn[T any](p *psearch, s []T, n int) []T {
	if len(s)+n <= cap(s) {
		return s
	}
	grown := make([]T, len(s), 2*cap(s)+n)
	const piece = 1 << 16
	p.run((len(s)+piece-1)/piece, func(_ *pworker, i int) {
		lo := i * piece
		copy(grown[lo:min(lo+piece, len(s))], s[lo:])
	})
	return grown
}

// settle gives back the room reserved for states the commit did not
// number (it stopped early).
func (p *psearch) settle() {
	if p.deferred {
		n := p.e.seen.Settle()
		p.links.Cut(n)
	}
}

// pathTo returns the schedule of the state at position pos of the level.
func (p *psearch) pathTo(pos int) func() Schedule {
	if p.e.seen != nil {
		return func() Schedule { return p.links.Path(p.lo + uint32(pos)) }
	}
	return func() Schedule { return p.e.scheduleTo(p.cur.Get(pos), p.depth) }
}

// patch replaces shard sh's pending marks by the committed numbers.
func (p *psearch) patch(_ *pworker, sh int) {
	if p.e.seen == nil {
		return
	}
	t, pend := p.e.seen.Shard(sh), &p.pend[sh]
	for i, slot := range pend.slots {
		if v := pend.ids[i]; v != 0 {
			t.Table[slot] = t.Table[slot]&^store.IDMask | uint64(v)
		}
	}
}

// dropPending removes the marks of candidates a stopped search did not
// commit, so the store holds exactly the states counted.
func (p *psearch) dropPending() {
	if p.e.seen == nil {
		return
	}
	for sh := range p.pend {
		if slices.Contains(p.pend[sh].ids, 0) {
			p.regrow(sh, len(p.e.seen.Shard(sh).Table), true)
		}
	}
}

// advance makes the states stored in this level the next level.
func (p *psearch) advance() {
	if p.e.seen != nil {
		p.lo, p.hi = p.hi, uint32(p.e.seen.Len())
		return
	}
	p.cur, p.next = p.next, p.cur
	p.next.Reset()
}
