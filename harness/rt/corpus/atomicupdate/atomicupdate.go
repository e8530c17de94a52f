// Package atomicupdate is an atomicity violation with atomics: a quota
// that reads the remaining budget with an atomic Load and writes it back
// with an atomic Store. No data race, but two concurrent spends can both
// pass the check and one update is lost. The fix is a CompareAndSwap loop.
package atomicupdate

import "github.com/interleave/concurrency/harness/rt"

type quota struct{ left rt.Int64 }

// spend takes n from the quota if enough is left: Load, then Store.
func (q *quota) spend(n int64) bool {
	left := q.left.Load()
	if left < n {
		return false
	}
	q.left.Store(left - n)
	return true
}

// spendFixed retries a CompareAndSwap until no one interfered.
func (q *quota) spendFixed(n int64) bool {
	for {
		left := q.left.Load()
		if left < n {
			return false
		}
		if q.left.CompareAndSwap(left, left-n) {
			return true
		}
	}
}

func run(t *rt.T, spend func(*quota, int64) bool) {
	q := &quota{}
	q.left.Store(10)
	var granted rt.Int64
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(func() {
			if spend(q, 6) {
				granted.Add(1)
			}
		})
	}
	wg.Wait()
	if g := granted.Load(); g != 1 {
		t.Errorf("%d spends of 6 granted from a quota of 10", g)
	}
}

// Buggy spends twice at once.
func Buggy(t *rt.T) { run(t, (*quota).spend) }

// Fixed spends with CompareAndSwap.
func Fixed(t *rt.T) { run(t, (*quota).spendFixed) }
