package rt

import (
	"fmt"
	"slices"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
)

// choose picks the next transition through the strategy, records it, and
// returns the goroutine to run; nil means the execution has ended (normal
// end, deadlock, leak, pruning or failure). The clock's transitions are
// taken here, on the way.
func (ex *exec) choose() *gor {
	for !ex.ended {
		if raceMode && raceErrors() > ex.races {
			ex.touch(touch{key: keyAll}) // the step ends the execution
			ex.fail(ex.tsanFailure())
			return nil
		}
		ex.settle()
		ex.collect()
		if len(ex.trs) == 0 {
			ex.finishExecution()
			return nil
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
		ex.acc, ex.partners, ex.dls, ex.undls = ex.acc[:0], ex.partners[:0], ex.dls[:0], ex.undls[:0]
		ex.steps++
		ex.progress.Add(1)
		ex.ran(t.g)
		if t.g == ex.clock {
			ex.earlyTime = ex.earlyTime || t.pre
			ex.tick()
			continue
		}
		if t.g.late { // its arrival: it stays parked at its operation
			t.g.late = false
			ex.last = t.g
			ex.arrive(&t.g.pend)
			continue
		}
		t.g.chosen = t.c
		ex.last = t.g
		ex.running.Store(int32(t.g.id))
		return t.g
	}
	return nil
}

// touch adds to the footprint of the step being taken (DFS only: the
// other strategies do not look at footprints).
func (ex *exec) touch(fp ...touch) {
	if ex.footprints {
		ex.acc = append(ex.acc, fp...)
	}
}

// record appends t to the schedule: the goroutine, then the position of
// the case when its select had several ready cases.
func (ex *exec) record(t trans) {
	ex.sched = append(ex.sched, t.g.id)
	if op := t.g.pend.op; (op == opSelect || op == opChoose) && ex.countOf(t.g) > 1 {
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
// the others by id, then the clock's. A goroutine that spins (fair.go) is
// left out while one it kept waiting can run. Switching away from the
// last goroutine while it could go on is a preemption, unless it is about
// to Yield, and so is advancing the clock while any goroutine could run
// (with no preemptions, time passes only when every goroutine waits).
func (ex *exec) collect() {
	trs, idle := ex.trs[:0], false
	if l := ex.last; l != nil && !l.done {
		trs = ex.addTrans(trs, l)
	}
	// ex.live: the goroutines not done, by id (ended ones are dropped,
	// new ones added), so that a step does not look at every goroutine
	// that ever ran
	live := append(ex.live, ex.gs[ex.nlive:]...)
	k := 0
	for _, g := range live {
		if g.done {
			continue
		}
		live[k] = g
		k++
		if g != ex.last {
			trs = ex.addTrans(trs, g)
			idle = idle || g.pend.op == opIdle
		}
	}
	ex.live, ex.nlive = live[:k], len(ex.gs)
	if ex.clockDue() {
		trs = append(trs, trans{g: ex.clock, gid: ex.clock.id, c: -1})
	}
	idle = idle || ex.last != nil && ex.last.pend.op == opIdle
	if idle && slices.ContainsFunc(trs, func(t trans) bool { return t.g.pend.op != opIdle }) {
		trs = slices.DeleteFunc(trs, func(t trans) bool { return t.g.pend.op == opIdle })
	}
	if ex.nwait > 0 {
		trs = ex.fair(trs)
	}
	if ex.cfg.idleClock {
		trs = ex.idle(trs)
	}
	lastOn := len(trs) > 0 && trs[0].g == ex.last && ex.last.pend.op != opYield
	for i := range trs {
		trs[i].pre = lastOn && trs[i].g != ex.last
	}
	if n := len(trs) - 1; n > 0 && trs[n].g == ex.clock {
		trs[n].pre = true // time passing while a goroutine could run
	}
	ex.trs = trs
}

func (ex *exec) addTrans(trs []trans, g *gor) []trans {
	p := &g.pend
	if g.late {
		return append(trs, trans{g: g, gid: g.id, c: -1})
	}
	switch p.op {
	case opSelect:
		n := len(trs)
		for i := range p.cases {
			if ex.ready(g, &p.cases[i]) {
				trs = append(trs, trans{g: g, gid: g.id, c: i})
			}
		}
		if len(trs) == n && !p.block {
			trs = append(trs, trans{g: g, gid: g.id, c: -1})
		}
	case opChoose:
		for i := range p.n {
			trs = append(trs, trans{g: g, gid: g.id, c: i})
		}
	default:
		if ex.enabled(g) {
			trs = append(trs, trans{g: g, gid: g.id, c: -1})
		}
	}
	return trs
}

// finishExecution classifies an execution in which nothing can run: all
// goroutines done (ok, or test failure), or some blocked forever
// (deadlock or leak, see stuckFailure).
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
	default:
		ex.fail(ex.stuckFailure(blocked))
	}
}

func (ex *exec) row(t trans) trace.Row {
	if t.g.late {
		return trace.Row{Thread: t.g.id, Text: "reaches " + ex.arrivalLabel(t.g)}
	}
	return trace.Row{Thread: t.g.id, Text: ex.label(t.g, t.c)}
}

// arrivalLabel renders the blocking operation g arrives at: "c.Recv", or
// "select on a, b".
func (ex *exec) arrivalLabel(g *gor) string {
	if cs := g.pend.cases; len(cs) > 1 {
		names := make([]string, len(cs))
		for i, c := range cs {
			names[i] = objName(c.o)
		}
		return "select on " + strings.Join(names, ", ")
	}
	return ex.label(g, 0)
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
