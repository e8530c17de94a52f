// Package handshake is a communication deadlock on channels: two peers
// that each send their hello on an unbuffered channel before reading the
// other's. Each sender waits for a receiver that is itself sending. The
// fix: one side (the dialer) speaks first, the other listens first.
package handshake

import "github.com/interleave/concurrency/harness/rt"

type peer struct {
	name string
	in   *rt.Chan[string]
	out  *rt.Chan[string]
}

// greet sends hello, then reads the other side's.
func (p *peer) greet() string {
	p.out.Send("hello from " + p.name)
	v, _ := p.in.Recv()
	return v
}

// answer reads the other side's hello, then sends its own.
func (p *peer) answer() string {
	v, _ := p.in.Recv()
	p.out.Send("hello from " + p.name)
	return v
}

func run(t *rt.T, acceptor func(*peer) string) {
	ab, ba := rt.NewChan[string](0), rt.NewChan[string](0)
	dialer := &peer{name: "dialer", in: ba, out: ab}
	listener := &peer{name: "listener", in: ab, out: ba}
	var got rt.Var[string]
	var wg rt.WaitGroup
	wg.Go(func() { got.Store(acceptor(listener)) })
	if v := dialer.greet(); v != "hello from listener" {
		t.Errorf("dialer got %q", v)
	}
	wg.Wait()
	if v := got.Load(); v != "hello from dialer" {
		t.Errorf("listener got %q", v)
	}
}

// Buggy has both peers speak first.
func Buggy(t *rt.T) { run(t, (*peer).greet) }

// Fixed has the listener answer.
func Fixed(t *rt.T) { run(t, (*peer).answer) }
