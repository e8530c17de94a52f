// Package rlockwrite is a data race from a write under a read lock: a
// template cache whose Render, holding only RLock, memoises the parsed
// template into the map. Two readers hold RLock at once, so the two
// writes race. The fix upgrades to Lock (re-checking) for the write.
package rlockwrite

import "github.com/interleave/concurrency/harness/rt"

type templates struct {
	mu     rt.RWMutex
	parsed rt.Var[map[string]string] // a plain map field
}

func (c *templates) render(name string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	m := c.parsed.Load()
	if _, ok := m[name]; !ok {
		m[name] = "<parsed " + name + ">"
		c.parsed.Store(m) // the bug: a write under RLock
	}
	return m[name]
}

func (c *templates) renderFixed(name string) string {
	c.mu.RLock()
	p, ok := c.parsed.Load()[name]
	c.mu.RUnlock()
	if ok {
		return p
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.parsed.Load()
	if _, ok := m[name]; !ok {
		m[name] = "<parsed " + name + ">"
		c.parsed.Store(m)
	}
	return m[name]
}

func run(t *rt.T, render func(*templates, string) string) {
	c := &templates{}
	c.parsed.Store(map[string]string{})
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(func() {
			if got := render(c, "index"); got != "<parsed index>" {
				t.Errorf("render = %q", got)
			}
		})
	}
	wg.Wait()
}

// Buggy renders the same template twice at once.
func Buggy(t *rt.T) { run(t, (*templates).render) }

// Fixed takes the write lock to memoise.
func Fixed(t *rt.T) { run(t, (*templates).renderFixed) }
