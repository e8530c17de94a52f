package rt

import (
	"fmt"
	"slices"
	"unsafe"
)

// Var is a plain shared variable of type E, with no synchronisation of its
// own. Outside Check, Load and Store are ordinary reads and writes; inside,
// they are scheduling points and the race check reports two accesses, at
// least one a Store, not ordered by happens-before through rt
// synchronisation. Create Vars inside the Check body: a Var declared
// outside keeps its value from one execution to the next.
//
// Addr exposes the value's memory for the atomic function forms
// (AddInt64, LoadInt64, ...): a Var[int64] can be read with Load and
// updated with AddInt64(v.Addr(), 1), and the race check then works as
// Go's race detector does: two atomic accesses never race (and
// synchronise), an atomic and a plain access race unless happens-before
// orders them.
type Var[E any] struct {
	v E
	h hdr
}

// Load reads the variable.
func (v *Var[E]) Load() E {
	if ex := active.Load(); ex != nil {
		ex.varAccess(v.obj(ex), false)
	} else {
		v.h.native()
	}
	return v.v
}

// Store writes the variable.
func (v *Var[E]) Store(x E) {
	if ex := active.Load(); ex != nil {
		ex.varAccess(v.obj(ex), true)
	} else {
		v.h.native()
	}
	v.v = x
}

// Addr returns the address of the variable's value, for the atomic
// function forms of this package (not for plain reads and writes through
// the pointer, which rt does not see).
func (v *Var[E]) Addr() *E { return &v.v }

// obj returns the controlled state of v: the memory object of its value,
// shared with the atomic function forms used on Addr.
func (v *Var[E]) obj(ex *exec) *object {
	if o := v.h.o; o != nil && o.epoch == ex.epoch {
		return o
	}
	v.h.native() // a stale goroutine of an abandoned execution exits
	ex.stale(&v.h)
	o := ex.memObj(unsafe.Pointer(&v.v))
	v.h.o = o
	return o
}

// memObj returns the object of the memory at addr in this execution: a
// Var's value or a variable used through the atomic function forms,
// created (as a Var) on first use.
func (ex *exec) memObj(addr unsafe.Pointer) *object {
	if o := ex.mem[addr]; o != nil {
		return o
	}
	var h hdr
	o := ex.obj(&h, kVar)
	if ex.mem == nil {
		ex.mem = map[unsafe.Pointer]*object{}
	}
	ex.mem[addr] = o
	return o
}

// varAccess is a Load or Store on a Var: a scheduling point followed by
// the happens-before check against earlier accesses.
func (ex *exec) varAccess(o *object, write bool) {
	op := opLoad
	if write {
		op = opStore
	}
	g := ex.step(pending{op: op, o: o})
	ex.accessed(g, o, write, false, opNames[op])
	if !write {
		ex.poll(g)
	}
}

// memAtomic is the scheduling point of an atomic function form on the
// memory at addr, named name, that writes it or not: checked against
// plain accesses like a Var access, then synchronising like the atomic
// types (it acquires, and a write releases).
func (ex *exec) memAtomic(addr unsafe.Pointer, write bool, name string) {
	o := ex.memObj(addr)
	op := opALoad
	if write {
		op = opAWrite
	}
	g := ex.step(pending{op: op, o: o, name: name})
	ex.atomicAccess(g, o, write, name)
}

// casStep is the step of a compare-and-swap on the memory at addr: it
// is declared a write; the access is one only if it swaps.
func (ex *exec) casStep(addr unsafe.Pointer, name string) (*gor, *object) {
	o := ex.memObj(addr)
	return ex.step(pending{op: opAWrite, o: o, name: name}), o
}

// atomicAccess is what an atomic access by g does after its step: it is
// checked against plain accesses, then acquires o, and a write releases
// it (a read polls).
func (ex *exec) atomicAccess(g *gor, o *object, write bool, name string) {
	ex.accessed(g, o, write, true, name)
	g.acquire(o)
	if write {
		g.release(o)
	} else {
		ex.poll(g)
	}
}

// accessed checks g's access to o against the earlier ones and records
// it; a race ends the execution.
func (ex *exec) accessed(g *gor, o *object, write, atomic bool, name string) {
	cur := access{g: g.id, step: ex.steps, clk: g.vc.get(g.id), write: write, atomic: atomic, ok: true, name: name}
	if ex.capture {
		ex.recordStack()
	}
	if prev, ok := ex.racing(g, o, cur); ok {
		ex.stop(g, ex.raceFailure(o, prev, cur))
		return
	}
	hb := ex.before(g)
	if write {
		// a read not ordered before the write is an atomic one racing
		// with nothing yet: keep it for the plain accesses to come
		o.w, o.reads, o.written = cur, slices.DeleteFunc(o.reads, hb), true
		return
	}
	for i, r := range o.reads {
		if r.g == g.id && r.atomic == atomic {
			o.reads[i] = cur
			return
		}
	}
	o.reads = append(o.reads, cur)
}

// before returns whether an access happened before g's current step.
func (ex *exec) before(g *gor) func(access) bool {
	return func(a access) bool { return a.g == g.id || a.clk <= g.vc.get(a.g) }
}

// racing returns an earlier access to o that conflicts with cur, g's
// access, and is not ordered before it: one of them writes and one is
// plain (two atomic accesses never race).
func (ex *exec) racing(g *gor, o *object, cur access) (access, bool) {
	hb := ex.before(g)
	races := func(a access) bool { return !(a.atomic && cur.atomic) && !hb(a) }
	if o.w.ok && races(o.w) {
		return o.w, true
	}
	if cur.write {
		for _, r := range o.reads {
			if races(r) {
				return r, true
			}
		}
	}
	return access{}, false
}

func (a access) String() string {
	s := fmt.Sprintf("G%d %s", a.g, a.name)
	if a.atomic {
		s += " (atomic)"
	}
	return s
}
