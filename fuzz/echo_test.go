package fuzz_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/impls/eventloop"
	"pgregory.net/rapid"
)

// impls/eventloop's echo server, natively: up to three clients connect,
// send drawn payloads and hang up, in lockstep, then the server and its
// loop are closed, with the clients connected or after they hung up. The
// contract: every payload comes back whole and within stallBound,
// whoever else is connected and idle; the server never closes a
// connection before Close, and after it every connection ends; callbacks
// never overlap (eventloop.Exclusive); no goroutine of the package is
// left. The seeded bug BugBlockingCallback serves a connection to its end
// inside its accept callback, so one idle client holds up everyone who
// connected after it: a stall.
func init() { register(nativeTarget("FuzzEcho", echoSeeds, execEcho)) }

func FuzzEcho(f *testing.F) { run(f, "FuzzEcho") }

// echoSeeds miss the bug: only the oldest connected client sends. The
// zeros are "c0 send 1 B"; randomBytes(13, 112) is "c0 send 11 B, c1
// hang up, c0 send 1 B".
var echoSeeds = seedsFrom(48, [2]int{13, 112}, [2]int{16, 120}, [2]int{29, 80})

const (
	echoClients  = 3
	echoMaxSteps = 10
	// echoMaxSend keeps a payload within one read of the server (4096
	// bytes), so that an echo never waits for its own client to finish
	// writing: the pipe has no buffer to hide that in.
	echoMaxSend = 1024
)

// echoOp is one step: client Client sends N bytes, or hangs up.
type echoOp struct {
	Client int
	Hangup bool
	N      int
}

func (o echoOp) String() string {
	if o.Hangup {
		return fmt.Sprintf("c%d hang up", o.Client)
	}
	return fmt.Sprintf("c%d send %d B", o.Client, o.N)
}

// GoString makes rapid's log of the draws read as the script.
func (o echoOp) GoString() string { return o.String() }

// echoOpGen draws a step in one draw: the client, and a hang-up (one in
// four) or the payload size.
var echoOpGen = rapid.Custom(func(t *rapid.T) echoOp {
	v := rapid.IntRange(0, echoClients*4*echoMaxSend-1).Draw(t, "step")
	op := echoOp{Client: v % echoClients}
	v /= echoClients
	if v%4 == 3 {
		op.Hangup = true
	} else {
		op.N = v/4 + 1
	}
	return op
})

// echoScript is a drawn script: the steps, and whether the clients stay
// connected when the server is closed.
type echoScript struct {
	Ops  []echoOp
	Stay bool
}

func drawEcho(t *rapid.T) echoScript {
	return echoScript{
		Ops:  rapid.SliceOfN(echoOpGen, 1, echoMaxSteps).Draw(t, "ops"),
		Stay: rapid.Bool().Draw(t, "stay"),
	}
}

func execEcho(rp *rapid.T, bug bool) string {
	b := eventloop.NoBug
	if bug {
		b = eventloop.BugBlockingCallback
	}
	return runEcho(drawEcho(rp), b).report()
}

// echoRun is one run of a script.
type echoRun struct {
	*script
	ln    *pipeListener
	conns []net.Conn // nil: not connected
	since []int      // step at which each client connected
	sent  int        // payloads sent
}

// runEcho runs sc against a fresh loop and echo server with bug and
// checks the contract.
func runEcho(sc echoScript, bug eventloop.Bug) *script {
	ignore := leak.IgnoreCurrent()
	r := &echoRun{script: &script{
		server: fmt.Sprintf("server: impls/eventloop echo server on in-memory pipes, bug %s", bug),
	}, ln: newPipeListener(), conns: make([]net.Conn, echoClients), since: make([]int, echoClients)}
	for i := range echoClients {
		r.clients = append(r.clients, fmt.Sprintf("c%d", i))
	}
	l := eventloop.New()
	ran := make(chan struct{})
	go func() { l.Run(); close(ran) }()
	s := eventloop.ServeEcho(l, r.ln, eventloop.WithBug(bug))
	for _, op := range sc.Ops {
		if r.do(op); r.failed() {
			break
		}
	}
	if !sc.Stay && !r.failed() {
		for i, c := range r.conns {
			if c != nil {
				r.hangup(i)
			}
		}
	}
	r.close(s, l, ran, ignore)
	return r.script
}

func (r *echoRun) do(op echoOp) {
	i := op.Client
	if r.conns[i] == nil {
		c, err := r.ln.Dial()
		if err != nil {
			r.label = "connect"
			r.fail(i, "connect", "c%d could not connect: %v", i, err)
			return
		}
		r.conns[i], r.since[i] = c, len(r.rows)+1
		r.step(i, "connect")
	}
	if op.Hangup {
		r.hangup(i)
		return
	}
	r.send(i, op.N)
}

// send writes n bytes from client i and reads them back.
func (r *echoRun) send(i, n int) {
	c := r.conns[i]
	r.label = fmt.Sprintf("send %d B", n)
	data := bytes.Repeat(fmt.Appendf(nil, "c%d#%d ", i, r.sent), n/4+1)[:n]
	r.sent++
	_ = c.SetDeadline(time.Now().Add(stallBound))
	if _, err := c.Write(data); err != nil {
		r.lost(i, err, "to write (the server stopped reading it)")
		return
	}
	got := make([]byte, n)
	if _, err := io.ReadFull(c, got); err != nil {
		r.lost(i, err, "for the echo")
		return
	}
	if !bytes.Equal(got, data) {
		r.fail(i, "echo", "c%d sent %q and got back %q", i, clip(string(data)), clip(string(got)))
		return
	}
	r.step(i, "%s, echoed ✓", r.label)
}

// lost reports an error on client i's connection: a stall if it timed
// out, else a connection the server closed.
func (r *echoRun) lost(i int, err error, doing string) {
	if isTimeout(err) {
		r.fail(i, "stall", "c%d waited more than %v %s; connected meanwhile: %s", i, stallBound, doing, r.connected(i))
		return
	}
	r.fail(i, "disconnect", "the server closed c%d's connection (%v) %s", i, err, doing)
}

// connected lists the other clients connected and the step since which.
func (r *echoRun) connected(except int) string {
	var s []byte
	for j, c := range r.conns {
		if c != nil && j != except {
			s = fmt.Appendf(s, "c%d (since step %d) ", j, r.since[j])
		}
	}
	if s == nil {
		return "nobody"
	}
	return string(s[:len(s)-1])
}

func (r *echoRun) hangup(i int) {
	r.step(i, "hang up")
	r.conns[i].Close()
	r.conns[i] = nil
}

// close closes the server and stops the loop: the connections still open
// must end, callbacks must not have overlapped, and no goroutine of the
// package may be left. After a violation the clients hang up first.
func (r *echoRun) close(s *eventloop.EchoServer, l *eventloop.Loop, ran chan struct{}, ignore leak.Option) {
	if r.failed() {
		for i, c := range r.conns {
			if c != nil {
				r.conns[i] = nil
				c.Close()
			}
		}
	}
	closed := make(chan struct{})
	go func() {
		_ = s.Close()
		l.Stop()
		<-ran
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(stallBound):
		r.fail(-1, "close", "Close and Stop did not return within %v", stallBound)
		return
	}
	r.rows = append(r.rows, trace.Row{Thread: -1, Text: "server closed, loop stopped"})
	if err := eventloop.Exclusive(l); err != nil {
		r.fail(-1, "overlap", "%v", err)
	}
	if g := serverLeak(ignore, "github.com/interleave/concurrency/impls/eventloop."); g != "" {
		r.fail(-1, leak.Kind, "goroutines of the server alive after Close and Stop returned:\n%s", g)
	}
	for i, c := range r.conns {
		if c == nil {
			continue
		}
		r.label = "end"
		_ = c.SetReadDeadline(time.Now().Add(stallBound))
		n, err := c.Read(make([]byte, 1))
		switch {
		case n > 0:
			r.fail(i, "echo", "c%d got bytes after Close that it never sent", i)
		case isTimeout(err):
			r.fail(i, "not closed", "c%d's connection was still open %v after Close", i, stallBound)
		default:
			r.step(i, "closed ✓")
		}
		c.Close()
	}
}
