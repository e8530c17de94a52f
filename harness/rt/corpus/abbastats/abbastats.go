// Package abbastats is a resource deadlock (AB-BA across two methods): a
// server whose request handler locks its connection table then its stats,
// while the stats reporter locks stats then reads the connection count.
// The fix: the reporter copies what it needs from stats and releases
// statsMu before taking connMu.
package abbastats

import "github.com/interleave/concurrency/harness/rt"

type server struct {
	connMu  rt.Mutex
	conns   map[int]bool
	statsMu rt.Mutex
	served  int
}

// handle registers a connection and counts it: connMu, then statsMu.
func (s *server) handle(id int) {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	s.conns[id] = true
	s.statsMu.Lock()
	s.served++
	s.statsMu.Unlock()
}

// report formats the stats: statsMu, then connMu (the inverted order).
func (s *server) report() (served, open int) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	s.connMu.Lock()
	defer s.connMu.Unlock()
	return s.served, len(s.conns)
}

// reportFixed never holds both locks.
func (s *server) reportFixed() (served, open int) {
	s.statsMu.Lock()
	served = s.served
	s.statsMu.Unlock()
	s.connMu.Lock()
	defer s.connMu.Unlock()
	return served, len(s.conns)
}

func run(t *rt.T, report func(s *server) (int, int)) {
	s := &server{conns: map[int]bool{}}
	var wg rt.WaitGroup
	wg.Go(func() { s.handle(1) })
	wg.Go(func() {
		if served, open := report(s); served > open {
			t.Errorf("served %d > open %d", served, open)
		}
	})
	wg.Wait()
}

// Buggy runs a handler and the reporter concurrently.
func Buggy(t *rt.T) { run(t, (*server).report) }

// Fixed runs the reporter that releases statsMu first.
func Fixed(t *rt.T) { run(t, (*server).reportFixed) }
