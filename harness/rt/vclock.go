package rt

// vclock is a vector clock indexed by goroutine id.
type vclock []uint32

func (v vclock) get(i int) uint32 {
	if i < len(v) {
		return v[i]
	}
	return 0
}

func (v *vclock) set(i int, c uint32) {
	for len(*v) <= i {
		*v = append(*v, 0)
	}
	(*v)[i] = c
}

func (v *vclock) join(o vclock) {
	for i, c := range o {
		if c > v.get(i) {
			v.set(i, c)
		}
	}
}

func (v vclock) clone() vclock { return append(vclock(nil), v...) }

// acquire orders g after every release into o.
func (g *gor) acquire(o *object) { g.vc.join(o.vc) }

// release makes g's past visible to later acquirers of o.
func (g *gor) release(o *object) {
	o.vc.join(g.vc)
	g.vc.set(g.id, g.vc.get(g.id)+1)
}
