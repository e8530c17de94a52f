package eventloop_test

import (
	"flag"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/interleave/concurrency/impls/eventloop"
	"github.com/stretchr/testify/require"
)

// The tests pass under go test and under harness test, which explores
// their interleavings; -eventloop.bug switches a seeded bug on for harness
// test to find:
//
//	harness test ./impls/eventloop -eventloop.bug=blockingcallback
var bugName = flag.String("eventloop.bug", "", "seeded bug to switch on: blockingcallback (default none)")

var bugs = map[string]eventloop.Bug{"": eventloop.NoBug, "blockingcallback": eventloop.BugBlockingCallback}

// seededBug is the bug the flag names.
func seededBug(t testing.TB) eventloop.Bug {
	b, ok := bugs[*bugName]
	if !ok {
		t.Fatalf("-eventloop.bug=%q: allowed are blockingcallback or none", *bugName)
	}
	return b
}

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
	ln := newMemListener()
	s := eventloop.ServeEcho(l, ln, eventloop.WithBug(seededBug(t)))
	idle, busy := ln.dial(), ln.dial()
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

// memListener accepts the connections dial makes.
type memListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newMemListener() *memListener {
	return &memListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

// dial connects a client and returns its end.
func (l *memListener) dial() net.Conn {
	client, server := memPipe()
	l.conns <- server
	return client
}

func (l *memListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *memListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *memListener) Addr() net.Addr { return memAddr{} }

// memConn is one end of an in-memory connection: each Write is a message
// on a channel the other end reads.
type memConn struct {
	in, out    chan []byte
	rest       []byte
	closed     chan struct{} // this end's
	peerClosed chan struct{}
	once       *sync.Once
}

func memPipe() (net.Conn, net.Conn) {
	a, b := make(chan []byte, 8), make(chan []byte, 8)
	ca, cb := make(chan struct{}), make(chan struct{})
	return &memConn{in: a, out: b, closed: ca, peerClosed: cb, once: new(sync.Once)},
		&memConn{in: b, out: a, closed: cb, peerClosed: ca, once: new(sync.Once)}
}

func (c *memConn) Read(p []byte) (int, error) {
	if len(c.rest) == 0 {
		select {
		case c.rest = <-c.in:
		case <-c.closed:
			return 0, net.ErrClosed
		case <-c.peerClosed:
			select { // what the peer wrote before it closed comes first
			case c.rest = <-c.in:
			default:
				return 0, io.EOF
			}
		}
	}
	n := copy(p, c.rest)
	c.rest = c.rest[n:]
	return n, nil
}

func (c *memConn) Write(p []byte) (int, error) {
	select {
	case c.out <- append([]byte(nil), p...):
		return len(p), nil
	case <-c.closed:
		return 0, net.ErrClosed
	case <-c.peerClosed:
		return 0, io.ErrClosedPipe
	}
}

func (c *memConn) Close() error {
	c.once.Do(func() { close(c.closed) })
	return nil
}

func (c *memConn) LocalAddr() net.Addr              { return memAddr{} }
func (c *memConn) RemoteAddr() net.Addr             { return memAddr{} }
func (c *memConn) SetDeadline(time.Time) error      { return nil }
func (c *memConn) SetReadDeadline(time.Time) error  { return nil }
func (c *memConn) SetWriteDeadline(time.Time) error { return nil }

type memAddr struct{}

func (memAddr) Network() string { return "mem" }
func (memAddr) String() string  { return "mem" }
