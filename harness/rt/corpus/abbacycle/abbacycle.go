// Package abbacycle is a resource deadlock with a cycle of three locks: a
// ring of replicas where each one, to sync, locks itself and then its
// successor. With three syncs at once each replica holds its own lock and
// waits for the next one. The fix locks the pair in id order.
package abbacycle

import "github.com/interleave/concurrency/harness/rt"

type replica struct {
	id      int
	mu      rt.Mutex
	version int
	next    *replica
}

// sync pulls the successor's version: own lock, then the successor's.
func (r *replica) sync() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.next.mu.Lock()
	defer r.next.mu.Unlock()
	r.version = max(r.version, r.next.version)
}

// syncOrdered takes the two locks in id order.
func (r *replica) syncOrdered() {
	a, b := r, r.next
	if b.id < a.id {
		a, b = b, a
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	r.version = max(r.version, r.next.version)
}

func run(sync func(*replica)) {
	ring := []*replica{{id: 0, version: 3}, {id: 1}, {id: 2}}
	for i, r := range ring {
		r.next = ring[(i+1)%len(ring)]
	}
	var wg rt.WaitGroup
	for _, r := range ring {
		wg.Go(func() { sync(r) })
	}
	wg.Wait()
}

// Buggy syncs the three replicas at once.
func Buggy(t *rt.T) { run((*replica).sync) }

// Fixed syncs them with ordered locking.
func Fixed(t *rt.T) { run((*replica).syncOrdered) }
