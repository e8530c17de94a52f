// Package eventsink ships analytics events to the collector in the
// background; request handlers Emit and shutdown calls Close.
package eventsink

import "sync"

// Event is one analytics event.
type Event struct{ Name string }

// Sink buffers events for the shipper goroutine.
type Sink struct {
	events chan Event
	done   chan struct{}

	mu     sync.Mutex
	closed bool
}

// New starts a shipper that calls ship for every event.
func New(ship func(Event)) *Sink {
	s := &Sink{events: make(chan Event, 16), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for e := range s.events {
			ship(e)
		}
	}()
	return s
}

// Emit queues e; events emitted after Close are dropped.
func (s *Sink) Emit(e Event) {
	s.mu.Lock() // held across the send, so Close cannot close in between
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.events <- e
}

// Close ships what is queued and stops the shipper.
func (s *Sink) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	close(s.events)
	<-s.done
}
