package linearizable

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/anishathalye/porcupine"
)

// Pending is the output of an operation that had not returned when the
// history was taken: it may or may not have taken effect, so a
// porcupine model must accept it for any output (see IsPending).
type Pending struct{}

// String renders a pending output.
func (Pending) String() string { return "pending" }

// IsPending reports whether output is the output of a pending operation.
func IsPending(output any) bool {
	_, ok := output.(Pending)
	return ok
}

// Recorder logs a concurrent history with a logical clock. Create it with
// NewRecorder; it is safe for concurrent use by its clients.
type Recorder struct {
	clock   atomic.Int64
	mu      sync.Mutex
	clients []*Client
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder { return &Recorder{} }

// Now ticks the logical clock and returns the new time.
func (r *Recorder) Now() int64 { return r.clock.Add(1) }

// Client returns a new client: the log of one goroutine's operations.
// Clients are numbered from 0 in the order they are created.
func (r *Recorder) Client() *Client {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := &Client{id: len(r.clients), rec: r}
	r.clients = append(r.clients, c)
	return c
}

// Client is the log of one sequential client. Its operations must not
// overlap: Begin the next one after the previous one's End.
type Client struct {
	id  int
	rec *Recorder
	mu  sync.Mutex
	ops []porcupine.Operation
	end []bool
}

// ID returns the client's number.
func (c *Client) ID() int { return c.id }

// Begin records the call of an operation with the given input and returns
// the handle to record its return with.
func (c *Client) Begin(input any) Op {
	t := c.rec.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ops = append(c.ops, porcupine.Operation{ClientId: c.id, Input: input, Call: t})
	c.end = append(c.end, false)
	return Op{c: c, i: len(c.ops) - 1}
}

// Do records f as one operation with the given input and returns its
// output.
func (c *Client) Do(input any, f func() any) any {
	op := c.Begin(input)
	out := f()
	op.End(out)
	return out
}

// Op is an operation that has begun.
type Op struct {
	c *Client
	i int
}

// End records the return of the operation with its output.
func (o Op) End(output any) {
	t := o.c.rec.Now()
	o.c.mu.Lock()
	defer o.c.mu.Unlock()
	o.c.ops[o.i].Output, o.c.ops[o.i].Return = output, t
	o.c.end[o.i] = true
}

// History returns the operations recorded so far, client by client. An
// operation that has not ended is pending: its output is Pending{} and it
// returns at the end of time, so it may be linearised anywhere after its
// call, or last (as if it had no effect).
func (r *Recorder) History() []porcupine.Operation {
	return r.HistoryAt(nil)
}

// HistoryAt returns the history taken at a quiescent point: a pending
// operation for which blocked returns ok did not take effect and is still
// blocked, which is an observation of the object's state now (a Get
// blocked on a queue says the queue is empty). It is recorded as an
// operation at this instant with blocked's output. Other pending
// operations are pending as in History.
func (r *Recorder) HistoryAt(blocked func(input any) (output any, ok bool)) []porcupine.Operation {
	now := r.Now()
	r.mu.Lock()
	clients := append([]*Client(nil), r.clients...)
	r.mu.Unlock()
	var h []porcupine.Operation
	for _, c := range clients {
		h = c.appendTo(h, now, blocked)
	}
	return h
}

// appendTo appends the client's operations as they were at now: the
// clients are read one after another while they go on, so an operation
// called after now is left out and one that returned after now is
// pending, or the history would mix instants (a later operation of one
// client beside an earlier state of another).
func (c *Client) appendTo(h []porcupine.Operation, now int64, blocked func(any) (any, bool)) []porcupine.Operation {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, op := range c.ops {
		if op.Call > now {
			continue
		}
		if !c.end[i] || op.Return > now {
			op.Output, op.Return = Pending{}, math.MaxInt64
			if blocked != nil {
				if out, ok := blocked(op.Input); ok {
					op.Call, op.Output, op.Return = now, out, now
				}
			}
		}
		h = append(h, op)
	}
	return h
}
