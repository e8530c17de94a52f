// Package pubsub is an in-process event broker: subscribers get their own
// channel and may unsubscribe at any time.
package pubsub

import "sync"

// Event is a published message.
type Event struct {
	Topic string
	Data  string
}

type subscriber struct {
	ch   chan Event
	gone chan struct{} // closed by Unsubscribe
}

// Broker delivers every event to every subscriber.
type Broker struct {
	mu   sync.Mutex
	subs map[int]*subscriber
	next int
}

// New returns a broker with no subscribers.
func New() *Broker { return &Broker{subs: make(map[int]*subscriber)} }

// Subscribe returns an id for Unsubscribe and the channel of events.
func (b *Broker) Subscribe() (int, <-chan Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	s := &subscriber{ch: make(chan Event, 1), gone: make(chan struct{})}
	b.subs[b.next] = s
	return b.next, s.ch
}

// Unsubscribe stops deliveries to id.
func (b *Broker) Unsubscribe(id int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s, ok := b.subs[id]; ok {
		close(s.gone)
		delete(b.subs, id)
	}
}

// Publish delivers e to every current subscriber. It sends outside the
// lock so a slow subscriber does not block Subscribe and Unsubscribe.
func (b *Broker) Publish(e Event) {
	b.mu.Lock()
	subs := make([]*subscriber, 0, len(b.subs))
	for _, s := range b.subs {
		subs = append(subs, s)
	}
	b.mu.Unlock()
	for _, s := range subs {
		select {
		case s.ch <- e:
		case <-s.gone: // unsubscribed after we copied the list
		}
	}
}
