// Package batcher groups metric points and sends them to the backend when
// a batch is full or when the flush interval has passed, whichever is first.
package batcher

import (
	"sync"
	"time"
)

// Point is one metric sample.
type Point struct {
	Name  string
	Value float64
}

// Batcher is safe for concurrent Add.
type Batcher struct {
	max   int
	every time.Duration
	send  func([]Point)

	mu      sync.Mutex
	pending []Point
	timer   *time.Timer
}

// New returns a Batcher that calls send with at most max points.
func New(max int, every time.Duration, send func([]Point)) *Batcher {
	return &Batcher{max: max, every: every, send: send}
}

// Add queues p, sending the batch if it is full.
func (b *Batcher) Add(p Point) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pending = append(b.pending, p)
	if len(b.pending) >= b.max {
		b.flushLocked()
		return
	}
	if b.timer == nil {
		b.timer = time.AfterFunc(b.every, b.flushOnTimer)
	}
}

// Flush sends whatever is pending.
func (b *Batcher) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

func (b *Batcher) flushOnTimer() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

func (b *Batcher) flushLocked() {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	if len(b.pending) > 0 {
		b.send(b.pending)
		b.pending = nil
	}
}
