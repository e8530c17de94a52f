package eventloop_test

import (
	"flag"
	"io"
	"sync"
	"testing"

	"github.com/interleave/concurrency/impls/eventloop"
	"github.com/interleave/concurrency/internal/memnet"
	"github.com/interleave/concurrency/internal/seeded"
	"github.com/stretchr/testify/require"
)

// The tests pass under go test and under harness test, which explores
// their interleavings; -eventloop.bug switches a seeded bug on for harness
// test to find:
//
//	harness test ./impls/eventloop -eventloop.bug=blockingcallback
var seededBug = seeded.Flag("eventloop", map[string]eventloop.Bug{"blockingcallback": eventloop.BugBlockingCallback})

// realIO skips a test over real sockets or net.Pipe under harness test:
// a goroutine blocked in them waits outside its scheduler.
func realIO(t *testing.T) {
	if flag.Lookup("interleave.strategy") != nil {
		t.Skip("real I/O blocks outside harness test's scheduler; go test runs this test")
	}
}

// TestIdleClientDoesNotStall: with one client connected and idle, another
// client's line is echoed (the blocking callback reads the idle client on
// the loop and nothing else is served: a deadlock). The connections are
// made of channels, which harness test schedules.
func TestIdleClientDoesNotStall(t *testing.T) {
	l := eventloop.New()
	var loop sync.WaitGroup
	loop.Go(l.Run)
	ln := memnet.NewListener(8)
	s := eventloop.ServeEcho(l, ln, eventloop.WithBug(seededBug(t)))
	idle, busy := ln.Dial(), ln.Dial()
	_, err := busy.Write([]byte("ping"))
	require.NoError(t, err)
	got := make([]byte, 4)
	_, err = io.ReadFull(busy, got)
	require.NoError(t, err)
	require.Equal(t, "ping", string(got))
	require.NoError(t, idle.Close())
	require.NoError(t, busy.Close())
	require.NoError(t, s.Close())
	l.Stop()
	loop.Wait()
	require.NoError(t, eventloop.Exclusive(l))
}
