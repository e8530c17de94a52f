// Package pollstop pushes a metrics sample to the collector at a fixed
// interval until the process shuts down.
package pollstop

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Sample is one snapshot of the process.
type Sample struct {
	Goroutines int
	At         time.Time
}

// Reporter pushes samples every Interval.
type Reporter struct {
	Interval time.Duration
	Push     func(Sample)

	stopped atomic.Bool
	done    chan struct{}
}

// Start begins reporting in the background.
func (r *Reporter) Start() {
	r.done = make(chan struct{})
	go r.loop()
}

func (r *Reporter) loop() {
	defer close(r.done)
	for !r.stopped.Load() {
		r.Push(Sample{Goroutines: runtime.NumGoroutine(), At: time.Now()})
		time.Sleep(r.Interval)
	}
}

// Stop ends reporting and waits for the last push to finish.
func (r *Reporter) Stop() {
	r.stopped.Store(true)
	<-r.done
}
