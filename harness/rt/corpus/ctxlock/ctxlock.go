// Package ctxlock is a mixed deadlock (context & lock): a job runner
// whose worker holds the runner's lock while it waits for the next job or
// for cancellation, and whose Stop takes that lock (to mark the runner
// stopped) before it cancels. Stop waits for the lock, the worker waits
// for Stop's cancel. The fix cancels before locking.
package ctxlock

import (
	"context"

	"github.com/interleave/concurrency/harness/rt"
)

type runner struct {
	mu      rt.Mutex
	stopped bool
	ran     int
	jobs    *rt.Chan[func()]
	cancel  context.CancelFunc
	done    *rt.Chan[struct{}]
}

func start() *runner {
	ctx, cancel := rt.WithCancel(context.Background())
	r := &runner{jobs: rt.NewChan[func()](0), cancel: cancel, done: rt.NewChan[struct{}](0)}
	rt.Go(func() { r.work(ctx) })
	return r
}

// work runs jobs until ctx is cancelled, holding r.mu while it waits.
func (r *runner) work(ctx context.Context) {
	defer r.done.Close()
	for {
		r.mu.Lock()
		var job func()
		rt.Select(r.jobs.OnRecv(func(f func(), _ bool) { job = f }), rt.Done(ctx).OnRecv(nil))
		if job == nil {
			r.mu.Unlock()
			return
		}
		job()
		r.ran++
		r.mu.Unlock()
	}
}

// stop marks the runner stopped, then cancels: the bug.
func (r *runner) stop() {
	r.mu.Lock()
	r.stopped = true
	r.mu.Unlock()
	r.cancel()
	r.done.Recv()
}

// stopFixed cancels first, then marks the runner stopped.
func (r *runner) stopFixed() {
	r.cancel()
	r.mu.Lock()
	r.stopped = true
	r.mu.Unlock()
	r.done.Recv()
}

func run(stop func(*runner)) {
	r := start()
	r.jobs.Send(func() {})
	stop(r)
}

// Buggy stops a runner whose worker waits with the lock held.
func Buggy(t *rt.T) { run((*runner).stop) }

// Fixed cancels before taking the lock.
func Fixed(t *rt.T) { run((*runner).stopFixed) }
