// Package rwrregistry is a resource deadlock (RWR: a reader holds the
// read lock, a writer waits, the reader read-locks again): a service
// registry whose Lookup read-locks and calls healthy, which read-locks
// too. Once a Register is waiting for the write lock, RWMutex blocks new
// readers, so the second RLock waits for the writer, which waits for the
// first. The fix: healthy expects the read lock held.
package rwrregistry

import "github.com/interleave/concurrency/harness/rt"

type registry struct {
	mu       rt.RWMutex
	services map[string]string
	down     map[string]bool
}

// lookup returns the address of a healthy service.
func (r *registry) lookup(name string) (string, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	addr, ok := r.services[name]
	if !ok || !r.healthy(name) {
		return "", false
	}
	return addr, true
}

// healthy read-locks again: the bug.
func (r *registry) healthy(name string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return !r.down[name]
}

// lookupFixed reads health under the read lock it already holds.
func (r *registry) lookupFixed(name string) (string, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	addr, ok := r.services[name]
	if !ok || r.down[name] {
		return "", false
	}
	return addr, true
}

func (r *registry) register(name, addr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.services[name] = addr
}

func run(t *rt.T, lookup func(*registry, string) (string, bool)) {
	r := &registry{services: map[string]string{"db": "10.0.0.1"}, down: map[string]bool{}}
	var wg rt.WaitGroup
	wg.Go(func() {
		if _, ok := lookup(r, "db"); !ok {
			t.Errorf("db not found")
		}
	})
	wg.Go(func() { r.register("cache", "10.0.0.2") })
	wg.Wait()
}

// Buggy looks up while a service registers.
func Buggy(t *rt.T) { run(t, (*registry).lookup) }

// Fixed looks up without the nested read lock.
func Fixed(t *rt.T) { run(t, (*registry).lookupFixed) }
