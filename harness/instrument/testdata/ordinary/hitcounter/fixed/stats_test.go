package hitcounter

import (
	"sync"
	"testing"
)

func TestRecordFromConcurrentHandlers(t *testing.T) {
	s := NewStats()
	routes := []string{"/login", "/cart", "/login"}
	var wg sync.WaitGroup
	for _, r := range routes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 2 {
				s.Record(r)
			}
		}()
	}
	wg.Wait()
	if got, want := s.Total(), 2*len(routes); got != want {
		t.Errorf("Total() = %d, want %d", got, want)
	}
	if got := s.Routes(); len(got) != 2 {
		t.Errorf("Routes() = %v, want 2 routes", got)
	}
}
