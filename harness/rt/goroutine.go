package rt

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"unsafe"
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

// Yield is runtime.Gosched: a scheduling point where other goroutines may
// run first and the yielder may go on (switching away costs no
// preemption). A goroutine that spins (Yield or polls with nothing
// changed, see fair.go) runs again only after the goroutines it kept
// waiting have run.
func Yield() {
	if ex := active.Load(); ex != nil {
		g := ex.step(pending{op: opYield})
		ex.poll(g)
		return
	}
	runtime.Gosched()
}

// WaitIdle blocks until no other goroutine can run (all are blocked or
// done) and the clock has nothing due, for a test that inspects a quiet
// state. Go has no such primitive: outside Check it is runtime.Gosched.
func WaitIdle() {
	if ex := active.Load(); ex != nil {
		ex.step(pending{op: opIdle})
		return
	}
	runtime.Gosched()
}

// Choose returns a number in [0, n): inside Check, every value is
// explored like a scheduling choice (and replayed), so a body can draw
// its data from rt instead of from math/rand, which rt cannot explore
// and which makes the body nondeterministic. Outside Check it is
// uniformly random. It panics if n < 1.
func Choose(n int) int {
	if n < 1 {
		panic(fmt.Sprintf("rt.Choose(%d): n must be at least 1", n))
	}
	if ex := active.Load(); ex != nil {
		if n == 1 {
			return 0
		}
		return ex.step(pending{op: opChoose, n: n}).chosen
	}
	return rand.IntN(n)
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
func (ex *exec) goFromCurrent(f func()) { ex.goNamed(f, f) }

// goNamed spawns run, named in reports after the user's function named
// (run may be rt's wrapper of it).
func (ex *exec) goNamed(run func(), named any) {
	ex.verifyCaller()
	ex.spawnNamed(run, named, ex.cur)
}

// spawn creates a controlled goroutine running f on a pooled worker. A
// goroutine spawned by another is prerun at once to its first operation;
// the body (no parent) starts when the driver first picks it.
func (ex *exec) spawn(f func(), parent *gor) *gor { return ex.spawnNamed(f, f, parent) }

// spawnNamed is spawn of a goroutine named in reports after the function
// named (f may be rt's wrapper of it).
func (ex *exec) spawnNamed(f func(), named any, parent *gor) *gor {
	raceHide()
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
			g.label = funcLabel(named, ex.bodyRoot, g.spawn)
		}
	}
	g.vc.set(g.id, 1)
	ex.gs = append(ex.gs, g)
	raceShow()
	if parent != nil {
		g.startAfter(unsafe.Pointer(g))
		raceRelease(g.start) // the go statement: the parent's past happens before g
		ex.prerun(g, parent)
	}
	return g
}

// startAfter makes g start after the releases on addr (race mode).
func (g *gor) startAfter(addr unsafe.Pointer) { g.start = addr }

// prerun runs g from the running goroutine from until g reaches its next
// rt operation (or ends), then gives the turn back to from, without a
// scheduling decision. A new goroutine is prerun to its first operation
// and a goroutine whose select a partner completed is prerun to its next
// one, so that every scheduling choice is between real operations (an
// invisible "start" or "resume" step would hide the operation behind it
// from sleep sets and DPOR).
func (ex *exec) prerun(g, from *gor) {
	g.prerunning, g.returnTo = true, from
	raceHide()
	ex.running.Store(int32(g.id))
	raceShow()
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
// worker may be reused (false when the goroutine is being torn down). It
// and loop are below all user code on a worker: no race suppression may
// match them (raceenv.go).
func (w *worker) run(g *gor, f func()) (reuse bool) {
	defer func() { reuse = g.finish(recover()) }()
	start, ok := g.begin()
	if !ok {
		return
	}
	if start != nil {
		raceAcquire(start)
	}
	f()
	g.normal = true
	return
}

// begin prepares g to run, unless the execution is being torn down, and
// returns what g starts after (race mode). It reads rt's state in a
// method that the race suppressions match, so that the race detector
// finds its report suppressed without restoring the other stack.
func (g *gor) begin() (start unsafe.Pointer, ok bool) {
	raceHide()
	defer raceShow()
	if g.ex.aborting.Load() {
		return nil, false
	}
	if g.ex.capture {
		id := goid()
		g.goid.Store(&id)
	}
	return g.start, true
}

// finish ends goroutine g: on a panic or a fatal test failure it ends the
// execution, otherwise it hands the turn to the next goroutine. It reports
// whether g's worker can be reused.
func (g *gor) finish(r any) bool {
	ex := g.ex
	// all g did happens before the next execution (and what follows Check)
	raceReleaseMerge(unsafe.Pointer(&ex.r.boundary))
	raceHide()
	defer raceShow()
	if ex.aborting.Load() {
		g.w.exited <- struct{}{}
		return false
	}
	g.done = true
	if r != nil || (!g.normal && ex.t.fatal) {
		ex.touch(touch{key: keyAll}) // the step ends the execution
	}
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

// SetFinalizer is runtime.SetFinalizer, except inside Check: a finalizer
// runs on the garbage collector's goroutine at a moment no schedule
// decides, so there it is not set. A goroutine that only a finalizer
// would have released then shows as leaked when the body returns, as it
// is (goleak reports it too).
func SetFinalizer(obj, finalizer any) {
	if active.Load() == nil {
		runtime.SetFinalizer(obj, finalizer)
	}
}
