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
// preemption-bounded strategies.

// Lookahead is implemented by models that can say what a thread may still
// touch. Without it every thread that can still step is assumed to touch
// every object later, which leaves reduction only the threads that cannot
// move until a reduced step has been taken.
type Lookahead interface {
	// MayAccess returns every access thread th may make from s on, its
	// next step included. It may over-approximate; leaving an access out
	// makes the reduction unsound.
	MayAccess(s State, th int) []Access
}

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
func (e *explorer) porPlan() (*reducer, string) {
	if !e.o.POR {
		return nil, "off"
	}
	switch {
	case e.o.Strategy == Random || e.o.Strategy == PCT:
		return nil, "off: " + e.o.Strategy.String() + " search samples executions"
	case e.o.ContextBound:
		return nil, "off: preemption bounding counts switches the reduction reorders"
	case e.graph != nil:
		return nil, "off: liveness (graph) checks need every interleaving"
	case e.o.Depth > 0:
		return nil, "off: a depth bound counts steps the reduction reorders"
	}
	r := &reducer{m: e.m, visible: map[string]bool{}}
	r.look, _ = e.m.(Lookahead)
	for _, c := range e.checks {
		if tc, ok := c.(TerminalChecker); ok && tc.TerminalOnly() {
			continue
		}
		rd, ok := c.(Reader)
		if !ok {
			return nil, fmt.Sprintf("off: check %s does not declare what it reads (see harness.InvariantOn)", c.Name())
		}
		for _, o := range rd.Reads() {
			r.visible[o] = true
		}
		r.proviso = true
	}
	if e.o.Workers > 1 {
		return r, "on (on one worker: the reduced search is sequential)"
	}
	return r, "on"
}

// thread status in a state, for the reducer.
const (
	thDone = iota
	thEnabled
	thBlocked
)

// reducer computes persistent sets. Its slices are scratch space indexed
// by thread, reused from state to state.
type reducer struct {
	m       Model
	look    Lookahead
	visible map[string]bool // objects read by invariant checks
	proviso bool            // invariants: widen visible sets, cycle proviso

	status []uint8
	step   []Step     // the enabled or blocked step of each thread
	future [][]Access // MayAccess, if the model has a Lookahead
	inE    []bool     // threads whose steps form the persistent set
	inR    []bool     // threads that may move while inE threads wait
	best   []int
}

// scan records the status, step and future of every thread in s and
// returns the enabled steps in thread order.
func (r *reducer) scan(s State) []Step {
	n := r.m.Threads(s)
	r.status = resize(r.status, n)
	r.step = resize(r.step, n)
	r.future = resize(r.future, n)
	r.inE, r.inR = resize(r.inE, n), resize(r.inR, n)
	var enabled []Step
	for th := range n {
		st, ok := r.m.Enabled(s, th)
		st.Thread = th
		r.step[th], r.future[th] = st, nil
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
		if r.look != nil {
			r.future[th] = r.look.MayAccess(s, th)
		}
	}
	return enabled
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// reduce returns a persistent subset of enabled (the result of scan on
// the same state), in thread order.
func (r *reducer) reduce(enabled []Step) []Step {
	if len(enabled) <= 1 {
		return enabled
	}
	r.best = r.best[:0]
	for _, seed := range enabled {
		clear(r.inE)
		r.inE[seed.Thread] = true
		r.grow()
		size := 0
		for _, in := range r.inE {
			if in {
				size++
			}
		}
		if len(r.best) == 0 || size < len(r.best) {
			r.best = r.best[:0]
			for th, in := range r.inE {
				if in {
					r.best = append(r.best, th)
				}
			}
		}
		if len(r.best) == 1 {
			break
		}
	}
	if len(r.best) == len(enabled) {
		return enabled
	}
	out := make([]Step, 0, len(r.best))
	for _, th := range r.best {
		out = append(out, r.step[th])
	}
	if r.proviso && r.anyVisible(out) {
		return enabled
	}
	return out
}

// grow adds threads to inE until no thread that can move while they wait
// may later conflict with their steps.
func (r *reducer) grow() {
	for {
		r.movable()
		conflict, grew := false, false
		for q, in := range r.inR {
			if !in || !r.conflictsWithE(q) {
				continue
			}
			conflict = true
			if r.status[q] == thEnabled {
				r.inE[q], grew = true, true
				continue
			}
			// q is blocked but may be woken: wait for its wakers too.
			for w, win := range r.inR {
				if win && r.status[w] == thEnabled && r.mayTouch(w, r.step[q].Access) {
					r.inE[w], grew = true, true
				}
			}
		}
		if !conflict {
			return
		}
		if !grew {
			for th, st := range r.status {
				r.inE[th] = st == thEnabled
			}
			return
		}
	}
}

// movable computes inR: the threads not in inE that may take a step
// before any inE thread does. Enabled ones may; a blocked one may once a
// movable thread can touch what it waits on.
func (r *reducer) movable() {
	some := false
	for th, st := range r.status {
		r.inR[th] = st == thEnabled && !r.inE[th]
		some = some || r.inR[th]
	}
	for changed := some; changed; {
		changed = false
		for q, st := range r.status {
			if st != thBlocked || r.inR[q] {
				continue
			}
			for w, in := range r.inR {
				if in && (len(r.step[q].Access) == 0 || r.mayTouch(w, r.step[q].Access)) {
					r.inR[q], changed = true, true
					break
				}
			}
		}
	}
}

// conflictsWithE reports whether thread q may later make an access that
// conflicts with a step of an inE thread.
func (r *reducer) conflictsWithE(q int) bool {
	for th, in := range r.inE {
		if in && r.mayTouch(q, r.step[th].Access) {
			return true
		}
	}
	return false
}

// mayTouch reports whether thread th may, from now on, make an access
// conflicting with one of acc. Without a Lookahead it may touch anything.
func (r *reducer) mayTouch(th int, acc []Access) bool {
	if len(acc) == 0 {
		return false
	}
	if r.look == nil {
		return true
	}
	return accessesConflict(r.future[th], acc) || accessesConflict(r.step[th].Access, acc)
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
