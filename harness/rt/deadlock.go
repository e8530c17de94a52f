package rt

import (
	"fmt"
	"slices"
	"strings"
)

func (ex *exec) deadlockFailure(blocked []*gor) *Failure {
	var b strings.Builder
	b.WriteString("every goroutine is blocked:")
	for _, g := range blocked {
		b.WriteString("\n  " + ex.describe(g))
	}
	if cyc := ex.waitCycle(blocked); cyc != nil {
		b.WriteString("\n" + ex.coffman(cyc))
	}
	return &Failure{Kind: KindDeadlock, Message: b.String()}
}

// describe says what blocked goroutine g waits for, and where.
func (ex *exec) describe(g *gor) string {
	p := &g.pend
	s := fmt.Sprintf("%s blocked in %s", gname(g), ex.waitText(g))
	if p.loc != "" {
		s += " at " + p.loc
	}
	return s
}

func (ex *exec) waitText(g *gor) string {
	p := &g.pend
	o := p.o
	switch p.op {
	case opLock:
		return fmt.Sprintf("%s.Lock (held by %s)", o, gname(o.owner))
	case opWLock:
		return fmt.Sprintf("%s.Lock (%s)", o, rwHeld(o))
	case opRLock:
		if o.writer != nil {
			return fmt.Sprintf("%s.RLock (%s)", o, rwHeld(o))
		}
		return fmt.Sprintf("%s.RLock (a writer is waiting: %s)", o, gnames(ex.writersOf(o)))
	case opWgWait:
		return fmt.Sprintf("%s.Wait (counter %d)", o, o.count)
	case opOnce:
		return fmt.Sprintf("%s.Do (f is running)", o)
	case opCondWait:
		return fmt.Sprintf("%s.Wait (not signalled)", o)
	case opSelect:
		var parts []string
		for _, c := range p.cases {
			parts = append(parts, chanWait(c))
		}
		if len(parts) == 1 {
			return parts[0]
		}
		return "select on " + strings.Join(parts, ", ")
	}
	return opNames[p.op]
}

func chanWait(c ccase) string {
	o := c.o
	switch {
	case o == nil && c.send:
		return "send on a nil channel"
	case o == nil:
		return "receive from a nil channel"
	case c.send && o.cap == 0:
		return fmt.Sprintf("%s.Send (unbuffered, no receiver)", o)
	case c.send:
		return fmt.Sprintf("%s.Send (buffer full, %d/%d)", o, len(o.buf), o.cap)
	case o.cap == 0:
		return fmt.Sprintf("%s.Recv (unbuffered, no sender)", o)
	}
	return fmt.Sprintf("%s.Recv (buffer empty, no sender)", o)
}

func rwHeld(o *object) string {
	if o.writer != nil {
		return "held for writing by " + gname(o.writer)
	}
	return "held for reading by " + gnames(o.readers)
}

func gname(g *gor) string {
	if g == nil {
		return "nobody"
	}
	return g.name()
}

func gnames(gs []*gor) string {
	var s []string
	for _, g := range gs {
		if n := gname(g); !slices.Contains(s, n) {
			s = append(s, n)
		}
	}
	if len(s) == 0 {
		return "nobody"
	}
	return strings.Join(s, ", ")
}

// writersOf lists goroutines blocked acquiring rw lock o for writing.
func (ex *exec) writersOf(o *object) []*gor {
	var w []*gor
	for _, g := range ex.gs {
		if !g.done && g.pend.op == opWLock && g.pend.o == o {
			w = append(w, g)
		}
	}
	return w
}

// waitsFor returns the goroutines g waits for (lock holders) and the lock.
func (ex *exec) waitsFor(g *gor) ([]*gor, *object) {
	p := &g.pend
	switch p.op {
	case opLock:
		return []*gor{p.o.owner}, p.o
	case opWLock:
		if p.o.writer != nil {
			return []*gor{p.o.writer}, p.o
		}
		return p.o.readers, p.o
	case opRLock:
		if p.o.writer != nil {
			return []*gor{p.o.writer}, p.o
		}
		return ex.writersOf(p.o), p.o
	}
	return nil, nil
}

// waitCycle finds a cycle in the wait-for graph among blocked goroutines.
func (ex *exec) waitCycle(blocked []*gor) []*gor {
	state := map[*gor]int{} // 1: on the path, 2: finished
	var path []*gor
	var visit func(g *gor) []*gor
	visit = func(g *gor) []*gor {
		if state[g] == 1 {
			return slices.Clone(path[slices.Index(path, g):])
		}
		if state[g] == 2 || g == nil {
			return nil
		}
		state[g] = 1
		path = append(path, g)
		hs, _ := ex.waitsFor(g)
		for _, h := range hs {
			if c := visit(h); c != nil {
				return c
			}
		}
		path = path[:len(path)-1]
		state[g] = 2
		return nil
	}
	for _, g := range blocked {
		if c := visit(g); c != nil {
			return c
		}
	}
	return nil
}

// coffman explains a lock cycle through the four Coffman conditions.
func (ex *exec) coffman(cyc []*gor) string {
	var locks, hold, circle []string
	for i, g := range cyc {
		_, o := ex.waitsFor(g)
		next := cyc[(i+1)%len(cyc)]
		if n := o.String(); !slices.Contains(locks, n) {
			locks = append(locks, n)
		}
		hold = append(hold, fmt.Sprintf("G%d holds %s and waits for %s (held by G%d)",
			g.id, ex.heldBy(g), o, next.id))
		circle = append(circle, fmt.Sprintf("G%d", g.id))
	}
	circle = append(circle, circle[0])
	return fmt.Sprintf(`wait-for cycle: %s
Coffman conditions (all four hold):
  mutual exclusion: %s cannot be shared with the waiting goroutine
  hold and wait:    %s
  no preemption:    a lock is released only by its holder
  circular wait:    %s`,
		strings.Join(circle, " -> "), strings.Join(locks, ", "),
		strings.Join(hold, "; "), strings.Join(circle, " -> "))
}

// heldBy lists the locks g holds.
func (ex *exec) heldBy(g *gor) string {
	var held []string
	for _, o := range ex.objs {
		switch {
		case o.owner == g, o.writer == g:
			held = append(held, o.String())
		case slices.Contains(o.readers, g):
			held = append(held, o.String()+" (read)")
		}
	}
	if len(held) == 0 {
		return "nothing"
	}
	return strings.Join(held, ", ")
}
