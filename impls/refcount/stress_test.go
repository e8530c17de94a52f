//go:build !race

package refcount_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/interleave/concurrency/impls/refcount"
	"github.com/stretchr/testify/require"
)

// nativeShare fans a handle out to workers goroutines that retain it
// concurrently, then releases every reference one after the other while
// using the value: it returns the first misuse error and the number of
// finaliser calls.
func nativeShare(workers int, opts ...refcount.Option) (int32, error) {
	const each = 50
	var fins atomic.Int32
	h := refcount.New(1, func(int) { fins.Add(1) }, opts...)
	var first atomic.Pointer[error]
	note := func(err error) {
		if err != nil {
			first.CompareAndSwap(nil, &err)
		}
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range workers {
		wg.Go(func() {
			<-start
			for range each {
				note(h.Retain())
			}
		})
	}
	close(start)
	wg.Wait()
	for range workers * each {
		_, err := h.Get()
		note(err)
		note(h.Release())
	}
	note(h.Owner().Release())
	if p := first.Load(); p != nil {
		return fins.Load(), *p
	}
	return fins.Load(), nil
}

// stress runs nativeShare until the handle is freed twice or used after
// it was freed, or until the deadline; it counts the trials that leaked
// (lost decrements: the finaliser never ran).
func stress(d time.Duration, opts ...refcount.Option) (trials, leaks int, err error) {
	for end := time.Now().Add(d); time.Now().Before(end); {
		trials++
		fins, err := nativeShare(8, opts...)
		switch {
		case err != nil:
			return trials, leaks, err
		case fins != 1:
			leaks++
		}
	}
	return trials, leaks, nil
}

// With real goroutines (not under -race, whose detector would stop the
// test at the first racy access) the non-atomic count loses updates: the
// handle is freed twice or used after it was freed. The correct variants
// never are, and never leak, over the same kind of run.
func TestNativeNonAtomicCount(t *testing.T) {
	trials, leaks, err := stress(5*time.Second, refcount.WithBug(refcount.BugNonAtomicCount))
	require.Error(t, err, "no double free or use after free in %d trials (%d leaked)", trials, leaks)
	require.True(t, errors.Is(err, refcount.ErrDoubleFree) || errors.Is(err, refcount.ErrUseAfterFree), "%v", err)
	t.Logf("non-atomic count: %v in trial %d (%d earlier trials leaked)", err, trials, leaks)

	for _, v := range variants {
		trials, leaks, err := stress(300*time.Millisecond, v.opts...)
		require.NoError(t, err, "%s after %d trials", v.name, trials)
		require.Zero(t, leaks, "%s leaked in %d of %d trials", v.name, leaks, trials)
	}
}
