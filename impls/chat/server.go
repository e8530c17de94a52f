package chat

import (
	"errors"
	"net"
	"slices"
	"sync"
)

// Server is a running chat server. Create it with Listen or Serve and
// stop it with Close.
type Server struct {
	cfg     config
	ln      net.Listener
	mu      sync.Mutex
	rooms   map[string]map[*client]bool
	clients map[*client]bool
	closed  bool
	next    int
	wg      sync.WaitGroup
}

// Listen starts a server on the TCP address addr (for example
// "127.0.0.1:0" for a free loopback port).
func Listen(addr string, opts ...Option) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return Serve(ln, opts...), nil
}

// Serve starts a server on the connections ln accepts; Close closes ln.
// Listen is Serve on a TCP listener; any other net.Listener (such as an
// in-memory one in a test) gives the same server.
func Serve(ln net.Listener, opts ...Option) *Server {
	cfg := config{outbound: DefaultOutbound}
	for _, o := range opts {
		o.apply(&cfg)
	}
	s := &Server{cfg: cfg, ln: ln, rooms: map[string]map[*client]bool{}, clients: map[*client]bool{}}
	s.wg.Go(s.accept)
	return s
}

// Addr returns the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Close stops the server: it stops accepting, closes every client
// connection and waits until all the server's goroutines have exited.
func (s *Server) Close() error {
	err := s.ln.Close()
	s.mu.Lock()
	s.closed = true
	clients := inOrder(s.clients)
	s.mu.Unlock()
	if s.cfg.bug == BugLeakOnClose {
		return err
	}
	for _, c := range clients {
		c.kill()
	}
	s.wg.Wait()
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

// accept serves connections until the listener is closed.
func (s *Server) accept() {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		if tc, ok := conn.(*net.TCPConn); ok && s.cfg.sockBuf > 0 {
			_ = tc.SetWriteBuffer(s.cfg.sockBuf)
		}
		if !s.add(conn) {
			conn.Close()
			return
		}
	}
}

// add registers a client for conn and starts its goroutines, unless the
// server is closed.
func (s *Server) add(conn net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.next++
	c := newClient(s, conn, s.next)
	s.clients[c] = true
	s.wg.Go(c.read)
	s.wg.Go(c.write)
	return true
}

// remove forgets c and its rooms.
func (s *Server) remove(c *client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.clients, c)
	for room := range c.rooms {
		s.leave(c, room)
	}
}

func (s *Server) join(c *client, room string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rooms[room] == nil {
		s.rooms[room] = map[*client]bool{}
	}
	s.rooms[room][c] = true
}

// leave removes c from room; s.mu is held.
func (s *Server) leave(c *client, room string) {
	delete(s.rooms[room], c)
	if len(s.rooms[room]) == 0 {
		delete(s.rooms, room)
	}
}

// publish delivers line to every member of room but from.
func (s *Server) publish(from *client, room, line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range inOrder(s.rooms[room]) {
		if m != from {
			m.deliver(line)
		}
	}
}

// inOrder lists the clients of set in the order they connected: a map's
// order changes from run to run, and the same run should disconnect and
// deliver the same way (harness test replays runs).
func inOrder(set map[*client]bool) []*client {
	cs := make([]*client, 0, len(set))
	for c := range set {
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b *client) int { return a.id - b.id })
	return cs
}
