package harness

import (
	"fmt"
	"math/bits"
	"slices"
)

// Partial-order reduction (Options.POR) explores, from each state, a
// persistent set of steps instead of every enabled step (Godefroid 1996),
// plus sleep sets in depth-first search, and fires a step without storing
// the state it leaves when that state's persistent set is a single step
// (SPIN's statement merging, computed per state from footprints).
//
// Soundness rests on the footprint contract: whether thread th can step in
// s, which step it is and what the step does depend only on th's own part
// of the state and on the objects in the step's footprint, and the step
// changes nothing else. Two steps of different threads whose footprints do
// not conflict (Access.Conflicts) are then independent: each leaves the
// other enabled and the same, and they commute.
//
// What the reduction preserves:
//
//   - every reachable terminal state, hence every deadlock and every
//     failing Terminal check, with no extra condition;
//   - failing invariants, when every check that looks at non-terminal
//     states declares the objects it reads (Reader, InvariantOn): a step
//     that changes such an object is visible, a persistent set holding a
//     visible step is widened to every enabled step, and a reduced state
//     whose persistent successors include an already stored state is fully
//     expanded (the cycle proviso). Merging is off in that mode.
//
// Reduction is not applied, and Result.Reduction says why, when a check
// does not declare what it reads, when a GraphCheck (liveness) needs the
// whole graph, under a depth bound, and for the random, PCT and
// preemption-bounded strategies. With symmetry reduction (symmetry.go)
// persistent sets are computed on canonical states and sleep sets are
// left out.

// Reader is implemented by checks that look only at some shared objects
// of non-terminal states: a step that changes none of them cannot change
// the check's verdict, so the reduction may reorder it.
type Reader interface {
	// Reads names the objects the check reads.
	Reads() []string
}

// TerminalChecker is implemented by checks that look only at terminal
// states, as the checks made by Terminal do. The reduction reaches every
// reachable terminal state, so such checks keep it on with no condition.
type TerminalChecker interface {
	TerminalOnly() bool
}

// TerminalOnly implements TerminalChecker.
func (c stateCheck) TerminalOnly() bool { return c.terminalOnly }

// InvariantOn returns a Check that must hold in every reachable state and
// that reads only the named objects (which must be the objects of the
// footprints that change them) and no thread's private state. Unlike
// Invariant it keeps partial-order reduction on.
func InvariantOn(name string, objects []string, holds func(State) error) Check {
	return readingCheck{stateCheck: stateCheck{name: name, holds: holds}, objects: slices.Clone(objects)}
}

type readingCheck struct {
	stateCheck
	objects []string
}

// Reads implements Reader.
func (c readingCheck) Reads() []string { return c.objects }

// maxChain bounds the steps merged into one: a thread spinning alone is
// stored every maxChain steps, so the search ends.
const maxChain = 1 << 10

// sleepThreads is the number of threads sleep sets can track (one bit
// each); beyond it the search uses persistent sets alone.
const sleepThreads = 64

// porPlan decides whether reduction applies to this search and, if it
// does, builds the reducer. It returns nil and the reason when it does
// not.
func (e *explorer) porPlan() (*reducer, Applied) {
	if !e.o.POR {
		return nil, Applied{Off: true}
	}
	switch {
	case e.o.Strategy == Random || e.o.Strategy == PCT:
		return nil, offFor(e.o.Strategy.String() + " search samples executions")
	case e.o.ContextBound:
		return nil, offFor("preemption bounding counts switches the reduction reorders")
	case e.graph != nil:
		return nil, e.graphReason("every interleaving", "every interleaving")
	case e.o.Shard.Spec.On():
		return nil, offFor("a sharded search splits the unreduced graph at a level")

	case e.o.Depth > 0:
		return nil, offFor("a depth bound counts steps the reduction reorders")
	}
	r := &reducer{m: e.m, visible: map[string]bool{}, objects: map[string]int{}}
	r.look, _ = e.m.(Lookahead)
	for _, c := range e.checks {
		if tc, ok := c.(TerminalChecker); ok && tc.TerminalOnly() {
			continue
		}
		rd, ok := c.(Reader)
		if !ok {
			return nil, offFor(fmt.Sprintf("check %s does not declare what it reads (see harness.InvariantOn)", c.Name()))
		}
		for _, o := range rd.Reads() {
			r.visible[o] = true
		}
		r.proviso = true
	}
	if e.o.Workers > 1 {
		return r, Applied{On: true, Reason: "on one worker: the reduced search is sequential"}
	}
	return r, Applied{On: true}
}

// thread status in a state, for the reducer.
const (
	thDone = iota
	thEnabled
	thBlocked
)

// reducer computes persistent sets. Objects are numbered as they are met,
// and what a thread's step touches and what it may touch later are kept
// as bit sets of object numbers (reads and changes apart), so that a
// conflict test is a few word operations. Its slices are scratch space
// indexed by thread, reused from state to state.
type reducer struct {
	m       Model
	look    Lookahead
	visible map[string]bool // objects read by invariant checks
	proviso bool            // invariants: widen visible sets, cycle proviso
	objects map[string]int  // object numbers

	s       State // the state scan saw
	status  []uint8
	enabled []Step     // scan's result, reused
	futures [][]Access // MayAccess of each thread, reused
	step    []Step     // the enabled or blocked step of each thread
	words   int        // words per bit set in this state
	// Bit sets, words per thread back to back: objects the step reads
	// (sr) and changes (sw); with the accesses a Lookahead says the thread
	// may make later (fr, fw).
	sr, sw, fr, fw []uint64
	// Thread masks of the state: touch[th] are the threads whose
	// current step th may conflict with later; touchedBy is its
	// transpose.
	touch, touchedBy         []uint64
	enabledMask, blockedMask uint64
	reduced                  []Step // reduce's result, reused
}

// scan records the status, step and accesses of every thread in s and
// returns the enabled steps in thread order. The result, and what reduce
// returns from it, is valid only until the next scan.
func (r *reducer) scan(s State) []Step {
	n := r.m.Threads(s)
	r.status = resize(r.status, n)
	r.step = resize(r.step, n)
	enabled := r.enabled[:0]
	r.s = s
	for th := range n {
		st, ok := r.m.Enabled(s, th)
		st.Thread = th
		r.step[th] = st
		switch {
		case ok:
			r.status[th] = thEnabled
			enabled = append(enabled, st)
		case finished(r.m, s, th):
			r.status[th] = thDone
			continue
		default:
			r.status[th] = thBlocked
		}
	}
	r.enabled = enabled
	return enabled
}

// index builds the access bit sets of the state scan saw; reduce needs
// them only when more than one thread is enabled.
func (r *reducer) index() {
	n := len(r.status)
	var futures [][]Access
	if r.look != nil {
		r.futures = resize(r.futures, n)
		futures = r.futures
	}
	for th := range n {
		if r.status[th] == thDone {
			continue
		}
		r.intern(r.step[th].Access)
		if futures != nil {
			futures[th] = r.look.MayAccess(r.s, th)
			r.intern(futures[th])
		}
	}
	r.words = (len(r.objects) + 63) / 64
	for _, set := range []*[]uint64{&r.sr, &r.sw, &r.fr, &r.fw} {
		*set = resize(*set, n*r.words)
		clear(*set)
	}
	for th := range n {
		if r.status[th] == thDone {
			continue
		}
		r.mark(r.sr, r.sw, th, r.step[th].Access)
		r.mark(r.fr, r.fw, th, r.step[th].Access)
		if futures != nil {
			r.mark(r.fr, r.fw, th, futures[th])
		}
	}
}

func (r *reducer) intern(acc []Access) {
	for _, a := range acc {
		if _, ok := r.objects[a.Object]; !ok {
			r.objects[a.Object] = len(r.objects)
		}
	}
}

// mark adds acc to thread th's read and change sets.
func (r *reducer) mark(read, change []uint64, th int, acc []Access) {
	for _, a := range acc {
		o := r.objects[a.Object]
		set := change
		if a.Kind == Read {
			set = read
		}
		set[th*r.words+o/64] |= 1 << uint(o%64)
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// reduce returns a persistent subset of enabled (the result of scan on
// the same state), in thread order. It tries each enabled thread as the
// seed of the set and keeps the smallest set found. Threads are bits of a
// word, so models with more than sleepThreads threads are not reduced.
func (r *reducer) reduce(enabled []Step) []Step {
	n := len(r.status)
	if len(enabled) <= 1 || n > sleepThreads {
		return enabled
	}
	r.index()
	r.relate()
	best := r.enabledMask
	for _, seed := range enabled {
		e := r.grow(bit(seed.Thread))
		if bits.OnesCount64(e) < bits.OnesCount64(best) {
			best = e
		}
		if bits.OnesCount64(best) == 1 {
			break
		}
	}
	if best == r.enabledMask {
		return enabled
	}
	out := r.reduced[:0]
	for _, st := range enabled {
		if best&bit(st.Thread) != 0 {
			out = append(out, st)
		}
	}
	r.reduced = out
	if r.proviso && r.anyVisible(out) {
		return enabled
	}
	return out
}

// relate computes, for every thread th, touch[th]: the threads whose
// current step th may conflict with from now on, and touchedBy, its
// transpose; plus the masks of enabled and blocked threads.
func (r *reducer) relate() {
	n := len(r.status)
	r.touch = resize(r.touch, n)
	r.touchedBy = resize(r.touchedBy, n)
	clear(r.touchedBy)
	r.enabledMask, r.blockedMask = 0, 0
	for th, st := range r.status {
		switch st {
		case thEnabled:
			r.enabledMask |= bit(th)
		case thBlocked:
			r.blockedMask |= bit(th)
		}
	}
	for th := range n {
		r.touch[th] = 0
		if r.status[th] == thDone {
			continue
		}
		for q := range n {
			if q != th && r.status[q] != thDone && r.mayTouch(th, q) {
				r.touch[th] |= bit(q)
				r.touchedBy[q] |= bit(th)
			}
		}
	}
}

// grow adds threads to the set e of threads whose steps are explored
// until no thread that can move while they wait may later conflict with
// their steps, and returns it.
func (r *reducer) grow(e uint64) uint64 {
	for {
		moving := r.movable(e)
		conflict, grown := uint64(0), e
		for rest := moving; rest != 0; rest &= rest - 1 {
			q := bits.TrailingZeros64(rest)
			if r.touch[q]&e == 0 {
				continue
			}
			conflict |= bit(q)
			if r.status[q] == thEnabled {
				grown |= bit(q)
			} else { // blocked but may be woken: wait for its wakers too
				grown |= r.touchedBy[q] & moving & r.enabledMask
			}
		}
		switch {
		case conflict == 0:
			return e
		case grown == e:
			return r.enabledMask
		}
		e = grown
	}
}

// movable returns the threads outside e that may take a step before any
// thread of e does. Enabled ones may; a blocked one may once a movable
// thread can touch what it waits on.
func (r *reducer) movable(e uint64) uint64 {
	moving := r.enabledMask &^ e
	for changed := moving != 0; changed; {
		changed = false
		for rest := r.blockedMask &^ moving; rest != 0; rest &= rest - 1 {
			q := bits.TrailingZeros64(rest)
			if len(r.step[q].Access) == 0 || r.touchedBy[q]&moving != 0 {
				moving |= bit(q)
				changed = true
			}
		}
	}
	return moving
}

// mayTouch reports whether thread th may, from now on, make an access
// conflicting with the current (enabled or blocked) step of thread q.
// Without a Lookahead it may touch anything.
func (r *reducer) mayTouch(th, q int) bool {
	if len(r.step[q].Access) == 0 {
		return false
	}
	if r.look == nil {
		return true
	}
	a, b := th*r.words, q*r.words
	for i := range r.words {
		if r.fw[a+i]&(r.sr[b+i]|r.sw[b+i]) != 0 || r.fr[a+i]&r.sw[b+i] != 0 {
			return true
		}
	}
	return false
}

func accessesConflict(a, b []Access) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Conflicts(y) {
				return true
			}
		}
	}
	return false
}

// independent reports whether two steps of different threads commute.
func independent(a, b Step) bool {
	return a.Thread != b.Thread && !accessesConflict(a.Access, b.Access)
}

// anyVisible reports whether a step changes an object an invariant reads.
func (r *reducer) anyVisible(steps []Step) bool {
	for _, st := range steps {
		for _, a := range st.Access {
			if a.Kind != Read && r.visible[a.Object] {
				return true
			}
		}
	}
	return false
}

// bit is the sleep-set bit of thread th, 0 beyond sleepThreads.
func bit(th int) uint64 {
	if th >= sleepThreads {
		return 0
	}
	return 1 << uint(th)
}

// wake returns the members of sleep whose steps in s are independent of
// st: the sleep set of the state st leads to.
func wake(m Model, s State, sleep uint64, st Step) uint64 {
	out := uint64(0)
	for rest := sleep; rest != 0; rest &= rest - 1 {
		th := bits.TrailingZeros64(rest)
		u, ok := m.Enabled(s, th)
		u.Thread = th
		if ok && independent(u, st) {
			out |= bit(th)
		}
	}
	return out
}
