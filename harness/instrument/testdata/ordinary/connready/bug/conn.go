// Package connready is a broker connection whose handshake runs in the
// background; publishers wait until it is up before sending, and a
// keepalive marks it idle when nothing was sent for a while.
package connready

import (
	"errors"
	"runtime"
	"sync/atomic"
	"time"
)

// ErrClosed is returned once the connection is closed.
var ErrClosed = errors.New("connection closed")

const (
	stateDialing int32 = iota
	stateUp
	stateIdle // up, but nothing sent since the last keepalive
)

// Conn is a connection to the message broker.
type Conn struct {
	state  atomic.Int32
	sent   atomic.Int32
	closed chan struct{}
}

// Dial runs the handshake and then the keepalive in the background.
func Dial(handshake func(), keepalive time.Duration) *Conn {
	c := &Conn{closed: make(chan struct{})}
	go func() {
		handshake()
		c.state.Store(stateUp)
		t := time.NewTicker(keepalive)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				c.state.CompareAndSwap(stateUp, stateIdle)
			case <-c.closed:
				return
			}
		}
	}()
	return c
}

// WaitReady spins until the handshake is done; it is short, so spinning
// beats parking.
func (c *Conn) WaitReady() error {
	for {
		select {
		case <-c.closed:
			return ErrClosed
		default:
		}
		if c.state.Load() == stateUp {
			return nil
		}
		runtime.Gosched()
	}
}

// Send sends one message.
func (c *Conn) Send(msg string) {
	c.state.Store(stateUp)
	c.sent.Add(1)
}

// Close closes the connection.
func (c *Conn) Close() { close(c.closed) }
