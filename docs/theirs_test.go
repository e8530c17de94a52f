package docs_test

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/chat"
	"github.com/interleave/concurrency/impls/kv"
	"github.com/stretchr/testify/require"
)

// The seeded bugs of impls/kv and impls/chat, driven through
// their public APIs. Their own tests hold fuller workloads; these are the
// smallest scenarios that show each bug.

// linearizableUnderRT explores body, which records a history and returns
// it; the history of every execution is checked with porcupine.
func linearizableUnderRT(t *testing.T, spec porcupine.Model, body func(*rt.T) []porcupine.Operation) string {
	var found error
	rep, err := rt.Explore(func(rtt *rt.T) {
		if err := linearizable.Check(spec, body(rtt)).Err(); err != nil {
			found = err
			rtt.Fatal(err)
		}
	})
	require.NoError(t, err)
	if rep.Failure == nil {
		require.True(t, rep.Exhausted, "%v", rep)
		return ""
	}
	var v *linearizable.Violation
	if errors.As(found, &v) {
		return linearizable.Kind
	}
	return "unexpected: " + rep.Failure.String()
}

// counterOp is an operation on one integer key: add 1, or read.
type counterOp struct{ add bool }

// counterSpec is a single counter: add returns the new value, get the
// current one.
var counterSpec = porcupine.Model{
	Init: func() any { return 0 },
	Step: func(state, in, out any) (bool, any) {
		s := state.(int)
		if linearizable.IsPending(out) { // returns at infinity: may be linearised last
			if in.(counterOp).add {
				return true, s + 1
			}
			return true, s
		}
		if in.(counterOp).add {
			return out.(int) == s+1, s + 1
		}
		return out.(int) == s, s
	},
}

// kvCounter: two clients add 1 to the same key, then read it.
func kvCounter(bug bool) func(*rt.T) []porcupine.Operation {
	b := kv.NoBug
	if bug {
		b = kv.BugGetThenPut
	}
	return func(t *rt.T) []porcupine.Operation {
		m := kv.New[int](kv.WithBug(b))
		rec := linearizable.NewRecorder()
		var wg rt.WaitGroup
		for range 2 {
			c := rec.Client()
			wg.Go(func() {
				c.Do(counterOp{add: true}, func() any { return m.Update("x", func(old int, _ bool) int { return old + 1 }) })
				c.Do(counterOp{}, func() any { v, _ := m.Get("x"); return v })
			})
		}
		wg.Wait()
		return rec.History()
	}
}

// nativeLinearizable runs round with real goroutines until its history
// is not linearizable or the budget is spent (the correct version runs
// three rounds). The budget only bounds a search that finds nothing: a
// loaded machine interleaves less, so it is generous.
func nativeLinearizable(t *testing.T, spec porcupine.Model, bug bool, round func(bug bool) []porcupine.Operation) string {
	rounds, budget := 3, time.Duration(0)
	if bug {
		rounds, budget = 4000, 20*time.Second
	}
	start := time.Now()
	for i := 0; i < rounds && (budget == 0 || time.Since(start) < budget); i++ {
		err := linearizable.Check(spec, round(bug)).Err()
		var v *linearizable.Violation
		if errors.As(err, &v) {
			return linearizable.Kind
		}
		require.NoError(t, err)
	}
	return ""
}

// kvNative: four goroutines add 1 to one key thirty times each.
func kvNative(bug bool) []porcupine.Operation {
	b := kv.NoBug
	if bug {
		b = kv.BugGetThenPut
	}
	m := kv.New[int](kv.WithBug(b))
	rec := linearizable.NewRecorder()
	var wg sync.WaitGroup
	for range 4 {
		c := rec.Client()
		wg.Go(func() {
			for range 30 {
				c.Do(counterOp{add: true}, func() any { return m.Update("x", func(old int, _ bool) int { return old + 1 }) })
			}
		})
	}
	wg.Wait()
	return rec.History()
}

// chatStall: a client that does not read (small receive buffer) and a
// client that does are in one room; another client publishes 2000 lines.
// The reading client must get each within a second.
func chatStall(t *testing.T, bug bool) string {
	b := chat.NoBug
	if bug {
		b = chat.BugBlockingFanout
	}
	s, err := chat.Listen("127.0.0.1:0", chat.WithBug(b), chat.WithSocketBuffer(16384))
	require.NoError(t, err)
	defer s.Close()
	addr := s.Addr().String()
	slow, reader, pub := chatDial(t, addr, 4096), chatDial(t, addr, 0), chatDial(t, addr, 0)
	defer slow.Close()
	defer reader.Close()
	chatCmd(t, slow, "JOIN room", "OK JOIN room")
	chatCmd(t, reader, "JOIN room", "OK JOIN room")
	const n = 2000
	text := strings.Repeat("x", 100)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer pub.Close() // unblocks the publisher if the server stalled
	wg.Go(func() {
		for k := range n {
			if k%5 == 0 {
				time.Sleep(time.Millisecond)
			}
			if _, err := fmt.Fprintf(pub, "PUB room %d %s\n", k, text); err != nil {
				return
			}
		}
	})
	r := bufio.NewReader(reader)
	for range n {
		_ = reader.SetReadDeadline(time.Now().Add(time.Second))
		if _, err := r.ReadString('\n'); err != nil {
			slow.Close() // release the server
			return "stall"
		}
	}
	return ""
}

func chatDial(t *testing.T, addr string, rcvbuf int) net.Conn {
	d := net.Dialer{Timeout: 5 * time.Second}
	if rcvbuf > 0 {
		d.Control = func(_, _ string, rc syscall.RawConn) error {
			var serr error
			err := rc.Control(func(fd uintptr) {
				serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvbuf)
			})
			return errors.Join(err, serr)
		}
	}
	c, err := d.Dial("tcp", addr)
	require.NoError(t, err)
	return c
}

func chatCmd(t *testing.T, c net.Conn, cmd, want string) {
	_, err := fmt.Fprintln(c, cmd)
	require.NoError(t, err)
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, want+"\n", line)
}

// chatLeak closes a server with three clients connected and asks goleak
// for what is left.
func chatLeak(t *testing.T, bug bool) string {
	b := chat.NoBug
	if bug {
		b = chat.BugLeakOnClose
	}
	ignore := leak.IgnoreCurrent()
	s, err := chat.Listen("127.0.0.1:0", chat.WithBug(b))
	require.NoError(t, err)
	var cs []net.Conn
	for range 3 {
		c := chatDial(t, s.Addr().String(), 0)
		chatCmd(t, c, "JOIN room", "OK JOIN room")
		cs = append(cs, c)
	}
	require.NoError(t, s.Close())
	err = leak.Find(ignore)
	for _, c := range cs {
		c.Close()
	}
	require.NoError(t, leak.Find(ignore), "closing the connections ends them")
	var l *leak.Leak
	if errors.As(err, &l) {
		return leak.Kind
	}
	require.NoError(t, err)
	return ""
}

var theirs = []mutation{
	{
		pkg: "impls/kv", bug: "kv.WithBug(kv.BugGetThenPut)", what: "Update is a Get then a Put in two critical sections: an increment is lost",
		check: "`checks/linearizable` (porcupine) under `rt.Explore`", kind: linearizable.Kind,
		command: "go test -v -run 'TestLinearizableUnderRT/get-then-put' ./impls/kv",
		run:     func(t *testing.T, bug bool) string { return linearizableUnderRT(t, counterSpec, kvCounter(bug)) },
	},
	{
		pkg: "impls/kv", bug: "kv.WithBug(kv.BugGetThenPut)", what: "the same lost increment with real goroutines",
		check: "`checks/linearizable` (porcupine), real goroutines", kind: linearizable.Kind,
		command: "go test -race -v -run 'TestLinearizableNative/get-then-put' ./impls/kv",
		run:     func(t *testing.T, bug bool) string { return nativeLinearizable(t, counterSpec, bug, kvNative) },
	},
	{
		pkg: "impls/queue", bug: "queue.WithBug(queue.BugLostWakeup)", what: "Put signals only on empty to non-empty: a second waiting Get sleeps next to a value",
		check: "rt's deadlock detection under `harness test` (every item delivered, every client done)", kind: "deadlock",
		command: "harness test ./impls/queue -queue.bug=lostwakeup",
	},
	{
		pkg: "impls/chat", bug: "chat.WithBug(chat.BugBlockingFanout)", what: "publishing waits for room in a slow client's full buffer: every other client stalls",
		check: "slow-client check over loopback TCP", kind: "stall",
		command: "go test -v -run 'TestSlowClient/blocking-fanout' ./impls/chat",
		run:     chatStall,
	},
	{
		pkg: "impls/chat", bug: "chat.WithBug(chat.BugLeakOnClose)", what: "Close returns without closing the client connections: their goroutines are left behind",
		check: "`checks/leak` (goleak)", kind: leak.Kind,
		command: "go test -v -run 'TestShutdownLeavesNoGoroutines/leak-on-close' ./impls/chat",
		run:     chatLeak,
	},
}
