package eventsink

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestCloseWhileHandlersEmit(t *testing.T) {
	var shipped atomic.Int32
	s := New(func(Event) { shipped.Add(1) })
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { // an in-flight request during shutdown
			defer wg.Done()
			s.Emit(Event{Name: "page_view"})
		}()
	}
	s.Close()
	wg.Wait()
	if n := shipped.Load(); n > 2 {
		t.Errorf("shipped %d events, only 2 were emitted", n)
	}
}
