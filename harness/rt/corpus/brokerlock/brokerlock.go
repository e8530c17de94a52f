// Package brokerlock is a mixed deadlock (channel & lock): a pub/sub
// broker that delivers a message to every subscriber's unbuffered channel
// while holding its lock. A subscriber whose handler calls back into the
// broker (to log how many subscribers there are) waits for the lock the
// publisher of the next message holds, while that publisher waits for the
// subscriber to receive. The fix copies the subscriber list under the lock
// and sends outside it.
package brokerlock

import "github.com/interleave/concurrency/harness/rt"

type broker struct {
	mu   rt.Mutex
	subs map[string]*rt.Chan[string]
}

func (b *broker) subscribe(name string) *rt.Chan[string] {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := rt.NewChan[string](0)
	b.subs[name] = ch
	return ch
}

func (b *broker) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// close ends every subscription.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for name, ch := range b.subs {
		ch.Close()
		delete(b.subs, name)
	}
}

// publish sends msg to every subscriber with b.mu held: the bug.
func (b *broker) publish(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.subs {
		ch.Send(msg)
	}
}

// publishFixed sends to a snapshot of the subscribers, lock released.
func (b *broker) publishFixed(msg string) {
	b.mu.Lock()
	subs := make([]*rt.Chan[string], 0, len(b.subs))
	for _, ch := range b.subs {
		subs = append(subs, ch)
	}
	b.mu.Unlock()
	for _, ch := range subs {
		ch.Send(msg)
	}
}

func run(t *rt.T, publish func(*broker, string)) {
	b := &broker{subs: map[string]*rt.Chan[string]{}}
	ch := b.subscribe("audit")
	var wg rt.WaitGroup
	wg.Go(func() {
		for {
			msg, ok := ch.Recv()
			if !ok {
				return
			}
			t.Logf("audit: %s (%d subscribers)", msg, b.count())
		}
	})
	publish(b, "deploy")
	publish(b, "rollback")
	b.close()
	wg.Wait()
}

// Buggy publishes with the lock held to a subscriber that calls back.
func Buggy(t *rt.T) { run(t, (*broker).publish) }

// Fixed publishes outside the lock.
func Fixed(t *rt.T) { run(t, (*broker).publishFixed) }
