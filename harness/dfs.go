package harness

import (
	"encoding/binary"

	"github.com/interleave/concurrency/harness/internal/queue"
)

// dfs explores depth-first with an explicit stack; the stack itself is the
// schedule of a violation. Under a depth bound a state first reached deep
// may later be reached by a shorter path, so the shallowest depth of every
// state is kept and a state is explored again when reached shallower.
//
// The stack holds, for each state on it, a frame: the state followed by
// two bytes, the next thread to try (the enabled threads are found again
// as the search moves on, and the thread that reached a state is the one
// its parent tried last). Frames are back to back in blocks, with no
// offsets while they have one width, so a deep stack (philosophers reach
// depths of about the number of states) costs two bytes a level more than
// its states, grows with no copying, and holds nothing the garbage
// collector must scan. The search needs nothing from the visited set but
// membership, so it works on the compacted set too; state numbers are
// kept only for the depth bound and graph checks.
func (e *explorer) dfs() error {
	var depthOf []int32
	bounded := e.o.Depth > 0
	numbered := bounded || e.graph != nil
	stack := &queue.Level{}
	var frame []byte // the frame being pushed
	var ids []uint32 // the states' numbers, if numbered
	path := func() Schedule {
		if stack.Len() == 0 {
			return nil // the initial state
		}
		s := make(Schedule, stack.Len())
		for i := range s {
			s[i] = int(nextThread(stack.Get(i))) - 1
		}
		return s
	}
	push := func(s State, id uint32) (bool, error) {
		depth := stack.Len()
		if bounded {
			for int(id) >= len(depthOf) {
				depthOf = append(depthOf, -1)
			}
			depthOf[id] = int32(depth)
		}
		lo := len(e.steps)
		succ := e.successors(s)
		e.steps = e.steps[:lo]
		e.res.MaxDepth = max(e.res.MaxDepth, depth)
		if kinds, msgs := e.inspect(s, len(succ) == 0); len(kinds) > 0 {
			if stop, err := e.report(kinds, msgs, path); stop {
				return true, err
			}
		}
		if bounded && depth >= e.o.Depth {
			if len(succ) > 0 {
				e.cutByDepth()
			}
			return false, nil
		}
		if len(succ) > 0 {
			frame = append(append(frame[:0], s...), 0, 0)
			stack.Push(frame)
			if numbered {
				ids = append(ids, id)
			}
		}
		return false, nil
	}
	init := e.initial()
	id, _, err := e.set.Add(init)
	if err != nil {
		return err
	}
	if stop, err := push(init, id); stop {
		return err
	}
	for stack.Len() > 0 {
		if e.interrupted() {
			return nil
		}
		top := stack.Len() - 1
		f := stack.Get(top)
		s := f[: len(f)-2 : len(f)-2]
		st, ok := nextStep(e.m, s, int(nextThread(f)))
		if !ok {
			stack.Pop()
			if numbered {
				ids = ids[:top]
			}
			continue
		}
		binary.LittleEndian.PutUint16(f[len(f)-2:], uint16(st.Thread+1))
		e.res.Transitions++
		ns := e.apply(s, st)
		nid, added, stop, err := e.add(ns)
		if stop || err != nil {
			return err
		}
		if numbered {
			e.edge(ids[top], nid, st)
		}
		if added || (bounded && int(depthOf[nid]) > top+1) {
			if stop, err := push(ns, nid); stop {
				return err
			}
		}
	}
	return nil
}

// nextThread is the first thread a depth-first frame has not tried.
func nextThread(frame []byte) uint16 { return binary.LittleEndian.Uint16(frame[len(frame)-2:]) }

// nextStep returns the step of the first thread from th on that is
// enabled in s, if there is one.
func nextStep(m Model, s State, th int) (Step, bool) {
	for n := m.Threads(s); th < n; th++ {
		if st, ok := m.Enabled(s, th); ok {
			st.Thread = th
			return st, true
		}
	}
	return Step{}, false
}
