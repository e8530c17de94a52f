// Package nilchanselect is a communication deadlock on a nil channel: a
// config watcher whose loop serves Current and applies updates until its
// update stream is closed, but New makes the updates channel only when
// the watcher is given a reload source. Without one the field stays nil,
// Close skips closing it (close of a nil channel panics) and the loop's
// select waits forever on a nil channel and a request channel nobody
// uses any more: a leaked goroutine. The fix makes the channel always.
package nilchanselect

import "github.com/interleave/concurrency/harness/rt"

type config struct{ level int }

type watcher struct {
	updates *rt.Chan[config]           // updates chan config: the reload source sends, Close closes
	get     *rt.Chan[*rt.Chan[config]] // get chan chan config: requests for the current config
}

// newWatcher starts the loop; reload says whether a reload source will
// send updates, and always says whether updates is made even without one
// (false is the bug).
func newWatcher(reload, always bool) *watcher {
	w := &watcher{get: rt.NewChan[*rt.Chan[config]](0)}
	if reload || always {
		w.updates = rt.NewChan[config](0)
	}
	rt.Go(func() { w.loop(config{level: 1}) })
	return w
}

// loop owns the current config until the update stream ends.
func (w *watcher) loop(cfg config) {
	for {
		done := false
		rt.Select(
			w.updates.OnRecv(func(c config, ok bool) {
				if !ok {
					done = true
					return
				}
				cfg = c
			}),
			w.get.OnRecv(func(reply *rt.Chan[config], _ bool) { reply.Send(cfg) }))
		if done {
			return
		}
	}
}

func (w *watcher) current() config {
	reply := rt.NewChan[config](0)
	w.get.Send(reply)
	c, _ := reply.Recv()
	return c
}

// close ends the update stream, which stops the loop.
func (w *watcher) close() {
	if w.updates != nil {
		w.updates.Close()
	}
}

func run(t *rt.T, always bool) {
	w := newWatcher(false, always) // a static config: no reload source
	if c := w.current(); c.level != 1 {
		t.Errorf("level %d, want 1", c.level)
	}
	w.close()
}

// Buggy closes a watcher made without a reload source.
func Buggy(t *rt.T) { run(t, false) }

// Fixed makes the updates channel for every watcher.
func Fixed(t *rt.T) { run(t, true) }
