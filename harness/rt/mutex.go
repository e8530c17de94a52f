package rt

import "sync"

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
	g := ex.step(pending{op: opLock, o: o})
	o.locked, o.owner = true, g
	g.acquire(o)
}

func (ex *exec) tryLock(h *hdr) bool {
	o := ex.obj(h, kMutex)
	g := ex.step(pending{op: opTryLock, o: o})
	if o.locked {
		ex.poll(g)
		return false
	}
	o.locked, o.owner = true, g
	g.acquire(o)
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
