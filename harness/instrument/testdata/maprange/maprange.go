// Package maprange closes connections held in a map, as servers do on
// shutdown. Go randomises map iteration, so the closes come in another
// order in each run, and rt, which replays a schedule by re-running the
// body, reports the body as not deterministic under harness test. go test
// passes; harness test fails (not fixed: see the report of the dogfood
// branch).
package maprange

import "sync"

// Server tracks open connections, each a channel its reader waits on.
type Server struct {
	mu    sync.Mutex
	conns map[int]chan struct{}
	wg    sync.WaitGroup
}

func NewServer(n int) *Server {
	s := &Server{conns: map[int]chan struct{}{}}
	for i := range n {
		c := make(chan struct{})
		s.conns[i] = c
		s.wg.Go(func() { <-c })
	}
	return s
}

// Close closes every connection and waits for the readers.
func (s *Server) Close() {
	s.mu.Lock()
	for _, c := range s.conns {
		close(c)
	}
	s.mu.Unlock()
	s.wg.Wait()
}
