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

	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/impls/chat"
	"github.com/stretchr/testify/require"
)

// The seeded bugs of impls/chat, driven through
// their public APIs. Their own tests hold fuller workloads; these are the
// smallest scenarios that show each bug.

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
		check: "`checks/linearizable` (porcupine) and the final count under `harness test`", kind: "test failure",
		command: "harness test ./impls/kv -kv.bug=getthenput",
	},
	{
		pkg: "impls/queue", bug: "queue.WithBug(queue.BugLostWakeup)", what: "Put signals only on empty to non-empty: a second waiting Get sleeps next to a value",
		check: "rt's deadlock detection under `harness test` (every item delivered, every client done)", kind: "deadlock",
		command: "harness test ./impls/queue -queue.bug=lostwakeup",
	},
	{
		pkg: "impls/chat", bug: "chat.WithBug(chat.BugBlockingFanout)", what: "publishing waits for room in a slow client's full buffer: every other client stalls",
		check: "slow-client check over loopback TCP", kind: "stall",
		command: "go test -v -run 'TestSlowClient' ./impls/chat -chat.bug=blockingfanout",
		run:     chatStall,
	},
	{
		pkg: "impls/chat", bug: "chat.WithBug(chat.BugBlockingFanout)", what: "the same stall over in-memory connections: the publisher waits for the slow client holding the server's lock",
		check: "rt's deadlock detection under `harness test`", kind: "deadlock",
		command: "harness test ./impls/chat -chat.bug=blockingfanout",
	},
	{
		pkg: "impls/chat", bug: "chat.WithBug(chat.BugLeakOnClose)", what: "Close returns without closing the client connections: their goroutines are left behind",
		check: "`checks/leak` (goleak)", kind: leak.Kind,
		command: "go test -v -run 'TestShutdownLeavesNoGoroutines' ./impls/chat -chat.bug=leakonclose",
		run:     chatLeak,
	},
	{
		pkg: "impls/chat", bug: "chat.WithBug(chat.BugLeakOnClose)", what: "the same goroutines left over in-memory connections: each client's reader and writer wait for each other",
		check: "rt's deadlock detection under `harness test`", kind: "deadlock",
		command: "harness test ./impls/chat -chat.bug=leakonclose",
	},
}
