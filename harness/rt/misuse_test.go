package rt_test

import (
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// TestGoStatementEveryTime: a go statement whose goroutine reaches rt is
// reported as uncontrolled in every run, not only when it reaches rt
// during the first execution (a false deadlock, or a crash on a negative
// WaitGroup counter, before).
func TestGoStatementEveryTime(t *testing.T) {
	for _, c := range []struct {
		name string
		body func(fixed bool) func(*rt.T)
	}{
		{"wait for it", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				var n rt.Int64
				var wg rt.WaitGroup
				wg.Add(1)
				work := func() { n.Add(1); wg.Done() }
				if fixed {
					t.Go(work)
				} else {
					go work()
				}
				wg.Wait()
			}
		}},
		{"reaches rt in a later execution", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				var mu rt.Mutex
				var wg rt.WaitGroup
				wg.Add(2)
				work := func() { mu.Lock(); mu.Unlock(); wg.Done() }
				t.Go(work)
				if fixed {
					t.Go(work)
				} else {
					go func() { time.Sleep(time.Millisecond); work() }()
				}
				mu.Lock()
				mu.Unlock()
				wg.Wait()
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for range 20 {
				rep := explore(t, c.body(false))
				require.NotNil(t, rep.Failure, rep.String())
				require.Equal(t, rt.KindUncontrolled, rep.Failure.Kind, rep.String())
				require.Contains(t, rep.Failure.Message, "misuse_test.go:")
			}
			ok := explore(t, c.body(true))
			require.Nil(t, ok.Failure, ok.String())
		})
	}
}

// pkgMu is an rt value created before any Check.
var pkgMu rt.Mutex

type account struct {
	mu      rt.Mutex
	balance rt.Var[int]
	open    rt.Bool
}

// TestValuesMadeOutsideTheBody: rt values created before Check either
// work (locks, channels, values only read) or give one clear error (a Var
// or atomic written in one execution and used in the next), in every
// run.
func TestValuesMadeOutsideTheBody(t *testing.T) {
	outside := &account{}
	outside.open.Store(true) // natively, before Check
	deposit := func(a *account) func(*rt.T) {
		return func(t *rt.T) {
			var wg rt.WaitGroup
			for range 2 {
				wg.Go(func() {
					a.mu.Lock()
					a.balance.Store(a.balance.Load() + 1)
					a.mu.Unlock()
				})
			}
			wg.Wait()
			if a.balance.Load() != 2 {
				t.Errorf("balance %d, want 2", a.balance.Load())
			}
		}
	}
	for range 20 {
		_, err := rt.Explore(deposit(outside))
		require.ErrorContains(t, err, "was written by an earlier execution and is used again: it was created outside the Check body")

		inside := explore(t, func(t *rt.T) { deposit(&account{})(t) })
		require.Nil(t, inside.Failure, inside.String())

		abba := explore(t, func(t *rt.T) {
			var a rt.Mutex
			t.Go(func() { pkgMu.Lock(); a.Lock(); a.Unlock(); pkgMu.Unlock() })
			a.Lock()
			pkgMu.Lock()
			pkgMu.Unlock()
			a.Unlock()
		})
		require.NotNil(t, abba.Failure, abba.String())
		require.Equal(t, rt.KindDeadlock, abba.Failure.Kind)

		readOnly := explore(t, func(t *rt.T) {
			var n rt.Int64
			t.Go(func() {
				if outside.open.Load() {
					n.Add(1)
				}
			})
			if outside.open.Load() {
				n.Add(1)
			}
		})
		require.Nil(t, readOnly.Failure, readOnly.String())
	}
}
