// Package wgselfwait is a misused WaitGroup: a crawler whose workers are
// in the group they wait on. Each worker fetches a page, spawns workers
// for its links, then calls Wait on the shared group, which counts the
// worker itself, so it waits for its own Done. The fix: only the caller
// of crawl waits.
package wgselfwait

import "github.com/interleave/concurrency/harness/rt"

type crawler struct {
	wg    rt.WaitGroup
	mu    rt.Mutex
	seen  map[string]bool
	links map[string][]string
	// nested makes every worker wait for the group (the bug).
	nested bool
}

func (c *crawler) visit(url string) {
	defer c.wg.Done()
	c.mu.Lock()
	if c.seen[url] {
		c.mu.Unlock()
		return
	}
	c.seen[url] = true
	c.mu.Unlock()
	for _, l := range c.links[url] {
		c.wg.Add(1)
		rt.Go(func() { c.visit(l) })
	}
	if c.nested {
		c.wg.Wait() // wait for the pages linked from here
	}
}

func run(t *rt.T, nested bool) {
	c := &crawler{seen: map[string]bool{}, nested: nested,
		links: map[string][]string{"/": {"/a"}}}
	c.wg.Add(1)
	rt.Go(func() { c.visit("/") })
	c.wg.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.seen) != 2 {
		t.Errorf("visited %v", c.seen)
	}
}

// Buggy crawls with workers waiting on their own group.
func Buggy(t *rt.T) { run(t, true) }

// Fixed crawls with only the caller waiting.
func Fixed(t *rt.T) { run(t, false) }
