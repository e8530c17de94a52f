package chat_test

import (
	"bufio"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/interleave/concurrency/impls/chat"
	"github.com/stretchr/testify/require"
)

// timeout bounds every wait of the tests on the network.
const timeout = 5 * time.Second

// conn is a synchronous test client: no goroutines of its own, so that
// leak checks see only the server's.
type conn struct {
	t *testing.T
	c net.Conn
	r *bufio.Reader
}

// dial connects to s; a positive rcvbuf shrinks the client's receive
// buffer (set before connecting, so the window stays small).
func dial(t *testing.T, s *chat.Server, rcvbuf int) *conn {
	t.Helper()
	d := net.Dialer{Timeout: timeout}
	if rcvbuf > 0 {
		d.Control = func(_, _ string, rc syscall.RawConn) error {
			var serr error
			err := rc.Control(func(fd uintptr) {
				serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvbuf)
			})
			if err != nil {
				return err
			}
			return serr
		}
	}
	c, err := d.Dial("tcp", s.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return &conn{t: t, c: c, r: bufio.NewReader(c)}
}

// send writes one line.
func (c *conn) send(line string) {
	c.t.Helper()
	require.NoError(c.t, c.c.SetWriteDeadline(time.Now().Add(timeout)))
	_, err := c.c.Write([]byte(line + "\n"))
	require.NoError(c.t, err)
}

// recv reads one line, waiting at most d.
func (c *conn) recv(d time.Duration) (string, error) {
	if err := c.c.SetReadDeadline(time.Now().Add(d)); err != nil {
		return "", err
	}
	line, err := c.r.ReadString('\n')
	return strings.TrimSuffix(line, "\n"), err
}

// expect reads one line and requires it to be want.
func (c *conn) expect(want string) {
	c.t.Helper()
	line, err := c.recv(timeout)
	require.NoError(c.t, err)
	require.Equal(c.t, want, line)
}

// join joins room and waits for the acknowledgement.
func (c *conn) join(room string) {
	c.t.Helper()
	c.send("JOIN " + room)
	c.expect("OK JOIN " + room)
}

// nick sets the client's name.
func (c *conn) nick(name string) {
	c.t.Helper()
	c.send("NICK " + name)
	c.expect("OK NICK " + name)
}

// listen starts a server on a loopback port, closed at the end of the
// test.
func listen(t *testing.T, opts ...chat.Option) *chat.Server {
	t.Helper()
	realIO(t)
	s, err := chat.Listen("127.0.0.1:0", opts...)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}
