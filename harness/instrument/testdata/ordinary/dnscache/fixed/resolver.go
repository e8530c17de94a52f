// Package dnscache resolves service names from a table that a background
// refresher reloads from the discovery service.
package dnscache

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Resolver answers from the last table fetched.
type Resolver struct {
	fetch   func() map[string]string
	stop    chan struct{}
	done    chan struct{}
	pending atomic.Int32 // refreshes in flight

	mu    sync.Mutex
	addrs map[string]string
}

// New fetches the table once and then every interval in the background.
func New(fetch func() map[string]string, every time.Duration) *Resolver {
	r := &Resolver{fetch: fetch, stop: make(chan struct{}), done: make(chan struct{}), addrs: fetch()}
	go r.refreshLoop(every)
	return r
}

func (r *Resolver) refreshLoop(every time.Duration) {
	defer close(r.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			r.refresh()
		case <-r.stop:
			return
		}
	}
}

func (r *Resolver) refresh() {
	r.pending.Add(1)
	defer r.pending.Add(-1)
	addrs := r.fetch()
	r.mu.Lock()
	r.addrs = addrs
	r.mu.Unlock()
}

// Resolve returns the address of name. While a refresh is in flight it
// waits for it, so that callers never see a table about to be replaced.
func (r *Resolver) Resolve(name string) (string, bool) {
	for r.pending.Load() > 0 { // not holding mu: the refresh needs it to land
		runtime.Gosched()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	addr, ok := r.addrs[name]
	return addr, ok
}

// Close stops the refresher.
func (r *Resolver) Close() {
	close(r.stop)
	<-r.done
}
