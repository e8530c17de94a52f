package eventloop

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Bug is a seeded bug, switched on by WithBug.
type Bug int

// The seeded bugs.
const (
	NoBug Bug = iota
	// BugBlockingCallback makes the echo server read a connection to its
	// end inside the loop callback that accepted it.
	BugBlockingCallback
)

// String names the bug as the mutation table does.
func (b Bug) String() string {
	if b == BugBlockingCallback {
		return "blocking call in a callback"
	}
	return "none"
}

// Option configures New and ListenEcho.
type Option interface{ apply(*config) }

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct{ bug Bug }

// WithBug switches on a seeded bug.
func WithBug(b Bug) Option { return optionFunc(func(c *config) { c.bug = b }) }

// ErrOverlap is reported by Exclusive when two callbacks ran at once.
var ErrOverlap = errors.New("eventloop: callbacks ran concurrently")

type timer struct {
	at time.Time
	f  func()
}

// Loop runs callbacks one at a time. The zero Loop is not usable: call
// New.
type Loop struct {
	cfg      config
	mu       sync.Mutex
	queue    []func()
	timers   []timer // sorted by deadline
	stopped  bool
	wake     chan struct{}
	running  atomic.Int32
	overlaps atomic.Int32
}

// New returns a loop; Run runs it.
func New(opts ...Option) *Loop {
	l := &Loop{wake: make(chan struct{}, 1)}
	for _, o := range opts {
		o.apply(&l.cfg)
	}
	return l
}

// CallSoon queues f to run on the loop. It may be called from any
// goroutine, including callbacks.
func (l *Loop) CallSoon(f func()) {
	l.mu.Lock()
	l.queue = append(l.queue, f)
	l.mu.Unlock()
	l.notify()
}

// CallLater queues f to run on the loop once d has passed.
func (l *Loop) CallLater(d time.Duration, f func()) {
	l.mu.Lock()
	t := timer{at: time.Now().Add(d), f: f}
	i, _ := slices.BinarySearchFunc(l.timers, t, func(a, b timer) int {
		if a.at.After(b.at) {
			return 1
		}
		return -1 // equal deadlines keep their order
	})
	l.timers = slices.Insert(l.timers, i, t)
	l.mu.Unlock()
	l.notify()
}

// notify wakes Run if it sleeps; one pending wake-up is enough.
func (l *Loop) notify() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Stop makes Run return after the callback that is running; queued
// callbacks are dropped, and a task suspended in Await stays suspended
// (its goroutine is left blocked), so stop a loop once its tasks are done.
func (l *Loop) Stop() {
	l.mu.Lock()
	l.stopped = true
	l.mu.Unlock()
	l.notify()
}

// Run runs callbacks until Stop.
func (l *Loop) Run() {
	for {
		batch, wait, stop := l.next()
		if stop {
			return
		}
		if len(batch) == 0 {
			l.sleep(wait)
			continue
		}
		for _, f := range batch {
			l.run(f)
		}
	}
}

// next takes the ready callbacks (queued ones, then due timers) and, if
// there are none, says how long to wait for the next timer (-1: none).
func (l *Loop) next() (batch []func(), wait time.Duration, stop bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped {
		return nil, 0, true
	}
	batch, l.queue = l.queue, nil
	now := time.Now()
	for len(l.timers) > 0 && !l.timers[0].at.After(now) {
		batch = append(batch, l.timers[0].f)
		l.timers = l.timers[1:]
	}
	wait = -1
	if len(l.timers) > 0 {
		wait = l.timers[0].at.Sub(now)
	}
	return batch, wait, false
}

func (l *Loop) sleep(wait time.Duration) {
	if wait < 0 {
		<-l.wake
		return
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-l.wake:
	case <-t.C:
	}
}

func (l *Loop) run(f func()) {
	if l.running.Add(1) > 1 {
		l.overlaps.Add(1)
	}
	defer l.running.Add(-1)
	f()
}

// Exclusive is the check that callbacks never ran concurrently on l.
func Exclusive(l *Loop) error {
	if n := l.overlaps.Load(); n > 0 {
		return fmt.Errorf("%w: %d callback(s) started while another was running", ErrOverlap, n)
	}
	return nil
}
