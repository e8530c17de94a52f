package kv_test

import (
	"fmt"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/impls/kv"
)

// opKind is a map operation of the tests.
type opKind int

const (
	opGet opKind = iota
	opPut
	opDelete
	opAdd // Update that adds to the value (absent counts as 0)
)

// input is the input of one recorded operation.
type input struct {
	op  opKind
	key string
	val int
}

// output is the output of one recorded operation: the value and whether
// the key was present (Get, Delete) .
type output struct {
	val int
	ok  bool
}

func (in input) String() string {
	switch in.op {
	case opGet:
		return fmt.Sprintf("get(%s)", in.key)
	case opPut:
		return fmt.Sprintf("put(%s, %d)", in.key, in.val)
	case opDelete:
		return fmt.Sprintf("delete(%s)", in.key)
	}
	return fmt.Sprintf("add(%s, %d)", in.key, in.val)
}

// spec is the sequential specification of the map, partitioned by key:
// the state of a partition is one key's value (and presence).
var spec = porcupine.Model{
	Partition: linearizable.PartitionBy(func(op porcupine.Operation) string { return op.Input.(input).key }),
	Init:      func() any { return output{} },
	Step: func(state, in, out any) (bool, any) {
		s, i := state.(output), in.(input)
		var next, want output
		switch i.op {
		case opGet:
			next, want = s, s
		case opPut:
			next, want = output{i.val, true}, output{}
		case opDelete:
			next, want = output{}, output{ok: s.ok}
		case opAdd:
			next = output{s.val + i.val, true}
			want = output{val: next.val}
		}
		if linearizable.IsPending(out) {
			return true, next
		}
		got := out.(output)
		if i.op == opGet && !got.ok {
			return !s.ok, next
		}
		return got == want, next
	},
	DescribeOperation: func(in, out any) string {
		if linearizable.IsPending(out) {
			return fmt.Sprintf("%v -> pending", in)
		}
		o := out.(output)
		switch in.(input).op {
		case opGet:
			if !o.ok {
				return fmt.Sprintf("%v -> absent", in)
			}
			return fmt.Sprintf("%v -> %d", in, o.val)
		case opPut:
			return fmt.Sprint(in)
		case opDelete:
			return fmt.Sprintf("%v -> %t", in, o.ok)
		}
		return fmt.Sprintf("%v -> %d", in, o.val)
	},
	DescribeState: func(state any) string {
		if s := state.(output); s.ok {
			return fmt.Sprint(s.val)
		}
		return "absent"
	},
}

// do runs one operation on m, recorded by c.
func do(c *linearizable.Client, m *kv.Map[int], in input) {
	c.Do(in, func() any {
		switch in.op {
		case opGet:
			v, ok := m.Get(in.key)
			return output{v, ok}
		case opPut:
			m.Put(in.key, in.val)
			return output{}
		case opDelete:
			return output{ok: m.Delete(in.key)}
		}
		return output{val: m.Update(in.key, func(old int, _ bool) int { return old + in.val })}
	})
}
