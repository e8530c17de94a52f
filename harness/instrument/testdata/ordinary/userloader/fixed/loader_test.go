package userloader

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestConcurrentGetsLoadOnce(t *testing.T) {
	var loads atomic.Int32
	l := New(func(id string) (User, error) {
		loads.Add(1)
		return User{ID: id, Name: "Ada"}, nil
	})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if u, err := l.Get("u42"); err != nil || u.Name != "Ada" {
				t.Errorf("Get(u42) = %+v, %v", u, err)
			}
		}()
	}
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("user service called %d times, want 1", n)
	}
}
