package rt

import (
	"runtime"
	"sync/atomic"
)

// loopEntry is the entry PC of worker.loop, the bottom frame of every
// controlled goroutine.
var loopEntry atomic.Uintptr

// onWorker reports whether the caller runs on a worker (a controlled
// goroutine): the frame below runtime.goexit at the bottom of its stack is
// worker.loop. A stack too deep to see the bottom counts as a worker.
func onWorker() bool {
	var pcs [256]uintptr
	n := runtime.Callers(2, pcs[:])
	if n == len(pcs) || n < 2 {
		return true
	}
	f := runtime.FuncForPC(pcs[n-2] - 1)
	return f != nil && f.Entry() == loopEntry.Load()
}

// worker is a goroutine that runs controlled goroutines one after another,
// so that executions do not pay for goroutine creation. A worker whose
// goroutine is torn down (runtime.Goexit) is not reused.
type worker struct {
	wake   chan struct{}
	exited chan struct{}
	job
}

// job is what a worker runs next: goroutine g's function f (g nil: stop).
type job struct {
	g *gor
	f func()
}

// take returns the job, read in a method the race suppressions match (see
// gor.begin).
func (j *job) take() (*gor, func()) { return j.g, j.f }

// worker returns an idle worker, starting one if none is free. In race
// mode it is a fresh one: the race detector orders everything a goroutine
// does, so a worker reused by a second controlled goroutine would order
// the first one's accesses before the second's.
func (r *runner) worker() *worker {
	if raceMode {
		raceHide()
		defer raceShow()
		return <-r.fresh
	}
	if n := len(r.free); n > 0 {
		w := r.free[n-1]
		r.free = r.free[:n-1]
		return w
	}
	w := newWorker()
	workers.Add(1)
	go w.loop()
	return w
}

func newWorker() *worker {
	return &worker{wake: make(chan struct{}, 1), exited: make(chan struct{}, 1)}
}

// release returns w to the pool; it must not be used by its goroutine's
// caller afterwards except to go back to waiting. Race mode does not
// reuse workers.
func (r *runner) release(w *worker) {
	if !raceMode {
		r.free = append(r.free, w)
	}
}

// loop runs controlled goroutines until w is stopped or torn down (race
// mode: one).
func (w *worker) loop() {
	defer func() {
		raceHide()
		workers.Add(-1)
		raceShow()
	}()
	raceHide()
	if loopEntry.Load() == 0 {
		var pc [1]uintptr
		runtime.Callers(1, pc[:])
		loopEntry.Store(runtime.FuncForPC(pc[0]).Entry())
	}
	raceShow()
	for {
		raceHide()
		<-w.wake
		g, f := w.take()
		raceShow()
		if g == nil || !w.run(g, f) || raceMode {
			return
		}
	}
}

// workerSource starts fresh workers ahead of need for race mode, until
// quit is closed. It runs on a goroutine of its own, which the race
// detector knows nothing about but its allocations, so that a worker's
// creation stack (which suppressions are matched against too) is this
// function alone and its start carries no controlled goroutine's past.
func workerSource(fresh chan<- *worker, quit <-chan struct{}) {
	raceHide()
	defer raceShow()
	defer workers.Add(-1)
	defer close(fresh)
	for {
		w := newWorker()
		raceShow()
		go w.loop()
		raceHide()
		workers.Add(1) // after the goroutine exists: see runner.foreign
		select {
		case fresh <- w:
		case <-quit:
			w.wake <- struct{}{} // w.g is nil: it exits
			return
		}
	}
}
