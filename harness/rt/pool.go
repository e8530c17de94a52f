package rt

import (
	"sync"
	"unsafe"
)

// Pool is a set of temporary objects with the fields and methods of
// sync.Pool. Outside Check it is a sync.Pool. Inside, Get and Put are
// scheduling points; the pool keeps every item put (sync.Pool may drop
// them at any time, which only makes Get call New more often) and Get
// returns the item put last, ordered after its Put as sync.Pool documents
// (a Put synchronizes before the Get that returns the same value).
type Pool struct {
	// New, if not nil, makes a value when Get finds the pool empty.
	New func() any

	p     sync.Pool
	h     hdr
	o     *object // the execution items belong to
	items []*poolItem
}

// poolItem is an item put, with the clock of its Put; its address is
// what the Put releases to the Get that takes it (race mode).
type poolItem struct {
	x  any
	vc vclock
}

// Get takes an item from the pool, or returns New() (nil without New)
// if it is empty.
func (p *Pool) Get() any {
	if x := p.take(); x != nil {
		return x
	}
	if p.New != nil {
		return p.New()
	}
	return nil
}

// take removes and returns an item, nil if there is none.
func (p *Pool) take() any {
	ex := active.Load()
	if ex == nil {
		p.h.native()
		return p.p.Get()
	}
	g := p.at(ex, "Get")
	n := len(p.items)
	if n == 0 {
		return nil
	}
	it := p.items[n-1]
	p.items = p.items[:n-1]
	g.vc.join(it.vc)
	raceAcquire(unsafe.Pointer(it))
	return it.x
}

// Put adds x to the pool (a nil x is ignored).
func (p *Pool) Put(x any) {
	if ex := active.Load(); ex != nil {
		g := p.at(ex, "Put")
		if x != nil {
			it := &poolItem{x: x, vc: g.vc.clone()}
			raceRelease(unsafe.Pointer(it))
			p.items = append(p.items, it)
			g.vc.set(g.id, g.vc.get(g.id)+1)
		}
		return
	}
	p.h.native()
	p.p.Put(x)
}

// at is the scheduling point of Get or Put inside Check; it empties a
// pool left over from another execution.
func (p *Pool) at(ex *exec, name string) *gor {
	o := ex.obj(&p.h, kPool)
	if p.o != o {
		p.o, p.items = o, nil
	}
	return ex.step(pending{op: opAWrite, o: o, name: name})
}
