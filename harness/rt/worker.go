package rt

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
	go w.loop()
	return w
}

// release returns w to the pool; it must not be used by its goroutine's
// caller afterwards except to go back to waiting.
func (r *runner) release(w *worker) { r.free = append(r.free, w) }

func (w *worker) loop() {
	for {
		<-w.wake
		g, f := w.g, w.f
		if g == nil || !g.run(f) {
			return
		}
	}
}
