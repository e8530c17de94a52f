package harness

import (
	"encoding/binary"

	"github.com/interleave/concurrency/harness/internal/queue"
	"github.com/interleave/concurrency/harness/internal/store"
)

// compactBFS is breadth-first search over the fingerprint set: it keeps
// only the current and the next level of states. With no parent links, the
// schedule of a violation is found again by a search bounded by its depth
// (scheduleTo).
type compactBFS struct{}

func (compactBFS) search(e *explorer) error {
	init := e.initial()
	if _, _, err := e.set.Add(init); err != nil {
		return err
	}
	cur, next := &queue.Level{}, &queue.Level{}
	fresh := func(_ uint32, s State, _ int) { next.Push(s) }
	cur.Push(init)
	for depth := 0; cur.Len() > 0; depth++ {
		next.Reset()
		for i := range cur.Len() {
			e.mon.frontier = cur.Len() - i + next.Len()
			if e.interrupted() {
				return nil
			}
			cur.Release(i, next)
			s := cur.Get(i)
			succ, _, stop, err := e.expand(s, depth, func() Schedule { return e.scheduleTo(s, depth) })
			if stop {
				return err
			}
			if stop, err := e.fireAll(0, s, succ, fresh); stop {
				return err
			}
		}
		cur, next = next, cur
	}
	return nil
}

// scheduleTo finds a schedule of at most depth steps from the initial
// state to target, trying threads in order, by a depth-first search that
// skips a state already reached in as few steps. Under symmetry reduction
// it searches canonical states, as the search that stored target did,
// and returns the schedule as that search records it. It returns nil if
// there is none (or if target is the initial state). Its stack is a
// depth-first one (dfs.go), and successors are built in buffers of its
// own, so that it leaves little garbage while the search that called it
// still holds its visited set.
func (e *explorer) scheduleTo(target State, depth int) Schedule {
	m := e.m
	appender, _ := m.(Appender)
	fewest := map[uint64]int{}
	stack := &queue.Level{}
	var frame, buf, cbuf State
	visit := func(s State, d int) {
		if d == depth {
			return
		}
		h := store.Hash(s)
		if old, ok := fewest[h]; ok && old <= d {
			return
		}
		fewest[h] = d
		frame = append(append(frame[:0], s...), 0, 0)
		stack.Push(frame)
	}
	if init := e.initial(); string(init) != string(target) {
		visit(init, 0)
	}
	for stack.Len() > 0 {
		top := stack.Len() - 1
		f := stack.Get(top)
		s := f[: len(f)-2 : len(f)-2]
		st, ok := nextStep(m, s, int(nextThread(f)))
		if !ok {
			stack.Pop()
			continue
		}
		binary.LittleEndian.PutUint16(f[len(f)-2:], uint16(st.Thread+1))
		var next State
		if appender != nil {
			buf = appender.AppendApply(buf[:0], s, st)
			next = buf
		} else {
			next = m.Apply(s, st)
		}
		if e.sym != nil {
			cbuf = e.sym.Canonical(cbuf[:0], next)
			next = cbuf
		}
		if string(next) == string(target) {
			path := make(Schedule, stack.Len())
			for i := range path {
				path[i] = int(nextThread(stack.Get(i))) - 1
			}
			return path
		}
		visit(next, top+1)
	}
	return nil
}
