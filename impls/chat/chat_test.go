package chat_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/impls/chat"
	"github.com/stretchr/testify/require"
)

// StallKind is the violation kind of the slow-client check: a client that
// reads kept waiting beyond the bound because another one does not read.
const StallKind = "stall"

// TestDeliveryPerSender: three senders publish to a room at once; each of
// two receivers gets every message of every sender, in each sender's
// order. The burst (all messages within milliseconds) fits the outbound
// buffer, so nobody is too slow.
func TestDeliveryPerSender(t *testing.T) {
	const senders, receivers, perSender = 3, 2, 300
	s := listen(t, chat.WithOutbound(senders*perSender))
	var rs []*conn
	for range receivers {
		r := dial(t, s, 0)
		r.join("lobby")
		rs = append(rs, r)
	}
	var ss []*conn
	for i := range senders {
		c := dial(t, s, 0)
		c.nick(fmt.Sprintf("s%d", i))
		ss = append(ss, c)
	}
	var wg sync.WaitGroup
	for _, c := range ss {
		wg.Go(func() {
			for k := range perSender {
				if _, err := fmt.Fprintf(c.c, "PUB lobby %d\n", k); err != nil {
					return // the receivers' checks say what went wrong
				}
			}
		})
	}
	for _, r := range rs {
		next := map[string]int{}
		for n := 0; n < senders*perSender; n++ {
			line, err := r.recv(timeout)
			require.NoError(t, err, "after %d messages", n)
			from, k := parseMsg(t, line, "lobby")
			require.Equal(t, next[from], k, "message of %s lost or reordered: %q", from, line)
			next[from]++
		}
		for i := range senders {
			require.Equal(t, perSender, next[fmt.Sprintf("s%d", i)])
		}
	}
	wg.Wait()
}

// parseMsg reads "MSG <room> <from> <k>".
func parseMsg(t *testing.T, line, room string) (string, int) {
	t.Helper()
	f := strings.Fields(line)
	require.Len(t, f, 4, "line %q", line)
	require.Equal(t, []string{"MSG", room}, f[:2], "line %q", line)
	k, err := strconv.Atoi(f[3])
	require.NoError(t, err, "line %q", line)
	return f[2], k
}

const (
	slowRcvBuf   = 4096
	slowSockBuf  = 16384
	slowMessages = 2000
	paceEvery    = 5
	// stallBound is how long the reading client may wait for the next
	// message before the check says it is stalled.
	stallBound = 3 * time.Second
)

// slowClient: S joins and never reads; A publishes; B must get all of A's
// messages, each within stallBound. It returns the stall, if any, and how
// S's connection ended.
func slowClient(t *testing.T, bug chat.Bug) (stall error, sGot int, sEnd error) {
	s := listen(t, chat.WithBug(bug), chat.WithSocketBuffer(slowSockBuf))
	slow := dial(t, s, slowRcvBuf)
	slow.join("room")
	a, b := dial(t, s, 0), dial(t, s, 0)
	a.nick("a")
	b.join("room")
	text := strings.Repeat("x", 100)
	var wg sync.WaitGroup
	wg.Go(func() {
		for k := range slowMessages {
			if k%paceEvery == 0 {
				time.Sleep(time.Millisecond) // a lively chat, not a flood
			}
			if _, err := a.c.Write(fmt.Appendf(nil, "PUB room %d %s\n", k, text)); err != nil {
				return
			}
		}
	})
	defer wg.Wait()
	defer a.c.Close() // unblocks the publisher if the server stalled
	start := time.Now()
	for k := range slowMessages {
		line, err := b.recv(stallBound)
		if err != nil {
			stall = fmt.Errorf("%s: client b waited more than %v for message %d of %d (%v after the start) while client u1 did not read: %v",
				StallKind, stallBound, k, slowMessages, time.Since(start).Round(time.Millisecond), err)
			slow.c.Close() // release the server
			return stall, 0, nil
		}
		want := fmt.Sprintf("MSG room a %d %s", k, text)
		require.Equal(t, want, line)
	}
	t.Logf("b received %d messages in %v", slowMessages, time.Since(start).Round(time.Millisecond))
	for {
		line, err := slow.recv(timeout)
		if err != nil {
			return nil, sGot, err
		}
		require.Equal(t, fmt.Sprintf("MSG room a %d %s", sGot, text), line, "the slow client gets a prefix in order")
		sGot++
	}
}

// TestSlowClient: over loopback TCP, a client that does not read is cut
// off and never holds up one that does (the blocking fan-out stalls it).
func TestSlowClient(t *testing.T) {
	stall, got, end := slowClient(t, seededBug(t))
	require.NoError(t, stall)
	require.Less(t, got, slowMessages, "the slow client is disconnected")
	require.False(t, isTimeout(end), "the slow client's connection is closed, not idle: %v", end)
	t.Logf("slow client got %d messages, then %v", got, end)
}

func isTimeout(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.As(err, &ne) && ne.Timeout()
}

// TestShutdownLeavesNoGoroutines closes a server with clients connected
// and asks goleak for the server's goroutines.
func TestShutdownLeavesNoGoroutines(t *testing.T) {
	realIO(t)
	ignore := leak.IgnoreCurrent()
	s, err := chat.Listen("127.0.0.1:0", chat.WithBug(seededBug(t)))
	require.NoError(t, err)
	var cs []*conn
	for i := range 3 {
		c := dial(t, s, 0)
		c.join("room")
		if i > 0 {
			c.send("PUB room hello")
		}
		cs = append(cs, c)
	}
	require.NoError(t, s.Close())
	err = leak.Find(ignore)
	for _, c := range cs {
		c.c.Close() // lets a leaky server's goroutines end
	}
	require.NoError(t, err)
}

// TestMalformedInput: every bad line gets one ERR line, the connection
// goes on, and another client's conversation is not affected.
func TestMalformedInput(t *testing.T) {
	s := listen(t)
	bad, other, peer := dial(t, s, 0), dial(t, s, 0), dial(t, s, 0)
	other.nick("other")
	other.join("r")
	peer.join("r")
	cases := []struct{ line, err string }{
		{"HELLO", `ERR unknown command "HELLO" (NICK, JOIN, LEAVE, PUB, QUIT)`},
		{"", `ERR unknown command "" (NICK, JOIN, LEAVE, PUB, QUIT)`},
		{"JOIN", "ERR name or room must be 1 to 32 characters"},
		{"JOIN a b", `ERR bad name or room "a b": use letters, digits, - and _`},
		{"NICK " + strings.Repeat("n", 33), "ERR name or room must be 1 to 32 characters"},
		{"PUB r", "ERR usage: PUB <room> <text>"},
		{"LEAVE r", "ERR not in room r"},
		{"QUIT now", "ERR QUIT takes no argument"},
		{"JOIN \xff", "ERR line is not UTF-8"},
		{strings.Repeat("z", chat.MaxLine+10), fmt.Sprintf("ERR line longer than %d bytes", chat.MaxLine)},
	}
	for i, c := range cases {
		bad.send(c.line)
		bad.expect(c.err)
		other.send(fmt.Sprintf("PUB r %d", i))
		peer.expect(fmt.Sprintf("MSG r other %d", i))
	}
	bad.join("r")
	bad.send("PUB r still here")
	peer.expect("MSG r u1 still here")
	other.expect("MSG r u1 still here")
}

// TestQuit: QUIT closes the connection and the room forgets the client.
func TestQuit(t *testing.T) {
	s := listen(t)
	a, b := dial(t, s, 0), dial(t, s, 0)
	a.join("r")
	b.join("r")
	a.send("QUIT")
	_, err := a.recv(timeout)
	require.Error(t, err)
	require.False(t, isTimeout(err))
	b.send("LEAVE r")
	b.expect("OK LEAVE r")
}
