package harness

import (
	"encoding/binary"

	"github.com/interleave/concurrency/harness/internal/queue"
)

// depthFirst explores depth-first with an explicit stack; the stack itself is the
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
type depthFirst struct{}

// dfsRun is the state of one depth-first search.
type dfsRun struct {
	e        *explorer
	bounded  bool
	numbered bool // state numbers are kept: for the depth bound or the graph
	stack    *queue.Level
	frame    []byte   // the frame being pushed
	ids      []uint32 // the states' numbers, if numbered
	depthOf  []int32  // the shallowest depth of each state, if bounded
}

func (depthFirst) search(e *explorer) error {
	bounded := e.o.Depth > 0
	d := &dfsRun{e: e, bounded: bounded, numbered: bounded || e.graph != nil, stack: &queue.Level{}}
	init := e.initial()
	id, _, err := e.set.Add(init)
	if err != nil {
		return err
	}
	if stop, err := d.push(init, id); stop {
		return err
	}
	for d.stack.Len() > 0 {
		if e.interrupted() {
			return nil
		}
		if stop, err := d.step(); stop {
			return err
		}
	}
	return nil
}

// step fires the next untried step of the state on top of the stack, or
// pops it if none is left.
func (d *dfsRun) step() (stop bool, err error) {
	e, top := d.e, d.stack.Len()-1
	f := d.stack.Get(top)
	s := f[: len(f)-2 : len(f)-2]
	st, ok := nextStep(e.m, s, int(nextThread(f)))
	if !ok {
		d.stack.Pop()
		if d.numbered {
			d.ids = d.ids[:top]
		}
		return false, nil
	}
	binary.LittleEndian.PutUint16(f[len(f)-2:], uint16(st.Thread+1))
	var from uint32
	if d.numbered {
		from = d.ids[top]
	}
	e.res.Transitions++
	ns := e.apply(s, st)
	nid, added, stop, err := e.add(ns)
	if stop || err != nil {
		return true, err
	}
	e.edge(from, nid, st)
	if added || (d.bounded && int(d.depthOf[nid]) > top+1) {
		return d.push(ns, nid)
	}
	return false, nil
}

// push checks a state reached (again, if shallower) and puts it on the
// stack if it is to be expanded.
func (d *dfsRun) push(s State, id uint32) (bool, error) {
	depth := d.stack.Len()
	if d.bounded {
		for int(id) >= len(d.depthOf) {
			d.depthOf = append(d.depthOf, -1)
		}
		d.depthOf[id] = int32(depth)
	}
	succ, _, stop, err := d.e.expand(s, depth, d.path)
	if stop || len(succ) == 0 {
		return stop, err
	}
	d.frame = append(append(d.frame[:0], s...), 0, 0)
	d.stack.Push(d.frame)
	if d.numbered {
		d.ids = append(d.ids, id)
	}
	return false, nil
}

// path is the schedule of the state being pushed: the stack's threads.
func (d *dfsRun) path() Schedule {
	if d.stack.Len() == 0 {
		return nil // the initial state
	}
	s := make(Schedule, d.stack.Len())
	for i := range s {
		s[i] = int(nextThread(d.stack.Get(i))) - 1
	}
	return s
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
