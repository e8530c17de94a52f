// Package limiterlock is a mixed deadlock (channel & lock): a token-bucket
// rate limiter whose Wait holds the limiter lock while it blocks on the
// token channel, and whose refill goroutine takes that lock (to read the
// rate) before it sends a token. The fix takes the token before locking.
package limiterlock

import (
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

type limiter struct {
	mu      rt.Mutex
	tokens  *rt.Chan[struct{}]
	granted int
	every   time.Duration
}

func newLimiter(every time.Duration, n int) *limiter {
	l := &limiter{tokens: rt.NewChan[struct{}](0), every: every}
	rt.Go(func() { l.refill(n) })
	return l
}

// refill hands out n tokens at the configured rate.
func (l *limiter) refill(n int) {
	for range n {
		l.mu.Lock()
		d := l.every
		l.mu.Unlock()
		rt.Sleep(d)
		l.tokens.Send(struct{}{})
	}
}

// wait takes a token with l.mu held: the bug.
func (l *limiter) wait() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tokens.Recv()
	l.granted++
}

// waitFixed takes the token first, then counts it under the lock.
func (l *limiter) waitFixed() {
	l.tokens.Recv()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.granted++
}

func run(t *rt.T, wait func(*limiter)) {
	l := newLimiter(time.Millisecond, 2)
	wait(l)
	wait(l)
	if l.granted != 2 {
		t.Errorf("granted %d", l.granted)
	}
}

// Buggy takes two tokens with the lock held while waiting.
func Buggy(t *rt.T) { run(t, (*limiter).wait) }

// Fixed waits for tokens without the lock.
func Fixed(t *rt.T) { run(t, (*limiter).waitFixed) }
