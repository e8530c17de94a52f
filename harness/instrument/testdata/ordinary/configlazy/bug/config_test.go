package configlazy

import (
	"sync"
	"testing"
)

func TestGetFromManyHandlers(t *testing.T) {
	t.Setenv("SVC_RETRIES", "5")
	got := make([]*Settings, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = Get()
		}()
	}
	wg.Wait()
	for i, s := range got {
		if s.Retries != 5 {
			t.Errorf("handler %d: Retries = %d, want 5", i, s.Retries)
		}
		if s != got[0] {
			t.Errorf("handler %d got a different *Settings than handler 0", i)
		}
	}
}
