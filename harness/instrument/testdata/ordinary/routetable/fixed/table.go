// Package routetable maps virtual hosts to backends for a reverse proxy;
// lookups are hot, updates come from the config watcher.
package routetable

import "sync"

// Table is read by every request and written on config reload.
type Table struct {
	mu       sync.RWMutex
	routes   map[string]string
	fallback string
}

// New returns a table that sends unknown hosts to fallback.
func New(fallback string) *Table {
	return &Table{routes: make(map[string]string), fallback: fallback}
}

// Lookup returns the backend for host.
func (t *Table) Lookup(host string) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if b, ok := t.routes[host]; ok {
		return b
	}
	return t.fallback // not Fallback(): a second RLock waits behind a waiting writer
}

// Fallback is the backend for unknown hosts.
func (t *Table) Fallback() string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.fallback
}

// Set routes host to backend.
func (t *Table) Set(host, backend string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.routes[host] = backend
}
