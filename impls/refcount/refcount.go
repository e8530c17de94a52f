package refcount

import (
	"errors"
	"runtime"
	"sync/atomic"
)

// Errors returned on misuse, and on what the seeded bug causes.
var (
	ErrUseAfterFree = errors.New("refcount: use after free")
	ErrDoubleFree   = errors.New("refcount: double free")
)

// Bug is a seeded bug, switched on by WithBug.
type Bug int

// The seeded bugs.
const (
	// NoBug is the correct handle.
	NoBug Bug = iota
	// BugNonAtomicCount counts with a plain variable: read, then write.
	BugNonAtomicCount
)

// String names the bug as the mutation table does.
func (b Bug) String() string {
	if b == BugNonAtomicCount {
		return "non-atomic count"
	}
	return "none"
}

// Option configures New.
type Option interface{ apply(*config) }

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	bug    Bug
	biased bool
}

// WithBiased selects biased reference counting: see the package
// documentation and Owner.
func WithBiased() Option { return optionFunc(func(c *config) { c.biased = true }) }

// WithBug switches on a seeded bug.
func WithBug(b Bug) Option { return optionFunc(func(c *config) { c.bug = b }) }

// merged is the flag the owner sets in the shared count of a biased
// handle when its own count reaches zero.
const merged = int64(1) << 40

// Handle is a reference-counted value. New returns it with one reference,
// held by the calling goroutine (its owner).
type Handle[T any] struct {
	v      T
	fin    func(T)
	cfg    config
	shared atomic.Int64 // the count (atomic variant); others' references (biased)
	plain  int64        // the count of BugNonAtomicCount: a data race
	local  int64        // the owner's references (biased): the owner's alone
	frees  atomic.Int32 // times the finaliser was called for
}

// New returns a handle on v with one reference; finalize (may be nil) is
// called once when the last reference is released.
func New[T any](v T, finalize func(T), opts ...Option) *Handle[T] {
	h := &Handle[T]{v: v, fin: finalize}
	for _, o := range opts {
		o.apply(&h.cfg)
	}
	switch {
	case h.cfg.bug == BugNonAtomicCount:
		h.plain = 1
	case h.cfg.biased:
		h.local = 1
	default:
		h.shared.Store(1)
	}
	return h
}

// Get returns the value, or ErrUseAfterFree once it has been finalised.
func (h *Handle[T]) Get() (T, error) {
	if h.frees.Load() > 0 {
		var zero T
		return zero, ErrUseAfterFree
	}
	return h.v, nil
}

// Retain adds a reference. The caller must already hold one (a reference
// is handed to another goroutine by retaining it first); it returns
// ErrUseAfterFree if the value was already finalised.
func (h *Handle[T]) Retain() error {
	if h.frees.Load() > 0 {
		return ErrUseAfterFree
	}
	if h.cfg.bug == BugNonAtomicCount {
		n := h.plain
		runtime.Gosched() // widen the window
		h.plain = n + 1
		return nil
	}
	h.shared.Add(1)
	return nil
}

// Release drops a reference and finalises on the last one. It returns
// ErrDoubleFree if the value is finalised a second time or released more
// often than retained.
func (h *Handle[T]) Release() error {
	switch {
	case h.cfg.bug == BugNonAtomicCount:
		n := h.plain - 1
		runtime.Gosched()
		h.plain = n
		return h.settle(n)
	case h.cfg.biased:
		if h.shared.Add(-1) == merged {
			return h.free()
		}
		return nil
	}
	return h.settle(h.shared.Add(-1))
}

// settle finalises when a release has brought the count n to zero.
func (h *Handle[T]) settle(n int64) error {
	switch {
	case n < 0:
		return ErrDoubleFree
	case n == 0:
		return h.free()
	}
	return nil
}

func (h *Handle[T]) free() error {
	if h.frees.Add(1) > 1 {
		return ErrDoubleFree
	}
	if h.fin != nil {
		h.fin(h.v)
	}
	return nil
}

// Owner returns the owner's side of h, for the goroutine that created it.
// With WithBiased its Retain and Release are plain, non-atomic operations
// on the owner's own count; otherwise they are h's.
func (h *Handle[T]) Owner() *Owner[T] { return &Owner[T]{h: h} }

// Owner is the owning goroutine's side of a handle. Only the goroutine
// that called New may use it.
type Owner[T any] struct{ h *Handle[T] }

// Retain adds one of the owner's references.
func (o *Owner[T]) Retain() error {
	h := o.h
	if !h.cfg.biased || h.cfg.bug != NoBug {
		return h.Retain()
	}
	if h.frees.Load() > 0 {
		return ErrUseAfterFree
	}
	h.local++
	return nil
}

// Release drops one of the owner's references. When the owner has none
// left it merges into the shared count, and finalises if no other
// goroutine holds a reference.
func (o *Owner[T]) Release() error {
	h := o.h
	if !h.cfg.biased || h.cfg.bug != NoBug {
		return h.Release()
	}
	h.local--
	n := h.local
	switch {
	case n < 0:
		return ErrDoubleFree
	case n > 0:
		return nil
	}
	if h.shared.Add(merged) == merged {
		return h.free()
	}
	return nil
}
