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
	g      *gor
	f      func()
}

// worker returns an idle worker, starting one if none is free.
func (r *runner) worker() *worker {
	if n := len(r.free); n > 0 {
		w := r.free[n-1]
		r.free = r.free[:n-1]
		return w
	}
	w := &worker{wake: make(chan struct{}, 1), exited: make(chan struct{}, 1)}
	workers.Add(1)
	go w.loop()
	return w
}

// release returns w to the pool; it must not be used by its goroutine's
// caller afterwards except to go back to waiting.
func (r *runner) release(w *worker) { r.free = append(r.free, w) }

// loop runs controlled goroutines until w is stopped or torn down.
func (w *worker) loop() {
	defer workers.Add(-1)
	if loopEntry.Load() == 0 {
		var pc [1]uintptr
		runtime.Callers(1, pc[:])
		loopEntry.Store(runtime.FuncForPC(pc[0]).Entry())
	}
	for {
		<-w.wake
		g, f := w.g, w.f
		if g == nil || !g.run(f) {
			return
		}
	}
}
