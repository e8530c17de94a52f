// Package heartbeat is a request/reply session with a server goroutine
// that also pings the client when the line has been quiet for a while.
package heartbeat

import "time"

// Message travels in either direction.
type Message struct {
	Kind string // "req", "reply" or "ping"
	Body string
}

// Session connects one client to its server goroutine.
type Session struct {
	in  chan Message // client to server
	out chan Message // server to client
}

// Open starts the server side, pinging every interval.
func Open(interval time.Duration) *Session {
	s := &Session{in: make(chan Message), out: make(chan Message)}
	go s.serve(interval)
	return s
}

func (s *Session) serve(interval time.Duration) {
	ping := time.NewTicker(interval)
	defer ping.Stop()
	for {
		select {
		case m, ok := <-s.in:
			if !ok {
				return
			}
			s.out <- Message{Kind: "reply", Body: "echo " + m.Body}
		case <-ping.C:
			s.out <- Message{Kind: "ping"}
		}
	}
}

// Call sends a request and returns the reply, skipping pings.
func (s *Session) Call(body string) string {
	s.in <- Message{Kind: "req", Body: body}
	for {
		if m := <-s.out; m.Kind == "reply" {
			return m.Body
		}
	}
}

// Close ends the session.
func (s *Session) Close() { close(s.in) }
