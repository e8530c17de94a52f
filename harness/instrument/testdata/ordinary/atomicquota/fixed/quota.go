// Package atomicquota hands out a tenant's storage quota to concurrent
// uploads without taking a lock on the hot path.
package atomicquota

import "sync/atomic"

// Quota is a tenant's budget in bytes.
type Quota struct {
	limit int64
	used  atomic.Int64
}

// New returns a quota of limit bytes.
func New(limit int64) *Quota { return &Quota{limit: limit} }

// Reserve takes n bytes if they fit and reports whether it did.
func (q *Quota) Reserve(n int64) bool {
	for {
		used := q.used.Load()
		if used+n > q.limit {
			return false
		}
		if q.used.CompareAndSwap(used, used+n) {
			return true
		}
	}
}

// Release gives back n bytes reserved earlier.
func (q *Quota) Release(n int64) { q.used.Add(-n) }

// Used is the number of bytes reserved now.
func (q *Quota) Used() int64 { return q.used.Load() }
