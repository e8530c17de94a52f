// Package racemap is a data race on a map: a TTL cache whose janitor
// goroutine deletes expired entries without taking the cache lock that
// Get and Set hold. The fix: the janitor locks too.
package racemap

import (
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

type entry struct {
	val     string
	expires time.Time
}

type cache struct {
	mu      rt.Mutex
	entries rt.Var[map[string]entry] // a plain map field
}

func newCache() *cache {
	c := &cache{}
	c.entries.Store(map[string]entry{})
	return c
}

func (c *cache) set(k, v string, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.entries.Load()
	m[k] = entry{v, rt.Now().Add(ttl)}
	c.entries.Store(m)
}

func (c *cache) get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries.Load()[k]
	if !ok || rt.Now().After(e.expires) {
		return "", false
	}
	return e.val, true
}

// sweep deletes the expired entries; lock false is the bug.
func (c *cache) sweep(lock bool) {
	if lock {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	m := c.entries.Load()
	for k, e := range m {
		if rt.Now().After(e.expires) {
			delete(m, k)
		}
	}
	c.entries.Store(m)
}

func run(t *rt.T, lock bool) {
	c := newCache()
	c.set("session", "alice", time.Minute)
	done := rt.NewChan[struct{}](0)
	rt.Go(func() { // the janitor
		defer done.Close()
		rt.Sleep(30 * time.Second)
		c.sweep(lock)
	})
	if _, ok := c.get("session"); !ok {
		t.Errorf("session expired too early")
	}
	c.set("token", "xyz", time.Minute)
	done.Recv()
}

// Buggy runs the janitor without the lock.
func Buggy(t *rt.T) { run(t, false) }

// Fixed runs it with the lock.
func Fixed(t *rt.T) { run(t, true) }
