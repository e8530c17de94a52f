package harness

import "github.com/interleave/concurrency/harness/internal/store"

// breadthFirst explores in discovery order over the exact store. States
// are numbered as they are found, so the queue is simply the range of
// numbers not yet expanded, and each state remembers its parent and the
// thread that reached it: enough to rebuild a shortest schedule.
type breadthFirst struct{}

func (breadthFirst) search(e *explorer) error {
	if _, _, err := e.set.Add(e.initial()); err != nil {
		return err
	}
	var ln store.Links
	ln.Add(0, 0)
	sh := newBFSShard(e.o.Shard)
	defer func() {
		if sh != nil {
			e.res.Shard = &sh.res
		}
	}()
	fresh := func(from uint32, _ State, thread int) { ln.Add(from, thread) }
	depth, levelStart, levelEnd := 0, uint32(0), uint32(1)
	for id := uint32(0); id < uint32(e.seen.Len()); id++ {
		if id == levelEnd {
			depth++
			levelStart, levelEnd = id, uint32(e.seen.Len())
			sh.level(depth, int(levelEnd-levelStart))
		}
		if sh.skip(depth, int(id-levelStart)) {
			continue
		}
		e.mon.frontier = e.seen.Len() - int(id)
		if e.interrupted() {
			return nil
		}
		s := e.seen.Get(id)
		succ, cut, stop, err := e.expand(s, depth, func() Schedule { return ln.Path(id) })
		switch {
		case stop:
			return err
		case cut:
			continue
		}
		if stop, err := e.fireAll(id, s, succ, fresh); stop {
			return err
		}
		if err := sh.done(s, len(succ)); err != nil {
			return err
		}
	}
	return nil
}
