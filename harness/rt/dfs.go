package rt

import (
	"errors"
	"slices"
	"time"
)

// dfs explores choice points depth-first, re-running the body from the
// start for each execution. Reduction (DPOR and/or sleep sets) skips
// transitions whose exploration would only reorder independent
// operations; the preemption bound skips transitions that would need too
// many preemptions.
//
// A step's footprint is known only once it has run (a goroutine arriving
// at a blocking channel operation, a read of the clock and a failure are
// part of it), so each step is completed, for DPOR and the sleep sets, at
// the next choice point or at the end of the execution.
type dfs struct {
	bound    int
	red      Reduction
	stack    []*dnode
	depth    int
	sleep    []slept
	preempts int
	dp       dpor // per-execution DPOR state
	taken    taken
	sh       *dshard // nil unless sharded (shard.go)
}

// dnode is a choice point: its transitions, the one being explored, the
// ones explored already (with the footprints their steps had), its sleep
// set and (DPOR) the goroutines still to try there.
type dnode struct {
	trs       []trans
	fps       []footprint
	cur       int
	done      []int
	sleep     []slept
	preempts  int
	backtrack gset    // goroutine ids (DPOR)
	pos       []int32 // index of trs by goroutine (see index)
	can, free gset    // who can run, who can without a preemption
}

// slept is a transition in a sleep set, with its step's footprint.
type slept struct {
	gid, c int
	fp     footprint
}

// taken is the step being taken: its transition, the footprint of its
// operation, and the choice point it was taken at (nil if forced).
type taken struct {
	ok   bool
	at   time.Duration // the clock's step: the time it reaches
	wake time.Duration // a Sleep ending: its deadline (0: not one)
	born int           // the start of an AfterFunc goroutine: the clock's step that started it
	t    trans
	fp   footprint
	node *dnode
}

// unknownFootprint stands for a step not completed (its execution was
// abandoned): dependent with everything, so it sends nothing to sleep.
var unknownFootprint = footprint{{key: keyAll}}

var errNondeterministic = errors.New("rt: the body is not deterministic: re-running the same schedule gave different choices; keep the body free of native randomness, time and uncontrolled goroutines")

func newDFS(c *config) *dfs { return &dfs{bound: c.bound, red: c.reduction} }

func (d *dfs) pick(ex *exec, trs []trans) int {
	d.complete(ex)
	if d.red == DPOR {
		d.dp.analyze(ex, d.bound >= 0)
	}
	if d.sh != nil && d.sh.skip && d.depth >= d.sh.depth && len(trs) > 1 {
		return -1 // another shard's prefix, now known with its footprints
	}
	if len(trs) == 1 {
		if d.sleeps() && asleep(d.sleep, trs[0]) {
			return -1
		}
		d.take(ex, trs[0], nil)
		return 0
	}
	n := d.node(ex, trs)
	if n == nil {
		return -1
	}
	d.depth++
	t := trs[n.cur] // n.trs holds the goroutines of the execution that made n
	d.preempts = n.preempts
	if t.pre {
		d.preempts++
	}
	d.take(ex, t, n)
	return n.cur
}

func (d *dfs) take(ex *exec, t trans, n *dnode) {
	d.taken = taken{ok: true, t: t, node: n}
	switch {
	case t.g == ex.clock:
		d.taken.at, _ = ex.next()
		d.taken.fp = ex.clockFootprint(d.taken.at)
	case t.g.late: // an arrival: what it touches is added as it happens
		d.taken.fp = nil
	default:
		d.taken.fp = footprintOf(&t.g.pend, t.c)
		if t.g.pend.op == opSleep {
			d.taken.wake = t.g.pend.deadline
		}
		if t.g.pend.op == opStart {
			d.taken.born = t.g.born
		}
	}
	if n != nil {
		n.fps[n.cur] = unknownFootprint // until completed
	}
}

// complete finishes the step being taken, now that its footprint is
// known: it goes into the DPOR record, the choice point it was taken at
// and the sleep set of what follows.
func (d *dfs) complete(ex *exec) {
	if !d.taken.ok {
		return
	}
	s := &d.taken
	s.ok = false
	fp := append(slices.Clip(s.fp), ex.acc...)
	if n := s.node; n != nil {
		n.fps[n.cur] = fp
		if d.sleeps() {
			d.sleep = n.childSleep(fp, s.t.gid)
		}
	} else if d.sleeps() {
		d.sleep = awake(d.sleep, fp, s.t.gid)
	}
	if d.red == DPOR {
		d.dp.forget()
		d.dp.ran(ex, s.t.g)
		if s.wake > 0 {
			d.dp.woken(s.t.g, s.wake)
		}
		if s.born > 0 {
			d.dp.started(s.t.g, s.born)
		}
		// each touch on its own: what the step did on the way to its next
		// operation was not seen while it was pending, so its latest race
		// may come before the latest race of the operation itself
		d.dp.eachRaces(s.t.gid, s.t.c, d.dp.before(s.t.g, s.at), fp, d.bound >= 0)
		if n := s.node; n != nil {
			for _, h := range ex.partners {
				n.addBacktrack(h, anyCase, false)
			}
		}
		d.dp.record(s.t, s.at, fp, s.node, ex.dls)
		// a step that disarmed a timer disabled the clock's step to its
		// deadline: that step races with it, as if it had been pending
		for _, dl := range ex.undls {
			d.dp.disarmed(dl, d.bound >= 0)
		}
	}
}

// node returns the choice point at the current depth: the recorded one
// while re-running a prefix (checking that the body made the same
// choices), else a new one with its first allowed transition; nil to
// abandon the execution.
func (d *dfs) node(ex *exec, trs []trans) *dnode {
	if d.depth < len(d.stack) {
		n := d.stack[d.depth]
		if !sameTrans(n.trs, trs) {
			ex.err = errNondeterministic
			return nil
		}
		return n
	}
	n := &dnode{trs: slices.Clone(trs), fps: make([]footprint, len(trs)), sleep: d.sleep, preempts: d.preempts}
	if n.cur = d.nextAllowed(n, true); n.cur < 0 {
		return nil
	}
	n.backtrack.add(trs[n.cur].gid)
	if d.sh != nil && len(d.stack) < d.sh.depth {
		n.backtrackAll() // the same prefixes in every shard, whatever DPOR sees below
	}
	d.stack = append(d.stack, n)
	return n
}

// childSleep is the sleep set after the step of goroutine gid with
// footprint fp at n: the sleeping and already explored transitions of n
// that are independent of it.
func (n *dnode) childSleep(fp footprint, gid int) []slept {
	sl := awake(slices.Clip(n.sleep), fp, gid)
	for _, j := range n.done {
		t := n.trs[j]
		if t.gid != gid && !n.fps[j].conflicts(fp) {
			sl = append(sl, slept{gid: t.gid, c: t.c, fp: n.fps[j]})
		}
	}
	return sl
}

// awake returns the sleep set without the transitions dependent with the
// step of goroutine gid with footprint fp.
func awake(sleep []slept, fp footprint, gid int) []slept {
	var sl []slept
	for _, u := range sleep {
		if u.gid != gid && !u.fp.conflicts(fp) {
			sl = append(sl, u)
		}
	}
	return sl
}

func (d *dfs) next() bool {
	d.depth, d.sleep, d.preempts, d.taken = 0, nil, 0, taken{}
	d.dp.reset()
	for len(d.stack) > 0 {
		n := d.stack[len(d.stack)-1]
		n.done = append(n.done, n.cur)
		if j := d.nextAllowed(n, false); j >= 0 {
			n.cur = j
			if d.sh != nil && len(d.stack) <= d.sh.depth {
				d.sh.enter()
			}
			return true
		}
		d.stack = d.stack[:len(d.stack)-1]
	}
	return false
}

// nextAllowed returns the first transition of n that DFS will try, or -1.
func (d *dfs) nextAllowed(n *dnode, first bool) int {
	for j := range n.trs {
		if d.allowed(n, j, first) {
			return j
		}
	}
	return -1
}

// allowed reports whether DFS will try transition j of n: not explored,
// not asleep, within the bound and (DPOR, but for n's first) in the
// backtrack set.
func (d *dfs) allowed(n *dnode, j int, first bool) bool {
	t := n.trs[j]
	switch {
	case slices.Contains(n.done, j):
	case d.sleeps() && asleep(n.sleep, t):
	case t.pre && d.bound >= 0 && n.preempts+1 > d.bound:
	case d.red == DPOR && !first && !n.backtrack.has(t.gid):
	default:
		return true
	}
	return false
}

// frontier counts the choices DFS will still try at the choice points of
// the current path, as far as their backtrack sets are known now,
// including the one the next execution takes (after next, the current
// choice of the deepest point is new; those above it are being explored).
func (d *dfs) frontier() int {
	f := 0
	for i, n := range d.stack {
		for j := range n.trs {
			if (j != n.cur || i == len(d.stack)-1) && d.allowed(n, j, false) {
				f++
			}
		}
	}
	return f
}

// sleeps reports whether sleep sets prune. Only without a preemption
// bound: a sleeping transition stands for an equivalent order explored
// elsewhere, which a bound may have cut (preemption-bounded search keeps
// DPOR's backtracking, with the conservative points of Coons et al.).
func (d *dfs) sleeps() bool { return d.red != NoReduction && d.bound < 0 }

// finish completes the last step and runs the DPOR analysis on the final
// state of an execution.
func (d *dfs) finish(ex *exec) {
	d.complete(ex)
	if d.red == DPOR {
		d.dp.analyze(ex, d.bound >= 0)
	}
}

func asleep(sleep []slept, t trans) bool {
	return slices.ContainsFunc(sleep, func(u slept) bool { return u.gid == t.gid && u.c == t.c })
}

func sameTrans(a, b []trans) bool {
	return slices.EqualFunc(a, b, func(x, y trans) bool { return x.gid == y.gid && x.c == y.c })
}
