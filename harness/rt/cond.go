package rt

import (
	"slices"
	"sync"
)

// Cond is a condition variable with the methods of sync.Cond. Create it
// with NewCond.
type Cond struct {
	// L is held while observing or changing the condition.
	L Locker
	c *sync.Cond
	h hdr
}

// NewCond returns a Cond with locker l (usually a *Mutex).
func NewCond(l Locker) *Cond {
	c := &Cond{L: l, c: sync.NewCond(l)}
	if ex := active.Load(); ex != nil {
		ex.obj(&c.h, kCond) // made by its creator, whose goroutines may signal it (deadlock.go)
	}
	return c
}

// Wait atomically unlocks c.L and suspends the goroutine until Signal or
// Broadcast wakes it, then locks c.L again. As with sync.Cond, call it in
// a loop that re-checks the condition.
func (c *Cond) Wait() {
	if ex := active.Load(); ex != nil {
		ex.condWait(c)
		return
	}
	c.h.native()
	c.c.Wait()
}

// Signal wakes one goroutine waiting on c, if any.
func (c *Cond) Signal() {
	if ex := active.Load(); ex != nil {
		ex.condWake(&c.h, false)
		return
	}
	c.h.native()
	c.c.Signal()
}

// Broadcast wakes all goroutines waiting on c.
func (c *Cond) Broadcast() {
	if ex := active.Load(); ex != nil {
		ex.condWake(&c.h, true)
		return
	}
	c.h.native()
	c.c.Broadcast()
}

func (ex *exec) condWait(c *Cond) {
	o := ex.obj(&c.h, kCond)
	g := ex.step(pending{op: opCondReg, o: o})
	g.condOK = false
	o.waiters = append(o.waiters, g)
	c.L.Unlock()
	g = ex.step(pending{op: opCondWait, o: o})
	g.acquire(o)
	c.L.Lock()
}

func (ex *exec) condWake(h *hdr, all bool) {
	o := ex.obj(h, kCond)
	p := pending{op: opSignal, o: o}
	if all {
		p.op = opBroadcast
	}
	g := ex.step(p)
	n := min(1, len(o.waiters))
	if all {
		n = len(o.waiters)
	}
	for _, w := range o.waiters[:n] {
		w.condOK = true
	}
	o.waiters = slices.Delete(o.waiters, 0, n)
	g.release(o)
}
