package rt

import "sync"

// Once performs exactly one action, like sync.Once.
type Once struct {
	once sync.Once
	h    hdr
}

// Do calls f if and only if Do is being called for the first time on o;
// other callers wait until f has returned.
func (o *Once) Do(f func()) {
	if ex := active.Load(); ex != nil {
		ex.onceDo(&o.h, f)
		return
	}
	o.h.native()
	o.once.Do(f)
}

func (ex *exec) onceDo(h *hdr, f func()) {
	o := ex.obj(h, kOnce)
	g := ex.step(pending{op: opOnce, o: o})
	if o.once == onceDone {
		g.acquire(o)
		return
	}
	o.once, o.owner = onceRunning, g // owner: who runs f, for the deadlock report
	defer func() {
		o.once, o.owner = onceDone, nil
		ex.cur.release(o)
	}()
	f()
}
