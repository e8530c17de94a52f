package chat_test

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"testing"

	"github.com/interleave/concurrency/impls/chat"
	"github.com/interleave/concurrency/internal/memnet"
	"github.com/interleave/concurrency/internal/seeded"
	"github.com/stretchr/testify/require"
)

// The tests pass under go test and under harness test, which explores
// their interleavings; -chat.bug switches a seeded bug on for harness
// test to find:
//
//	harness test ./impls/chat -chat.bug=blockingfanout
var seededBug = seeded.Flag("chat", map[string]chat.Bug{"blockingfanout": chat.BugBlockingFanout, "leakonclose": chat.BugLeakOnClose})

// realIO skips a test over real sockets under harness test: a goroutine
// blocked in a socket read waits outside its scheduler.
func realIO(t *testing.T) {
	t.Helper()
	if flag.Lookup("interleave.strategy") != nil {
		t.Skip("real sockets block outside harness test's scheduler; go test runs this test, and the in-memory ones run under both")
	}
}

// memClient is a test client on an in-memory connection, which harness
// test schedules.
type memClient struct {
	t *testing.T
	c net.Conn
	r *bufio.Reader
}

func memDial(t *testing.T, ln *memnet.Listener) *memClient {
	c := ln.Dial()
	return &memClient{t: t, c: c, r: bufio.NewReader(c)}
}

func (c *memClient) send(line string) {
	_, err := c.c.Write([]byte(line + "\n"))
	require.NoError(c.t, err)
}

func (c *memClient) expect(want string) {
	line, err := c.r.ReadString('\n')
	require.NoError(c.t, err)
	require.Equal(c.t, want+"\n", line)
}

// TestSlowClientIsCutOff: a member of a room that does not read is
// disconnected once more lines wait for it than its buffers hold, and
// never holds up a member that reads (the blocking fan-out waits for it
// with the server's lock held: a deadlock).
func TestSlowClientIsCutOff(t *testing.T) {
	ln := memnet.NewListener(1)
	s := chat.Serve(ln, chat.WithOutbound(1), chat.WithBug(seededBug(t)))
	slow, reader, writer := memDial(t, ln), memDial(t, ln), memDial(t, ln)
	for _, c := range []*memClient{slow, reader} {
		c.send("JOIN r")
		c.expect("OK JOIN r")
	}
	// slow holds one line in its outbound buffer, one in its writer and
	// one on the connection: the fourth cuts it off
	for k := range 4 {
		writer.send(fmt.Sprintf("PUB r %d", k))
		reader.expect(fmt.Sprintf("MSG r u3 %d", k))
	}
	require.NoError(t, s.Close())
}

// TestCloseEndsEveryGoroutine: Close returns once every goroutine of the
// server has ended, though the clients keep their connections open
// (leaving them is a leak when the test returns).
func TestCloseEndsEveryGoroutine(t *testing.T) {
	ln := memnet.NewListener(4)
	s := chat.Serve(ln, chat.WithBug(seededBug(t)))
	a, b := memDial(t, ln), memDial(t, ln)
	a.send("JOIN r")
	a.expect("OK JOIN r")
	b.send("PUB r hello")
	a.expect("MSG r u2 hello")
	require.NoError(t, s.Close())
}
