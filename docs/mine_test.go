package docs_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/interleave/concurrency/impls/eventloop"
	"github.com/interleave/concurrency/impls/refcount"
	"github.com/stretchr/testify/require"
)

// fanOut retains from eight goroutines at once, then releases every
// reference while using the value, with real goroutines; it retries for
// up to three seconds until a misuse shows.
func fanOut(bug bool) error {
	var opts []refcount.Option
	if bug {
		opts = append(opts, refcount.WithBug(refcount.BugNonAtomicCount))
	}
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		h := refcount.New(1, nil, opts...)
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for range 50 {
					_ = h.Retain()
				}
			})
		}
		wg.Wait()
		var errs []error
		for range 8 * 50 {
			_, err := h.Get()
			errs = append(errs, err, h.Release())
		}
		errs = append(errs, h.Owner().Release())
		if err := errors.Join(errs...); err != nil {
			return err
		}
		if !bug {
			return nil
		}
	}
	return nil
}

// echoLiveness starts a loop and an echo server and runs the liveness
// check against it.
func echoLiveness(t *testing.T, bug bool) string {
	var opts []eventloop.Option
	if bug {
		opts = append(opts, eventloop.WithBug(eventloop.BugBlockingCallback))
	}
	l := eventloop.New()
	done := make(chan struct{})
	go func() { l.Run(); close(done) }()
	s, err := eventloop.ListenEcho(l, "127.0.0.1:0", opts...)
	require.NoError(t, err)
	err = eventloop.Liveness(s.Addr(), 300*time.Millisecond)
	require.NoError(t, s.Close())
	l.Stop()
	<-done
	return kindOf(err, kindOfErr{eventloop.ErrStalled, "stall"})
}

var mine = []mutation{
	{
		pkg: "impls/gil", bug: "gil.WithBug(gil.BugHoldDuringIO)", what: "the GIL is not released around I/O: a thread waits through another's I/O",
		check: "`gil.Bounded` under `harness test`", kind: "test failure",
		command: "harness test ./impls/gil -gil.bug=holdduringio",
	},
	{
		pkg: "impls/gil", bug: "gil.WithBug(gil.BugBarging)", what: "no fair hand-off: the thread dropping the GIL takes it straight back",
		check: "`gil.Bounded` under `harness test`", kind: "test failure",
		command: "harness test ./impls/gil -gil.bug=barging",
	},
	{
		pkg: "impls/gil", bug: "gil.WithBug(gil.BugNoLock)", what: "the GIL is never taken: two threads run bytecode at once",
		check: "`gil.Exclusive` under `harness test`", kind: "test failure",
		command: "harness test ./impls/gil -gil.bug=nolock",
	},
	{
		pkg: "impls/refcount", bug: "refcount.WithBug(refcount.BugNonAtomicCount)", what: "the count is read, then written: a release is lost and the value is never freed, or freed twice",
		check: "the finaliser runs once, under `harness test`", kind: "test failure",
		command: "harness test ./impls/refcount -refcount.bug=nonatomic",
	},
	{
		pkg: "impls/refcount", bug: "refcount.WithBug(refcount.BugNonAtomicCount)", what: "the count is read, then written: with real goroutines lost increments free the value while it is still referenced (and go test -race reports the race)",
		check: "`refcount` misuse errors, real goroutines", kind: "use after free / double free",
		command: "go test -race -v -run 'TestFinalisedOnce' ./impls/refcount -refcount.bug=nonatomic", native: true,
		run: func(t *testing.T, bug bool) string {
			return kindOf(fanOut(bug), kindOfErr{refcount.ErrUseAfterFree, "use after free / double free"}, kindOfErr{refcount.ErrDoubleFree, "use after free / double free"})
		},
	},
	{
		pkg: "impls/eventloop", bug: "eventloop.WithBug(eventloop.BugBlockingCallback)", what: "a blocking read in a callback stalls the other connections",
		check: "`eventloop.Liveness` over loopback TCP", kind: "stall",
		command: "go test -v -run 'TestLiveness' ./impls/eventloop -eventloop.bug=blockingcallback",
		run:     echoLiveness,
	},
	{
		pkg: "impls/eventloop", bug: "eventloop.WithBug(eventloop.BugBlockingCallback)", what: "the same stall over in-memory connections: the loop waits on the idle client for ever",
		check: "rt's deadlock detection under `harness test`", kind: "deadlock",
		command: "harness test ./impls/eventloop -eventloop.bug=blockingcallback",
	},
	{
		pkg: "impls/lockmgr", bug: "lockmgr.WithBug(lockmgr.BugSharedBlind)", what: "deadlock detection misses a cycle through shared locks",
		check: "rt's deadlock detection under `harness test` (every transaction ends)", kind: "deadlock",
		command: "harness test ./impls/lockmgr -lockmgr.bug=sharedblind",
	},
}
