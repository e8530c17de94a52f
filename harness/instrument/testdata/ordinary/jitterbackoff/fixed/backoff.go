// Package jitterbackoff computes retry delays with full jitter, so that
// clients retrying after an outage do not all come back at once.
package jitterbackoff

import (
	"math/rand"
	"sync"
	"time"
)

// Backoff is shared by every request of a client.
type Backoff struct {
	Base, Max time.Duration

	mu  sync.Mutex // a rand.Rand is not safe for concurrent use
	rnd *rand.Rand
}

// New returns a Backoff seeded from the clock.
func New(base, max time.Duration) *Backoff {
	return &Backoff{Base: base, Max: max, rnd: rand.New(rand.NewSource(time.Now().UnixNano()))}
}

// Delay is how long to wait before retry number attempt (from 0): a random
// duration in [cap/2, cap], where cap doubles with every attempt up to Max.
func (b *Backoff) Delay(attempt int) time.Duration {
	limit := b.Base << attempt
	if limit > b.Max || limit <= 0 {
		limit = b.Max
	}
	half := int64(limit / 2)
	b.mu.Lock()
	defer b.mu.Unlock()
	return time.Duration(half + b.rnd.Int63n(half+1))
}
