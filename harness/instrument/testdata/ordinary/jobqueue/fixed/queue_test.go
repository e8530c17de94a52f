package jobqueue

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestAcceptedJobsAreQueued(t *testing.T) {
	q := New(10)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var accepted atomic.Int32
	var wg sync.WaitGroup
	for p := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2 {
				if err := q.Push(ctx, Job{ID: 10*p + i}); err != nil {
					t.Logf("producer %d: job dropped: %v", p, err)
					continue
				}
				accepted.Add(1)
			}
		}()
	}
	wg.Wait()
	if got, want := q.Len(), int(accepted.Load()); got != want {
		t.Errorf("Len() = %d, want %d accepted jobs", got, want)
	}
}
