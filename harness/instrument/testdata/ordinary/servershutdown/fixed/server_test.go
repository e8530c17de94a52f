package servershutdown

import (
	"errors"
	"sync"
	"testing"
)

type fakeConn struct {
	closed chan struct{}
	once   sync.Once
}

func (c *fakeConn) Close() error { c.once.Do(func() { close(c.closed) }); return nil }

type fakeListener struct {
	conns  chan Conn
	closed chan struct{}
	once   sync.Once
}

func (l *fakeListener) Accept() (Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, errors.New("use of closed listener")
	}
}

func (l *fakeListener) Close() error { l.once.Do(func() { close(l.closed) }); return nil }

func TestShutdownClosesIdleConns(t *testing.T) {
	ln := &fakeListener{conns: make(chan Conn), closed: make(chan struct{})}
	s := &Server{Handler: func(c Conn) { <-c.(*fakeConn).closed }} // idle keep-alive
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ln) }()
	for range 2 {
		ln.conns <- &fakeConn{closed: make(chan struct{})}
	}
	if err := s.Shutdown(); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if err := <-errc; !errors.Is(err, ErrServerClosed) {
		t.Errorf("Serve returned %v, want ErrServerClosed", err)
	}
}
