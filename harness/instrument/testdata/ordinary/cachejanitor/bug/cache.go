// Package cachejanitor is a TTL cache whose expired entries are removed by
// a background janitor.
package cachejanitor

import (
	"sync"
	"time"
)

type entry struct {
	val     string
	expires time.Time
}

// Cache maps keys to values that expire after ttl.
type Cache struct {
	ttl time.Duration

	mu    sync.Mutex
	items map[string]entry
}

// New returns a cache and starts its janitor.
func New(ttl time.Duration) *Cache {
	c := &Cache{ttl: ttl, items: make(map[string]entry)}
	go c.janitor(ttl / 2)
	return c
}

func (c *Cache) janitor(every time.Duration) {
	t := time.NewTicker(every)
	for range t.C {
		c.evictExpired(time.Now())
	}
}

func (c *Cache) evictExpired(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.items {
		if now.After(e.expires) {
			delete(c.items, k)
		}
	}
}

// Set stores val under key.
func (c *Cache) Set(key, val string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = entry{val, time.Now().Add(c.ttl)}
}

// Get returns the value under key, if present and not expired.
func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok || time.Now().After(e.expires) {
		return "", false
	}
	return e.val, true
}

// Close releases the cache.
func (c *Cache) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items = nil
}
