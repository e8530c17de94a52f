// Package closebeforesend is an order violation (close before the last
// send): a log shipper whose background flush sends the pending batch on
// the output channel, and whose Close closes that channel without waiting
// for a flush in flight, so the flush sends on a closed channel and
// panics. The fix waits for the flush before closing.
package closebeforesend

import "github.com/interleave/concurrency/harness/rt"

type shipper struct {
	out     *rt.Chan[[]string]
	mu      rt.Mutex
	pending []string
	flushes rt.WaitGroup
}

func (s *shipper) log(line string) {
	s.mu.Lock()
	s.pending = append(s.pending, line)
	s.mu.Unlock()
	s.flushes.Go(s.flush)
}

// flush ships what is pending.
func (s *shipper) flush() {
	s.mu.Lock()
	batch := s.pending
	s.pending = nil
	s.mu.Unlock()
	if len(batch) > 0 {
		s.out.Send(batch)
	}
}

// close ends the output; wait false is the bug (flushes may still send).
func (s *shipper) close(wait bool) {
	if wait {
		s.flushes.Wait()
	}
	s.out.Close()
}

func run(wait bool) {
	s := &shipper{out: rt.NewChan[[]string](4)}
	s.log("started")
	s.close(wait)
	for {
		if _, ok := s.out.Recv(); !ok {
			break
		}
	}
	s.flushes.Wait()
}

// Buggy closes the output while a flush may be sending.
func Buggy(t *rt.T) { run(false) }

// Fixed waits for the flushes first.
func Fixed(t *rt.T) { run(true) }
