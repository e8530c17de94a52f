package pubsub

import "testing"

func TestUnsubscribeAfterFirstEvent(t *testing.T) {
	b := New()
	id, events := b.Subscribe()
	first := make(chan Event)
	go func() { // waits for the deploy to start, then loses interest
		e := <-events
		b.Unsubscribe(id)
		first <- e
	}()
	for _, step := range []string{"started", "50%", "done"} {
		b.Publish(Event{Topic: "deploy", Data: step})
	}
	if e := <-first; e.Data != "started" {
		t.Errorf("first event = %q, want started", e.Data)
	}
}
