package harness

// bfs explores in discovery order. States are numbered as they are found,
// so the queue is simply the range of numbers not yet expanded, and each
// state remembers its parent and the thread that reached it: enough to
// rebuild a shortest schedule.
func (e *explorer) bfs() error {
	if _, _, err := e.seen.add(e.m.Init()); err != nil {
		return err
	}
	parent := []uint32{0}
	via := []uint16{0}
	depth, levelEnd := 0, uint32(1)
	for id := uint32(0); id < uint32(e.seen.len()); id++ {
		if id == levelEnd {
			depth++
			levelEnd = uint32(e.seen.len())
		}
		if e.interrupted() {
			return nil
		}
		s := e.seen.get(id)
		e.steps = e.steps[:0]
		succ := e.successors(s)
		e.res.MaxDepth = depth
		if kinds, msgs := e.inspect(s, len(succ) == 0); len(kinds) > 0 {
			path := func() Schedule { return bfsPath(parent, via, id) }
			if stop, err := e.report(kinds, msgs, path); stop {
				return err
			}
		}
		if e.o.Depth > 0 && depth >= e.o.Depth {
			if len(succ) > 0 {
				e.cutByDepth()
			}
			continue
		}
		for _, st := range succ {
			e.res.Transitions++
			nid, added, stop, err := e.add(e.m.Apply(s, st))
			if stop || err != nil {
				return err
			}
			e.edge(id, nid, st)
			if added {
				parent = append(parent, id)
				via = append(via, uint16(st.Thread))
			}
		}
	}
	return nil
}

func bfsPath(parent []uint32, via []uint16, id uint32) Schedule {
	var s Schedule
	for ; id != 0; id = parent[id] {
		s = append(s, int(via[id]))
	}
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	return s
}
