package rt

import "reflect"

// Chan is a channel of E. Outside Check it is a Go channel; inside, every
// operation is a scheduling point and blocked goroutines are tracked for
// the deadlock and leak checks. Create it with NewChan; the zero Chan is a
// nil channel (operations block forever).
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
	c.h.native()
	c.ch <- v
}

// Recv receives from c, blocking until a value is available; ok is false
// when c is closed and drained.
func (c *Chan[E]) Recv() (v E, ok bool) {
	if ex := active.Load(); ex != nil {
		_, x, ok := ex.selectCases([]ccase{{o: c.obj(ex)}}, true, "Recv")
		return as[E](x), ok
	}
	c.h.native()
	v, ok = <-c.ch
	return v, ok
}

// TryRecv receives from c if a value is ready (or c is closed) without
// blocking; ready reports whether it did.
func (c *Chan[E]) TryRecv() (v E, ok, ready bool) {
	if ex := active.Load(); ex != nil {
		i, x, ok := ex.selectCases([]ccase{{o: c.obj(ex)}}, false, "TryRecv")
		return as[E](x), ok, i == 0
	}
	c.h.native()
	select {
	case v, ok = <-c.ch:
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
	c.h.native()
	close(c.ch)
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
	c.h.native()
	return len(c.ch)
}

// Cap returns the buffer capacity of c.
func (c *Chan[E]) Cap() int { return c.cap }

// obj returns the controlled state of c, nil for a nil channel.
func (c *Chan[E]) obj(ex *exec) *object {
	if !c.made {
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
	return Case{native: reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c.ch)},
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
	return Case{native: reflect.SelectCase{Dir: reflect.SelectSend, Chan: reflect.ValueOf(c.ch), Send: reflect.ValueOf(&v).Elem()},
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
