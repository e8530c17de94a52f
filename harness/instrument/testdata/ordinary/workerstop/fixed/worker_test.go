package workerstop

import (
	"runtime"
	"sync"
	"testing"
)

func TestStopFromSignalAndDefer(t *testing.T) {
	w := Start(runtime.Gosched)
	defer w.Stop()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the SIGTERM handler
		defer wg.Done()
		w.Stop()
	}()
	w.Stop() // the health checker gives up too
	wg.Wait()
}
