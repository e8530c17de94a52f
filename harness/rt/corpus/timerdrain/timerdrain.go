// Package timerdrain is a communication deadlock on a timer's channel: a
// debouncer that, on every event, stops its timer and drains t.C with the
// pre-Go 1.23 idiom "if !t.Stop() { <-t.C }". When the timer has already
// fired and its value was received by the flush loop, Stop returns false
// and the drain waits forever. The fix (Go 1.23 timers) is Reset alone.
package timerdrain

import (
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

type debouncer struct {
	mu      rt.Mutex
	t       *rt.Timer
	flushed rt.Int64
}

// touch postpones the flush; drain true is the bug.
func (d *debouncer) touch(drain bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if drain && !d.t.Stop() {
		d.t.C.Recv()
	}
	d.t.Reset(100 * time.Millisecond)
}

// flushOnce waits for the timer and flushes.
func (d *debouncer) flushOnce() {
	d.t.C.Recv()
	d.flushed.Add(1)
}

func run(t *rt.T, drain bool) {
	d := &debouncer{t: rt.NewTimer(100 * time.Millisecond)}
	var wg rt.WaitGroup
	wg.Go(d.flushOnce)
	rt.Sleep(time.Second) // the first flush has happened
	wg.Wait()
	d.touch(drain) // an event after the flush
	if d.flushed.Load() != 1 {
		t.Errorf("flushed %d times", d.flushed.Load())
	}
	d.t.Stop()
}

// Buggy touches the debouncer after its timer fired and was received.
func Buggy(t *rt.T) { run(t, true) }

// Fixed resets the timer without draining.
func Fixed(t *rt.T) { run(t, false) }
