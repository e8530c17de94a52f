// Package missingunlock is a resource deadlock (double locking through a
// lock never released): a connection pool whose Get returns early on its
// error path without unlocking. The next caller, here the same goroutine
// retrying, blocks forever. The fix is defer.
package missingunlock

import (
	"errors"

	"github.com/interleave/concurrency/harness/rt"
)

var errExhausted = errors.New("pool exhausted")

type pool struct {
	mu    rt.Mutex
	idle  []int
	limit int
	open  int
}

// get returns an idle connection or opens one; the bug: the error path
// returns with p.mu held.
func (p *pool) get() (int, error) {
	p.mu.Lock()
	if len(p.idle) == 0 {
		if p.open == p.limit {
			return 0, errExhausted
		}
		p.open++
		p.mu.Unlock()
		return p.open, nil
	}
	c := p.idle[len(p.idle)-1]
	p.idle = p.idle[:len(p.idle)-1]
	p.mu.Unlock()
	return c, nil
}

// getFixed is get with the unlock deferred.
func (p *pool) getFixed() (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) == 0 {
		if p.open == p.limit {
			return 0, errExhausted
		}
		p.open++
		return p.open, nil
	}
	c := p.idle[len(p.idle)-1]
	p.idle = p.idle[:len(p.idle)-1]
	return c, nil
}

// put returns a connection to the pool.
func (p *pool) put(c int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle = append(p.idle, c)
}

func use(t *rt.T, get func() (int, error), p *pool) {
	c, err := get()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := get(); !errors.Is(err, errExhausted) {
		t.Errorf("second get: %v, want %v", err, errExhausted)
	}
	p.put(c)
	if _, err := get(); err != nil {
		t.Errorf("get after put: %v", err)
	}
}

// Buggy exhausts a pool of one, then gives the connection back: put
// blocks on the lock the failed get kept.
func Buggy(t *rt.T) {
	p := &pool{limit: 1}
	use(t, p.get, p)
}

// Fixed does the same with getFixed.
func Fixed(t *rt.T) {
	p := &pool{limit: 1}
	use(t, p.getFixed, p)
}
