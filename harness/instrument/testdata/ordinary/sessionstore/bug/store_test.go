package sessionstore

import (
	"sync"
	"testing"
)

func TestTouchCountsRequests(t *testing.T) {
	s := New()
	s.Login("sid-1", "ada")
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok := s.Touch("sid-1"); !ok {
				t.Error("session sid-1 not found")
			}
		}()
	}
	wg.Wait()
	sess, _ := s.Touch("sid-1")
	if sess.Requests != 3 {
		t.Errorf("Requests = %d, want 3", sess.Requests)
	}
}
