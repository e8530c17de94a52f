// Package doublelock is a resource deadlock (double locking): a cache
// whose Get, on a miss, calls a helper that takes the cache's lock again.
// sync.Mutex is not reentrant, so the goroutine waits for itself. The fix
// is the usual "...Locked" helper that expects the caller to hold the lock.
package doublelock

import "github.com/interleave/concurrency/harness/rt"

type cache struct {
	mu      rt.Mutex
	entries map[string]string
	load    func(key string) string
}

// Get returns the cached value of key, loading it on a miss.
func (c *cache) Get(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.entries[key]; ok {
		return v
	}
	return c.fill(key)
}

// fill loads key and stores it: the bug, it locks c.mu, already held by Get.
func (c *cache) fill(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fillLocked(key)
}

// fillLocked loads key and stores it; the caller holds c.mu.
func (c *cache) fillLocked(key string) string {
	v := c.load(key)
	c.entries[key] = v
	return v
}

// getFixed is Get calling the helper that expects the lock held.
func (c *cache) getFixed(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.entries[key]; ok {
		return v
	}
	return c.fillLocked(key)
}

func newCache() *cache {
	return &cache{entries: map[string]string{}, load: func(k string) string { return "v-" + k }}
}

// Buggy misses the cache once: Get locks c.mu twice.
func Buggy(t *rt.T) {
	c := newCache()
	if got := c.Get("a"); got != "v-a" {
		t.Errorf("Get(a) = %q", got)
	}
}

// Fixed misses through fillLocked.
func Fixed(t *rt.T) {
	c := newCache()
	if got := c.getFixed("a"); got != "v-a" {
		t.Errorf("Get(a) = %q", got)
	}
}
