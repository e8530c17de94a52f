package harness

// rframe is a stored state on the reduced depth-first stack: the threads
// of its persistent set still to fire (those not asleep), its sleep set,
// which grows as siblings are fired, and the length of the schedule that
// reaches it.
type rframe struct {
	s       State
	threads []int
	next    int
	sleep   uint64
	pathLen int
}

// rdfs is the state of one reduced depth-first search.
type rdfs struct {
	e        *explorer
	r        *reducer
	merge    bool // fire single-step persistent sets without storing
	useSleep bool // sleep sets need a number per state: the exact store
	stack    []rframe
	path     []int
	sleepOf  []uint64 // sleep set each stored state was explored with
	tOf      []uint64 // persistent set each stored state was explored with
}

// reducedDFS explores depth-first with persistent sets and sleep sets. A
// state reached again with a sleep set that leaves out steps it was
// explored without gets those steps explored now (the state-matching fix
// of Godefroid 1996, section 5.3): sleep sets alone would lose them.
// Sleep sets are left out when invariants need the cycle proviso: a step
// the proviso forces can be put to sleep in the state it leads to and
// then ignored around a cycle all the same (TestReductionSound found
// such a model), on the compacted store, which numbers no states, and
// under symmetry reduction, which renames the threads they name.
type reducedDFS struct{ r *reducer }

func (rd reducedDFS) search(e *explorer) error {
	r := rd.r
	d := &rdfs{e: e, r: r, merge: !r.proviso, useSleep: e.seen != nil && !r.proviso && e.sym == nil}
	if stop, err := d.arrive(e.initial(), 0); stop {
		return err
	}
	for len(d.stack) > 0 {
		if e.interrupted() {
			return nil
		}
		top := &d.stack[len(d.stack)-1]
		if top.next == len(top.threads) {
			d.stack = d.stack[:len(d.stack)-1]
			continue
		}
		s, th := top.s, top.threads[top.next]
		top.next++
		st := stepOf(e.m, s, th)
		var sleep uint64  // the threads asleep in the successor
		if e.sym == nil { // a canonical successor numbers its threads anew
			sleep = wake(e.m, s, top.sleep, st)
		}
		top.sleep |= bit(th)
		d.path = append(d.path[:top.pathLen], th)
		e.res.Transitions++
		if stop, err := d.arrive(e.applyNew(s, st), sleep); stop {
			return err
		}
	}
	return nil
}

// arrive handles the state the last fired step reached, with its sleep
// set: it follows single-step persistent sets without storing, then
// stores the state and pushes it, or re-explores it if it was stored.
func (d *rdfs) arrive(s State, sleep uint64) (bool, error) {
	e, r := d.e, d.r
	for chain := 0; ; chain++ {
		e.res.MaxDepth = max(e.res.MaxDepth, len(d.path))
		if id, ok := e.set.Find(s); ok {
			d.revisit(id, s, sleep)
			return false, nil
		}
		enabled := r.scan(s)
		kinds, msgs := e.inspect(s, len(enabled) == 0)
		persistent := r.reduce(enabled)
		if d.merge && len(kinds) == 0 && len(persistent) == 1 && chain < maxChain && len(d.path) > 0 {
			st := persistent[0]
			if sleep&bit(st.Thread) != 0 {
				return false, nil
			}
			sleep = wake(e.m, s, sleep, st)
			d.path = append(d.path, st.Thread)
			e.res.Transitions++
			e.res.Merged++
			s = e.applyNew(s, st)
			continue
		}
		id, _, stop, err := e.add(s)
		if stop || err != nil {
			return true, err
		}
		if len(kinds) > 0 {
			path := func() Schedule { return append(Schedule(nil), d.path...) }
			if stop, err := e.report(kinds, msgs, path); stop {
				return true, err
			}
		}
		if r.proviso && len(persistent) < len(enabled) && e.anyStored(s, persistent) {
			persistent = enabled
		}
		d.push(id, s, persistent, sleep)
		return false, nil
	}
}

// push records how a new state is explored and puts it on the stack.
func (d *rdfs) push(id uint32, s State, persistent []Step, sleep uint64) {
	var set uint64
	var threads []int
	for _, st := range persistent {
		set |= bit(st.Thread)
		if sleep&bit(st.Thread) == 0 {
			threads = append(threads, st.Thread)
		}
	}
	if d.useSleep {
		for int(id) >= len(d.sleepOf) {
			d.sleepOf = append(d.sleepOf, 0)
			d.tOf = append(d.tOf, 0)
		}
		d.sleepOf[id], d.tOf[id] = sleep, set
	} else {
		sleep = 0
		threads = threads[:0]
		for _, st := range persistent {
			threads = append(threads, st.Thread)
		}
	}
	d.stack = append(d.stack, rframe{s: s, threads: threads, sleep: sleep, pathLen: len(d.path)})
}

// revisit explores again, from a stored state reached with sleep set
// sleep, the steps of its persistent set that were asleep before but are
// awake now.
func (d *rdfs) revisit(id uint32, s State, sleep uint64) {
	if !d.useSleep {
		return
	}
	old := d.sleepOf[id]
	redo := old &^ sleep & d.tOf[id]
	d.sleepOf[id] = old & sleep
	if redo == 0 {
		return
	}
	var threads []int
	for th := range sleepThreads {
		if redo&bit(th) != 0 {
			threads = append(threads, th)
		}
	}
	d.stack = append(d.stack, rframe{s: s, threads: threads, sleep: sleep, pathLen: len(d.path)})
}

// anyStored reports whether a step of steps leads from s to a stored
// state: the cycle proviso then asks for full expansion, so that no step
// is postponed forever around a cycle.
func (e *explorer) anyStored(s State, steps []Step) bool {
	for _, st := range steps {
		if _, ok := e.set.Find(e.apply(s, st)); ok {
			return true
		}
	}
	return false
}
