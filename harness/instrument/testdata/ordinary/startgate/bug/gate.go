// Package startgate holds incoming requests until the service has warmed
// its caches, then lets them all through.
package startgate

import "sync"

// Gate starts closed; once opened it stays open.
type Gate struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

// New returns a closed gate.
func New() *Gate {
	g := &Gate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// Wait blocks until the gate is open.
func (g *Gate) Wait() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.open {
		g.cond.Wait()
	}
}

// Open lets every waiting and future request through.
func (g *Gate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
	g.cond.Signal()
}
