// Package publication is a data race from publication without
// synchronisation: a config loader fills the config and then sets a plain
// "loaded" flag, and a reader spins on that flag and then reads the
// config. The flag itself races, and so nothing orders the config writes
// before the reads. The fix makes the flag an atomic.Bool.
package publication

import "github.com/interleave/concurrency/harness/rt"

type config struct {
	addr      rt.Var[string] // plain fields
	loaded    rt.Var[bool]
	loadedOK  rt.Bool // the fix: atomic.Bool
	useAtomic bool
}

func (c *config) load() {
	c.addr.Store(":8080")
	if c.useAtomic {
		c.loadedOK.Store(true)
	} else {
		c.loaded.Store(true)
	}
}

func (c *config) isLoaded() bool {
	if c.useAtomic {
		return c.loadedOK.Load()
	}
	return c.loaded.Load()
}

func run(t *rt.T, useAtomic bool) {
	c := &config{useAtomic: useAtomic}
	rt.Go(c.load)
	for !c.isLoaded() {
		rt.Yield()
	}
	if a := c.addr.Load(); a != ":8080" {
		t.Errorf("addr = %q", a)
	}
}

// Buggy publishes with a plain flag.
func Buggy(t *rt.T) { run(t, false) }

// Fixed publishes with an atomic flag.
func Fixed(t *rt.T) { run(t, true) }
