package harness

import "encoding/binary"

// bfs explores in discovery order. States are numbered as they are found,
// so the queue is simply the range of numbers not yet expanded, and each
// state remembers its parent and the thread that reached it: enough to
// rebuild a shortest schedule.
func (e *explorer) bfs() error {
	switch {
	case e.o.Workers > 1 && e.graph == nil:
		return e.bfsParallel()
	case e.seen == nil:
		return e.bfsCompact()
	}
	if _, _, err := e.set.add(e.initial()); err != nil {
		return err
	}
	var ln links
	ln.add(0, 0)
	sh := newBFSShard(e.o.Shard)
	defer func() {
		if sh != nil {
			e.res.Shard = &sh.res
		}
	}()
	depth, levelStart, levelEnd := 0, uint32(0), uint32(1)
	for id := uint32(0); id < uint32(e.seen.len()); id++ {
		if id == levelEnd {
			depth++
			levelStart, levelEnd = id, uint32(e.seen.len())
			sh.level(depth, int(levelEnd-levelStart))
		}
		if sh.skip(depth, int(id-levelStart)) {
			continue
		}
		e.mon.frontier = e.seen.len() - int(id)
		if e.interrupted() {
			return nil
		}
		s := e.seen.get(id)
		e.steps = e.steps[:0]
		succ := e.successors(s)
		e.res.MaxDepth = depth
		if kinds, msgs := e.inspect(s, len(succ) == 0); len(kinds) > 0 {
			path := func() Schedule { return ln.path(id) }
			if stop, err := e.report(kinds, msgs, path); stop {
				return err
			}
		}
		if e.o.Depth > 0 && depth >= e.o.Depth {
			if len(succ) > 0 {
				e.cutByDepth()
			}
			continue
		}
		for _, st := range succ {
			e.res.Transitions++
			nid, added, stop, err := e.add(e.apply(s, st))
			if stop || err != nil {
				return err
			}
			e.edge(id, nid, st)
			if added {
				ln.add(id, st.Thread)
			}
		}
		if err := sh.done(s, len(succ)); err != nil {
			return err
		}
	}
	return nil
}

// levelBlock is the size of a level's blocks (while its states have one
// width): a level grows a block at a time, with no copying and no garbage,
// and reuses the blocks it empties.
const levelBlock = 64 << 10

// level is a list of states back to back: a level of the compacted
// breadth-first search, which cannot fetch states from its visited set,
// or the depth-first stack. While its states have one width, as is usual,
// it keeps nothing but the states, in blocks; once widths differ, they are
// all in blocks[0], and ends says where each one ends.
type level struct {
	blocks   [][]byte // all full but the last; nil once released
	spare    [][]byte // emptied blocks, for reuse
	n        int
	width    int // the length of every state; -1 once they differ
	per      int // states per block, while width >= 0
	released int // blocks released so far
	ends     []uint32
}

func (l *level) len() int { return l.n }

func (l *level) push(s State) {
	switch {
	case l.n == 0:
		l.width, l.per = len(s), max(1, levelBlock/max(1, len(s)))
	case l.width >= 0 && len(s) != l.width:
		l.vary()
	}
	if l.width < 0 {
		l.blocks[0] = append(l.blocks[0], s...)
		l.ends = append(l.ends, uint32(len(l.blocks[0])))
		l.n++
		return
	}
	if l.n%l.per == 0 {
		l.blocks = append(l.blocks, l.block())
	}
	last := &l.blocks[len(l.blocks)-1]
	*last = append(*last, s...)
	l.n++
}

// block returns an empty block for per states of the level's width.
func (l *level) block() []byte {
	size := l.per * l.width
	for len(l.spare) > 0 {
		b := l.spare[len(l.spare)-1]
		l.spare = l.spare[:len(l.spare)-1]
		if cap(b) >= size {
			return b
		}
	}
	return make([]byte, 0, size)
}

// vary moves the states into one block, with their ends, as a state of
// another width arrives.
func (l *level) vary() {
	arena := make([]byte, 0, 2*l.n*l.width)
	l.ends = l.ends[:0]
	for _, b := range l.blocks {
		arena = append(arena, b...)
	}
	for i := range l.n {
		l.ends = append(l.ends, uint32((i+1)*l.width))
	}
	l.blocks, l.width = append(l.blocks[:0], arena), -1
}

func (l *level) get(i int) State {
	if l.width >= 0 {
		lo := i % l.per * l.width
		return l.blocks[i/l.per][lo : lo+l.width : lo+l.width]
	}
	start := uint32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.blocks[0][start:l.ends[i]:l.ends[i]]
}

// pop removes the last state.
func (l *level) pop() {
	if l.n == 1 {
		l.reset()
		return
	}
	l.n--
	if l.width < 0 {
		l.ends = l.ends[:l.n]
		l.blocks[0] = l.blocks[0][:l.ends[l.n-1]]
		return
	}
	last := &l.blocks[len(l.blocks)-1]
	if *last = (*last)[:len(*last)-l.width]; l.n%l.per == 0 {
		l.spare = append(l.spare, *last)
		l.blocks = l.blocks[:len(l.blocks)-1]
	}
}

// release hands the blocks holding only states before i to the spares of
// to: the breadth-first search is done with them.
func (l *level) release(i int, to *level) {
	if l.width < 0 {
		return
	}
	for ; l.released < i/l.per; l.released++ {
		to.spare = append(to.spare, l.blocks[l.released][:0])
		l.blocks[l.released] = nil
	}
}

func (l *level) reset() {
	for _, b := range l.blocks {
		if b != nil {
			l.spare = append(l.spare, b[:0])
		}
	}
	l.blocks, l.ends, l.n, l.released = l.blocks[:0], l.ends[:0], 0, 0
}

// bfsCompact is breadth-first search over the fingerprint set: it keeps
// only the current and the next level of states. With no parent links, the
// schedule of a violation is found again by a search bounded by its depth.
func (e *explorer) bfsCompact() error {
	init := e.initial()
	if _, _, err := e.set.add(init); err != nil {
		return err
	}
	cur, next := &level{}, &level{}
	cur.push(init)
	for depth := 0; cur.len() > 0; depth++ {
		next.reset()
		for i := range cur.len() {
			e.mon.frontier = cur.len() - i + next.len()
			if e.interrupted() {
				return nil
			}
			cur.release(i, next)
			s := cur.get(i)
			e.steps = e.steps[:0]
			succ := e.successors(s)
			e.res.MaxDepth = depth
			if kinds, msgs := e.inspect(s, len(succ) == 0); len(kinds) > 0 {
				path := func() Schedule { return e.scheduleTo(s, depth) }
				if stop, err := e.report(kinds, msgs, path); stop {
					return err
				}
			}
			if e.o.Depth > 0 && depth >= e.o.Depth {
				if len(succ) > 0 {
					e.cutByDepth()
				}
				continue
			}
			for _, st := range succ {
				e.res.Transitions++
				ns := e.apply(s, st)
				_, added, stop, err := e.add(ns)
				if stop || err != nil {
					return err
				}
				if added {
					next.push(ns)
				}
			}
		}
		cur, next = next, cur
	}
	return nil
}

// scheduleTo finds a schedule of at most depth steps from the initial
// state to target, trying threads in order, by a depth-first search that
// skips a state already reached in as few steps. Under symmetry reduction
// it searches canonical states, as the search that stored target did,
// and returns the schedule as that search records it. It returns nil if
// there is none (or if target is the initial state). Its stack is a
// depth-first one (dfs.go), and successors are built in buffers of its
// own, so that it leaves little garbage while the search that called it
// still holds its visited set.
func (e *explorer) scheduleTo(target State, depth int) Schedule {
	m := e.m
	appender, _ := m.(Appender)
	fewest := map[uint64]int{}
	stack := &level{}
	var frame, buf, cbuf State
	visit := func(s State, d int) {
		if d == depth {
			return
		}
		h := hashState(s)
		if old, ok := fewest[h]; ok && old <= d {
			return
		}
		fewest[h] = d
		frame = append(append(frame[:0], s...), 0, 0)
		stack.push(frame)
	}
	if init := e.initial(); string(init) != string(target) {
		visit(init, 0)
	}
	for stack.len() > 0 {
		top := stack.len() - 1
		f := stack.get(top)
		s := f[: len(f)-2 : len(f)-2]
		st, ok := nextStep(m, s, int(nextThread(f)))
		if !ok {
			stack.pop()
			continue
		}
		binary.LittleEndian.PutUint16(f[len(f)-2:], uint16(st.Thread+1))
		var next State
		if appender != nil {
			buf = appender.AppendApply(buf[:0], s, st)
			next = buf
		} else {
			next = m.Apply(s, st)
		}
		if e.sym != nil {
			cbuf = e.sym.Canonical(cbuf[:0], next)
			next = cbuf
		}
		if string(next) == string(target) {
			path := make(Schedule, stack.len())
			for i := range path {
				path[i] = int(nextThread(stack.get(i))) - 1
			}
			return path
		}
		visit(next, top+1)
	}
	return nil
}
