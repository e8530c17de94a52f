package chat

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"sync"
)

// client is one connection: its reader executes commands, its writer
// drains out to the socket.
type client struct {
	s     *Server
	id    int // the order clients connected in
	conn  net.Conn
	name  string          // reader only
	rooms map[string]bool // reader only (and remove, after the reader)
	out   chan string
	done  chan struct{}
	once  sync.Once
}

func newClient(s *Server, conn net.Conn, id int) *client {
	return &client{s: s, id: id, conn: conn, name: fmt.Sprintf("u%d", id), rooms: map[string]bool{},
		out: make(chan string, s.cfg.outbound), done: make(chan struct{})}
}

// kill disconnects c: its writer stops and its reader's next read fails.
func (c *client) kill() {
	c.once.Do(func() {
		close(c.done)
		c.conn.Close()
	})
}

// deliver queues line for c without waiting: if c's buffer is full, c is
// too slow and is disconnected. (BugBlockingFanout waits instead.)
func (c *client) deliver(line string) {
	if c.s.cfg.bug == BugBlockingFanout {
		select {
		case c.out <- line:
		case <-c.done:
		}
		return
	}
	select {
	case c.out <- line:
	default:
		c.kill()
	}
}

// read executes c's commands until the connection ends or QUIT.
func (c *client) read() {
	defer c.kill()
	defer c.s.remove(c)
	r := bufio.NewReaderSize(c.conn, MaxLine)
	for {
		line, err := readLine(r)
		switch {
		case errors.Is(err, errTooLong):
			c.deliver(fmt.Sprintf("ERR line longer than %d bytes", MaxLine))
			continue
		case err != nil:
			return
		}
		cmd, err := parse(line)
		if err != nil {
			c.deliver("ERR " + err.Error())
			continue
		}
		if !c.execute(cmd) {
			return
		}
	}
}

// execute runs one command and reports whether to go on.
func (c *client) execute(cmd command) bool {
	switch cmd.verb {
	case "QUIT":
		return false
	case "NICK":
		c.name = cmd.arg
	case "JOIN":
		c.s.join(c, cmd.arg)
		c.rooms[cmd.arg] = true
	case "PUB":
		c.s.publish(c, cmd.arg, "MSG "+cmd.arg+" "+c.name+" "+cmd.text)
		return true
	case "LEAVE":
		if !c.rooms[cmd.arg] {
			c.deliver("ERR not in room " + cmd.arg)
			return true
		}
		c.s.mu.Lock()
		c.s.leave(c, cmd.arg)
		c.s.mu.Unlock()
		delete(c.rooms, cmd.arg)
	}
	c.deliver("OK " + cmd.verb + " " + cmd.arg)
	return true
}

var errTooLong = errors.New("line too long")

// readLine returns the next line without its end; a line longer than the
// reader's buffer is consumed and reported as errTooLong.
func readLine(r *bufio.Reader) (string, error) {
	line, more, err := r.ReadLine()
	if err != nil {
		return "", err
	}
	if !more {
		return string(line), nil
	}
	for more {
		if _, more, err = r.ReadLine(); err != nil {
			return "", err
		}
	}
	return "", errTooLong
}

// write sends c's outbound lines until c is killed.
func (c *client) write() {
	w := bufio.NewWriter(c.conn)
	for {
		var line string
		select {
		case <-c.done:
			return
		case line = <-c.out:
		}
		w.WriteString(line)
		w.WriteByte('\n')
		if len(c.out) == 0 {
			if err := w.Flush(); err != nil {
				c.kill()
				return
			}
		}
	}
}
