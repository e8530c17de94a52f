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
		// Do itself calls f, so that no exec method is below user code
		// (race suppressions match them, raceenv.go)
		if st := ex.onceStart(&o.h); st != nil {
			defer ex.onceDone(st)
			f()
		}
		return
	}
	o.h.native()
	o.once.Do(f)
}

// onceStart is Do's step: it returns the Once's state if the caller is
// to run f, nil if f has run (the caller is then ordered after it).
func (ex *exec) onceStart(h *hdr) *object {
	o := ex.obj(h, kOnce)
	g := ex.step(pending{op: opOnce, o: o})
	if o.once == onceDone {
		g.acquire(o)
		return nil
	}
	o.once, o.owner = onceRunning, g // owner: who runs f, for the deadlock report
	return o
}

// onceDone marks f returned (or panicked): later calls are ordered after
// it.
func (ex *exec) onceDone(o *object) {
	o.once, o.owner = onceDone, nil
	ex.cur.release(o)
}

// OnceFunc returns a function that calls f only once, like sync.OnceFunc:
// concurrent callers wait until the first call returns, and if f panics,
// every call panics with the same value. It is built on Once, so inside
// Check each call is a scheduling point ordered after f. Call OnceFunc
// inside the Check body: one made outside keeps its result from one
// execution to the next.
func OnceFunc(f func()) func() {
	g := OnceValue(func() struct{} { f(); return struct{}{} })
	return func() { g() }
}

// OnceValue returns a function that calls f only once and returns its
// value, like sync.OnceValue (see OnceFunc).
func OnceValue[T any](f func() T) func() T {
	g := OnceValues(func() (T, struct{}) { return f(), struct{}{} })
	return func() T { v, _ := g(); return v }
}

// OnceValues returns a function that calls f only once and returns its
// values, like sync.OnceValues (see OnceFunc).
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		once  Once
		valid bool
		p     any
		r1    T1
		r2    T2
	)
	g := func() {
		defer func() {
			p = recover()
			if !valid {
				panic(p)
			}
		}()
		r1, r2 = f()
		f = nil
		valid = true
	}
	return func() (T1, T2) {
		once.Do(g)
		if !valid {
			panic(p)
		}
		return r1, r2
	}
}
