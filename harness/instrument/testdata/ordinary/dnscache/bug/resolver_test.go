package dnscache

import (
	"sync"
	"testing"
	"time"
)

func TestResolveWhileRefreshing(t *testing.T) {
	table := map[string]string{"billing": "10.0.0.7:443", "search": "10.0.0.9:443"}
	r := New(func() map[string]string { return table }, 30*time.Second)
	defer r.Close()
	var wg sync.WaitGroup
	for name, want := range table {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, ok := r.Resolve(name); !ok || got != want {
				t.Errorf("Resolve(%s) = %q, %v, want %s", name, got, ok, want)
			}
		}()
	}
	wg.Wait()
}
