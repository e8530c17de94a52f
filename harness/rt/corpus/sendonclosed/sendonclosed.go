// Package sendonclosed is a misused channel (send on closed): a metrics
// sampler goroutine sends a sample every tick on its output channel, and
// Stop closes that channel, from the consumer's side, while the sampler
// may be about to send. The fix: Stop closes a quit channel that the
// sampler selects on, and the sampler closes its own output.
package sendonclosed

import (
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

type sampler struct {
	out  *rt.Chan[int]
	quit *rt.Chan[struct{}]
}

// loop samples forever; only its consumer can end it (the buggy design).
func (s *sampler) loop() {
	for i := 0; ; i++ {
		rt.Sleep(time.Second)
		s.out.Send(i)
	}
}

// stop closes the output under the sampler: the bug.
func (s *sampler) stop() { s.out.Close() }

// loopFixed stops on quit and closes its own output.
func (s *sampler) loopFixed() {
	defer s.out.Close()
	for i := 0; ; i++ {
		rt.Sleep(time.Second)
		stop := false
		rt.Select(s.out.OnSend(i, nil), s.quit.OnRecv(func(struct{}, bool) { stop = true }))
		if stop {
			return
		}
	}
}

func (s *sampler) stopFixed() { s.quit.Close() }

func run(fixed bool) {
	s := &sampler{out: rt.NewChan[int](1), quit: rt.NewChan[struct{}](0)}
	if fixed {
		rt.Go(s.loopFixed)
	} else {
		rt.Go(s.loop)
	}
	s.out.Recv() // one sample is enough
	if fixed {
		s.stopFixed()
	} else {
		s.stop()
	}
}

// Buggy closes the sampler's output from the consumer.
func Buggy(t *rt.T) { run(false) }

// Fixed stops the sampler through quit.
func Fixed(t *rt.T) { run(true) }
