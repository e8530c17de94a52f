package rt

import "fmt"

// Var is a plain shared variable of type E, with no synchronisation of its
// own. Outside Check, Load and Store are ordinary reads and writes; inside,
// they are scheduling points and the race check reports two accesses, at
// least one a Store, not ordered by happens-before through rt
// synchronisation. Create Vars inside the Check body: a Var declared
// outside keeps its value from one execution to the next.
type Var[E any] struct {
	v E
	h hdr
}

// Load reads the variable.
func (v *Var[E]) Load() E {
	if ex := active.Load(); ex != nil {
		ex.varAccess(&v.h, false)
	} else {
		v.h.native()
	}
	return v.v
}

// Store writes the variable.
func (v *Var[E]) Store(x E) {
	if ex := active.Load(); ex != nil {
		ex.varAccess(&v.h, true)
	} else {
		v.h.native()
	}
	v.v = x
}

// varAccess is a Load or Store on a Var: a scheduling point followed by
// the happens-before check against earlier accesses.
func (ex *exec) varAccess(h *hdr, write bool) {
	o := ex.obj(h, kVar)
	op := opLoad
	if write {
		op = opStore
	}
	g := ex.step(pending{op: op, o: o})
	cur := access{g: g.id, step: ex.steps, clk: g.vc.get(g.id), write: write, ok: true}
	if prev, ok := ex.racing(g, o, write); ok {
		ex.stop(g, ex.raceFailure(o, prev, cur))
		return
	}
	if write {
		o.w, o.reads, o.written = cur, o.reads[:0], true
		return
	}
	ex.poll(g)
	for i := range o.reads {
		if o.reads[i].g == g.id {
			o.reads[i] = cur
			return
		}
	}
	o.reads = append(o.reads, cur)
}

// racing returns an earlier access to o that conflicts with the current
// one by g and is not ordered before it.
func (ex *exec) racing(g *gor, o *object, write bool) (access, bool) {
	hb := func(a access) bool { return a.g == g.id || a.clk <= g.vc.get(a.g) }
	if o.w.ok && !hb(o.w) {
		return o.w, true
	}
	if write {
		for _, r := range o.reads {
			if !hb(r) {
				return r, true
			}
		}
	}
	return access{}, false
}

func (a access) String() string {
	if a.write {
		return fmt.Sprintf("G%d Store", a.g)
	}
	return fmt.Sprintf("G%d Load", a.g)
}
