package rt

import "sync/atomic"

// Atomic is an atomic value of type E, like atomic.Pointer but holding the
// value: Load, Store, Swap and CompareAndSwap (which compares with ==).
// Inside Check every operation is a scheduling point that synchronises
// (sequentially consistent), so it never races. The zero value holds the
// zero E.
type Atomic[E comparable] struct {
	p atomic.Pointer[E]
	h hdr
}

// Load returns the value.
func (a *Atomic[E]) Load() E {
	atomicStep(&a.h, opALoad, "Load")
	if p := a.p.Load(); p != nil {
		return *p
	}
	var zero E
	return zero
}

// Store sets the value.
func (a *Atomic[E]) Store(v E) {
	atomicStep(&a.h, opAWrite, "Store")
	a.p.Store(&v)
}

// Swap sets the value and returns the previous one.
func (a *Atomic[E]) Swap(v E) (old E) {
	atomicStep(&a.h, opAWrite, "Swap")
	if p := a.p.Swap(&v); p != nil {
		return *p
	}
	return old
}

// CompareAndSwap sets the value to new if it equals old and reports
// whether it did.
func (a *Atomic[E]) CompareAndSwap(old, new E) bool {
	atomicStep(&a.h, opAWrite, "CompareAndSwap")
	for {
		p := a.p.Load()
		var cur E
		if p != nil {
			cur = *p
		}
		if cur != old {
			return casPolled(false)
		}
		if a.p.CompareAndSwap(p, &new) {
			return true
		}
	}
}

// atomicStep is the scheduling point of an atomic operation inside Check
// (a no-op outside): the goroutine acquires the value, and a write
// releases it. As in Go's memory model, a load is synchronized after the
// store it observes but is itself observed by nobody: two loads do not
// order their goroutines (and so commute, as DPOR assumes).
func atomicStep(h *hdr, op opKind, name string) {
	if ex := active.Load(); ex != nil {
		o := ex.obj(h, kAtomic)
		g := ex.step(pending{op: op, o: o, name: name})
		g.acquire(o)
		if op == opALoad {
			ex.poll(g)
			return
		}
		g.release(o)
		o.written = true
		return
	}
	h.native()
}

// Int64 is an atomic int64 with the methods of atomic.Int64.
type Int64 struct {
	v atomic.Int64
	h hdr
}

// Load returns the value.
func (x *Int64) Load() int64 { atomicStep(&x.h, opALoad, "Load"); return x.v.Load() }

// Store sets the value.
func (x *Int64) Store(v int64) { atomicStep(&x.h, opAWrite, "Store"); x.v.Store(v) }

// Add adds delta and returns the new value.
func (x *Int64) Add(delta int64) int64 { atomicStep(&x.h, opAWrite, "Add"); return x.v.Add(delta) }

// Swap sets the value and returns the old one.
func (x *Int64) Swap(v int64) int64 { atomicStep(&x.h, opAWrite, "Swap"); return x.v.Swap(v) }

// CompareAndSwap sets the value to new if it is old.
func (x *Int64) CompareAndSwap(old, new int64) bool {
	atomicStep(&x.h, opAWrite, "CompareAndSwap")
	return casPolled(x.v.CompareAndSwap(old, new))
}

// Int32 is an atomic int32 with the methods of atomic.Int32.
type Int32 struct {
	v atomic.Int32
	h hdr
}

// Load returns the value.
func (x *Int32) Load() int32 { atomicStep(&x.h, opALoad, "Load"); return x.v.Load() }

// Store sets the value.
func (x *Int32) Store(v int32) { atomicStep(&x.h, opAWrite, "Store"); x.v.Store(v) }

// Add adds delta and returns the new value.
func (x *Int32) Add(delta int32) int32 { atomicStep(&x.h, opAWrite, "Add"); return x.v.Add(delta) }

// Swap sets the value and returns the old one.
func (x *Int32) Swap(v int32) int32 { atomicStep(&x.h, opAWrite, "Swap"); return x.v.Swap(v) }

// CompareAndSwap sets the value to new if it is old.
func (x *Int32) CompareAndSwap(old, new int32) bool {
	atomicStep(&x.h, opAWrite, "CompareAndSwap")
	return casPolled(x.v.CompareAndSwap(old, new))
}

// Uint64 is an atomic uint64 with the methods of atomic.Uint64.
type Uint64 struct {
	v atomic.Uint64
	h hdr
}

// Load returns the value.
func (x *Uint64) Load() uint64 { atomicStep(&x.h, opALoad, "Load"); return x.v.Load() }

// Store sets the value.
func (x *Uint64) Store(v uint64) { atomicStep(&x.h, opAWrite, "Store"); x.v.Store(v) }

// Add adds delta and returns the new value.
func (x *Uint64) Add(delta uint64) uint64 {
	atomicStep(&x.h, opAWrite, "Add")
	return x.v.Add(delta)
}

// Swap sets the value and returns the old one.
func (x *Uint64) Swap(v uint64) uint64 { atomicStep(&x.h, opAWrite, "Swap"); return x.v.Swap(v) }

// CompareAndSwap sets the value to new if it is old.
func (x *Uint64) CompareAndSwap(old, new uint64) bool {
	atomicStep(&x.h, opAWrite, "CompareAndSwap")
	return casPolled(x.v.CompareAndSwap(old, new))
}

// Uint32 is an atomic uint32 with the methods of atomic.Uint32.
type Uint32 struct {
	v atomic.Uint32
	h hdr
}

// Load returns the value.
func (x *Uint32) Load() uint32 { atomicStep(&x.h, opALoad, "Load"); return x.v.Load() }

// Store sets the value.
func (x *Uint32) Store(v uint32) { atomicStep(&x.h, opAWrite, "Store"); x.v.Store(v) }

// Add adds delta and returns the new value.
func (x *Uint32) Add(delta uint32) uint32 {
	atomicStep(&x.h, opAWrite, "Add")
	return x.v.Add(delta)
}

// Swap sets the value and returns the old one.
func (x *Uint32) Swap(v uint32) uint32 { atomicStep(&x.h, opAWrite, "Swap"); return x.v.Swap(v) }

// CompareAndSwap sets the value to new if it is old.
func (x *Uint32) CompareAndSwap(old, new uint32) bool {
	atomicStep(&x.h, opAWrite, "CompareAndSwap")
	return casPolled(x.v.CompareAndSwap(old, new))
}

// Bool is an atomic bool with the methods of atomic.Bool.
type Bool struct {
	v atomic.Bool
	h hdr
}

// Load returns the value.
func (x *Bool) Load() bool { atomicStep(&x.h, opALoad, "Load"); return x.v.Load() }

// Store sets the value.
func (x *Bool) Store(v bool) { atomicStep(&x.h, opAWrite, "Store"); x.v.Store(v) }

// Swap sets the value and returns the old one.
func (x *Bool) Swap(v bool) bool { atomicStep(&x.h, opAWrite, "Swap"); return x.v.Swap(v) }

// CompareAndSwap sets the value to new if it is old.
func (x *Bool) CompareAndSwap(old, new bool) bool {
	atomicStep(&x.h, opAWrite, "CompareAndSwap")
	return casPolled(x.v.CompareAndSwap(old, new))
}

// And sets the value to value & mask and returns the old value.
func (x *Int32) And(mask int32) (old int32) { atomicStep(&x.h, opAWrite, "And"); return x.v.And(mask) }

// Or sets the value to value | mask and returns the old value.
func (x *Int32) Or(mask int32) (old int32) { atomicStep(&x.h, opAWrite, "Or"); return x.v.Or(mask) }

// And sets the value to value & mask and returns the old value.
func (x *Int64) And(mask int64) (old int64) { atomicStep(&x.h, opAWrite, "And"); return x.v.And(mask) }

// Or sets the value to value | mask and returns the old value.
func (x *Int64) Or(mask int64) (old int64) { atomicStep(&x.h, opAWrite, "Or"); return x.v.Or(mask) }

// And sets the value to value & mask and returns the old value.
func (x *Uint32) And(mask uint32) (old uint32) {
	atomicStep(&x.h, opAWrite, "And")
	return x.v.And(mask)
}

// Or sets the value to value | mask and returns the old value.
func (x *Uint32) Or(mask uint32) (old uint32) { atomicStep(&x.h, opAWrite, "Or"); return x.v.Or(mask) }

// And sets the value to value & mask and returns the old value.
func (x *Uint64) And(mask uint64) (old uint64) {
	atomicStep(&x.h, opAWrite, "And")
	return x.v.And(mask)
}

// Or sets the value to value | mask and returns the old value.
func (x *Uint64) Or(mask uint64) (old uint64) { atomicStep(&x.h, opAWrite, "Or"); return x.v.Or(mask) }

// Uintptr is an atomic uintptr with the methods of atomic.Uintptr.
type Uintptr struct {
	v atomic.Uintptr
	h hdr
}

// Load returns the value.
func (x *Uintptr) Load() uintptr { atomicStep(&x.h, opALoad, "Load"); return x.v.Load() }

// Store sets the value.
func (x *Uintptr) Store(v uintptr) { atomicStep(&x.h, opAWrite, "Store"); x.v.Store(v) }

// Add adds delta and returns the new value.
func (x *Uintptr) Add(delta uintptr) uintptr {
	atomicStep(&x.h, opAWrite, "Add")
	return x.v.Add(delta)
}

// Swap sets the value and returns the old one.
func (x *Uintptr) Swap(v uintptr) uintptr { atomicStep(&x.h, opAWrite, "Swap"); return x.v.Swap(v) }

// CompareAndSwap sets the value to new if it is old.
func (x *Uintptr) CompareAndSwap(old, new uintptr) bool {
	atomicStep(&x.h, opAWrite, "CompareAndSwap")
	return casPolled(x.v.CompareAndSwap(old, new))
}

// And sets the value to value & mask and returns the old value.
func (x *Uintptr) And(mask uintptr) (old uintptr) {
	atomicStep(&x.h, opAWrite, "And")
	return x.v.And(mask)
}

// Or sets the value to value | mask and returns the old value.
func (x *Uintptr) Or(mask uintptr) (old uintptr) {
	atomicStep(&x.h, opAWrite, "Or")
	return x.v.Or(mask)
}

// Pointer is an atomic pointer to T with the methods of atomic.Pointer.
// The zero value is a nil pointer.
type Pointer[T any] struct {
	v atomic.Pointer[T]
	h hdr
}

// Load returns the pointer.
func (x *Pointer[T]) Load() *T { atomicStep(&x.h, opALoad, "Load"); return x.v.Load() }

// Store sets the pointer.
func (x *Pointer[T]) Store(v *T) { atomicStep(&x.h, opAWrite, "Store"); x.v.Store(v) }

// Swap sets the pointer and returns the old one.
func (x *Pointer[T]) Swap(v *T) *T { atomicStep(&x.h, opAWrite, "Swap"); return x.v.Swap(v) }

// CompareAndSwap sets the pointer to new if it is old.
func (x *Pointer[T]) CompareAndSwap(old, new *T) bool {
	atomicStep(&x.h, opAWrite, "CompareAndSwap")
	return casPolled(x.v.CompareAndSwap(old, new))
}

// Value holds a value of one concrete type, with the methods of
// atomic.Value and its panics: storing nil, or a value of another type
// than the first one stored.
type Value struct {
	v atomic.Value
	h hdr
}

// Load returns the value last stored, nil if none.
func (x *Value) Load() any { atomicStep(&x.h, opALoad, "Load"); return x.v.Load() }

// Store sets the value.
func (x *Value) Store(v any) { atomicStep(&x.h, opAWrite, "Store"); x.v.Store(v) }

// Swap sets the value and returns the previous one (nil if none).
func (x *Value) Swap(v any) any { atomicStep(&x.h, opAWrite, "Swap"); return x.v.Swap(v) }

// CompareAndSwap sets the value to new if it is old and reports whether
// it did.
func (x *Value) CompareAndSwap(old, new any) bool {
	atomicStep(&x.h, opAWrite, "CompareAndSwap")
	return casPolled(x.v.CompareAndSwap(old, new))
}

// casPolled returns ok; inside Check a failed CompareAndSwap is a poll
// (it changed nothing), for fair scheduling.
func casPolled(ok bool) bool {
	if ex := active.Load(); ex != nil && !ok {
		ex.poll(ex.cur)
	}
	return ok
}
