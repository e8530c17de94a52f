package featureflags

import (
	"sync"
	"testing"
)

func TestEnabledFetchesOnce(t *testing.T) {
	var fetches int
	s := NewStore(func() (map[string]bool, error) {
		fetches++ // under s.mu
		return map[string]bool{"new-checkout": true}, nil
	})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !s.Enabled("new-checkout") {
				t.Error("new-checkout is off, want on")
			}
		}()
	}
	wg.Wait()
	if fetches != 1 {
		t.Fatalf("flag service fetched %d times, want 1", fetches)
	}
}
