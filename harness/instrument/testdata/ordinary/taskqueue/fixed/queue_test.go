package taskqueue

import (
	"sync"
	"testing"
)

func TestConsumersDrainQueue(t *testing.T) {
	q := New()
	var mu sync.Mutex
	done := map[int]bool{}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				task, ok := q.Get()
				if !ok {
					return
				}
				mu.Lock()
				done[task.ID] = true
				mu.Unlock()
			}
		}()
	}
	for id := range 3 {
		q.Put(Task{ID: id})
	}
	q.Close()
	wg.Wait()
	if len(done) != 3 {
		t.Errorf("processed %d tasks, want 3", len(done))
	}
}
