package rt

import "unsafe"

// vclock is a vector clock indexed by goroutine id.
type vclock []uint32

func (v vclock) get(i int) uint32 {
	if i < len(v) {
		return v[i]
	}
	return 0
}

func (v *vclock) set(i int, c uint32) {
	if n := i + 1 - len(*v); n > 0 {
		*v = append(*v, make(vclock, n)...)
	}
	(*v)[i] = c
}

// join sets v to the elementwise maximum of v and o. It updates v in
// place before growing it (woken relies on the in-place update), and
// grows it only as far as o has non-zero entries.
func (v *vclock) join(o vclock) {
	w := *v
	m := min(len(w), len(o))
	for i, c := range o[:m] {
		w[i] = max(w[i], c)
	}
	n := len(o)
	for n > m && o[n-1] == 0 {
		n--
	}
	*v = append(w, o[m:n]...)
}

func (v vclock) clone() vclock { return append(vclock(nil), v...) }

// acquire orders g after every release into o (for the race detector
// too, in race mode: g is the running goroutine).
func (g *gor) acquire(o *object) {
	g.vc.join(o.vc)
	raceAcquire(unsafe.Pointer(o))
}

// release makes g's past visible to later acquirers of o.
func (g *gor) release(o *object) {
	g.releaseClock(o)
	raceReleaseMerge(unsafe.Pointer(o))
}

// releaseClock is release for rt's own clocks only (a WaitGroup's Add,
// which the race detector does not see as a release).
func (g *gor) releaseClock(o *object) {
	o.vc.join(g.vc)
	g.vc.set(g.id, g.vc.get(g.id)+1)
}
