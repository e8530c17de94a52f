// Package poolstop is a mixed deadlock (channel & lock) on a shutdown
// path: a worker pool whose Stop holds the pool lock while it waits for
// every worker's done signal, and a worker that, before it exits, records
// its stats under that lock. The fix releases the lock before waiting.
package poolstop

import "github.com/interleave/concurrency/harness/rt"

type pool struct {
	mu        rt.Mutex
	stopped   bool
	processed int
	quit      *rt.Chan[struct{}]
	done      *rt.Chan[struct{}]
	workers   int
}

func start(n int) *pool {
	p := &pool{quit: rt.NewChan[struct{}](0), done: rt.NewChan[struct{}](0), workers: n}
	for range n {
		rt.Go(p.work)
	}
	return p
}

func (p *pool) work() {
	p.quit.Recv()
	p.mu.Lock()
	p.processed++
	p.mu.Unlock()
	p.done.Send(struct{}{})
}

// stop signals the workers and waits for them with p.mu held: the bug.
func (p *pool) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	p.quit.Close()
	for range p.workers {
		p.done.Recv()
	}
}

// stopFixed waits for the workers with the lock released.
func (p *pool) stopFixed() {
	p.mu.Lock()
	p.stopped = true
	p.mu.Unlock()
	p.quit.Close()
	for range p.workers {
		p.done.Recv()
	}
}

func run(t *rt.T, stop func(*pool)) {
	p := start(2)
	stop(p)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.processed != 2 {
		t.Errorf("processed %d, want 2", p.processed)
	}
}

// Buggy stops the pool with the lock held.
func Buggy(t *rt.T) { run(t, (*pool).stop) }

// Fixed stops it with the lock released.
func Fixed(t *rt.T) { run(t, (*pool).stopFixed) }
