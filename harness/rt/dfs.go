package rt

import (
	"errors"
	"slices"
)

// dfs explores choice points depth-first, re-running the body from the
// start for each execution. Reduction (DPOR and/or sleep sets) skips
// transitions whose exploration would only reorder independent
// operations; the preemption bound skips transitions that would need too
// many preemptions.
type dfs struct {
	bound    int
	red      Reduction
	stack    []*dnode
	depth    int
	sleep    []trans
	preempts int
	dp       dpor // per-execution DPOR state
}

// dnode is a choice point: its transitions, the one being explored, the
// ones explored already, its sleep set and (DPOR) the goroutines still to
// try there.
type dnode struct {
	trs       []trans
	cur       int
	done      []int
	sleep     []trans
	preempts  int
	backtrack []int // goroutine ids (DPOR)
}

var errNondeterministic = errors.New("rt: the body is not deterministic: re-running the same schedule gave different choices; keep the body free of native randomness, time and uncontrolled goroutines")

func newDFS(c *config) *dfs { return &dfs{bound: c.bound, red: c.reduction} }

func (d *dfs) pick(ex *exec, trs []trans) int {
	if d.red == DPOR {
		d.dp.analyze(ex, d.bound >= 0)
	}
	if len(trs) == 1 {
		i := d.forced(trs[0])
		if i == 0 && d.red == DPOR {
			d.dp.record(ex, trs[0], nil)
		}
		return i
	}
	n := d.node(ex, trs)
	if n == nil {
		return -1
	}
	d.depth++
	t := n.trs[n.cur]
	d.preempts = n.preempts
	if t.pre {
		d.preempts++
	}
	if d.sleeps() {
		d.sleep = childSleep(n, t)
	}
	if d.red == DPOR {
		d.dp.record(ex, t, n)
	}
	return n.cur
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
	n := &dnode{trs: slices.Clone(trs), sleep: d.sleep, preempts: d.preempts}
	if n.cur = d.nextAllowed(n, true); n.cur < 0 {
		return nil
	}
	n.backtrack = []int{trs[n.cur].gid}
	d.stack = append(d.stack, n)
	return n
}

// childSleep is the sleep set after taking t at n: the sleeping and
// already explored transitions of n that are independent of t.
func childSleep(n *dnode, t trans) []trans {
	var sl []trans
	for _, u := range n.sleep {
		if indep(u, t) {
			sl = append(sl, u)
		}
	}
	for _, j := range n.done {
		if u := n.trs[j]; indep(u, t) {
			sl = append(sl, u)
		}
	}
	return sl
}

// forced takes the only transition, pruning when it is asleep.
func (d *dfs) forced(t trans) int {
	if !d.sleeps() {
		return 0
	}
	if asleep(d.sleep, t) {
		return -1
	}
	var sl []trans
	for _, u := range d.sleep {
		if indep(u, t) {
			sl = append(sl, u)
		}
	}
	d.sleep = sl
	return 0
}

func (d *dfs) next() bool {
	d.depth, d.sleep, d.preempts = 0, nil, 0
	d.dp.reset()
	for len(d.stack) > 0 {
		n := d.stack[len(d.stack)-1]
		n.done = append(n.done, n.cur)
		if j := d.nextAllowed(n, false); j >= 0 {
			n.cur = j
			return true
		}
		d.stack = d.stack[:len(d.stack)-1]
	}
	return false
}

// nextAllowed returns the first transition of n not explored, not asleep,
// within the preemption bound and (DPOR, except for the first) in the
// backtrack set, or -1.
func (d *dfs) nextAllowed(n *dnode, first bool) int {
	for j, t := range n.trs {
		switch {
		case slices.Contains(n.done, j):
		case d.sleeps() && asleep(n.sleep, t):
		case t.pre && d.bound >= 0 && n.preempts+1 > d.bound:
		case d.red == DPOR && !first && !slices.Contains(n.backtrack, t.gid):
		default:
			return j
		}
	}
	return -1
}

// sleeps reports whether sleep sets prune. Only without a preemption
// bound: a sleeping transition stands for an equivalent order explored
// elsewhere, which a bound may have cut (preemption-bounded search keeps
// DPOR's backtracking, with the conservative points of Coons et al.).
func (d *dfs) sleeps() bool { return d.red != NoReduction && d.bound < 0 }

// finish runs the DPOR analysis on the final state of an execution.
func (d *dfs) finish(ex *exec) {
	if d.red == DPOR {
		d.dp.analyze(ex, d.bound >= 0)
	}
}

func asleep(sleep []trans, t trans) bool {
	return slices.ContainsFunc(sleep, func(u trans) bool { return u.gid == t.gid && u.c == t.c })
}

func sameTrans(a, b []trans) bool {
	return slices.EqualFunc(a, b, func(x, y trans) bool { return x.gid == y.gid && x.c == y.c })
}
