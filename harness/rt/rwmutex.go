package rt

import (
	"slices"
	"sync"
	"unsafe"
)

// RWMutex is a reader/writer lock with the methods of sync.RWMutex. As in
// sync, a goroutine blocked in Lock keeps new readers out, so a recursive
// RLock with a writer waiting in between deadlocks. The zero value is
// unlocked.
type RWMutex struct {
	mu sync.RWMutex
	h  hdr
}

// Lock locks rw for writing.
func (rw *RWMutex) Lock() {
	if ex := active.Load(); ex != nil {
		ex.wlock(&rw.h)
		return
	}
	rw.h.native()
	rw.mu.Lock()
}

// Unlock unlocks rw for writing.
func (rw *RWMutex) Unlock() {
	if ex := active.Load(); ex != nil {
		ex.wunlock(&rw.h)
		return
	}
	rw.h.native()
	rw.mu.Unlock()
}

// RLock locks rw for reading.
func (rw *RWMutex) RLock() {
	if ex := active.Load(); ex != nil {
		ex.rlock(&rw.h)
		return
	}
	rw.h.native()
	rw.mu.RLock()
}

// RUnlock undoes one RLock.
func (rw *RWMutex) RUnlock() {
	if ex := active.Load(); ex != nil {
		ex.runlock(&rw.h)
		return
	}
	rw.h.native()
	rw.mu.RUnlock()
}

// TryLock locks rw for writing if no reader or writer holds it and no
// writer is waiting for it, and reports whether it did.
func (rw *RWMutex) TryLock() bool {
	if ex := active.Load(); ex != nil {
		return ex.tryRW(&rw.h, true)
	}
	rw.h.native()
	return rw.mu.TryLock()
}

// TryRLock locks rw for reading if no writer holds it or waits for it,
// and reports whether it did.
func (rw *RWMutex) TryRLock() bool {
	if ex := active.Load(); ex != nil {
		return ex.tryRW(&rw.h, false)
	}
	rw.h.native()
	return rw.mu.TryRLock()
}

// tryRW is TryLock (write) or TryRLock: one step that takes the lock as
// Lock or RLock would, or fails (a poll) where they would block.
func (ex *exec) tryRW(h *hdr, write bool) bool {
	o := ex.obj(h, kRWMutex)
	p := pending{op: opTryLock, o: o, name: "TryRLock"}
	if write {
		p.name = "TryLock"
	}
	g := ex.step(p)
	free := o.writer == nil && o.wwait == 0
	switch {
	case write && free && len(o.readers) == 0:
		o.writer = g
		g.acquire(o)
		g.acquireReaders(o)
	case !write && free:
		o.readers = append(o.readers, g)
		g.acquire(o)
	default:
		ex.poll(g)
		return false
	}
	return true
}

// wlock is two steps, as in sync: announce the writer (which blocks new
// readers), then acquire when the readers have left.
func (ex *exec) wlock(h *hdr) {
	o := ex.obj(h, kRWMutex)
	ex.step(pending{op: opWAnnounce, o: o})
	o.wwait++
	g := ex.step(pending{op: opWLock, o: o})
	o.wwait--
	o.writer = g
	g.acquire(o)
	g.acquireReaders(o)
}

// acquireReaders orders writer g after the readers that left rw.
func (g *gor) acquireReaders(rw *object) {
	g.vc.join(rw.rvc)
	raceAcquire(unsafe.Pointer(&rw.rvc))
}

func (ex *exec) wunlock(h *hdr) {
	o := ex.obj(h, kRWMutex)
	g := ex.step(pending{op: opWUnlock, o: o})
	if o.writer == nil {
		panic("sync: Unlock of unlocked RWMutex " + o.String())
	}
	o.writer = nil
	g.release(o)
}

func (ex *exec) rlock(h *hdr) {
	o := ex.obj(h, kRWMutex)
	g := ex.step(pending{op: opRLock, o: o})
	o.readers = append(o.readers, g)
	g.acquire(o)
}

func (ex *exec) runlock(h *hdr) {
	o := ex.obj(h, kRWMutex)
	g := ex.step(pending{op: opRUnlock, o: o})
	i := slices.Index(o.readers, g)
	if i < 0 && len(o.readers) > 0 {
		i = 0
	}
	if i < 0 {
		panic("sync: RUnlock of unlocked RWMutex " + o.String())
	}
	o.readers = slices.Delete(o.readers, i, i+1)
	o.rvc.join(g.vc)
	g.vc.set(g.id, g.vc.get(g.id)+1)
	raceReleaseMerge(unsafe.Pointer(&o.rvc))
}

// RLocker returns a Locker whose Lock and Unlock call rw.RLock and
// rw.RUnlock.
func (rw *RWMutex) RLocker() Locker { return (*rlocker)(rw) }

type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }
