// Package onesidedlock is a data race with the lock on one side only: a
// connection that records its last error in a field without the lock,
// while the status page reads it under the lock. The fix locks the write.
package onesidedlock

import (
	"errors"

	"github.com/interleave/concurrency/harness/rt"
)

type conn struct {
	mu      rt.Mutex
	lastErr rt.Var[error] // a plain field "guarded" by mu
}

// fail records err; lock false is the bug.
func (c *conn) fail(err error, lock bool) {
	if lock {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	c.lastErr.Store(err)
}

func (c *conn) status() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.lastErr.Load(); err != nil {
		return "degraded: " + err.Error()
	}
	return "ok"
}

func run(t *rt.T, lock bool) {
	c := &conn{}
	var wg rt.WaitGroup
	wg.Go(func() { c.fail(errors.New("connection reset"), lock) })
	wg.Go(func() { t.Log(c.status()) })
	wg.Wait()
}

// Buggy records an error while the status page reads it.
func Buggy(t *rt.T) { run(t, false) }

// Fixed records it under the lock.
func Fixed(t *rt.T) { run(t, true) }
