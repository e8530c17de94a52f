package rt

import (
	"slices"
	"sync"
)

// Mutex is a mutual exclusion lock with the methods of sync.Mutex. Outside
// Check it is a sync.Mutex; inside, Lock and Unlock are scheduling points.
// The zero value is an unlocked mutex.
type Mutex struct {
	mu sync.Mutex
	h  hdr
}

// Locker is the interface of sync.Locker, implemented by Mutex and
// RWMutex.
type Locker = sync.Locker

// Lock locks m, blocking until it is available.
func (m *Mutex) Lock() {
	if ex := active.Load(); ex != nil {
		ex.lock(&m.h)
		return
	}
	m.h.native()
	m.mu.Lock()
}

// TryLock locks m if it is free and reports whether it did.
func (m *Mutex) TryLock() bool {
	if ex := active.Load(); ex != nil {
		return ex.tryLock(&m.h)
	}
	m.h.native()
	return m.mu.TryLock()
}

// Unlock unlocks m; it panics if m is not locked.
func (m *Mutex) Unlock() {
	if ex := active.Load(); ex != nil {
		ex.unlock(&m.h)
		return
	}
	m.h.native()
	m.mu.Unlock()
}

func (ex *exec) lock(h *hdr) {
	o := ex.obj(h, kMutex)
	g := ex.step(pending{op: opLock, o: o}) // adds g to o.lockWaiters (exec.used)
	o.lockWaiters = slices.DeleteFunc(o.lockWaiters, func(h *gor) bool { return h == g })
	ex.take(o, g)
}

// take gives mutex o to g. Each goroutine still waiting for o has been
// passed over once more: after SpinPolls times, o is starving (see
// starved).
func (ex *exec) take(o *object, g *gor) {
	o.locked, o.owner = true, g
	g.bypassed = 0
	for _, h := range o.lockWaiters {
		h.bypassed++
	}
	g.acquire(o)
}

// starved reports whether mutex o must go to a goroutine other than g:
// one that has waited while others took o SpinPolls times. It is
// sync.Mutex's starvation mode (entered after a waiter waited 1 ms) with
// a count for the time, so a goroutine that unlocks and relocks in a loop
// cannot keep a waiter out for ever, as in Go.
func (ex *exec) starved(o *object, g *gor) bool {
	if seeded == "no-starvation" {
		return false
	}
	for _, h := range o.lockWaiters {
		if h != g && h.bypassed >= SpinPolls &&
			(g.pend.op != opLock || g.pend.o != o || h.bypassed > g.bypassed || (h.bypassed == g.bypassed && h.id < g.id)) {
			return true
		}
	}
	return false
}

func (ex *exec) tryLock(h *hdr) bool {
	o := ex.obj(h, kMutex)
	g := ex.step(pending{op: opTryLock, o: o})
	if o.locked || ex.starved(o, g) {
		ex.poll(g)
		return false
	}
	ex.take(o, g)
	return true
}

func (ex *exec) unlock(h *hdr) {
	o := ex.obj(h, kMutex)
	g := ex.step(pending{op: opUnlock, o: o})
	if !o.locked {
		panic("sync: unlock of unlocked mutex " + o.String())
	}
	o.locked, o.owner = false, nil
	g.release(o)
}
