package eventloop

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"slices"
	"sync"
	"time"
)

// EchoServer echoes every byte a client sends, with the echoing done by
// callbacks on a loop. Its blocking I/O (accept, reads) runs on
// goroutines of its own, outside the loop, unless the seeded bug moves a
// read into a callback.
type EchoServer struct {
	l    *Loop
	ln   net.Listener
	cfg  config
	wg   sync.WaitGroup // accept and reader goroutines
	mu   sync.Mutex
	conn map[net.Conn]int // open connections, numbered in the order accepted
	next int
	// closed is set by Close; no connection is tracked and no reader
	// started after it, so that Close's Wait covers every goroutine.
	closed bool
	// counted on the loop
	accepted, served int
}

// ListenEcho listens on addr (use "127.0.0.1:0") and serves on l, which
// the caller runs.
func ListenEcho(l *Loop, addr string, opts ...Option) (*EchoServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return ServeEcho(l, ln, opts...), nil
}

// ServeEcho serves the connections ln accepts on l, which the caller
// runs; Close closes ln. ListenEcho is ServeEcho on a TCP listener.
func ServeEcho(l *Loop, ln net.Listener, opts ...Option) *EchoServer {
	s := &EchoServer{l: l, ln: ln, conn: map[net.Conn]int{}}
	for _, o := range opts {
		o.apply(&s.cfg)
	}
	s.wg.Go(s.accept)
	return s
}

// Addr is the address the server listens on.
func (s *EchoServer) Addr() string { return s.ln.Addr().String() }

func (s *EchoServer) accept() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		if !s.track(c) {
			_ = c.Close()
			return
		}
		s.l.CallSoon(func() { s.onAccept(c) })
	}
}

// track registers c for Close, unless the server is closed.
func (s *EchoServer) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.conn[c] = s.next
		s.next++
	}
	return !s.closed
}

// onAccept runs on the loop. A callback that runs after Close (it was
// queued before) starts nothing: Close has closed c, and a reader started
// now would be Added to the WaitGroup Close is waiting on (or has
// returned from).
func (s *EchoServer) onAccept(c net.Conn) {
	s.accepted++
	if s.cfg.bug == BugBlockingCallback {
		s.serveBlocking(c) // the bug: blocking reads on the loop
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.wg.Go(func() { s.read(c) })
	}
}

// read is a connection's reader goroutine: it posts what it reads to the
// loop.
func (s *EchoServer) read(c net.Conn) {
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			data := append([]byte(nil), buf[:n]...)
			s.l.CallSoon(func() { s.echo(c, data) })
		}
		if err != nil {
			s.l.CallSoon(func() { s.finish(c, err) })
			return
		}
	}
}

// serveBlocking is the seeded bug: it reads c to its end on the loop.
func (s *EchoServer) serveBlocking(c net.Conn) {
	r := bufio.NewReader(c)
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			s.echo(c, buf[:n])
		}
		if err != nil {
			s.finish(c, err)
			return
		}
	}
}

// echo runs on the loop. Writes of a few bytes to loopback do not block;
// a deadline bounds a client that never reads.
func (s *EchoServer) echo(c net.Conn, data []byte) {
	_ = c.SetWriteDeadline(time.Now().Add(time.Second))
	_, _ = c.Write(data)
}

// finish runs on the loop: a connection ended by its client's EOF was
// served.
func (s *EchoServer) finish(c net.Conn, err error) {
	if errors.Is(err, io.EOF) {
		s.served++
	}
	s.mu.Lock()
	delete(s.conn, c)
	s.mu.Unlock()
	_ = c.Close()
}

// Stats returns how many connections were accepted and how many were
// served to their end, as counted on the loop (it runs a callback, so the
// loop must be running).
func (s *EchoServer) Stats() (accepted, served int) {
	done := make(chan struct{})
	s.l.CallSoon(func() { accepted, served = s.accepted, s.served; close(done) })
	<-done
	return accepted, served
}

// Close stops accepting, closes every open connection and waits for the
// server's goroutines.
func (s *EchoServer) Close() error {
	err := s.ln.Close()
	s.mu.Lock()
	s.closed = true
	// in the order accepted, not the map's: the same run closes them
	// the same way (harness test replays it)
	for _, c := range slices.SortedFunc(maps.Keys(s.conn), func(a, b net.Conn) int { return s.conn[a] - s.conn[b] }) {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

// ErrStalled is reported by Liveness when a client was not served in
// time while another client was idle.
var ErrStalled = errors.New("eventloop: a connection stalled")

// Liveness is the latency check of an echo server at addr: with one
// client connected and idle, a second client's line must be echoed within
// bound. It closes both connections before it returns.
func Liveness(addr string, bound time.Duration) error {
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer idle.Close()
	time.Sleep(10 * time.Millisecond) // let the server accept the idle client first
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	start := time.Now()
	if _, err := c.Write([]byte("ping\n")); err != nil {
		return err
	}
	_ = c.SetReadDeadline(start.Add(bound))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return fmt.Errorf("%w: no echo within %v while another client was idle (%v)", ErrStalled, bound, err)
	}
	if line != "ping\n" {
		return fmt.Errorf("eventloop: echo %q, want %q", line, "ping\n")
	}
	return nil
}
