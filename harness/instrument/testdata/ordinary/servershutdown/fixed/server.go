// Package servershutdown is a connection server: an accept loop hands each
// connection to its own goroutine, and Shutdown closes the listener and
// every open connection, then waits for the handlers.
package servershutdown

import (
	"errors"
	"sync"
)

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("server closed")

// Conn is an accepted connection.
type Conn interface{ Close() error }

// Listener hands out connections until it is closed.
type Listener interface {
	Accept() (Conn, error)
	Close() error
}

// Server runs Handler on every connection.
type Server struct {
	Handler func(Conn)

	mu       sync.Mutex
	ln       Listener
	conns    map[Conn]struct{}
	shutdown bool
	wg       sync.WaitGroup
}

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln Listener) error {
	s.mu.Lock()
	s.ln = ln
	s.conns = make(map[Conn]struct{})
	s.mu.Unlock()
	for {
		c, err := ln.Accept()
		if err != nil {
			return ErrServerClosed
		}
		s.mu.Lock()
		if s.shutdown { // Shutdown has already closed the others
			s.mu.Unlock()
			c.Close()
			return ErrServerClosed
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go s.handle(c)
	}
}

func (s *Server) handle(c Conn) {
	defer s.wg.Done()
	s.Handler(c)
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

// Shutdown stops Serve, closes open connections and waits for handlers.
func (s *Server) Shutdown() error {
	s.mu.Lock()
	s.shutdown = true
	err := s.ln.Close()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}
