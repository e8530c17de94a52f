package rt

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// The context functions below are those of package context, with
// cancellation made of rt operations: a context's Done is an rt channel
// (Done(ctx) returns it for Select), cancelling closes it, Err reads it,
// and a deadline is an rt timer, so a timeout fires through virtual time
// and every order of a cancel and what observes it is explored. The
// contexts are ordinary context.Context values: context.WithValue and the
// other wrappers of package context work on them, and they work outside
// Check too.
//
// Background, TODO, WithValue and WithoutCancel need nothing from rt: use
// package context's. A context made by package context's cancel
// functions inside Check is not controlled; Done(ctx) refuses it.

// cancelCtx is a cancellable context (WithCancel, WithDeadline, ...).
type cancelCtx struct {
	context.Context // the parent

	done     *Chan[struct{}]
	deadline time.Time // zero: none
	timer    *Timer

	mu       sync.Mutex // outside Check only: inside, steps are serial
	err      error
	cause    error
	children []*cancelCtx
	afters   []*afterFunc
}

// afterFunc is a function registered with AfterFunc.
type afterFunc struct{ f func() }

// ctxKey is the key under which a cancelCtx finds itself through
// wrappers (as package context finds its own cancelCtx).
var ctxKey int

// WithCancel is context.WithCancel: the returned context is done when
// cancel is called or parent is done, whichever happens first.
func WithCancel(parent context.Context) (context.Context, context.CancelFunc) {
	c := newCancelCtx(parent, time.Time{})
	return c, func() { c.cancel(true, context.Canceled, nil) }
}

// WithCancelCause is context.WithCancelCause: cancel records a cause,
// returned by Cause.
func WithCancelCause(parent context.Context) (context.Context, context.CancelCauseFunc) {
	c := newCancelCtx(parent, time.Time{})
	return c, func(cause error) { c.cancel(true, context.Canceled, cause) }
}

// WithDeadline is context.WithDeadline: the context is also done at d
// (virtual time inside Check).
func WithDeadline(parent context.Context, d time.Time) (context.Context, context.CancelFunc) {
	return WithDeadlineCause(parent, d, nil)
}

// WithDeadlineCause is context.WithDeadlineCause: cause is the context's
// cause when the deadline passes.
func WithDeadlineCause(parent context.Context, d time.Time, cause error) (context.Context, context.CancelFunc) {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if cur, ok := parent.Deadline(); ok && cur.Before(d) {
		return WithCancel(parent) // the parent's deadline comes first
	}
	c := newCancelCtx(parent, d)
	stop := func() { c.cancel(true, context.Canceled, nil) }
	dur := Until(d)
	if dur <= 0 {
		c.cancel(true, context.DeadlineExceeded, cause)
		return c, stop
	}
	if !c.isDone() {
		t := AfterFunc(dur, func() { c.cancel(true, context.DeadlineExceeded, cause) })
		c.mu.Lock()
		c.timer = t
		c.mu.Unlock()
	}
	return c, stop
}

// WithTimeout is WithDeadline(parent, Now().Add(d)).
func WithTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return WithDeadline(parent, Now().Add(d))
}

// WithTimeoutCause is WithDeadlineCause(parent, Now().Add(d), cause).
func WithTimeoutCause(parent context.Context, d time.Duration, cause error) (context.Context, context.CancelFunc) {
	return WithDeadlineCause(parent, Now().Add(d), cause)
}

// Cause is context.Cause: why ctx was cancelled, nil while it is not.
func Cause(ctx context.Context) error {
	if c, ok := ctx.Value(&ctxKey).(*cancelCtx); ok {
		if err := c.Err(); err == nil {
			return nil
		}
		return c.cause
	}
	return context.Cause(ctx)
}

// ContextAfterFunc is context.AfterFunc (named so beside the timer's
// AfterFunc): f runs in its own goroutine once ctx is done; stop
// unregisters it and reports whether it did so before f started.
func ContextAfterFunc(ctx context.Context, f func()) (stop func() bool) {
	c := rtContext("ContextAfterFunc", ctx)
	if c == nil {
		return context.AfterFunc(ctx, f)
	}
	a := &afterFunc{f: f}
	if c.register(nil, a) {
		Go(f) // already done
	}
	return func() bool { return c.unregister(nil, a) }
}

// Done returns ctx's Done channel as an rt channel, for Select and Recv:
// nil (never ready) for a context that is never done, like Background.
// Inside Check, ctx must come from this package's functions (directly or
// through package context's wrappers such as WithValue); outside, any
// context works.
func Done(ctx context.Context) *Chan[struct{}] {
	if c := rtContext("Done", ctx); c != nil {
		return c.done
	}
	d := ctx.Done()
	if d == nil {
		return nil
	}
	ch := NewChan[struct{}](0)
	go func() { <-d; ch.Close() }()
	return ch
}

// rtContext returns the rt context whose cancellation ctx's Done reports
// (ctx itself, or one it wraps, found as package context finds its own),
// nil if there is none. Inside Check, a cancellable ctx that has none
// cannot be controlled: it panics, naming fn.
func rtContext(fn string, ctx context.Context) *cancelCtx {
	d := ctx.Done()
	if c, ok := ctx.Value(&ctxKey).(*cancelCtx); ok && (<-chan struct{})(c.done.ch) == d {
		return c
	}
	if d != nil && active.Load() != nil {
		panic(notRT(fn, ctx))
	}
	return nil
}

func notRT(fn string, ctx context.Context) string {
	return fmt.Sprintf("rt.%s: context %T is cancellable but was not made by rt (package context's "+
		"WithCancel, WithTimeout... inside Check make uncontrolled contexts): use rt.WithCancel, "+
		"rt.WithTimeout, rt.WithDeadline or T.Context", fn, ctx)
}

func newCancelCtx(parent context.Context, d time.Time) *cancelCtx {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	c := &cancelCtx{Context: parent, done: NewChan[struct{}](0), deadline: d}
	if p := rtContext("WithCancel", parent); p != nil {
		if p.register(c, nil) {
			c.cancel(false, p.err, p.cause)
		}
		return c
	}
	if parent.Done() != nil { // a context of package context, outside Check
		context.AfterFunc(parent, func() { c.cancel(false, parent.Err(), context.Cause(parent)) })
	}
	return c
}

// Done returns the channel closed when c is cancelled (a Go channel: use
// Done(ctx) to receive from it inside Check).
func (c *cancelCtx) Done() <-chan struct{} { return c.done.ch }

// Deadline returns c's deadline, or its parent's.
func (c *cancelCtx) Deadline() (time.Time, bool) {
	if !c.deadline.IsZero() {
		return c.deadline, true
	}
	return c.Context.Deadline()
}

// Value returns c itself for ctxKey, else its parent's value.
func (c *cancelCtx) Value(key any) any {
	if key == &ctxKey {
		return c
	}
	return c.Context.Value(key)
}

func (c *cancelCtx) String() string { return fmt.Sprintf("%v.WithCancel", c.Context) }

// Err is nil until c is cancelled, then why. Inside Check it is a
// scheduling point that reads the context (a loop polling Err is seen
// spinning, see Yield), and once it sees the cancel it is ordered after it.
func (c *cancelCtx) Err() error {
	if ex := active.Load(); ex != nil {
		o := c.done.obj(ex)
		g := ex.step(pending{op: opLoad, o: o, name: "Err"})
		ex.poll(g)
		if !o.closed {
			return nil
		}
		g.acquire(o)
		return c.err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// isDone reports whether c is cancelled, for rt's own decisions: not a
// scheduling point, but a read of the context.
func (c *cancelCtx) isDone() bool {
	if ex := active.Load(); ex != nil {
		o := c.done.obj(ex)
		ex.touch(touch{key: o.key()})
		return o.closed
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err != nil
}

// cancel closes c's channel, cancels its children, stops its timer and
// starts its AfterFuncs; a second cancel does nothing. Inside Check it is
// one step, a write of the context.
func (c *cancelCtx) cancel(fromParent bool, err, cause error) {
	if cause == nil {
		cause = err
	}
	if !c.close(err, cause) {
		return
	}
	c.mu.Lock()
	children, afters, timer := c.children, c.afters, c.timer
	c.children, c.afters = nil, nil
	c.mu.Unlock()
	if timer != nil {
		timer.Stop()
	}
	for _, a := range afters {
		Go(a.f)
	}
	for _, k := range children {
		k.cancel(false, err, cause)
	}
	if fromParent {
		if p, ok := c.Context.Value(&ctxKey).(*cancelCtx); ok {
			p.unregister(c, nil)
		}
	}
}

// close marks c cancelled and closes its channel; false if it was already.
func (c *cancelCtx) close(err, cause error) bool {
	if ex := active.Load(); ex != nil {
		o := c.done.obj(ex)
		g := ex.step(pending{op: opClose, o: o, name: "cancel"})
		if o.closed {
			return false
		}
		c.err, c.cause, o.closed = err, cause, true
		g.release(o)
		close(c.done.ch) // for a native read of Done()
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return false
	}
	c.err, c.cause = err, cause
	close(c.done.ch)
	return true
}

// register adds a child or an AfterFunc to c, unless c is cancelled
// already (then it reports true and adds nothing): a scheduling point, as
// another goroutine may be cancelling c.
func (c *cancelCtx) register(child *cancelCtx, a *afterFunc) (done bool) {
	if ex := active.Load(); ex != nil {
		o := c.done.obj(ex)
		ex.step(pending{op: opStore, o: o, name: "register"})
		if o.closed {
			ex.cur.acquire(o)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return true
	}
	if child != nil {
		c.children = append(c.children, child)
	}
	if a != nil {
		c.afters = append(c.afters, a)
	}
	return false
}

// unregister removes a child or an AfterFunc; it reports whether a was
// still registered (had not started). Stopping an AfterFunc is a
// scheduling point; a cancelled child leaves its parent within its cancel
// step.
func (c *cancelCtx) unregister(child *cancelCtx, a *afterFunc) bool {
	if ex := active.Load(); ex != nil {
		if a != nil {
			ex.step(pending{op: opStore, o: c.done.obj(ex), name: "stop"})
		} else {
			ex.touch(touch{key: c.done.obj(ex).key(), write: true})
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.children = slices.DeleteFunc(c.children, func(k *cancelCtx) bool { return k == child })
	n := len(c.afters)
	c.afters = slices.DeleteFunc(c.afters, func(x *afterFunc) bool { return x == a })
	return a != nil && len(c.afters) < n
}
