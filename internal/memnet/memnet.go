// Package memnet is an in-memory network for tests: a net.Listener and
// connections made of channels. Under harness test its blocking is rt's
// and gets explored, where net.Pipe and sockets block inside package net,
// outside the scheduler's reach.
package memnet

import (
	"io"
	"net"
	"sync"
	"time"
)

// Listener accepts the connections Dial makes.
type Listener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
	buffer int
}

// NewListener returns a listener whose connections hold at most buffer
// writes on their way (a writer then waits for the reader).
func NewListener(buffer int) *Listener {
	return &Listener{conns: make(chan net.Conn), closed: make(chan struct{}), buffer: buffer}
}

// Dial connects a client and returns its end; it waits for Accept.
func (l *Listener) Dial() net.Conn {
	client, server := Pipe(l.buffer)
	l.conns <- server
	return client
}

func (l *Listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *Listener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *Listener) Addr() net.Addr { return addr{} }

// conn is one end of an in-memory connection: each Write is a message
// on a channel the other end reads.
type conn struct {
	in, out    chan []byte
	rest       []byte
	closed     chan struct{} // this end's
	peerClosed chan struct{}
	once       *sync.Once
}

// Pipe returns the two ends of a connection that holds at most buffer
// writes on their way.
func Pipe(buffer int) (net.Conn, net.Conn) {
	a, b := make(chan []byte, buffer), make(chan []byte, buffer)
	ca, cb := make(chan struct{}), make(chan struct{})
	return &conn{in: a, out: b, closed: ca, peerClosed: cb, once: new(sync.Once)},
		&conn{in: b, out: a, closed: cb, peerClosed: ca, once: new(sync.Once)}
}

func (c *conn) Read(p []byte) (int, error) {
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

func (c *conn) Write(p []byte) (int, error) {
	select {
	case c.out <- append([]byte(nil), p...):
		return len(p), nil
	case <-c.closed:
		return 0, net.ErrClosed
	case <-c.peerClosed:
		return 0, io.ErrClosedPipe
	}
}

func (c *conn) Close() error {
	c.once.Do(func() { close(c.closed) })
	return nil
}

func (c *conn) LocalAddr() net.Addr              { return addr{} }
func (c *conn) RemoteAddr() net.Addr             { return addr{} }
func (c *conn) SetDeadline(time.Time) error      { return nil }
func (c *conn) SetReadDeadline(time.Time) error  { return nil }
func (c *conn) SetWriteDeadline(time.Time) error { return nil }

type addr struct{}

func (addr) Network() string { return "mem" }
func (addr) String() string  { return "mem" }
