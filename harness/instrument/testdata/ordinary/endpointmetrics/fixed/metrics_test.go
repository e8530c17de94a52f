package endpointmetrics

import (
	"sync"
	"testing"
	"time"
)

func TestHandlersShareHistograms(t *testing.T) {
	reg := NewRegistry()
	var wg sync.WaitGroup
	for _, path := range []string{"/login", "/cart", "/login"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := reg.Histogram(path)
			h.Observe(12 * time.Millisecond)
			h.Observe(30 * time.Millisecond)
		}()
	}
	wg.Wait()
	if got := reg.Histogram("/login").Count(); got != 4 {
		t.Errorf("/login count = %d, want 4", got)
	}
	if got := reg.Histogram("/cart").Count(); got != 2 {
		t.Errorf("/cart count = %d, want 2", got)
	}
}
