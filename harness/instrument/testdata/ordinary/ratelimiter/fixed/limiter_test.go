package ratelimiter

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestBurstIsAllowed(t *testing.T) {
	l := New(3, time.Millisecond)
	t.Cleanup(l.Close)
	var allowed atomic.Int32
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 2 {
				if l.Allow() {
					allowed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if n := allowed.Load(); n < 3 {
		t.Errorf("%d of 4 calls allowed, want at least the burst of 3", n)
	}
}
