// Package workerstop is a background worker that can be stopped from
// several places: the signal handler, the health checker and defers.
package workerstop

import "sync"

// Worker runs tick until stopped.
type Worker struct {
	quit     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

// Start runs tick in a loop in the background.
func Start(tick func()) *Worker {
	w := &Worker{quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for {
			select {
			case <-w.quit:
				return
			default:
				tick()
			}
		}
	}()
	return w
}

// Stop stops the worker and waits for it. Calling it again is a no-op.
func (w *Worker) Stop() {
	w.stopOnce.Do(func() { close(w.quit) }) // check-and-close in one step
	<-w.done
}
