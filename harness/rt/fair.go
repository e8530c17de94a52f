package rt

import "slices"

// Fair scheduling (Musuvathi and Qadeer, "Fair stateless model checking",
// PLDI 2008), in the form rt needs: a goroutine that polls SpinPolls
// times in a row (Yield, a failed TryLock, a select default, a failed
// CompareAndSwap, a load) while nothing is written is spinning. A
// spinning goroutine is left out of the choices until every goroutine
// (and the clock) that could run but has not run since the spin began
// has run. So a spin loop waiting for another goroutine lets it run,
// every program that ends under a fair scheduler ends under rt, and
// switching away from a spinner is not a preemption. Only schedules in
// which a goroutine polls SpinPolls times in a row with nothing changing
// are cut, and the polls after the first could only see the same values.

// SpinPolls is how many polls in a row, with nothing written meanwhile,
// make a goroutine spinning (fair.go).
const SpinPolls = 8

// poll marks the step g is taking as one that made no progress.
func (ex *exec) poll(g *gor) {
	ex.polled = true
	if g.spinVer != ex.wver || g.polls == 0 {
		g.polls, g.spinVer, g.spinFrom = 0, ex.wver, ex.steps
	}
	if g.polls++; g.polls < SpinPolls {
		return
	}
	g.spinning = true
	ex.nwait++
	g.spinSince = g.spinFrom
	g.polls = 0
}

// settle counts the step just taken as progress unless it polled.
func (ex *exec) settle() {
	if !ex.polled {
		ex.wver++
	}
	ex.polled = false
}

// ran notes that g (or the clock) takes a step: whoever waited for it
// may run again.
func (ex *exec) ran(g *gor) {
	g.lastRun = ex.steps
	if ex.nwait == 0 {
		return
	}
	for _, h := range ex.gs {
		if i := slices.Index(h.waitFor, g.id); i >= 0 {
			h.waitFor = slices.Delete(h.waitFor, i, i+1)
		}
	}
	ex.countWaiting()
}

// countWaiting counts the goroutines that spin or wait for another.
func (ex *exec) countWaiting() {
	ex.nwait = 0
	for _, h := range ex.gs {
		if h.spinning || len(h.waitFor) > 0 {
			ex.nwait++
		}
	}
}

// fair drops the transitions of goroutines that wait for another one that
// can run; a goroutine that has just been found spinning starts waiting
// for everyone that can run and has not since its spin began. If that
// would leave nothing, priorities are ignored (two goroutines spinning on
// each other: a livelock, reported at the step limit).
func (ex *exec) fair(trs []trans) []trans {
	can := func(id int) bool { return slices.ContainsFunc(trs, func(t trans) bool { return t.gid == id }) }
	for _, g := range ex.gs {
		if !g.spinning {
			continue
		}
		g.spinning = false
		for _, t := range trs {
			if t.g != g && t.g.lastRun <= g.spinSince && !slices.Contains(g.waitFor, t.gid) {
				g.waitFor = append(g.waitFor, t.gid)
			}
		}
	}
	ex.countWaiting()
	waits := func(t trans) bool { return slices.ContainsFunc(t.g.waitFor, can) }
	if !slices.ContainsFunc(trs, func(t trans) bool { return !waits(t) }) {
		return trs
	}
	return slices.DeleteFunc(trs, waits)
}
