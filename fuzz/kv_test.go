package fuzz_test

import (
	"fmt"
	"testing"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/kv"
	"pgregory.net/rapid"
)

// impls/kv: clients run drawn Get/Put/Delete/Add operations on two keys;
// the history must be linearizable. The seeded bug is the get-then-put
// Update, which loses an Add.
func init() { register(implTarget("FuzzKV", drawKV)) }

func FuzzKV(f *testing.F) { run(f, "FuzzKV") }

type kvKind int

const (
	kvGet kvKind = iota
	kvPut
	kvDelete
	kvAdd
)

// kvOp is one map operation of a client.
type kvOp struct {
	Kind kvKind
	Key  string
	Val  int
}

func (o kvOp) String() string {
	switch o.Kind {
	case kvGet:
		return "get(" + o.Key + ")"
	case kvPut:
		return fmt.Sprintf("put(%s, %d)", o.Key, o.Val)
	case kvDelete:
		return "delete(" + o.Key + ")"
	}
	return fmt.Sprintf("add(%s, %d)", o.Key, o.Val)
}

// kvOut is an operation's output: the value and whether the key was there.
type kvOut struct {
	Val int
	OK  bool
}

// kvOpGen draws an operation in one draw, so that one changed input word
// changes one operation: the kind and the key (a or b); puts write 5 and
// adds add 1.
var kvOpGen = rapid.Custom(func(t *rapid.T) kvOp {
	v := rapid.IntRange(0, 7).Draw(t, "op")
	op := kvOp{Kind: kvKind(v / 2), Key: []string{"a", "b"}[v%2], Val: 1}
	if op.Kind == kvPut {
		op.Val = 5
	}
	return op
})

func drawKV(t *rapid.T, bug bool) func(*rt.T) {
	clients := rapid.SliceOfN(rapid.SliceOfN(kvOpGen, 1, 4), 2, 3).Draw(t, "clients")
	opts := []kv.Option{kv.WithShards(2)}
	if bug {
		opts = append(opts, kv.WithBug(kv.BugGetThenPut))
	}
	return func(t *rt.T) {
		m := kv.New[int](opts...)
		rec := linearizable.NewRecorder()
		var wg rt.WaitGroup
		for _, ops := range clients {
			c := rec.Client()
			wg.Go(func() {
				for _, op := range ops {
					c.Do(op, func() any { return kvApply(m, op) })
				}
			})
		}
		wg.Wait()
		linearizable.Verify(t, kvSpec, rec.History(), linearizable.WithName("kv"))
	}
}

func kvApply(m *kv.Map[int], op kvOp) kvOut {
	switch op.Kind {
	case kvGet:
		v, ok := m.Get(op.Key)
		return kvOut{v, ok}
	case kvPut:
		m.Put(op.Key, op.Val)
		return kvOut{}
	case kvDelete:
		return kvOut{OK: m.Delete(op.Key)}
	}
	return kvOut{Val: m.Update(op.Key, func(old int, _ bool) int { return old + op.Val })}
}

// kvSpec is the sequential map, one partition per key; its state is the
// key's value and presence.
var kvSpec = porcupine.Model{
	Partition: linearizable.PartitionBy(func(op porcupine.Operation) string { return op.Input.(kvOp).Key }),
	Init:      func() any { return kvOut{} },
	Step: func(state, in, out any) (bool, any) {
		s, op := state.(kvOut), in.(kvOp)
		next, want := kvNext(s, op)
		if linearizable.IsPending(out) {
			return true, next
		}
		return out.(kvOut) == want, next
	},
	DescribeOperation: func(in, out any) string {
		if linearizable.IsPending(out) {
			return fmt.Sprintf("%v -> pending", in)
		}
		o := out.(kvOut)
		switch in.(kvOp).Kind {
		case kvGet:
			if !o.OK {
				return fmt.Sprintf("%v -> absent", in)
			}
		case kvPut:
			return fmt.Sprint(in)
		case kvDelete:
			return fmt.Sprintf("%v -> %t", in, o.OK)
		}
		return fmt.Sprintf("%v -> %d", in, o.Val)
	},
	DescribeState: func(state any) string {
		if s := state.(kvOut); s.OK {
			return fmt.Sprint(s.Val)
		}
		return "absent"
	},
}

// kvNext returns the state after op and the output it must give.
func kvNext(s kvOut, op kvOp) (next, want kvOut) {
	switch op.Kind {
	case kvGet:
		if !s.OK {
			return s, kvOut{}
		}
		return s, s
	case kvPut:
		return kvOut{op.Val, true}, kvOut{}
	case kvDelete:
		return kvOut{}, kvOut{OK: s.OK}
	}
	next = kvOut{s.Val + op.Val, true}
	return next, kvOut{Val: next.Val}
}
