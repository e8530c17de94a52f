package rt

import (
	"iter"
	"reflect"
)

// Chan is a channel of E. Outside Check it is a Go channel; inside, every
// operation is a scheduling point and blocked goroutines are tracked for
// the deadlock and leak checks. Create it with NewChan. A nil *Chan and
// the zero Chan are nil channels, as in Go: Send and Recv block forever
// (inside Check the goroutine is reported as blocked on a nil channel), a
// case on them in Select is never ready, Close panics, Len and Cap are 0.
type Chan[E any] struct {
	ch   chan E
	cap  int
	made bool
	h    hdr
}

// NewChan returns a channel with the given buffer capacity (0:
// unbuffered).
func NewChan[E any](capacity int) *Chan[E] {
	c := &Chan[E]{ch: make(chan E, capacity), cap: capacity, made: true}
	if ex := active.Load(); ex != nil {
		c.obj(ex) // number channels in creation order
	}
	return c
}

// Send sends v on c, blocking until a receiver or buffer space is
// available. It panics if c is closed.
func (c *Chan[E]) Send(v E) {
	if ex := active.Load(); ex != nil {
		ex.selectCases([]ccase{{o: c.obj(ex), send: true, val: v}}, true, "Send")
		return
	}
	c.native() <- v
}

// Recv receives from c, blocking until a value is available; ok is false
// when c is closed and drained.
func (c *Chan[E]) Recv() (v E, ok bool) {
	if ex := active.Load(); ex != nil {
		_, x, ok := ex.selectCases([]ccase{{o: c.obj(ex)}}, true, "Recv")
		return as[E](x), ok
	}
	v, ok = <-c.native()
	return v, ok
}

// TryRecv receives from c if a value is ready (or c is closed) without
// blocking; ready reports whether it did.
func (c *Chan[E]) TryRecv() (v E, ok, ready bool) {
	if ex := active.Load(); ex != nil {
		i, x, ok := ex.selectCases([]ccase{{o: c.obj(ex)}}, false, "TryRecv")
		return as[E](x), ok, i == 0
	}
	select {
	case v, ok = <-c.native():
		return v, ok, true
	default:
		return v, false, false
	}
}

// Close closes c; it panics if c is already closed or nil.
func (c *Chan[E]) Close() {
	if ex := active.Load(); ex != nil {
		ex.chanClose(c.obj(ex))
		return
	}
	close(c.native())
}

// Len returns the number of buffered elements.
func (c *Chan[E]) Len() int {
	if ex := active.Load(); ex != nil {
		o := c.obj(ex)
		g := ex.step(pending{op: opLen, o: o})
		ex.poll(g)
		if o == nil {
			return 0
		}
		return len(o.buf)
	}
	return len(c.native())
}

// Cap returns the buffer capacity of c (0 for a nil channel).
func (c *Chan[E]) Cap() int {
	if c == nil {
		return 0
	}
	return c.cap
}

// All returns an iterator over the values received from c, so that
// for v := range c.All() is Go's for v := range ch: each receive is a
// scheduling point and the loop ends when c is closed and drained.
func (c *Chan[E]) All() iter.Seq[E] {
	return func(yield func(E) bool) {
		for {
			v, ok := c.Recv()
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// native returns the Go channel behind c on the native path.
func (c *Chan[E]) native() chan E {
	if c != nil {
		c.h.native()
	}
	return c.goChan()
}

// goChan returns the Go channel behind c, nil for a nil channel.
func (c *Chan[E]) goChan() chan E {
	if c == nil {
		return nil
	}
	return c.ch
}

// obj returns the controlled state of c, nil for a nil channel.
func (c *Chan[E]) obj(ex *exec) *object {
	if c == nil || !c.made {
		return nil
	}
	o := ex.obj(&c.h, kChan)
	if !o.made {
		o.made, o.cap = true, c.cap
	}
	return o
}

func as[E any](x any) E {
	v, _ := x.(E)
	return v
}

// OnRecv is a select case that receives from c and passes the value to f
// (f may be nil).
func (c *Chan[E]) OnRecv(f func(v E, ok bool)) Case {
	return Case{native: reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c.goChan())},
		obj: c.obj,
		recv: func(x any, ok bool) {
			if f != nil {
				f(as[E](x), ok)
			}
		}}
}

// OnSend is a select case that sends v on c and then calls f (f may be
// nil).
func (c *Chan[E]) OnSend(v E, f func()) Case {
	return Case{native: reflect.SelectCase{Dir: reflect.SelectSend, Chan: reflect.ValueOf(c.goChan()), Send: reflect.ValueOf(&v).Elem()},
		obj: c.obj, send: true, val: v, sent: f}
}

func (ex *exec) chanClose(o *object) {
	g := ex.step(pending{op: opClose, o: o})
	switch {
	case o == nil:
		panic("close of nil channel")
	case o.closed:
		panic("close of closed channel " + o.String())
	}
	o.closed = true
	g.release(o)
}
