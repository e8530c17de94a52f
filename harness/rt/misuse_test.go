//lint:file-ignore SA2001 taking a lock and releasing it at once is what these bodies do

package rt_test

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// TestGoStatementEveryTime: a go statement whose goroutine reaches rt is
// reported as uncontrolled in every run, not only when it reaches rt
// during the first execution (a false deadlock, or a crash on a negative
// WaitGroup counter, before). rt tells such a goroutine by the process's
// goroutine count, so one that starts while another ends goes unseen (a
// known limit, see runner.foreign): each run waits until the workers of
// the run before have exited.
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
				quiesce()
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

// TestNativeWaitNamed: a goroutine stuck in a standard sync value or a
// native channel is reported as blocked outside rt with what it is stuck
// in named as such; the rt version of the same body is a deadlock.
func TestNativeWaitNamed(t *testing.T) {
	for _, c := range []struct {
		name string
		bug  func(release chan struct{}) func(*rt.T)
		want string
	}{
		{"sync.Mutex", func(release chan struct{}) func(*rt.T) {
			var smu sync.Mutex
			smu.Lock()
			go func() { <-release; smu.Unlock() }()
			return func(t *rt.T) {
				var mu rt.Mutex
				t.Go(func() { mu.Lock(); mu.Unlock() })
				smu.Lock()
				smu.Unlock()
			}
		}, "G0 blocked in sync.Mutex.Lock (a standard sync.Mutex, not rt.Mutex) at misuse_test.go:"},
		{"sync.WaitGroup", func(release chan struct{}) func(*rt.T) {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { <-release; wg.Done() }()
			return func(t *rt.T) { wg.Wait() }
		}, "G0 blocked in sync.WaitGroup.Wait (a standard sync.WaitGroup, not rt.WaitGroup) at misuse_test.go:"},
		{"native channel", func(release chan struct{}) func(*rt.T) {
			c := make(chan int)
			go func() { <-release; close(c) }()
			return func(t *rt.T) { <-c }
		}, "G0 blocked in chan receive (a native channel, not rt.Chan) at misuse_test.go:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			release := make(chan struct{})
			rep := explore(t, c.bug(release), rt.WithBlockTimeout(50*time.Millisecond))
			close(release) // the abandoned goroutines go on and exit
			require.NotNil(t, rep.Failure, rep.String())
			require.Equal(t, rt.KindBlocked, rep.Failure.Kind, rep.String())
			require.Contains(t, rep.Failure.Message, c.want)
		})
	}
	ok := explore(t, func(t *rt.T) { // the fixed twin: rt values, released
		var mu, smu rt.Mutex
		t.Go(func() { mu.Lock(); smu.Lock(); smu.Unlock(); mu.Unlock() })
		smu.Lock()
		smu.Unlock()
		mu.Lock()
		mu.Unlock()
	})
	require.Nil(t, ok.Failure, ok.String())
}

// quiesce waits (at most 50 ms) until the process's goroutine count stops
// changing.
func quiesce() {
	for range 100 {
		n := runtime.NumGoroutine()
		time.Sleep(500 * time.Microsecond)
		if runtime.NumGoroutine() == n {
			return
		}
	}
}

// TestCarryOver lets a value made outside the body keep its value from
// one execution to the next instead of failing, as harness test needs
// for package variables.
func TestCarryOver(t *testing.T) {
	var hits rt.Int64 // a package variable of ordinary code
	body := func(t *rt.T) {
		t.Go(func() { hits.Add(1) })
		hits.Add(1)
	}
	_, err := rt.Explore(body)
	require.ErrorContains(t, err, "was written by an earlier execution")

	hits.Store(0)
	rep, err := rt.Explore(body, rt.WithCarryOver())
	require.NoError(t, err)
	require.Nil(t, rep.Failure)
	require.Equal(t, int64(2*rep.Executions), hits.Load(), "each execution adds 2 to what the last left")
}

// TestTimeBudget stops an exploration when its time is up and says so.
func TestTimeBudget(t *testing.T) {
	body := func(t *rt.T) {
		var mu rt.Mutex
		for range 3 {
			t.Go(func() { mu.Lock(); mu.Unlock() })
		}
	}
	rep, err := rt.Explore(body, rt.WithTimeBudget(time.Nanosecond))
	require.NoError(t, err)
	require.True(t, rep.OutOfTime)
	require.Equal(t, 1, rep.Executions)
	require.Contains(t, rep.String(), "time budget (WithTimeBudget) ran out after 1 executions")

	rep, err = rt.Explore(body, rt.WithTimeBudget(time.Hour))
	require.NoError(t, err)
	require.False(t, rep.OutOfTime)
	require.True(t, rep.Exhausted)
}

// TestMutexStarvation: a goroutine that unlocks and relocks a mutex in a
// loop, waiting for a flag that a goroutine blocked on that mutex would
// set, ends in Go (sync.Mutex's starvation mode hands the mutex to a
// waiter that waited too long) and must end under rt; without the
// handoff the loop is reported as a livelock.
func TestMutexStarvation(t *testing.T) {
	body := func(t *rt.T) {
		var mu rt.Mutex
		done := false // guarded by mu
		t.Go(func() {
			for {
				mu.Lock()
				stop := done
				mu.Unlock()
				if stop {
					return
				}
			}
		})
		mu.Lock()
		done = true
		mu.Unlock()
	}
	rep, err := rt.Explore(body, rt.WithMaxExecutions(200))
	require.NoError(t, err)
	require.Nil(t, rep.Failure, rep.String())

	defer rt.SeedDependencyBug("no-starvation")()
	rep, err = rt.Explore(body, rt.WithMaxExecutions(200))
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindStepLimit, rep.Failure.Kind)
}
