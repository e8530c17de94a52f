package atomicquota

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestConcurrentUploadsStayWithinQuota(t *testing.T) {
	q := New(10)
	var granted atomic.Int64
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if q.Reserve(4) {
				granted.Add(1)
			}
		}()
	}
	wg.Wait()
	if g := granted.Load(); g != 2 {
		t.Errorf("%d uploads got quota, want 2", g)
	}
	if u := q.Used(); u != 4*granted.Load() {
		t.Errorf("Used() = %d after %d grants of 4", u, granted.Load())
	}
}
