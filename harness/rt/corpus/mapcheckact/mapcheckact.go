// Package mapcheckact is an atomicity violation (check-then-act) on a
// sync.Map: a connection pool that Loads the address, dials on a miss
// and Stores the new connection. Two concurrent first requests both miss,
// both dial and both store; the second Store overwrites the first, so the
// callers hold different connections and one of them, no longer in the
// pool, is never closed. There is no data race (sync.Map is safe); the
// test sees two connections. The fix stores with LoadOrStore and closes
// the connection that lost.
package mapcheckact

import "github.com/interleave/concurrency/harness/rt"

type conn struct{ addr string }

type pool struct {
	conns rt.Map   // sync.Map: addr -> *conn
	open  rt.Int64 // connections dialled and not closed
}

func (p *pool) dial(addr string) *conn {
	p.open.Add(1)
	return &conn{addr: addr}
}

func (p *pool) closeConn(*conn) { p.open.Add(-1) }

// get loads, then stores: the bug.
func (p *pool) get(addr string) *conn {
	if v, ok := p.conns.Load(addr); ok {
		return v.(*conn)
	}
	c := p.dial(addr)
	p.conns.Store(addr, c)
	return c
}

// getFixed keeps the connection stored first and closes its own.
func (p *pool) getFixed(addr string) *conn {
	if v, ok := p.conns.Load(addr); ok {
		return v.(*conn)
	}
	c := p.dial(addr)
	if v, loaded := p.conns.LoadOrStore(addr, c); loaded {
		p.closeConn(c)
		return v.(*conn)
	}
	return c
}

func run(t *rt.T, get func(*pool, string) *conn) {
	p := &pool{}
	got := make([]*conn, 2)
	var wg rt.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = get(p, "db:5432") })
	}
	wg.Wait()
	if got[0] != got[1] {
		t.Errorf("two requests got different connections")
	}
	if n := p.open.Load(); n != 1 {
		t.Errorf("%d connections open, want 1", n)
	}
}

// Buggy makes two first requests at once.
func Buggy(t *rt.T) { run(t, (*pool).get) }

// Fixed does it with LoadOrStore.
func Fixed(t *rt.T) { run(t, (*pool).getFixed) }
