package rt

import (
	"runtime"
	"strconv"
)

// Go runs f in a new goroutine: a controlled one inside Check (like
// T.Go), a plain `go f()` outside.
func Go(f func()) {
	if ex := active.Load(); ex != nil {
		ex.goFromCurrent(f)
		return
	}
	go f()
}

// Yield is a scheduling point that lets every other runnable goroutine
// run first (runtime.Gosched outside Check). Use it in spin loops: a
// goroutine spinning on Yield is scheduled again only when nothing else
// can run.
func Yield() {
	if ex := active.Load(); ex != nil {
		ex.step(pending{op: opYield})
		return
	}
	runtime.Gosched()
}

// goid returns the runtime id of the calling goroutine (slow; capture
// runs only).
func goid() string {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = b[len("goroutine "):]
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	id, _ := strconv.Atoi(string(b[:n]))
	return strconv.Itoa(id)
}

// goFromCurrent spawns f from the goroutine holding the turn.
func (ex *exec) goFromCurrent(f func()) {
	if ex.verify {
		ex.checkCaller()
	}
	ex.spawn(f, ex.cur)
}

// spawn creates a controlled goroutine running f on a pooled worker. A
// goroutine spawned by another is prerun at once to its first operation;
// the body (no parent) starts when the driver first picks it.
func (ex *exec) spawn(f func(), parent *gor) *gor {
	w := ex.r.worker()
	g := &gor{id: len(ex.gs), ex: ex, wake: w.wake, exited: w.exited, w: w, parent: -1}
	g.vc = g.vcBuf[:0]
	w.g, w.f = g, f
	g.pend = pending{op: opStart}
	if parent != nil {
		g.parent = parent.id
		g.vc = parent.vc.clone()
		parent.vc.set(parent.id, parent.vc.get(parent.id)+1)
		if ex.capture {
			g.spawn = callerLoc()
		}
	}
	g.vc.set(g.id, 1)
	ex.gs = append(ex.gs, g)
	if parent != nil {
		ex.prerun(g, parent)
	}
	return g
}

// prerun runs g from the running goroutine from until g reaches its next
// rt operation (or ends), then gives the turn back to from, without a
// scheduling decision. A new goroutine is prerun to its first operation
// and a goroutine whose select a partner completed is prerun to its next
// one, so that every scheduling choice is between real operations (an
// invisible "start" or "resume" step would hide the operation behind it
// from sleep sets and DPOR).
func (ex *exec) prerun(g, from *gor) {
	g.prerunning, g.returnTo = true, from
	ex.running.Store(int32(g.id))
	ex.handTo(g)
	ex.park(from)
}

// endPrerun gives the turn back to the goroutine that prerun g.
func (ex *exec) endPrerun(g *gor) {
	g.prerunning = false
	to := g.returnTo
	ex.running.Store(int32(to.id))
	ex.handTo(to)
}

// run runs controlled goroutine g's function f; it reports whether the
// worker may be reused (false when the goroutine is being torn down).
func (g *gor) run(f func()) (reuse bool) {
	defer func() { reuse = g.finish(recover()) }()
	if g.ex.aborting.Load() {
		return
	}
	if g.ex.capture {
		id := goid()
		g.goid.Store(&id)
	}
	f()
	g.normal = true
	return
}

// finish ends goroutine g: on a panic or a fatal test failure it ends the
// execution, otherwise it hands the turn to the next goroutine. It reports
// whether g's worker can be reused.
func (g *gor) finish(r any) bool {
	ex := g.ex
	if ex.aborting.Load() {
		g.w.exited <- struct{}{}
		return false
	}
	g.done = true
	switch {
	case r != nil:
		ex.fail(panicFailure(ex, g, r))
		return false
	case !g.normal && ex.t.fatal:
		ex.fail(ex.testFailure())
		return false
	}
	reuse := g.normal // after runtime.Goexit in user code the worker is gone
	if reuse {
		ex.r.release(g.w)
	}
	if g.prerunning {
		ex.endPrerun(g)
	} else if next := ex.choose(); next != nil {
		ex.handTo(next)
	}
	return reuse
}

// goidValue is g's runtime id, "" if not recorded.
func (g *gor) goidValue() string {
	if p := g.goid.Load(); p != nil {
		return *p
	}
	return ""
}
