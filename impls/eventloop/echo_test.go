package eventloop_test

import (
	"bufio"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/interleave/concurrency/impls/eventloop"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// serve runs a loop with an echo server on loopback and stops both when
// the test ends, checking that no goroutine is left behind.
func serve(t *testing.T, opts ...eventloop.Option) (*eventloop.Loop, *eventloop.EchoServer) {
	t.Helper()
	l := eventloop.New()
	done := make(chan struct{})
	go func() { l.Run(); close(done) }()
	s, err := eventloop.ListenEcho(l, "127.0.0.1:0", opts...)
	require.NoError(t, err)
	t.Cleanup(func() {
		require.NoError(t, s.Close())
		l.Stop()
		<-done
		require.NoError(t, eventloop.Exclusive(l))
		goleak.VerifyNone(t, goleak.IgnoreCurrent())
	})
	return l, s
}

// client sends lines and checks every echo, then closes.
func client(addr string, id, lines int) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReader(c)
	for i := range lines {
		want := fmt.Sprintf("client %d line %d\n", id, i)
		if _, err := c.Write([]byte(want)); err != nil {
			return err
		}
		got, err := r.ReadString('\n')
		if err != nil || got != want {
			return fmt.Errorf("client %d: echo %q (%v), want %q", id, got, err, want)
		}
	}
	return nil
}

// Every accepted connection is served: ten concurrent clients get every
// line back, and the server counts ten connections served to their end.
func TestEchoServesEveryConnection(t *testing.T) {
	realIO(t)
	_, s := serve(t)
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Go(func() { errs[i] = client(s.Addr(), i, 5) })
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool { a, sv := s.Stats(); return a == 10 && sv == 10 }, 2*time.Second, 5*time.Millisecond)
}

// TestLiveness: with one client idle, another's line is echoed within
// Liveness's bound, over loopback TCP (the blocking callback stalls it).
func TestLiveness(t *testing.T) {
	realIO(t)
	_, s := serve(t, eventloop.WithBug(seededBug(t)))
	require.NoError(t, eventloop.Liveness(s.Addr(), 300*time.Millisecond))
}

// TestCloseWithAcceptPending: a connection accepted while the loop is
// busy has its accept callback queued when Close runs. Close must still
// cover every goroutine: the callback, run after Close, starts no reader
// (one started then was Added to the WaitGroup Close waits on, which
// FuzzEcho caught as "WaitGroup is reused before previous Wait has
// returned").
func TestCloseWithAcceptPending(t *testing.T) {
	realIO(t) // net.Pipe blocks inside package net
	l := eventloop.New()
	ran := make(chan struct{})
	go func() { l.Run(); close(ran) }()
	busy := make(chan struct{})
	l.CallSoon(func() { <-busy })
	ln := &watchListener{conns: make(chan net.Conn, 1), accepting: make(chan struct{}, 2)}
	s := eventloop.ServeEcho(l, ln)
	<-ln.accepting // the accept goroutine waits for a connection
	client, server := net.Pipe()
	defer client.Close()
	rc := &readCounter{Conn: server}
	ln.conns <- rc
	<-ln.accepting // accepted; its callback is queued behind busy
	require.NoError(t, s.Close())
	close(busy)
	accepted, _ := s.Stats() // runs after the accept callback
	require.Equal(t, 1, accepted)
	require.NoError(t, s.Close()) // waits for a reader started late, if any
	require.Zero(t, rc.reads.Load(), "a reader was started after Close")
	l.Stop()
	<-ran
}

// watchListener hands out the connections sent on conns and signals each
// call of Accept.
type watchListener struct {
	conns     chan net.Conn
	accepting chan struct{}
	closed    atomic.Bool
}

func (l *watchListener) Accept() (net.Conn, error) {
	if l.closed.Load() {
		return nil, net.ErrClosed
	}
	l.accepting <- struct{}{}
	c, ok := <-l.conns
	if !ok {
		return nil, net.ErrClosed
	}
	return c, nil
}

func (l *watchListener) Close() error {
	if !l.closed.Swap(true) {
		close(l.conns)
	}
	return nil
}

func (l *watchListener) Addr() net.Addr { return &net.UnixAddr{Name: "watch", Net: "unix"} }

// readCounter counts the reads of a connection.
type readCounter struct {
	net.Conn
	reads atomic.Int32
}

func (c *readCounter) Read(b []byte) (int, error) {
	c.reads.Add(1)
	return c.Conn.Read(b)
}
