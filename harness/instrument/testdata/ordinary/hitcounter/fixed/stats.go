// Package hitcounter counts requests per route for the /debug/stats page.
package hitcounter

import (
	"sort"
	"sync"
)

// Stats is shared by every request handler.
type Stats struct {
	mu     sync.Mutex
	total  int
	routes map[string]int
}

// NewStats returns empty counters.
func NewStats() *Stats {
	return &Stats{routes: make(map[string]int)}
}

// Record counts one request to route.
func (s *Stats) Record(route string) {
	s.mu.Lock()
	s.total++
	s.routes[route]++
	s.mu.Unlock()
}

// Total is the number of requests recorded.
func (s *Stats) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// Routes lists the routes seen, sorted.
func (s *Stats) Routes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.routes))
	for r := range s.routes {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}
