package queue_test

import (
	"fmt"
	"strings"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/impls/queue"
)

// opKind is a queue operation of the tests.
type opKind int

const (
	opPut opKind = iota
	opGet
	opTryPut
	opTryGet
	opClose
)

// input is the input of one recorded operation.
type input struct {
	op  opKind
	val int
}

// output is the output of one recorded operation: the value and ok of a
// Get or TryGet, ok of a Put (false: closed) or TryPut.
type output struct {
	val int
	ok  bool
}

// state is the specification's queue: the contents and whether it is
// closed.
type state struct {
	items  string // the values, two bytes each, oldest first
	closed bool
}

// spec is the sequential specification of a queue of capacity cap.
func spec(cap int) porcupine.Model {
	return (&porcupine.NondeterministicModel{
		Init: func() []any { return []any{state{}} },
		Step: func(st, in, out any) []any {
			return step(cap, st.(state), in.(input), out)
		},
		Equal:             func(a, b any) bool { return a == b },
		DescribeOperation: describe,
		DescribeState: func(st any) string {
			s := st.(state)
			vals := make([]string, len(s.items)/2)
			for i := range vals {
				vals[i] = fmt.Sprint(at(s.items, i))
			}
			c := ""
			if s.closed {
				c = " closed"
			}
			return "[" + strings.Join(vals, " ") + "]" + c
		},
	}).ToModel()
}

// step returns the states an operation can lead to from s, none if it
// cannot have happened there. A pending operation may or may not have
// taken effect.
func step(cap int, s state, in input, out any) []any {
	full, empty := len(s.items) == 2*cap, len(s.items) == 0
	put := func() state { return state{s.items + string([]byte{byte(in.val >> 8), byte(in.val)}), s.closed} }
	get := func() state { return state{s.items[2:], s.closed} }
	switch o := out.(type) {
	case linearizable.Pending:
		next := []any{s}
		switch {
		case (in.op == opPut || in.op == opTryPut) && !full && !s.closed:
			next = append(next, put())
		case (in.op == opGet || in.op == opTryGet) && !empty:
			next = append(next, get())
		case in.op == opClose:
			next = append(next, state{s.items, true})
		}
		return next
	case output:
		switch in.op {
		case opPut, opTryPut:
			blocking := in.op == opPut
			switch {
			case o.ok && !s.closed && !full:
				return []any{put()}
			case !o.ok && (s.closed || (!blocking && full)):
				return []any{s}
			}
		case opGet, opTryGet:
			blocking := in.op == opGet
			switch {
			case o.ok && !empty && at(s.items, 0) == o.val:
				return []any{get()}
			case !o.ok && empty && (s.closed || !blocking):
				return []any{s}
			}
		case opClose:
			return []any{state{s.items, true}}
		}
	}
	return nil
}

// at returns the i-th value of items.
func at(items string, i int) int { return int(items[2*i])<<8 | int(items[2*i+1]) }

func describe(in, out any) string {
	i := in.(input)
	name := [...]string{"put", "get", "tryPut", "tryGet", "close"}[i.op]
	call := name + "()"
	if i.op == opPut || i.op == opTryPut {
		call = fmt.Sprintf("%s(%d)", name, i.val)
	}
	switch o := out.(type) {
	case linearizable.Pending:
		return call + " -> pending"
	case output:
		switch i.op {
		case opGet, opTryGet:
			if !o.ok {
				return call + " -> none"
			}
			return fmt.Sprintf("%s -> %d", call, o.val)
		case opPut, opTryPut:
			return fmt.Sprintf("%s -> %t", call, o.ok)
		}
	}
	return call
}

// do runs one operation on q, recorded by c.
func do(c *linearizable.Client, q *queue.Queue[int], in input) {
	c.Do(in, func() any {
		switch in.op {
		case opPut:
			return output{ok: q.Put(in.val) == nil}
		case opGet:
			v, ok := q.Get()
			return output{v, ok}
		case opTryPut:
			return output{ok: q.TryPut(in.val)}
		case opTryGet:
			v, ok := q.TryGet()
			return output{v, ok}
		}
		q.Close()
		return output{}
	})
}
