// Package connpool keeps one connection per backend address, dialled on
// first use and shared by every request afterwards.
package connpool

import "sync"

// Conn is a connection to one backend.
type Conn struct {
	Addr   string
	closed bool
}

// Close releases the connection.
func (c *Conn) Close() error { c.closed = true; return nil }

// Pool maps addresses to their connection.
type Pool struct {
	dial func(addr string) (*Conn, error)

	mu    sync.RWMutex
	conns map[string]*Conn
}

// New returns an empty pool.
func New(dial func(addr string) (*Conn, error)) *Pool {
	return &Pool{dial: dial, conns: make(map[string]*Conn)}
}

// Get returns the connection to addr, dialling it if there is none yet.
func (p *Pool) Get(addr string) (*Conn, error) {
	p.mu.RLock()
	c, ok := p.conns[addr]
	p.mu.RUnlock()
	if ok {
		return c, nil
	}
	c, err := p.dial(addr)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.conns[addr] = c
	p.mu.Unlock()
	return c, nil
}
