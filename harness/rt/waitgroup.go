package rt

import "sync"

// WaitGroup waits for a collection of goroutines to finish, with the
// methods of sync.WaitGroup. The zero value is ready to use.
type WaitGroup struct {
	wg sync.WaitGroup
	h  hdr
}

// Add adds delta to the counter; it panics if the counter goes negative.
func (wg *WaitGroup) Add(delta int) {
	if ex := active.Load(); ex != nil {
		ex.wgAdd(&wg.h, delta)
		return
	}
	wg.h.native()
	wg.wg.Add(delta)
}

// Done decrements the counter by one.
func (wg *WaitGroup) Done() { wg.Add(-1) }

// Wait blocks until the counter is zero.
func (wg *WaitGroup) Wait() {
	if ex := active.Load(); ex != nil {
		ex.wgWait(&wg.h)
		return
	}
	wg.h.native()
	wg.wg.Wait()
}

// Go runs f in a new goroutine (see Go) and adds it to the group.
func (wg *WaitGroup) Go(f func()) {
	wg.Add(1)
	run := func() {
		defer wg.Done()
		f()
	}
	if ex := active.Load(); ex != nil {
		ex.goNamed(run, f)
		return
	}
	go run()
}

func (ex *exec) wgAdd(h *hdr, delta int) {
	o := ex.obj(h, kWaitGroup)
	p := pending{op: opWgAdd, o: o}
	if delta < 0 {
		p.name = "Done"
	}
	g := ex.step(p)
	o.count += delta
	if o.count < 0 {
		panic("sync: negative WaitGroup counter " + o.String())
	}
	if delta > 0 { // as in sync: Done releases to Wait, Add does not
		g.releaseClock(o)
		return
	}
	g.release(o)
}

func (ex *exec) wgWait(h *hdr) {
	o := ex.obj(h, kWaitGroup)
	g := ex.step(pending{op: opWgWait, o: o})
	g.acquire(o)
}
