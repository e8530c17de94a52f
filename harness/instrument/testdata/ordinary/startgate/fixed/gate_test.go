package startgate

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestRequestsWaitForWarmup(t *testing.T) {
	g := New()
	var warm atomic.Bool
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.Wait()
			if !warm.Load() {
				t.Error("request served before warm-up finished")
			}
		}()
	}
	warm.Store(true) // caches loaded
	g.Open()
	wg.Wait()
}
