package jitterbackoff

import (
	"sync"
	"testing"
	"time"
)

func TestDelayFromConcurrentRequests(t *testing.T) {
	b := New(100*time.Millisecond, 2*time.Second)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for attempt := range 6 {
				d := b.Delay(attempt)
				limit := min(b.Base<<attempt, b.Max)
				if d < limit/2 || d > limit {
					t.Errorf("Delay(%d) = %v, want in [%v, %v]", attempt, d, limit/2, limit)
				}
			}
		}()
	}
	wg.Wait()
}
