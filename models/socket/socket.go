package socket

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// Variant selects what the client and the server do.
type Variant string

// The variants; see the package documentation.
const (
	SendFirst       Variant = "send-first"
	RequestResponse Variant = "request-response"
	NoShutdown      Variant = "no-shutdown"
	HalfClose       Variant = "half-close"
	Stream          Variant = "stream"
	Framed          Variant = "framed"
)

// The threads.
const (
	client = iota
	server
	netCS // moves bytes from the client to the server
	netSC // and from the server to the client
	nthreads
)

var threadNames = [nthreads]string{"client", "server", "net c→s", "net s→c"}

// Operations of the endpoints' instructions, and the network's steps;
// they are the Action of their steps.
const (
	opConnect  = iota
	opAccept   // blocks until the client has connected
	opSend     // send(n): copies what fits; blocks while the send buffer is full
	opShutdown // shutdown(SHUT_WR): FIN after the buffered bytes
	opClose    // close: shuts down writing too
	opRecvN    // read exactly n bytes, one recv call per step
	opRecvAll  // read until end of stream, one recv call per step
	opRecvMsgs // the same, taking every recv's result as one message
	opDeliver  // network: one byte from a send buffer to the peer's receive buffer
	opFIN      // network: the FIN, after the last byte
)

// end is the pc of a finished endpoint.
const end = 255

type instr struct {
	op    int
	label string
	n     int    // bytes for send and recv-exactly
	what  string // what a recv reads, for narration
}

// State layout: the connected flag; per endpoint its send and receive
// buffer fill, whether its peer's FIN has arrived, whether it has shut
// down writing, the bytes it has received and where the message it is
// reading began; per endpoint thread its pc and the bytes left in the
// current call; then the first split and the first merged message, each as
// start byte + 1 and length.
const (
	offConnected = 0
	offEnd       = 1 // per endpoint, perEnd bytes
	perEnd       = 6
	offThread    = offEnd + 2*perEnd // per endpoint thread: pc, left
	offSplit     = offThread + 4
	offMerge     = offSplit + 2
	stateLen     = offMerge + 2
)

// Fields of an endpoint.
const (
	fSnd = iota
	fRcv
	fEOF
	fShut
	fGot
	fMsg
)

func ep(e, field int) int { return offEnd + perEnd*e + field }

// Model is a client and a server connected by a socket.
type Model struct {
	variant Variant
	buffer  int
	size    int
	prog    [2][]instr
	steps   [2][]harness.Step
	net     [2][2]harness.Step    // net[dir][deliver or FIN]
	may     [2][][]harness.Access // may[endpoint][pc]: every access from pc on
}

// New returns the socket model of variant v with buffers of buffer bytes
// and messages of size bytes.
func New(v Variant, buffer, size int) *Model {
	m := &Model{variant: v, buffer: buffer, size: size}
	connect := instr{op: opConnect, label: "connect()"}
	accept := instr{op: opAccept, label: "accept()"}
	send := func(what string) instr { return instr{op: opSend, label: "send(" + what + ")", n: size} }
	recvN := func(what string) instr {
		return instr{op: opRecvN, label: fmt.Sprintf("recv %s (%d bytes)", what, size), n: size, what: what}
	}
	recvAll := func(what string) instr { return instr{op: opRecvAll, label: "recv " + what + " to EOF", what: what} }
	shutdown := instr{op: opShutdown, label: "shutdown(SHUT_WR)"}
	closeIt := instr{op: opClose, label: "close()"}
	switch v {
	case SendFirst:
		m.prog[client] = []instr{connect, send("data"), recvN("data"), closeIt}
		m.prog[server] = []instr{accept, send("data"), recvN("data"), closeIt}
	case RequestResponse:
		m.prog[client] = []instr{connect, send("request"), recvN("response"), recvAll("rest"), closeIt}
		m.prog[server] = []instr{accept, recvN("request"), send("response"), closeIt}
	case NoShutdown, HalfClose:
		m.prog[client] = []instr{connect, send("request"), recvAll("response"), closeIt}
		if v == HalfClose {
			m.prog[client] = []instr{connect, send("request"), shutdown, recvAll("response"), closeIt}
		}
		m.prog[server] = []instr{accept, recvAll("request"), send("response"), closeIt}
	case Stream, Framed:
		m.prog[client] = []instr{connect, send("msg1"), send("msg2"), closeIt}
		m.prog[server] = []instr{accept, {op: opRecvMsgs, label: "msg = recv() until EOF"}, closeIt}
		if v == Framed {
			m.prog[server] = []instr{accept, recvN("msg1"), recvN("msg2"), recvAll("rest"), closeIt}
		}
	default:
		panic("socket: unknown variant " + string(v))
	}
	names := [2]string{"client", "server"}
	for e := range 2 {
		for _, in := range m.prog[e] {
			st := harness.Step{Footprint: harness.Footprint{Thread: e, Label: in.label}, Action: in.op}
			switch in.op {
			case opSend, opShutdown, opClose:
				st.Access = []harness.Access{{Object: names[e] + ".sndbuf", Kind: harness.Send}}
			case opRecvN, opRecvAll, opRecvMsgs:
				st.Access = []harness.Access{{Object: names[e] + ".rcvbuf", Kind: harness.Recv}}
			case opConnect, opAccept:
				st.Access = []harness.Access{{Object: "listen queue", Kind: harness.Write}}
			}
			st.Progress = true // every step moves bytes or the connection on
			m.steps[e] = append(m.steps[e], st)
		}
	}
	for dir := range 2 {
		from, to := names[dir], names[1-dir]
		acc := []harness.Access{{Object: from + ".sndbuf", Kind: harness.Recv}, {Object: to + ".rcvbuf", Kind: harness.Send}}
		m.net[dir][0] = harness.Step{Footprint: harness.Footprint{Thread: netCS + dir, Label: "deliver 1 byte", Access: acc}, Action: opDeliver, Progress: true}
		m.net[dir][1] = harness.Step{Footprint: harness.Footprint{Thread: netCS + dir, Label: "deliver FIN", Access: acc}, Action: opFIN, Progress: true}
	}
	for e := range 2 {
		m.may[e] = make([][]harness.Access, len(m.steps[e])+1)
		for pc := len(m.steps[e]) - 1; pc >= 0; pc-- {
			m.may[e][pc] = append(append([]harness.Access(nil), m.steps[e][pc].Access...), m.may[e][pc+1]...)
		}
	}
	return m
}

// MayAccess implements harness.Lookahead for partial-order reduction: an
// endpoint may still make the accesses of its remaining instructions; a
// network direction, until its FIN is delivered, those of its two steps.
func (m *Model) MayAccess(s harness.State, th int) []harness.Access {
	if th >= netCS {
		if m.Finished(s, th) {
			return nil
		}
		return m.net[th-netCS][0].Access
	}
	return m.may[th][min(int(s[pcOf(th)]), len(m.steps[th]))]
}

// Name implements harness.Model.
func (m *Model) Name() string { return "socket" }

// Init implements harness.Model: not connected, buffers empty.
func (m *Model) Init() harness.State { return make(harness.State, stateLen) }

// Threads implements harness.Model.
func (m *Model) Threads(harness.State) int { return nthreads }

// ThreadName implements harness.ThreadNamer.
func (m *Model) ThreadName(th int) string { return threadNames[th] }

func pcOf(th int) int { return offThread + 2*th }

// Finished implements harness.Finisher: an endpoint has run its program; a
// network direction has delivered its FIN.
func (m *Model) Finished(s harness.State, th int) bool {
	if th >= netCS {
		return s[ep(1-(th-netCS), fEOF)] == 1
	}
	return s[pcOf(th)] == end
}

// Enabled implements harness.Model.
func (m *Model) Enabled(s harness.State, th int) (harness.Step, bool) {
	if th >= netCS {
		from, to := th-netCS, 1-(th-netCS)
		if s[ep(to, fEOF)] == 1 {
			return harness.Step{}, false
		}
		if s[ep(from, fSnd)] > 0 {
			return m.net[from][0], int(s[ep(to, fRcv)]) < m.buffer
		}
		return m.net[from][1], s[ep(from, fShut)] == 1
	}
	pc := s[pcOf(th)]
	if pc == end {
		return harness.Step{}, false
	}
	st := m.steps[th][pc]
	switch st.Action {
	case opAccept:
		return st, s[offConnected] == 1
	case opSend:
		return st, int(s[ep(th, fSnd)]) < m.buffer
	case opRecvN, opRecvAll, opRecvMsgs:
		return st, s[ep(th, fRcv)] > 0 || s[ep(th, fEOF)] == 1
	}
	return st, true
}

// BlockedOn implements harness.Blocker: endpoints wait on their buffers
// (or the listen queue), the network on a full receive buffer's reader or
// an empty send buffer's writer.
func (m *Model) BlockedOn(s harness.State, th int) (string, []int, bool) {
	if th >= netCS {
		from, to := th-netCS, 1-(th-netCS)
		if s[ep(from, fSnd)] > 0 {
			return threadNames[to] + " receive buffer (full)", []int{to}, true
		}
		return threadNames[from] + " send buffer (empty, no FIN)", []int{from}, true
	}
	switch m.steps[th][s[pcOf(th)]].Action {
	case opAccept:
		return "listen queue (empty)", []int{client}, true
	case opSend:
		return threadNames[th] + " send buffer (full)", []int{netCS + th}, true
	}
	return threadNames[th] + " receive buffer (empty)", []int{netCS + 1 - th}, true
}

// Holding implements harness.Holder: bytes in a buffer are held by the
// only thread that can drain it. An endpoint holds its unread receive
// buffer; a network thread holds the send buffer it carries from.
func (m *Model) Holding(s harness.State, th int) []string {
	if th >= netCS {
		from := th - netCS
		if n := s[ep(from, fSnd)]; n > 0 {
			return []string{fmt.Sprintf("%s send buffer (%d in transit)", threadNames[from], n)}
		}
		return nil
	}
	if n := s[ep(th, fRcv)]; n > 0 {
		return []string{fmt.Sprintf("%s receive buffer (%d unread)", threadNames[th], n)}
	}
	return nil
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	out := append(harness.State(nil), s...)
	th := st.Thread
	if th >= netCS {
		from, to := th-netCS, 1-(th-netCS)
		if st.Action == opDeliver {
			out[ep(from, fSnd)]--
			out[ep(to, fRcv)]++
		} else {
			out[ep(to, fEOF)] = 1
		}
		return out
	}
	in := m.prog[th][out[pcOf(th)]]
	left := &out[pcOf(th)+1]
	done := true // the call returns with this step
	switch in.op {
	case opConnect:
		out[offConnected] = 1
	case opSend:
		if *left == 0 {
			*left = byte(in.n)
		}
		k := min(int(*left), m.buffer-int(out[ep(th, fSnd)]))
		out[ep(th, fSnd)] += byte(k)
		*left -= byte(k)
		done = *left == 0
	case opShutdown, opClose:
		out[ep(th, fShut)] = 1
	case opRecvN:
		if *left == 0 {
			*left = byte(in.n)
			out[ep(th, fMsg)] = out[ep(th, fGot)]
		}
		k := m.recv(out, th, int(*left))
		*left -= byte(k)
		done = *left == 0 || k == 0 // k == 0: end of stream came first
		if *left == 0 && th == server {
			m.message(out, int(out[ep(th, fMsg)]), int(out[ep(th, fGot)]))
		}
	case opRecvAll, opRecvMsgs:
		got := int(out[ep(th, fGot)])
		k := m.recv(out, th, 1<<10)
		done = k == 0
		if in.op == opRecvMsgs && k > 0 && th == server {
			m.message(out, got, got+k)
		}
	}
	if done {
		*left = 0
		out[pcOf(th)]++
		if int(out[pcOf(th)]) == len(m.prog[th]) {
			out[pcOf(th)] = end
		}
	}
	return out
}

// recv takes up to n bytes from th's receive buffer and returns how many.
func (m *Model) recv(out harness.State, th, n int) int {
	k := min(n, int(out[ep(th, fRcv)]))
	out[ep(th, fRcv)] -= byte(k)
	out[ep(th, fGot)] += byte(k)
	return k
}

// message records the server's message made of stream bytes [lo, hi)
// and flags the first that is not exactly one send of the client. Only
// the server's steps write the flags.
func (m *Model) message(out harness.State, lo, hi int) {
	first, last := lo/m.size, (hi-1)/m.size
	switch {
	case first != last:
		if out[offMerge] == 0 {
			out[offMerge], out[offMerge+1] = byte(lo+1), byte(hi-lo)
		}
	case lo%m.size != 0 || hi%m.size != 0:
		if out[offSplit] == 0 {
			out[offSplit], out[offSplit+1] = byte(lo+1), byte(hi-lo)
		}
	}
}

// Narrate implements harness.Narrator: sends and receives show how many
// bytes moved.
func (m *Model) Narrate(s harness.State, st harness.Step) string {
	th := st.Thread
	if th >= netCS {
		return st.Label
	}
	in := m.prog[th][s[pcOf(th)]]
	left := int(s[pcOf(th)+1])
	switch in.op {
	case opSend:
		if left == 0 {
			left = in.n
		}
		k := min(left, m.buffer-int(s[ep(th, fSnd)]))
		if k == left {
			if k == in.n {
				return fmt.Sprintf("%s: all %d in", in.label, k)
			}
			return fmt.Sprintf("%s: last %d in", in.label, k)
		}
		return fmt.Sprintf("%s: %d in, %d left", in.label, k, left-k)
	case opRecvN, opRecvAll, opRecvMsgs:
		want := 1 << 10
		if in.op == opRecvN {
			if left == 0 {
				left = in.n
			}
			want = left
		}
		k := min(want, int(s[ep(th, fRcv)]))
		if k == 0 {
			return "recv → 0: end of stream"
		}
		if in.op == opRecvMsgs {
			got := int(s[ep(th, fGot)])
			return fmt.Sprintf("recv → %d: msg %q", k, m.bytes(got, got+k))
		}
		return fmt.Sprintf("recv → %d (%s)", k, in.what)
	}
	return st.Label
}

// bytes renders stream bytes [lo, hi) of the client: message i is made of
// the letter 'a'+i, upper case for its first byte, so that boundaries
// show ("Aa" + "B" reads "AaB").
func (m *Model) bytes(lo, hi int) string {
	if hi <= lo {
		return ""
	}
	var b strings.Builder
	for i := lo; i < hi; i++ {
		c := byte('a' + i/m.size)
		if i%m.size == 0 {
			c -= 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Describe implements harness.Describer.
func (m *Model) Describe(s harness.State) string {
	var parts []string
	for e, name := range threadNames[:2] {
		p := fmt.Sprintf("%s sndbuf %d/%d rcvbuf %d/%d", name, s[ep(e, fSnd)], m.buffer, s[ep(e, fRcv)], m.buffer)
		if s[ep(e, fShut)] == 1 {
			p += ", write shut"
		}
		if s[ep(e, fEOF)] == 1 {
			p += ", FIN in"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// Split is the invariant that no message the server takes is only part
// of one send. Only the server's receives, which change its receive
// buffer, record messages.
func (m *Model) Split() harness.Check {
	return harness.InvariantOn("message-split", []string{"server.rcvbuf"}, func(s harness.State) error {
		if lo := int(s[offSplit]); lo > 0 {
			lo--
			n := int(s[offSplit+1])
			i := lo / m.size
			return fmt.Errorf("the server took %q (%s) as a message, but it is only part of msg%d %q: one send arrived in pieces",
				m.bytes(lo, lo+n), byteRange(lo, n), i+1, m.bytes(i*m.size, (i+1)*m.size))
		}
		return nil
	})
}

// byteRange names n stream bytes from lo (0-based) for people, 1-based.
func byteRange(lo, n int) string {
	if n == 1 {
		return fmt.Sprintf("byte %d", lo+1)
	}
	return fmt.Sprintf("bytes %d-%d", lo+1, lo+n)
}

// Merge is the invariant that no message the server takes spans two
// sends.
func (m *Model) Merge() harness.Check {
	return harness.InvariantOn("message-merge", []string{"server.rcvbuf"}, func(s harness.State) error {
		if lo := int(s[offMerge]); lo > 0 {
			lo--
			n := int(s[offMerge+1])
			return fmt.Errorf("the server took %q (%s) as one message, but it holds the end of msg%d and the start of msg%d: two sends arrived as one recv",
				m.bytes(lo, lo+n), byteRange(lo, n), lo/m.size+1, (lo+n-1)/m.size+1)
		}
		return nil
	})
}

// Checks returns the variant's checks besides deadlock, which the engine
// always checks: the message checks for stream and framed.
func (m *Model) Checks() []harness.Check {
	if m.variant == Stream || m.variant == Framed {
		return []harness.Check{m.Split(), m.Merge()}
	}
	return nil
}

func init() {
	registry.Register(registry.Definition{
		Name: "socket",
		Doc:  "sockets: full buffers deadlock peers that both send first; recv gets end of stream after close; a byte stream has no message boundaries",
		Params: []registry.Param{
			{Name: "buffer", Doc: "bytes each send and receive buffer holds", Default: 2, Min: 1, Max: 4},
			{Name: "size", Doc: "bytes per message (send-first deadlocks when size > 2×buffer)", Default: 5, Min: 1, Max: 8},
		},
		Variants: []registry.Variant{
			{Name: string(SendFirst), Doc: "both peers send size bytes before receiving: deadlock through the full buffers"},
			{Name: string(RequestResponse), Doc: "client sends then receives, server receives then responds: no deadlock"},
			{Name: string(NoShutdown), Doc: "server reads the request to EOF, client never shuts down writing: deadlock"},
			{Name: string(HalfClose), Doc: "client shuts down writing after its request: server sees EOF, responds"},
			{Name: string(Stream), Doc: "two sends, each recv taken as a message: messages split and merge"},
			{Name: string(Framed), Doc: "server reads exactly size bytes per message: every message whole"},
		},
		Build: func(v string, p map[string]int) (harness.Model, []harness.Check) {
			m := New(Variant(v), p["buffer"], p["size"])
			return m, m.Checks()
		},
	})
}

// What the engine finds on a Model (harness/capabilities.go): a misspelt
// method would turn one off silently.
var _ interface {
	harness.Model
	harness.Finisher
	harness.ThreadNamer
	harness.Describer
	harness.Narrator
	harness.Blocker
	harness.Holder
	harness.Lookahead
} = (*Model)(nil)
