package rt

import (
	"fmt"
	"reflect"
	"unsafe"
)

// Case is one case of Select or TrySelect, made by Chan.OnRecv or
// Chan.OnSend.
type Case struct {
	native reflect.SelectCase
	obj    func(*exec) *object
	send   bool
	val    any
	recv   func(any, bool)
	sent   func()
}

// Select blocks until one of the cases can proceed, performs it, runs its
// callback and returns its index. When several cases are ready, the
// choice is a scheduling decision that Check explores.
func Select(cases ...Case) int {
	return doSelect(cases, true)
}

// TrySelect is Select with a default: if no case is ready it returns -1
// at once.
func TrySelect(cases ...Case) int {
	return doSelect(cases, false)
}

func doSelect(cases []Case, block bool) int {
	if ex := active.Load(); ex != nil {
		cc := make([]ccase, len(cases))
		for i, c := range cases {
			cc[i] = ccase{o: c.obj(ex), send: c.send, val: c.val}
		}
		i, v, ok := ex.selectCases(cc, block, "Select")
		if i >= 0 {
			cases[i].deliver(v, ok)
		}
		return i
	}
	return nativeSelect(cases, block)
}

func nativeSelect(cases []Case, block bool) int {
	sc := make([]reflect.SelectCase, len(cases), len(cases)+1)
	for i, c := range cases {
		sc[i] = c.native
	}
	if !block {
		sc = append(sc, reflect.SelectCase{Dir: reflect.SelectDefault})
	}
	i, v, ok := reflect.Select(sc)
	if i == len(cases) {
		return -1
	}
	var x any
	if ok {
		x = v.Interface()
	}
	cases[i].deliver(x, ok)
	return i
}

func (c Case) deliver(v any, ok bool) {
	switch {
	case c.send && c.sent != nil:
		c.sent()
	case !c.send && c.recv != nil:
		c.recv(v, ok)
	}
}

// selectCases is the controlled select behind every channel operation:
// it returns the index of the case taken (-1: default), and for a receive
// the value and ok.
func (ex *exec) selectCases(cases []ccase, block bool, name string) (int, any, bool) {
	if raceMode { // a partner that completes our case acquires our past here
		raceRelease(unsafe.Pointer(&ex.cur.rdv))
	}
	g := ex.step(pending{op: opSelect, cases: cases, block: block, name: name})
	if g.pend.op == opResume { // a partner completed our case
		raceAcquire(unsafe.Pointer(&g.rdv))
		return g.result, g.rval, g.rok
	}
	i := g.chosen
	if i < 0 {
		ex.poll(g)
		return -1, nil, false
	}
	c := &cases[i]
	if c.send {
		ex.doSend(g, c)
		return i, nil, false
	}
	v, ok := ex.doRecv(g, c.o)
	return i, v, ok
}

// ready reports whether case c of g's select can proceed.
func (ex *exec) ready(g *gor, c *ccase) bool {
	o := c.o
	switch {
	case o == nil:
		return false
	case o.closed:
		return true
	case c.send:
		return len(o.buf) < o.cap || (o.cap == 0 && ex.partner(o, g, false) != nil)
	}
	return len(o.buf) > 0 || (o.cap == 0 && ex.partner(o, g, true) != nil)
}

// partner returns the goroutine (other than g) blocked longest in a select
// with a case on o in the given direction, or nil.
func (ex *exec) partner(o *object, g *gor, send bool) *gor {
	var best *gor
	for _, h := range ex.gs {
		if h == g || h.done || h.late || h.pend.op != opSelect || !h.pend.block {
			continue
		}
		if h.caseOn(o, send) >= 0 && (best == nil || h.pend.seq < best.pend.seq) {
			best = h
		}
	}
	return best
}

func (g *gor) caseOn(o *object, send bool) int {
	for i, c := range g.pend.cases {
		if c.o == o && c.send == send {
			return i
		}
	}
	return -1
}

func (ex *exec) doSend(g *gor, c *ccase) {
	o := c.o
	if o.closed {
		panic("send on closed channel " + o.String())
	}
	if o.cap > 0 {
		// the k-th receive is ordered before the (k+cap)-th send completes
		g.vc.join(o.rvc)
		s := o.slot()
		raceAcquire(s)
		raceReleaseMerge(s)
		o.buf = append(o.buf, msg{v: c.val, vc: g.vc.clone(), sync: s})
		g.vc.set(g.id, g.vc.get(g.id)+1)
		return
	}
	h := ex.partner(o, g, false)
	h.rval, h.rok = c.val, true
	ex.complete(g, h, h.caseOn(o, false))
}

func (ex *exec) doRecv(g *gor, o *object) (any, bool) {
	if len(o.buf) > 0 {
		m := o.buf[0]
		o.buf = o.buf[1:]
		raceAcquire(m.sync)
		raceReleaseMerge(m.sync)
		g.vc.join(m.vc)
		o.rvc.join(g.vc)
		g.vc.set(g.id, g.vc.get(g.id)+1)
		return m.v, true
	}
	if o.closed {
		g.acquire(o)
		return nil, false
	}
	h := ex.partner(o, g, true)
	i := h.caseOn(o, true)
	v := h.pend.cases[i].val
	ex.complete(g, h, i)
	return v, true
}

// complete finishes partner h's select with case i after a rendezvous
// with g (both sides are ordered with each other, and with nothing else),
// and lets h run on to its next operation.
func (ex *exec) complete(g, h *gor, i int) {
	ex.partners = append(ex.partners, h.id)
	h.result = i
	h.pend = pending{op: opResume, seq: h.pend.seq, loc: h.pend.loc}
	raceAcquire(unsafe.Pointer(&h.rdv)) // h's past, released when it blocked
	raceRelease(unsafe.Pointer(&h.rdv)) // both, which h acquires as it resumes
	gv := g.vc.clone()
	g.vc.join(h.vc)
	h.vc.join(gv)
	g.vc.set(g.id, g.vc.get(g.id)+1)
	h.vc.set(h.id, h.vc.get(h.id)+1)
	if ex.capture && len(ex.rows) > 0 {
		ex.rows[len(ex.rows)-1].Text += fmt.Sprintf(" →G%d", h.id)
	}
	ex.prerun(h, g)
}
