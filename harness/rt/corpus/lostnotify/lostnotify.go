// Package lostnotify is an order violation (notify before the listener
// waits): a config watcher notified by a non-blocking send ("select with
// default") on an unbuffered channel. If the reload happens before the
// watcher reaches its receive, the notification is dropped and the
// watcher waits forever. The fix is a buffer of one, which keeps the
// latest notification.
package lostnotify

import "github.com/interleave/concurrency/harness/rt"

type config struct {
	version rt.Int64
	changed *rt.Chan[struct{}]
}

// reload bumps the version and notifies without blocking.
func (c *config) reload() {
	c.version.Add(1)
	rt.TrySelect(c.changed.OnSend(struct{}{}, nil))
}

func run(t *rt.T, buffer int) {
	c := &config{changed: rt.NewChan[struct{}](buffer)}
	seen := rt.NewChan[int64](1)
	rt.Go(func() { // the watcher
		c.changed.Recv()
		seen.Send(c.version.Load())
	})
	c.reload()
	if v, _ := seen.Recv(); v != 1 {
		t.Errorf("watcher saw version %d", v)
	}
}

// Buggy notifies on an unbuffered channel.
func Buggy(t *rt.T) { run(t, 0) }

// Fixed notifies on a channel with a buffer of one.
func Fixed(t *rt.T) { run(t, 1) }
