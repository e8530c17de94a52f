// Package publication is a data race from publication without
// synchronisation: a config loader fills the config and then sets a plain
// "loaded" flag, and a reader spins on that flag and then reads the
// config. The flag itself races, and nothing orders the config write
// before the read. The fix makes the flag an atomic.Bool.
package publication

import "github.com/interleave/concurrency/harness/rt"

type config struct {
	addr   rt.Var[string] // addr string
	loaded rt.Var[bool]   // loaded bool
}

func (c *config) load()           { c.addr.Store(":8080"); c.loaded.Store(true) }
func (c *config) isLoaded() bool  { return c.loaded.Load() }
func (c *config) address() string { return c.addr.Load() }

type configFixed struct {
	addr   rt.Var[string]
	loaded rt.Bool // loaded atomic.Bool
}

func (c *configFixed) load()           { c.addr.Store(":8080"); c.loaded.Store(true) }
func (c *configFixed) isLoaded() bool  { return c.loaded.Load() }
func (c *configFixed) address() string { return c.addr.Load() }

func run(t *rt.T, c interface {
	load()
	isLoaded() bool
	address() string
}) {
	rt.Go(c.load)
	for !c.isLoaded() {
		rt.Yield()
	}
	if a := c.address(); a != ":8080" {
		t.Errorf("addr = %q", a)
	}
}

// Buggy publishes with a plain flag.
func Buggy(t *rt.T) { run(t, &config{}) }

// Fixed publishes with an atomic flag.
func Fixed(t *rt.T) { run(t, &configFixed{}) }
