package rt

import (
	"sync/atomic"
	"unsafe"
)

// The atomic function forms of sync/atomic, keyed by address: outside
// Check each is its sync/atomic counterpart; inside, a scheduling point
// on the memory at addr, which may also be a Var's value (Var.Addr) or a
// plain variable the source rewriter turns into rt calls. rt checks them
// as Go's race detector does: atomic accesses to one address never race
// with each other and are sequentially consistent (each acquires what
// earlier atomic writes released), while an atomic and a plain access
// (Var.Load, Var.Store) race unless happens-before orders them. A
// CompareAndSwap that fails is an atomic read.

// atomicAt is the scheduling point of an atomic function form inside
// Check (nothing outside); the operation itself follows.
func atomicAt[E any](addr *E, write bool, name string) {
	if ex := active.Load(); ex != nil {
		ex.memAtomic(unsafe.Pointer(addr), write, name)
	}
}

// casAt runs compare-and-swap cas at its scheduling point. It calls cas
// itself, so that the access to the program's memory has no exec method
// below it (race suppressions match them, raceenv.go).
func casAt[E any](addr *E, name string, cas func() bool) bool {
	if ex := active.Load(); ex != nil {
		g, o := ex.casStep(unsafe.Pointer(addr), name)
		ok := cas()
		ex.atomicAccess(g, o, ok, name)
		return ok
	}
	return cas()
}

// AddInt32 atomically adds delta to *addr and returns the new value, like
// atomic.AddInt32.
func AddInt32(addr *int32, delta int32) (new int32) {
	atomicAt(addr, true, "AddInt32")
	return atomic.AddInt32(addr, delta)
}

// LoadInt32 atomically loads *addr, like atomic.LoadInt32.
func LoadInt32(addr *int32) (val int32) {
	atomicAt(addr, false, "LoadInt32")
	return atomic.LoadInt32(addr)
}

// StoreInt32 atomically stores val into *addr, like atomic.StoreInt32.
func StoreInt32(addr *int32, val int32) {
	atomicAt(addr, true, "StoreInt32")
	atomic.StoreInt32(addr, val)
}

// SwapInt32 atomically stores new into *addr and returns the previous
// value, like atomic.SwapInt32.
func SwapInt32(addr *int32, new int32) (old int32) {
	atomicAt(addr, true, "SwapInt32")
	return atomic.SwapInt32(addr, new)
}

// CompareAndSwapInt32 atomically sets *addr to new if it is old and reports
// whether it did, like atomic.CompareAndSwapInt32.
func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool) {
	return casAt(addr, "CompareAndSwapInt32", func() bool { return atomic.CompareAndSwapInt32(addr, old, new) })
}

// AndInt32 atomically sets *addr to *addr & mask and returns the old value,
// like atomic.AndInt32.
func AndInt32(addr *int32, mask int32) (old int32) {
	atomicAt(addr, true, "AndInt32")
	return atomic.AndInt32(addr, mask)
}

// OrInt32 atomically sets *addr to *addr | mask and returns the old value,
// like atomic.OrInt32.
func OrInt32(addr *int32, mask int32) (old int32) {
	atomicAt(addr, true, "OrInt32")
	return atomic.OrInt32(addr, mask)
}

// AddInt64 atomically adds delta to *addr and returns the new value, like
// atomic.AddInt64.
func AddInt64(addr *int64, delta int64) (new int64) {
	atomicAt(addr, true, "AddInt64")
	return atomic.AddInt64(addr, delta)
}

// LoadInt64 atomically loads *addr, like atomic.LoadInt64.
func LoadInt64(addr *int64) (val int64) {
	atomicAt(addr, false, "LoadInt64")
	return atomic.LoadInt64(addr)
}

// StoreInt64 atomically stores val into *addr, like atomic.StoreInt64.
func StoreInt64(addr *int64, val int64) {
	atomicAt(addr, true, "StoreInt64")
	atomic.StoreInt64(addr, val)
}

// SwapInt64 atomically stores new into *addr and returns the previous
// value, like atomic.SwapInt64.
func SwapInt64(addr *int64, new int64) (old int64) {
	atomicAt(addr, true, "SwapInt64")
	return atomic.SwapInt64(addr, new)
}

// CompareAndSwapInt64 atomically sets *addr to new if it is old and reports
// whether it did, like atomic.CompareAndSwapInt64.
func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool) {
	return casAt(addr, "CompareAndSwapInt64", func() bool { return atomic.CompareAndSwapInt64(addr, old, new) })
}

// AndInt64 atomically sets *addr to *addr & mask and returns the old value,
// like atomic.AndInt64.
func AndInt64(addr *int64, mask int64) (old int64) {
	atomicAt(addr, true, "AndInt64")
	return atomic.AndInt64(addr, mask)
}

// OrInt64 atomically sets *addr to *addr | mask and returns the old value,
// like atomic.OrInt64.
func OrInt64(addr *int64, mask int64) (old int64) {
	atomicAt(addr, true, "OrInt64")
	return atomic.OrInt64(addr, mask)
}

// AddUint32 atomically adds delta to *addr and returns the new value, like
// atomic.AddUint32.
func AddUint32(addr *uint32, delta uint32) (new uint32) {
	atomicAt(addr, true, "AddUint32")
	return atomic.AddUint32(addr, delta)
}

// LoadUint32 atomically loads *addr, like atomic.LoadUint32.
func LoadUint32(addr *uint32) (val uint32) {
	atomicAt(addr, false, "LoadUint32")
	return atomic.LoadUint32(addr)
}

// StoreUint32 atomically stores val into *addr, like atomic.StoreUint32.
func StoreUint32(addr *uint32, val uint32) {
	atomicAt(addr, true, "StoreUint32")
	atomic.StoreUint32(addr, val)
}

// SwapUint32 atomically stores new into *addr and returns the previous
// value, like atomic.SwapUint32.
func SwapUint32(addr *uint32, new uint32) (old uint32) {
	atomicAt(addr, true, "SwapUint32")
	return atomic.SwapUint32(addr, new)
}

// CompareAndSwapUint32 atomically sets *addr to new if it is old and reports
// whether it did, like atomic.CompareAndSwapUint32.
func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool) {
	return casAt(addr, "CompareAndSwapUint32", func() bool { return atomic.CompareAndSwapUint32(addr, old, new) })
}

// AndUint32 atomically sets *addr to *addr & mask and returns the old value,
// like atomic.AndUint32.
func AndUint32(addr *uint32, mask uint32) (old uint32) {
	atomicAt(addr, true, "AndUint32")
	return atomic.AndUint32(addr, mask)
}

// OrUint32 atomically sets *addr to *addr | mask and returns the old value,
// like atomic.OrUint32.
func OrUint32(addr *uint32, mask uint32) (old uint32) {
	atomicAt(addr, true, "OrUint32")
	return atomic.OrUint32(addr, mask)
}

// AddUint64 atomically adds delta to *addr and returns the new value, like
// atomic.AddUint64.
func AddUint64(addr *uint64, delta uint64) (new uint64) {
	atomicAt(addr, true, "AddUint64")
	return atomic.AddUint64(addr, delta)
}

// LoadUint64 atomically loads *addr, like atomic.LoadUint64.
func LoadUint64(addr *uint64) (val uint64) {
	atomicAt(addr, false, "LoadUint64")
	return atomic.LoadUint64(addr)
}

// StoreUint64 atomically stores val into *addr, like atomic.StoreUint64.
func StoreUint64(addr *uint64, val uint64) {
	atomicAt(addr, true, "StoreUint64")
	atomic.StoreUint64(addr, val)
}

// SwapUint64 atomically stores new into *addr and returns the previous
// value, like atomic.SwapUint64.
func SwapUint64(addr *uint64, new uint64) (old uint64) {
	atomicAt(addr, true, "SwapUint64")
	return atomic.SwapUint64(addr, new)
}

// CompareAndSwapUint64 atomically sets *addr to new if it is old and reports
// whether it did, like atomic.CompareAndSwapUint64.
func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool) {
	return casAt(addr, "CompareAndSwapUint64", func() bool { return atomic.CompareAndSwapUint64(addr, old, new) })
}

// AndUint64 atomically sets *addr to *addr & mask and returns the old value,
// like atomic.AndUint64.
func AndUint64(addr *uint64, mask uint64) (old uint64) {
	atomicAt(addr, true, "AndUint64")
	return atomic.AndUint64(addr, mask)
}

// OrUint64 atomically sets *addr to *addr | mask and returns the old value,
// like atomic.OrUint64.
func OrUint64(addr *uint64, mask uint64) (old uint64) {
	atomicAt(addr, true, "OrUint64")
	return atomic.OrUint64(addr, mask)
}

// AddUintptr atomically adds delta to *addr and returns the new value, like
// atomic.AddUintptr.
func AddUintptr(addr *uintptr, delta uintptr) (new uintptr) {
	atomicAt(addr, true, "AddUintptr")
	return atomic.AddUintptr(addr, delta)
}

// LoadUintptr atomically loads *addr, like atomic.LoadUintptr.
func LoadUintptr(addr *uintptr) (val uintptr) {
	atomicAt(addr, false, "LoadUintptr")
	return atomic.LoadUintptr(addr)
}

// StoreUintptr atomically stores val into *addr, like atomic.StoreUintptr.
func StoreUintptr(addr *uintptr, val uintptr) {
	atomicAt(addr, true, "StoreUintptr")
	atomic.StoreUintptr(addr, val)
}

// SwapUintptr atomically stores new into *addr and returns the previous
// value, like atomic.SwapUintptr.
func SwapUintptr(addr *uintptr, new uintptr) (old uintptr) {
	atomicAt(addr, true, "SwapUintptr")
	return atomic.SwapUintptr(addr, new)
}

// CompareAndSwapUintptr atomically sets *addr to new if it is old and reports
// whether it did, like atomic.CompareAndSwapUintptr.
func CompareAndSwapUintptr(addr *uintptr, old, new uintptr) (swapped bool) {
	return casAt(addr, "CompareAndSwapUintptr", func() bool { return atomic.CompareAndSwapUintptr(addr, old, new) })
}

// AndUintptr atomically sets *addr to *addr & mask and returns the old value,
// like atomic.AndUintptr.
func AndUintptr(addr *uintptr, mask uintptr) (old uintptr) {
	atomicAt(addr, true, "AndUintptr")
	return atomic.AndUintptr(addr, mask)
}

// OrUintptr atomically sets *addr to *addr | mask and returns the old value,
// like atomic.OrUintptr.
func OrUintptr(addr *uintptr, mask uintptr) (old uintptr) {
	atomicAt(addr, true, "OrUintptr")
	return atomic.OrUintptr(addr, mask)
}

// LoadPointer atomically loads *addr, like atomic.LoadPointer.
func LoadPointer(addr *unsafe.Pointer) (val unsafe.Pointer) {
	atomicAt(addr, false, "LoadPointer")
	return atomic.LoadPointer(addr)
}

// StorePointer atomically stores val into *addr, like atomic.StorePointer.
func StorePointer(addr *unsafe.Pointer, val unsafe.Pointer) {
	atomicAt(addr, true, "StorePointer")
	atomic.StorePointer(addr, val)
}

// SwapPointer atomically stores new into *addr and returns the previous
// value, like atomic.SwapPointer.
func SwapPointer(addr *unsafe.Pointer, new unsafe.Pointer) (old unsafe.Pointer) {
	atomicAt(addr, true, "SwapPointer")
	return atomic.SwapPointer(addr, new)
}

// CompareAndSwapPointer atomically sets *addr to new if it is old and
// reports whether it did, like atomic.CompareAndSwapPointer.
func CompareAndSwapPointer(addr *unsafe.Pointer, old, new unsafe.Pointer) (swapped bool) {
	return casAt(addr, "CompareAndSwapPointer", func() bool { return atomic.CompareAndSwapPointer(addr, old, new) })
}
