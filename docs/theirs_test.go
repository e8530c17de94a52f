package docs_test

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/chat"
	"github.com/interleave/concurrency/impls/kv"
	"github.com/interleave/concurrency/impls/queue"
	"github.com/stretchr/testify/require"
)

// The seeded bugs of impls/kv, impls/queue and impls/chat, driven through
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

// queueNative: three getters and three putters of ten values each on a
// queue of capacity 2. Once nothing has completed for 200ms, the getters
// still inside Get are taken as blocked.
func queueNative(bug bool) []porcupine.Operation {
	b := queue.NoBug
	if bug {
		b = queue.BugLostWakeup
	}
	q := queue.New[int](2, queue.WithBug(b))
	rec := linearizable.NewRecorder()
	var completed atomic.Int64
	var wg sync.WaitGroup
	for i := range 6 {
		c := rec.Client()
		wg.Go(func() {
			for k := range 10 {
				if i < 3 {
					c.Do(queueOp{}, func() any { v, _ := q.Get(); return v })
				} else {
					c.Do(queueOp{put: true, val: k % 10}, func() any { _ = q.Put(k % 10); return nil })
				}
				completed.Add(1)
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	last, since := int64(-1), time.Now()
	for {
		select {
		case <-done:
			return rec.History()
		case <-time.After(5 * time.Millisecond):
		}
		if n := completed.Load(); n != last {
			last, since = n, time.Now()
		} else if time.Since(since) > 200*time.Millisecond {
			h := rec.HistoryAt(getsBlocked)
			q.Close()
			<-done
			return h
		}
	}
}

// queueOp is a Put of val or a Get; a Get observed still blocked at a
// quiescent point has the output blockedGet.
type queueOp struct {
	put bool
	val int
}

type blockedGet struct{}

// getsBlocked takes the pending Gets of a quiescent history as blocked;
// pending Puts stay pending.
func getsBlocked(in any) (any, bool) {
	if in.(queueOp).put {
		return nil, false
	}
	return blockedGet{}, true
}

// fifoSpec is an unbounded FIFO queue (the scenario never fills it).
var fifoSpec = porcupine.Model{
	Init: func() any { return "" },
	Step: func(state, in, out any) (bool, any) {
		s, op := state.(string), in.(queueOp)
		switch {
		case op.put: // a pending Put may be linearised last, with no visible effect
			return true, s + string(rune('0'+op.val))
		case out == blockedGet{}:
			return s == "", s
		}
		return s != "" && int(s[0]-'0') == out.(int), strings.TrimPrefix(s, s[:min(1, len(s))])
	},
}

// queueWakeups: two getters wait on an empty queue, then two putters
// each put one value. Once nothing can run, a getter still blocked while
// the queue holds a value is a lost wake-up.
func queueWakeups(bug bool) func(*rt.T) []porcupine.Operation {
	b := queue.NoBug
	if bug {
		b = queue.BugLostWakeup
	}
	return func(t *rt.T) []porcupine.Operation {
		q := queue.New[int](2, queue.WithBug(b))
		rec := linearizable.NewRecorder()
		var wg rt.WaitGroup
		for i := range 4 {
			c := rec.Client()
			wg.Go(func() {
				if i < 2 {
					c.Do(queueOp{}, func() any { v, _ := q.Get(); return v })
					return
				}
				c.Do(queueOp{put: true, val: i}, func() any { _ = q.Put(i); return nil })
			})
		}
		rt.WaitIdle() // returns once nothing else can run
		h := rec.HistoryAt(getsBlocked)
		q.Close()
		wg.Wait()
		return h
	}
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
		check: "`checks/linearizable` (porcupine, blocked operations observed at quiescence) under `rt.Explore`", kind: linearizable.Kind,
		command: "go test -v -run 'TestLinearizableUnderRT/lost-wakeup' ./impls/queue",
		run:     func(t *testing.T, bug bool) string { return linearizableUnderRT(t, fifoSpec, queueWakeups(bug)) },
	},
	{
		pkg: "impls/queue", bug: "queue.WithBug(queue.BugLostWakeup)", what: "the same lost wake-up with real goroutines, a Get still blocked once all is quiet",
		check: "`checks/linearizable` (porcupine), real goroutines", kind: linearizable.Kind,
		command: "go test -race -v -run 'TestLinearizableNative/lost-wakeup' ./impls/queue",
		run:     func(t *testing.T, bug bool) string { return nativeLinearizable(t, fifoSpec, bug, queueNative) },
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
