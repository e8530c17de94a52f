package shim

import "github.com/interleave/concurrency/harness/rt"

// Recv is the expression <-c.
func Recv[E any](c *rt.Chan[E]) E {
	v, _ := c.Recv()
	return v
}

// RecvOK is the expression <-c in v, ok := <-c.
func RecvOK[E any](c *rt.Chan[E]) (E, bool) { return c.Recv() }

// Received is a receive case of a rewritten select: after the select
// chose it, V and OK hold what v, ok := <-c would.
type Received[E any] struct {
	Case rt.Case
	V    E
	OK   bool
}

// OnRecv is the case <-c of a select. Its channel operand is evaluated
// where the select is, as in Go.
func OnRecv[E any](c *rt.Chan[E]) *Received[E] {
	r := new(Received[E])
	r.Case = c.OnRecv(func(v E, ok bool) { r.V, r.OK = v, ok })
	return r
}

// Sent is a send case of a rewritten select.
type Sent struct{ Case rt.Case }

// OnSend is the case c <- v of a select.
func OnSend[E any](c *rt.Chan[E], v E) Sent { return Sent{c.OnSend(v, nil)} }

// C is the rt channel behind a value of a defined channel type (type
// Events chan Event, rewritten to a defined *rt.Chan type), whose method
// set is empty.
func C[P ~*rt.Chan[E], E any](c P) *rt.Chan[E] { return c }

// Make is make(P, n) for a defined channel type P.
func Make[P ~*rt.Chan[E], E any](n int) P { return P(rt.NewChan[E](n)) }
