package harness

// frame is one state on the depth-first stack: its number, the thread that
// reached it, and its enabled steps (a window of explorer.steps) of which
// the first next have been fired.
type frame struct {
	id     uint32
	via    int
	lo, hi int
	next   int
}

// dfs explores depth-first with an explicit stack; the stack itself is the
// schedule of a violation. Under a depth bound a state first reached deep
// may later be reached by a shorter path, so the shallowest depth of every
// state is kept and a state is explored again when reached shallower.
func (e *explorer) dfs() error {
	var depthOf []int32
	bounded := e.o.Depth > 0
	var stack []frame
	push := func(id uint32, via int) (bool, error) {
		if bounded {
			for int(id) >= len(depthOf) {
				depthOf = append(depthOf, -1)
			}
			depthOf[id] = int32(len(stack))
		}
		s := e.seen.get(id)
		lo := len(e.steps)
		succ := e.successors(s)
		e.res.MaxDepth = max(e.res.MaxDepth, len(stack))
		if kinds, msgs := e.inspect(s, len(succ) == 0); len(kinds) > 0 {
			path := func() Schedule { return dfsPath(stack, via) }
			if stop, err := e.report(kinds, msgs, path); stop {
				return true, err
			}
		}
		if bounded && len(stack) >= e.o.Depth {
			if len(succ) > 0 {
				e.cutByDepth()
			}
			e.steps = e.steps[:lo]
			return false, nil
		}
		stack = append(stack, frame{id: id, via: via, lo: lo, hi: len(e.steps)})
		return false, nil
	}
	id, _, err := e.seen.add(e.m.Init())
	if err != nil {
		return err
	}
	if stop, err := push(id, -1); stop {
		return err
	}
	for len(stack) > 0 {
		if e.interrupted() {
			return nil
		}
		top := &stack[len(stack)-1]
		if top.lo+top.next == top.hi {
			e.steps = e.steps[:top.lo]
			stack = stack[:len(stack)-1]
			continue
		}
		st := e.steps[top.lo+top.next]
		top.next++
		e.res.Transitions++
		nid, added, stop, err := e.add(e.m.Apply(e.seen.get(top.id), st))
		if stop || err != nil {
			return err
		}
		e.edge(top.id, nid, st)
		if added || (bounded && int(depthOf[nid]) > len(stack)) {
			if stop, err := push(nid, st.Thread); stop {
				return err
			}
		}
	}
	return nil
}

// dfsPath is the schedule of the stack plus the step to the state being
// pushed (via, or -1 for the initial state).
func dfsPath(stack []frame, via int) Schedule {
	var s Schedule
	for _, f := range stack {
		if f.via >= 0 {
			s = append(s, f.via)
		}
	}
	if via >= 0 {
		s = append(s, via)
	}
	return s
}
