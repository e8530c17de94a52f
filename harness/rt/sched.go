package rt

import (
	"fmt"
	"slices"
	"time"

	"github.com/interleave/concurrency/harness"
)

// choose picks the next transition through the strategy, records it, and
// returns the goroutine to run; nil means the execution has ended (normal
// end, deadlock, leak, pruning or failure).
func (ex *exec) choose() *gor {
	if ex.ended {
		return nil
	}
	for {
		ex.collect()
		if len(ex.trs) > 0 {
			break
		}
		if !ex.advanceTime() {
			if f, ok := ex.pick.(interface{ finish(*exec) }); ok {
				f.finish(ex)
			}
			ex.finishExecution()
			return nil
		}
	}
	if ex.steps >= ex.cfg.maxSteps {
		ex.fail(ex.stepLimitFailure())
		return nil
	}
	i := ex.pick.pick(ex, ex.trs)
	if i < 0 {
		ex.pruned = true
		ex.end()
		return nil
	}
	t := ex.trs[i]
	ex.record(t)
	t.g.chosen = t.c
	ex.last = t.g
	ex.steps++
	ex.running.Store(int32(t.g.id))
	ex.progress.Add(1)
	return t.g
}

// record appends t to the schedule: the goroutine, then the position of
// the case when its select had several ready cases.
func (ex *exec) record(t trans) {
	ex.sched = append(ex.sched, t.g.id)
	if n := ex.countOf(t.g); n > 1 {
		pos := 0
		for _, u := range ex.trs {
			if u.g == t.g && u.c < t.c {
				pos++
			}
		}
		ex.sched = append(ex.sched, pos)
	}
	if ex.capture {
		ex.rows = append(ex.rows, ex.row(t))
		ex.locs = append(ex.locs, t.g.pend.loc)
	}
}

func (ex *exec) countOf(g *gor) int {
	n := 0
	for _, u := range ex.trs {
		if u.g == g {
			n++
		}
	}
	return n
}

// collect lists the enabled transitions: the last goroutine's first, then
// the others by id. A Yield is enabled only when nothing else is.
func (ex *exec) collect() {
	trs := ex.trs[:0]
	if l := ex.last; l != nil && !l.done {
		trs = ex.addTrans(trs, l)
	}
	for _, g := range ex.gs {
		if g != ex.last && !g.done {
			trs = ex.addTrans(trs, g)
		}
	}
	if slices.ContainsFunc(trs, func(t trans) bool { return t.g.pend.op != opYield }) {
		trs = slices.DeleteFunc(trs, func(t trans) bool { return t.g.pend.op == opYield })
	}
	lastOn := len(trs) > 0 && trs[0].g == ex.last && ex.last.pend.op != opYield
	for i := range trs {
		trs[i].pre = lastOn && trs[i].g != ex.last
	}
	ex.trs = trs
}

func (ex *exec) addTrans(trs []trans, g *gor) []trans {
	p := &g.pend
	if p.op != opSelect {
		if ex.enabled(g) {
			trs = append(trs, trans{g: g, gid: g.id, c: -1, fp: footprintOf(p, -1)})
		}
		return trs
	}
	n := len(trs)
	for i := range p.cases {
		if ex.ready(g, &p.cases[i]) {
			trs = append(trs, trans{g: g, gid: g.id, c: i, fp: footprintOf(p, i)})
		}
	}
	if len(trs) == n && !p.block {
		trs = append(trs, trans{g: g, gid: g.id, c: -1, fp: footprintOf(p, -1)})
	}
	return trs
}

// advanceTime moves virtual time to the earliest deadline when every
// goroutine is blocked, firing the timers due; false if there is none.
func (ex *exec) advanceTime() bool {
	next, ok := ex.now, false
	consider := func(d time.Duration) {
		if !ok || d < next {
			next, ok = d, true
		}
	}
	for _, g := range ex.gs {
		if !g.done && g.pend.op == opSleep {
			consider(g.pend.deadline)
		}
	}
	for _, t := range ex.tmrs {
		consider(t.deadline)
	}
	if !ok {
		return false
	}
	ex.now = max(ex.now, next)
	kept := ex.tmrs[:0]
	for _, t := range ex.tmrs {
		if t.deadline <= ex.now {
			t.ch.buf = append(t.ch.buf, msg{v: virtualEpoch.Add(ex.now)})
		} else {
			kept = append(kept, t)
		}
	}
	ex.tmrs = kept
	return true
}

// finishExecution classifies an execution in which nothing can run: all
// goroutines done (ok, or test failure), the body done (leak), or not
// (deadlock).
func (ex *exec) finishExecution() {
	var blocked []*gor
	for _, g := range ex.gs {
		if !g.done {
			blocked = append(blocked, g)
		}
	}
	switch {
	case len(blocked) == 0 && ex.t.failed:
		ex.fail(ex.testFailure())
	case len(blocked) == 0:
		ex.end()
	case ex.gs[0].done:
		ex.fail(ex.leakFailure(blocked))
	default:
		ex.fail(ex.deadlockFailure(blocked))
	}
}

func (ex *exec) row(t trans) harness.Row {
	return harness.Row{Thread: t.g.id, Text: ex.label(t.g, t.c)}
}

// label renders g's pending operation as "obj.Op file:line".
func (ex *exec) label(g *gor, c int) string {
	p := &g.pend
	name := p.name
	if name == "" {
		name = opNames[p.op]
	}
	var s string
	switch {
	case p.op == opSelect && len(p.cases) == 1:
		s = fmt.Sprintf("%s.%s", objName(p.cases[0].o), name)
	case p.op == opSelect && c >= 0:
		s = fmt.Sprintf("select %d:%s", c, objName(p.cases[c].o))
	case p.op == opSelect:
		s = "select default"
	case p.op == opStart && g.spawn != "":
		s = "go"
	case p.o != nil:
		s = fmt.Sprintf("%s.%s", p.o, name)
	default:
		s = name
	}
	return s
}

func objName(o *object) string {
	if o == nil {
		return "nil"
	}
	return o.String()
}
