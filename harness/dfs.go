package harness

// frame is one state on the depth-first stack: its number, the thread that
// reached it, where its state starts in explorer.path, and where its
// enabled threads start in explorer.threads, of which the first next have
// been fired. The top frame's state and threads are the last ones in path
// and threads. Frames keep thread numbers rather than steps: a deep stack
// then holds a few bytes per state and nothing the garbage collector must
// scan, and the step is fetched again when it is fired.
type frame struct {
	id   uint32
	via  int32
	at   uint32
	lo   uint32
	next uint32
}

// dfs explores depth-first with an explicit stack; the stack itself is the
// schedule of a violation. Under a depth bound a state first reached deep
// may later be reached by a shorter path, so the shallowest depth of every
// state is kept and a state is explored again when reached shallower.
// The states on the stack are kept in explorer.path, so the search needs
// nothing from the visited set but membership: it works on the compacted
// set too.
func (e *explorer) dfs() error {
	var depthOf []int32
	bounded := e.o.Depth > 0
	var stack []frame
	push := func(s State, id uint32, via int) (bool, error) {
		if bounded {
			for int(id) >= len(depthOf) {
				depthOf = append(depthOf, -1)
			}
			depthOf[id] = int32(len(stack))
		}
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
		stack = growFor(stack, 1)
		stack = append(stack, frame{id: id, via: int32(via), at: uint32(len(e.path)), lo: uint32(len(e.threads))})
		e.threads = growFor(e.threads, len(succ))
		for _, st := range succ {
			e.threads = append(e.threads, uint16(st.Thread))
		}
		e.steps = e.steps[:lo]
		e.path = append(growFor(e.path, len(s)), s...)
		return false, nil
	}
	init := e.initial()
	id, _, err := e.set.add(init)
	if err != nil {
		return err
	}
	if stop, err := push(init, id, -1); stop {
		return err
	}
	for len(stack) > 0 {
		if e.interrupted() {
			return nil
		}
		top := &stack[len(stack)-1]
		if int(top.lo+top.next) == len(e.threads) {
			e.threads = e.threads[:top.lo]
			e.path = e.path[:top.at]
			stack = stack[:len(stack)-1]
			continue
		}
		s := e.path[top.at:len(e.path):len(e.path)]
		st := e.step(s, int(e.threads[top.lo+top.next]))
		top.next++
		e.res.Transitions++
		next := e.apply(s, st)
		nid, added, stop, err := e.add(next)
		if stop || err != nil {
			return err
		}
		e.edge(top.id, nid, st)
		if added || (bounded && int(depthOf[nid]) > len(stack)) {
			if stop, err := push(next, nid, st.Thread); stop {
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
			s = append(s, int(f.via))
		}
	}
	if via >= 0 {
		s = append(s, via)
	}
	return s
}

// growFor makes room for n more elements, doubling the capacity when it
// must grow: the stacks of a deep search are then copied about once in all
// instead of several times over by append's gentler growth.
func growFor[T any](s []T, n int) []T {
	if len(s)+n <= cap(s) {
		return s
	}
	grown := make([]T, len(s), 2*cap(s)+n)
	copy(grown, s)
	return grown
}
