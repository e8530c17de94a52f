package fuzz_test

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"time"

	"testing"

	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/impls/chat"
	"pgregory.net/rapid"
)

// impls/chat, natively: up to three clients run a drawn script against a
// server on in-memory pipes (joins, leaves, bursts of short or long messages,
// drains, malformed lines, QUIT, hang-ups), in lockstep, then the server
// is closed, with the clients connected or after they hung up. The
// contract: every client gets exactly its replies and the messages of
// the rooms it is in, in order; every malformed line gets its ERR line;
// the server disconnects a client only when more than chatOutbound lines
// were pending for it (then the client has a prefix of its lines), and
// never stalls another client for it; after Close every connection is
// closed and no goroutine of the server is left.
//
// FuzzChat's seeded bug is BugBlockingFanout (a publisher waits for room
// in a slow member's buffer: a stall), FuzzChatClose's BugLeakOnClose
// (Close leaves the client goroutines behind: a leak).
func init() {
	register(nativeTarget("FuzzChat", chatSeeds, execChat(chat.BugBlockingFanout)))
	register(nativeTarget("FuzzChatClose", chatSeeds, execChat(chat.BugLeakOnClose)))
}

func FuzzChat(f *testing.F) { run(f, "FuzzChat") }

func FuzzChatClose(f *testing.F) { run(f, "FuzzChatClose") }

// chatSeeds miss both bugs: no client has more than chatOutbound lines
// pending, and every client hangs up before Close. The zeros are
// "c0 JOIN a"; the others, for example, "c1 JOIN a, c2 hang up, c0 LEAVE
// a, c0 drain, c0 PUB a ×1 short, c0 JOIN a" (randomBytes(26, 208)).
var chatSeeds = seedsFrom(48, [2]int{2, 216}, [2]int{25, 288}, [2]int{26, 208}, [2]int{36, 336})

// The server's outbound buffer in the target is small, so that a client
// that does not read meets the slow-client policy after a few lines.
const (
	chatOutbound = 8 // lines (chat.WithOutbound)
	chatClients  = 3
	// chatMaxSteps bounds a script. The fuzzer minimizes every input that
	// reaches new coverage with O(n²) runs in its length n, and rapid
	// spends about 32 bytes on a step, so short scripts keep it fuzzing
	// rather than minimizing.
	chatMaxSteps = 10
	chatLong     = 900 // bytes of padding of a long message
)

var chatRooms = []string{"a", "b"}

type chatKind int

const (
	chatJoin   chatKind = iota
	chatLeave           // LEAVE; ERR if not joined
	chatPub             // a burst of PUB lines, then a sync
	chatDrain           // a sync: read everything pending
	chatBad             // a malformed line
	chatQuit            // QUIT: the server closes the connection
	chatHangup          // the client closes its connection
	chatKinds
)

// chatOp is one step of a client's script.
type chatOp struct {
	Kind   chatKind
	Client int
	Room   string
	N      int  // burst length (PUB) or malformed line (bad)
	Long   bool // PUB: 900-byte messages
}

func (o chatOp) String() string {
	c := fmt.Sprintf("c%d ", o.Client)
	switch o.Kind {
	case chatJoin:
		return c + "JOIN " + o.Room
	case chatLeave:
		return c + "LEAVE " + o.Room
	case chatPub:
		size := "short"
		if o.Long {
			size = "long"
		}
		return fmt.Sprintf("%sPUB %s ×%d %s", c, o.Room, o.N, size)
	case chatDrain:
		return c + "drain"
	case chatBad:
		return fmt.Sprintf("%sbad line %d", c, o.N)
	case chatQuit:
		return c + "QUIT"
	}
	return c + "hang up"
}

// GoString makes rapid's log of the draws read as the script.
func (o chatOp) GoString() string { return o.String() }

// chatMalformed are the malformed lines a script sends and the ERR line
// the protocol (impls/chat's doc) answers each with.
var chatMalformed = []struct{ line, reply string }{
	{"HELLO", `ERR unknown command "HELLO" (NICK, JOIN, LEAVE, PUB, QUIT)`},
	{"", `ERR unknown command "" (NICK, JOIN, LEAVE, PUB, QUIT)`},
	{"JOIN", "ERR name or room must be 1 to 32 characters"},
	{"JOIN a b", `ERR bad name or room "a b": use letters, digits, - and _`},
	{"NICK " + strings.Repeat("n", chat.MaxName+1), "ERR name or room must be 1 to 32 characters"},
	{"PUB a", "ERR usage: PUB <room> <text>"},
	{"QUIT now", "ERR QUIT takes no argument"},
	{"JOIN \xff", "ERR line is not UTF-8"},
	{strings.Repeat("z", chat.MaxLine+10), fmt.Sprintf("ERR line longer than %d bytes", chat.MaxLine)},
}

// chatScript is a drawn script: the steps, and whether the clients stay
// connected when the server is closed (else they hang up first).
type chatScript struct {
	Ops  []chatOp
	Stay bool
}

// chatOpGen draws a step in one draw, so that one changed input word
// changes one step (rapid spends several words on a draw): the kind, the
// client, the room, and the burst length and size of a PUB or the line
// of a bad one.
var chatOpGen = rapid.Custom(func(t *rapid.T) chatOp {
	const spread = int(chatKinds) * chatClients * 2
	v := rapid.IntRange(0, spread*64-1).Draw(t, "step")
	op := chatOp{Kind: chatKind(v % int(chatKinds)), Client: v / int(chatKinds) % chatClients, Room: chatRooms[v/(spread/2)%2]}
	rest := v / spread // 0..63
	switch op.Kind {
	case chatPub:
		op.N, op.Long = rest%32+1, rest >= 32
	case chatBad:
		op.N = rest % len(chatMalformed)
	}
	return op
})

func drawChat(t *rapid.T) chatScript {
	return chatScript{
		Ops:  rapid.SliceOfN(chatOpGen, 1, chatMaxSteps).Draw(t, "ops"),
		Stay: rapid.Bool().Draw(t, "stay"),
	}
}

// execChat returns the exec function of a chat target whose seeded bug
// is bug.
func execChat(bug chat.Bug) func(rp *rapid.T, on bool) string {
	return func(rp *rapid.T, on bool) string {
		b := chat.NoBug
		if on {
			b = bug
		}
		return runChat(drawChat(rp), b).report()
	}
}

// chatClient is the test's side of one connection and what the server
// owes it.
type chatClient struct {
	name    string
	conn    net.Conn // nil: not connected
	r       *bufio.Reader
	rooms   map[string]bool
	pending []string // lines the server has queued for it, not read yet
	// risky: more than chatOutbound lines were pending at once since the
	// last full drain, so the server may have disconnected it.
	risky bool
}

// owe records that the server queues line for c.
func (c *chatClient) owe(line string) {
	c.pending = append(c.pending, line)
	if len(c.pending) > chatOutbound {
		c.risky = true
	}
}

// chatRun is one run of a script.
type chatRun struct {
	*script
	ln  *pipeListener
	cs  []*chatClient
	seq int // messages published
}

// runChat runs sc against a fresh server with bug and checks the
// contract.
func runChat(sc chatScript, bug chat.Bug) *script {
	ignore := leak.IgnoreCurrent()
	r := &chatRun{script: &script{
		server: fmt.Sprintf("server: impls/chat on in-memory pipes, outbound %d lines, bug %s", chatOutbound, bug),
	}, ln: newPipeListener()}
	for i := range chatClients {
		r.clients = append(r.clients, fmt.Sprintf("c%d", i))
		r.cs = append(r.cs, &chatClient{name: r.clients[i]})
	}
	s := chat.Serve(r.ln, chat.WithOutbound(chatOutbound), chat.WithBug(bug))
	for _, op := range sc.Ops {
		if r.do(op); r.failed() {
			break
		}
	}
	if !sc.Stay && !r.failed() {
		for i, c := range r.cs {
			if c.conn != nil {
				r.hangup(i)
			}
		}
	}
	r.close(s, ignore)
	return r.script
}

// do runs one step; a client that is not connected connects first, one
// that may have been disconnected is drained first (and reconnects if it
// was).
func (r *chatRun) do(op chatOp) {
	i, c := op.Client, r.cs[op.Client]
	if c.risky && c.conn != nil && op.Kind != chatHangup && op.Kind != chatQuit {
		r.sync(i, "drain")
	}
	if c.conn == nil && !r.failed() {
		r.connect(i)
	}
	if r.failed() {
		return
	}
	switch op.Kind {
	case chatJoin:
		c.rooms[op.Room] = true
		r.command(i, "JOIN "+op.Room, "OK JOIN "+op.Room, "JOIN "+op.Room)
	case chatLeave:
		reply := "ERR not in room " + op.Room
		if c.rooms[op.Room] {
			reply = "OK LEAVE " + op.Room
		}
		delete(c.rooms, op.Room)
		r.command(i, "LEAVE "+op.Room, reply, "LEAVE "+op.Room)
	case chatPub:
		r.publish(i, op)
	case chatDrain:
		r.sync(i, "drain")
	case chatBad:
		m := chatMalformed[op.N]
		r.command(i, m.line, m.reply, fmt.Sprintf("bad line %d", op.N))
	case chatQuit:
		r.quit(i)
	case chatHangup:
		r.hangup(i)
	}
}

func (r *chatRun) connect(i int) {
	c := r.cs[i]
	conn, err := r.ln.Dial()
	if err != nil {
		r.fail(i, "connect", "%s could not connect: %v", c.name, err)
		return
	}
	*c = chatClient{name: c.name, conn: conn, r: bufio.NewReader(conn), rooms: map[string]bool{}}
	r.command(i, "NICK "+c.name, "OK NICK "+c.name, "connect")
}

// command sends line, which the server answers with reply, and reads
// everything pending up to the reply.
func (r *chatRun) command(i int, line, reply, label string) {
	if !r.send(i, line+"\n", label) {
		return
	}
	r.cs[i].owe(reply)
	r.drain(i)
}

// sync makes client i read everything pending: NICK with its own name
// changes nothing and is answered after every line queued before it.
func (r *chatRun) sync(i int, label string) {
	c := r.cs[i]
	r.command(i, "NICK "+c.name, "OK NICK "+c.name, label)
}

// publish sends a burst of op.N messages to op.Room, then syncs: every
// other member of the room is owed the messages.
func (r *chatRun) publish(i int, op chatOp) {
	c := r.cs[i]
	var b strings.Builder
	first := r.seq
	for range op.N {
		text := fmt.Sprint(r.seq)
		if op.Long {
			text += "-" + strings.Repeat("x", chatLong)
		}
		r.seq++
		fmt.Fprintf(&b, "PUB %s %s\n", op.Room, text)
		for _, m := range r.cs {
			if m != c && m.conn != nil && m.rooms[op.Room] {
				m.owe("MSG " + op.Room + " " + c.name + " " + text)
			}
		}
	}
	label := fmt.Sprintf("PUB %s #%d-#%d", op.Room, first, r.seq-1)
	if op.Long {
		label += " long"
	}
	if r.send(i, b.String(), label) {
		r.sync(i, label)
	}
}

// send writes data from client i, labelled in its column; false if the
// connection is gone (then the client is marked so) or the contract
// failed.
func (r *chatRun) send(i int, data, label string) bool {
	c := r.cs[i]
	r.label = label
	_ = c.conn.SetWriteDeadline(time.Now().Add(stallBound))
	if _, err := c.conn.Write([]byte(data)); err != nil {
		r.lost(i, err, "to write (the server stopped reading it)")
		return false
	}
	return true
}

// drain reads every line pending for client i, each of which must be the
// line the server owes it next.
func (r *chatRun) drain(i int) {
	c := r.cs[i]
	n := len(c.pending)
	for len(c.pending) > 0 {
		_ = c.conn.SetReadDeadline(time.Now().Add(stallBound))
		line, err := c.r.ReadString('\n')
		if err != nil {
			r.lost(i, err, fmt.Sprintf("for %q", clip(c.pending[0])))
			return
		}
		if line = strings.TrimSuffix(line, "\n"); line != c.pending[0] {
			r.fail(i, "order", "%s got %q, want %q (%d lines pending)", c.name, clip(line), clip(c.pending[0]), len(c.pending))
			return
		}
		c.pending = c.pending[1:]
	}
	c.risky = false // everything it was owed arrived: it was never cut off
	r.step(i, "%s, read %d ✓", r.label, n)
}

// lost handles an error on client i's connection: a timeout is a stall;
// a closed connection is the slow-client policy if more than
// chatOutbound lines were pending, else a violation.
func (r *chatRun) lost(i int, err error, doing string) {
	c := r.cs[i]
	switch {
	case isTimeout(err):
		r.fail(i, "stall", "%s waited more than %v %s; lines pending per client: %s",
			c.name, stallBound, doing, r.pendingCounts())
	case c.risky:
		r.step(i, "%s: cut off (slow) ✓", r.label)
		r.forget(i)
	default:
		r.fail(i, "disconnect", "the server closed %s's connection (%v) %s, with only %d lines pending (outbound %d)",
			c.name, err, doing, len(c.pending), chatOutbound)
	}
}

func (r *chatRun) pendingCounts() string {
	var parts []string
	for _, c := range r.cs {
		if c.conn != nil {
			parts = append(parts, fmt.Sprintf("%s %d", c.name, len(c.pending)))
		}
	}
	return strings.Join(parts, ", ")
}

// quit sends QUIT: the server closes the connection, after some prefix
// of the lines pending.
func (r *chatRun) quit(i int) {
	if r.send(i, "QUIT\n", "QUIT") && r.readToEnd(i, "after QUIT") {
		r.forget(i)
	}
}

func (r *chatRun) hangup(i int) {
	r.step(i, "hang up")
	r.forget(i)
}

func (r *chatRun) forget(i int) {
	c := r.cs[i]
	c.conn.Close()
	c.conn, c.pending, c.rooms = nil, nil, nil
}

// readToEnd reads client i's connection to its end: the lines must be a
// prefix of those pending, and the end must come within stallBound.
func (r *chatRun) readToEnd(i int, when string) bool {
	c := r.cs[i]
	if when == "after Close" {
		r.label = "end"
	}
	n := 0
	for {
		_ = c.conn.SetReadDeadline(time.Now().Add(stallBound))
		line, err := c.r.ReadString('\n')
		switch {
		case isTimeout(err):
			r.fail(i, "not closed", "%s's connection was still open %v %s", c.name, stallBound, when)
			return false
		case err != nil:
			r.step(i, "%s, read %d, closed ✓", r.label, n)
			return true
		case len(c.pending) == 0 || strings.TrimSuffix(line, "\n") != c.pending[0]:
			want := "nothing more"
			if len(c.pending) > 0 {
				want = fmt.Sprintf("%q", clip(c.pending[0]))
			}
			r.fail(i, "order", "%s got %q %s, want %s", c.name, clip(line), when, want)
			return false
		}
		c.pending = c.pending[1:]
		n++
	}
}

// close closes the server: the clients still connected must see their
// connections end, and no goroutine of the server may be left. After a
// violation, the clients hang up first, so that a stalled server can
// finish.
func (r *chatRun) close(s *chat.Server, ignore leak.Option) {
	if r.failed() {
		for i, c := range r.cs {
			if c.conn != nil {
				r.forget(i)
			}
		}
	}
	done := make(chan error, 1)
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		if err != nil {
			r.fail(-1, "close", "Close: %v", err)
		}
	case <-time.After(stallBound):
		r.fail(-1, "close", "Close did not return within %v", stallBound)
		return
	}
	r.rows = append(r.rows, trace.Row{Thread: -1, Text: "server closed"})
	if l := serverLeak(ignore, "github.com/interleave/concurrency/impls/chat."); l != "" {
		r.fail(-1, leak.Kind, "goroutines of the server alive after Close returned:\n%s", l)
	}
	for i, c := range r.cs {
		if c.conn != nil {
			if !r.failed() {
				r.readToEnd(i, "after Close")
			}
			r.forget(i)
		}
	}
}
