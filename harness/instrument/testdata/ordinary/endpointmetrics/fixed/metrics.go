// Package endpointmetrics keeps a latency histogram per HTTP endpoint,
// created the first time the endpoint is seen.
package endpointmetrics

import (
	"sync"
	"time"
)

// Histogram counts latencies in millisecond buckets.
type Histogram struct {
	Name string

	mu      sync.Mutex
	buckets map[int64]int
	count   int
}

// Observe records one request that took d.
func (h *Histogram) Observe(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.buckets[d.Milliseconds()]++
	h.count++
}

// Count is the number of observations.
func (h *Histogram) Count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.count
}

// Registry owns the histograms; handlers keep the pointer they get.
type Registry struct {
	mu    sync.Mutex
	hists []*Histogram // pointers: growing the slice must not copy a Histogram
	index map[string]int
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{index: make(map[string]int)} }

// Histogram returns the endpoint's histogram, creating it if needed.
func (r *Registry) Histogram(name string) *Histogram {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i, ok := r.index[name]; ok {
		return r.hists[i]
	}
	h := &Histogram{Name: name, buckets: make(map[int64]int)}
	r.hists = append(r.hists, h)
	r.index[name] = len(r.hists) - 1
	return h
}
