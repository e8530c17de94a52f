// Package ratelimiter is a token bucket for outgoing API calls: Allow takes
// a token, and a background goroutine adds one back every interval.
package ratelimiter

import (
	"sync"
	"time"
)

// Limiter allows bursts of up to burst calls.
type Limiter struct {
	burst int
	stop  chan struct{}
	done  chan struct{}

	mu     sync.Mutex
	tokens int
}

// New returns a full bucket refilled one token per every.
func New(burst int, every time.Duration) *Limiter {
	l := &Limiter{burst: burst, tokens: burst, stop: make(chan struct{}), done: make(chan struct{})}
	go l.refill(every)
	return l
}

func (l *Limiter) refill(every time.Duration) {
	defer close(l.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			l.mu.Lock()
			if l.tokens < l.burst {
				l.tokens++
			}
			l.mu.Unlock()
		case <-l.stop:
			return
		}
	}
}

// Allow takes a token if there is one.
func (l *Limiter) Allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tokens == 0 {
		return false
	}
	l.tokens--
	return true
}

// Close stops the refill goroutine.
func (l *Limiter) Close() {
	close(l.stop)
	<-l.done
}
