// Package accesslog serves requests from a queue and writes the access log
// line for each one in the background, so logging never delays a reply.
package accesslog

import "sync"

// Request is one call; the reply goes to Reply.
type Request struct {
	Path  string
	Reply chan string
}

// Server answers requests until Shutdown.
type Server struct {
	reqs chan Request
	wg   sync.WaitGroup // pending log writes

	mu  sync.Mutex
	log []string
}

// NewServer returns a server; run Serve in its own goroutine.
func NewServer() *Server { return &Server{reqs: make(chan Request)} }

// Do sends a request and waits for the reply.
func (s *Server) Do(path string) string {
	r := Request{Path: path, Reply: make(chan string)}
	s.reqs <- r
	return <-r.Reply
}

// Serve handles requests until Shutdown closes the queue.
func (s *Server) Serve() {
	for r := range s.reqs {
		s.wg.Add(1)
		go s.writeLog(r.Path)
		r.Reply <- "200 OK"
	}
}

func (s *Server) writeLog(path string) {
	defer s.wg.Done()
	s.mu.Lock()
	s.log = append(s.log, "GET "+path+" 200")
	s.mu.Unlock()
}

// Shutdown stops the server, waits for pending log writes and returns the log.
func (s *Server) Shutdown() []string {
	close(s.reqs)
	s.wg.Wait()
	return s.log
}
