package rt

import (
	"fmt"
	"slices"
	"strings"

	"github.com/interleave/concurrency/harness/coffman"
)

// An execution in which nothing can run ends with goroutines blocked
// forever. They are classified on the wait-for graph: g waits for h when
// h could unblock g (h holds the lock g wants, runs the f of the Once g
// waits on, or may hold a reference to the channel, WaitGroup or Cond g
// waits on, see refHolders). Goroutines in a cycle are a deadlock; if none
// is, blocked goroutines are a leak once the body has returned, and a
// deadlock while it has not (it can never return).

// edge is one wait-for edge: the blocked goroutine waits for to through o.
type edge struct {
	to *gor
	o  *object
}

// stuckFailure classifies the blocked goroutines of a finished execution.
// The first cycle is explained in full, other cycles take a line each and
// goroutines blocked alike share a line, so that the message stays short
// whatever the number of goroutines.
func (ex *exec) stuckFailure(blocked []*gor) *Failure {
	cycles := ex.cycles(blocked)
	var ev coffman.Evidence
	if len(cycles) > 0 {
		ev = ex.evidence(cycles[0])
	}
	if ex.capture {
		ex.finds().waitFor = ex.waitForGraph(blocked, cycles)
		if len(cycles) > 0 {
			ex.found.coffman = ex.pageConditions(ev, cycles[0])
		}
	}
	var b strings.Builder
	kind := KindDeadlock
	switch {
	case len(cycles) > 0:
		b.WriteString(cycleHeadline(cycles[0]))
	case ex.gs[0].done:
		kind = KindLeak
		fmt.Fprintf(&b, "%d goroutine(s) still blocked after the body returned, in no wait-for cycle:", len(blocked))
	default:
		b.WriteString("every goroutine is blocked and none waits in a cycle: the body can never return:")
	}
	inCycle := map[*gor]bool{}
	for _, c := range cycles {
		for _, e := range c {
			inCycle[e.to] = true
		}
	}
	if len(cycles) > 0 {
		for i, e := range cycles[0] {
			if i == maxLines {
				fmt.Fprintf(&b, "\n  ... and %d more in the cycle", len(cycles[0])-i)
				break
			}
			b.WriteString("\n  " + ex.describe(e.to))
		}
		var text strings.Builder
		ev.WriteText(&text, maxLines)
		b.WriteString("\n" + strings.TrimSuffix(text.String(), "\n"))
		for i, c := range cycles[1:] {
			if i == maxLines {
				fmt.Fprintf(&b, "\n  ... and %d more cycles", len(cycles)-1-i)
				break
			}
			b.WriteString("\nanother wait-for cycle: " + circle(c))
		}
	}
	var others []*gor
	for _, g := range blocked {
		if !inCycle[g] {
			others = append(others, g)
		}
	}
	if len(cycles) > 0 && len(others) > 0 {
		b.WriteString("\nalso blocked forever:")
	}
	b.WriteString(ex.grouped(others, inCycle))
	return &Failure{Kind: kind, Message: b.String()}
}

// plural rewords a line shared by goroutines blocked alike.
var plural = strings.NewReplacer("; it waits for", "; they wait for", "nobody can release it", "nobody can release them",
	"nothing can ever wake it", "nothing can ever wake them")

// maxLines bounds the lines of goroutines and cycles a report lists.
const maxLines = 10

// grouped describes blocked goroutines in no cycle, one line for those
// blocked alike (same operation, place and releasers).
func (ex *exec) grouped(gs []*gor, inCycle map[*gor]bool) string {
	var keys []string
	groups := map[string][]*gor{}
	for _, g := range gs {
		k := strings.TrimPrefix(ex.describe(g), gname(g)) + ex.releasers(g, inCycle)
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], g)
	}
	var b strings.Builder
	for i, k := range keys {
		if i == maxLines {
			fmt.Fprintf(&b, "\n  ... and %d more blocked elsewhere", len(keys)-i)
			break
		}
		line := k
		if len(groups[k]) > 1 {
			line = plural.Replace(k)
		}
		b.WriteString("\n  " + groupName(groups[k]) + line)
	}
	return b.String()
}

// groupName names goroutines blocked alike, their label once when they
// share it: "G1, G2, G3 and 37 more (func at x.go:9)".
func groupName(gs []*gor) string {
	if len(gs) == 1 {
		return gname(gs[0])
	}
	label := gs[0].label
	for _, g := range gs {
		if g.label != label {
			return few(unique(gs, gname))
		}
	}
	ids := few(unique(gs, gid))
	switch {
	case label == "":
		return ids
	case strings.HasPrefix(label, "("):
		return ids + " " + label
	}
	return ids + " (" + label + ")"
}

// cycleHeadline names the first cycle, in words for a self-deadlock.
func cycleHeadline(c []edge) string {
	if len(c) > 1 {
		return "goroutines wait for each other in a cycle:"
	}
	g, o := c[0].to, c[0].o
	switch {
	case o.kind == kOnce:
		return fmt.Sprintf("self-deadlock: %s calls %s.Do inside the f of its own %s.Do:", gid(g), o, o)
	case o.owner == g || o.writer == g:
		return fmt.Sprintf("self-deadlock: %s locks %s, which it already holds:", gid(g), o)
	}
	return fmt.Sprintf("self-deadlock: %s locks %s for writing while it holds it for reading:", gid(g), o)
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
		return fmt.Sprintf("%s.Lock (held by %s)", o, holder(o.owner))
	case opWLock:
		return fmt.Sprintf("%s.Lock (%s)", o, rwHeld(o))
	case opRLock:
		if o.writer != nil {
			return fmt.Sprintf("%s.RLock (%s)", o, rwHeld(o))
		}
		return fmt.Sprintf("%s.RLock (behind %s, waiting to write)", o, gnames(ex.writersOf(o)))
	case opWgWait:
		return fmt.Sprintf("%s.Wait (counter %d)", o, o.count)
	case opOnce:
		return fmt.Sprintf("%s.Do (f is running in %s)", o, holder(o.owner))
	case opCondWait:
		return fmt.Sprintf("%s.Wait (not signalled)", o)
	case opSelect:
		var parts []string
		for _, c := range p.cases {
			parts = append(parts, chanWait(c))
		}
		switch len(parts) {
		case 0:
			return "select with no cases"
		case 1:
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
		return "held for writing by " + holder(o.writer)
	}
	return "held for reading by " + holders(o.readers)
}

// holder names the goroutine holding a lock, saying so if it has exited.
func holder(g *gor) string {
	if g != nil && g.done {
		return gid(g) + ", which has exited"
	}
	return gid(g)
}

func holders(gs []*gor) string { return nameAll(gs, holder) }

// gname is g's full name ("G2 janitor"), for the goroutine a line is
// about; gid is its id ("G2"), for the goroutines that line refers to
// (holders, partners, the cycle), which keeps long names from repeating.
func gname(g *gor) string {
	if g == nil {
		return "nobody"
	}
	return g.name()
}

func gid(g *gor) string {
	if g == nil {
		return "nobody"
	}
	return threadName(g.id)
}

func gnames(gs []*gor) string { return nameAll(gs, gid) }

// nameAll names goroutines once each, in order ("nobody" for none).
func nameAll(gs []*gor, name func(*gor) string) string {
	if len(gs) == 0 {
		return "nobody"
	}
	return few(unique(gs, name))
}

// unique names goroutines once each, in order.
func unique(gs []*gor, name func(*gor) string) []string {
	var s []string
	for _, g := range gs {
		if n := name(g); !slices.Contains(s, n) {
			s = append(s, n)
		}
	}
	return s
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

// waitsFor returns the wait-for edges of blocked goroutine g: to the live
// goroutines that could unblock it (a lock's holders even if they have
// exited, so that an abandoned lock is named).
func (ex *exec) waitsFor(g *gor) []edge {
	p := &g.pend
	o := p.o
	var to []*gor
	switch p.op {
	case opLock, opOnce:
		to = []*gor{o.owner}
	case opWLock:
		to = o.readers
		if o.writer != nil {
			to = []*gor{o.writer}
		}
	case opRLock:
		to = ex.writersOf(o)
		if o.writer != nil {
			to = []*gor{o.writer}
		}
	case opWgWait:
		to = ex.mayRelease(g, o, func(h *gor) bool { return h.pend.op == opWgWait && h.pend.o == o })
	case opCondWait:
		to = ex.mayRelease(g, o, func(h *gor) bool { return h.pend.op == opCondWait && h.pend.o == o })
	case opSelect:
		var es []edge
		for _, c := range p.cases {
			if c.o == nil {
				continue
			}
			for _, h := range ex.mayRelease(g, c.o, func(h *gor) bool { return h.pend.op == opSelect && h.caseOn(c.o, c.send) >= 0 }) {
				es = append(es, edge{h, c.o})
			}
		}
		return es
	}
	es := make([]edge, 0, len(to))
	for _, h := range to {
		if h != nil {
			es = append(es, edge{h, o})
		}
	}
	return es
}

// mayRelease lists the live goroutines other than g that may hold a
// reference to o (see refHolders) and are not blocked the same way as g
// (a second sender cannot receive, a second Wait cannot call Done).
func (ex *exec) mayRelease(g *gor, o *object, same func(*gor) bool) []*gor {
	var to []*gor
	for _, h := range ex.refHolders(o) {
		if h != g && !h.done && !same(h) {
			to = append(to, h)
		}
	}
	return to
}

// refHolders approximates the goroutines that may hold a reference to o:
// those that used it (or created it) and those started by one that may
// hold it (a closure may capture it). It depends only on which
// goroutines did what, not on the order of independent steps, so that
// equivalent executions are classified alike. References passed in
// messages are not seen.
func (ex *exec) refHolders(o *object) []*gor {
	may := make([]bool, len(ex.gs))
	var hs []*gor
	for _, h := range ex.gs { // a parent precedes its children
		may[h.id] = o.usedBy(h.id) || (h.parent >= 0 && may[h.parent])
		if may[h.id] {
			hs = append(hs, h)
		}
	}
	return hs
}

// releasers says who could unblock g, for a goroutine in no cycle.
func (ex *exec) releasers(g *gor, inCycle map[*gor]bool) string {
	p := &g.pend
	switch p.op {
	case opLock, opWLock, opRLock, opOnce:
		return "" // waitText names the holder
	}
	es := ex.waitsFor(g)
	if len(es) == 0 {
		return ex.nobody(g)
	}
	var names []string
	for _, e := range es {
		n := gid(e.to)
		if inCycle[e.to] {
			n += " (in the cycle)"
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return "; it waits for " + few(names)
}

// nobody says why no goroutine can unblock g: the others that may hold
// a reference wait the same way, or have exited, or there are none.
func (ex *exec) nobody(g *gor) string {
	objs := waitObjects(&g.pend)
	if objs == "" {
		return "; nothing can ever wake it"
	}
	var same, exited []*gor
	for _, o := range g.pend.objects() {
		for _, h := range ex.refHolders(o) {
			switch {
			case h == g:
			case h.done:
				exited = append(exited, h)
			default:
				same = append(same, h)
			}
		}
	}
	if len(same) > 0 {
		return "; nobody can release it: the others that could reach " + objs + " wait the same way"
	}
	s := "; nobody else holds a reference to " + objs + " any more"
	if len(exited) > 0 {
		s += fmt.Sprintf(" (%s, which could reach it, exited)", few(unique(exited, gid)))
	}
	return s
}

// objects lists the objects a pending operation waits on.
func (p *pending) objects() []*object {
	if p.op != opSelect {
		return []*object{p.o}
	}
	var os []*object
	for _, c := range p.cases {
		if c.o != nil {
			os = append(os, c.o)
		}
	}
	return os
}

// waitObjects names the objects a pending operation waits on ("" for
// nil channels only).
func waitObjects(p *pending) string {
	var s []string
	for _, o := range p.objects() {
		if !slices.Contains(s, o.String()) {
			s = append(s, o.String())
		}
	}
	return strings.Join(s, ", ")
}

// cycles finds disjoint cycles in the wait-for graph among the blocked
// goroutines. A cycle is its edges, each entered at its goroutine: edge i
// is how cycle[i-1].to waits for cycle[i].to.
func (ex *exec) cycles(blocked []*gor) [][]edge {
	out := map[*gor][]edge{}
	for _, g := range blocked {
		out[g] = ex.waitsFor(g)
	}
	used := map[*gor]bool{}
	var found [][]edge
	for _, g := range blocked {
		if c := findCycle(g, out, used); c != nil {
			found = append(found, c)
			for _, e := range c {
				used[e.to] = true
			}
		}
	}
	return found
}

// findCycle searches depth first from start for a cycle avoiding used
// goroutines; the cycle starts at its smallest goroutine id.
func findCycle(start *gor, out map[*gor][]edge, used map[*gor]bool) []edge {
	state := map[*gor]int{} // 1: on the path, 2: finished
	var path []edge         // path[i] enters the i-th goroutine of the path
	var visit func(e edge) []edge
	visit = func(e edge) []edge {
		g := e.to
		switch {
		case state[g] == 1:
			i := slices.IndexFunc(path, func(p edge) bool { return p.to == g })
			c := append(slices.Clone(path[i+1:]), e)
			m := 0
			for j := range c {
				if c[j].to.id < c[m].to.id {
					m = j
				}
			}
			return append(c[m:], c[:m]...)
		case state[g] == 2 || used[g]:
			return nil
		}
		state[g] = 1
		path = append(path, e)
		for _, next := range out[g] {
			if c := visit(next); c != nil {
				return c
			}
		}
		path = path[:len(path)-1]
		state[g] = 2
		return nil
	}
	return visit(edge{to: start})
}

// few joins names, the first three and how many more.
func few(names []string) string {
	s := strings.Join(names[:min(len(names), 3)], ", ")
	if len(names) > 3 {
		s += fmt.Sprintf(" and %d more", len(names)-3)
	}
	return s
}

// circle renders a cycle as "G1 → G2 → G1" (a long one elided in the
// middle).
func circle(c []edge) string {
	names := make([]string, len(c))
	for i, e := range c {
		names[i] = gid(e.to)
	}
	return coffman.Circle(names, maxLines)
}

// evidence explains cycle c: its goroutines, each with what it waits
// for and why the next one could release it, and the four Coffman
// conditions with the meaning each has for the objects involved.
func (ex *exec) evidence(c []edge) coffman.Evidence {
	ws := make([]coffman.Wait, len(c))
	for i, e := range c {
		in := c[(i+1)%len(c)]
		ws[i] = coffman.Wait{Who: gid(e.to), Object: in.o.String(), Why: edgeText(in)}
	}
	return coffman.Evidence{Cycle: ws, Coffman: []coffman.Condition{
		{Name: coffman.MutualExclusion, Holds: true, Evidence: exclusion(c)},
		{Name: coffman.HoldAndWait, Holds: true, Evidence: ex.holdLines(c, ws)},
		{Name: coffman.NoPreemption, Holds: true, Evidence: noPreemption(c)},
		{Name: coffman.CircularWait, Holds: true, Evidence: []string{circle(c)}},
	}}
}

// holdLines says, for each goroutine of cycle c (named with what it
// waits for in ws), what it holds and what it waits for.
func (ex *exec) holdLines(c []edge, ws []coffman.Wait) []string {
	hold := make([]string, len(c))
	for i, e := range c {
		hold[i] = fmt.Sprintf("%s holds %s and waits for %s (%s)", ws[i].Who, ex.holdText(e.to, e.o), ws[i].Object, ws[i].Why)
	}
	return hold
}

// holdText lists what g holds: its locks, and o (which the previous
// goroutine of the cycle waits for) when g holds it as a role rather than
// a lock: the other end of a channel, a Done it could call, a Signal.
func (ex *exec) holdText(g *gor, o *object) string {
	held := ex.heldBy(g)
	role := ""
	switch o.kind {
	case kChan:
		role = "the other end of " + o.String()
	case kWaitGroup:
		role = "a reference to " + o.String() + " (it could call Done)"
	case kCond:
		role = "a reference to " + o.String() + " (it could Signal)"
	}
	if role != "" {
		held = append(held, role)
	}
	if len(held) == 0 {
		return "nothing"
	}
	return strings.Join(held, ", ")
}

// edgeText says how the goroutine e enters could release what waits on
// e.o.
func edgeText(e edge) string {
	o, h := e.o, e.to
	switch {
	case o.kind == kOnce:
		return "its f runs in " + holder(h)
	case o.owner == h:
		return "held by " + holder(h)
	case o.writer == h:
		return "held for writing by " + holder(h)
	case slices.Contains(o.readers, h):
		return "held for reading by " + holder(h)
	case o.kind == kRWMutex:
		return gid(h) + " waits to write it and keeps new readers out"
	case o.kind == kChan:
		return gid(h) + " could be its partner"
	case o.kind == kWaitGroup:
		return gid(h) + " could call Done"
	}
	return gid(h) + " could Signal"
}

// exclusion is the mutual exclusion condition for the objects of a
// cycle, one part per meaning exclusion has for them.
func exclusion(c []edge) []string {
	var meanings []string
	objs := map[string][]string{}
	for i := range c {
		o := c[(i+1)%len(c)].o
		m := meaning(o)
		if !slices.Contains(meanings, m) {
			meanings = append(meanings, m)
		}
		if !slices.Contains(objs[m], o.String()) {
			objs[m] = append(objs[m], o.String())
		}
	}
	parts := make([]string, len(meanings))
	for i, m := range meanings {
		parts[i] = few(objs[m]) + ": " + m
	}
	return parts
}

func meaning(o *object) string {
	switch {
	case o.kind == kMutex:
		return "a mutex has one holder at a time"
	case o.kind == kRWMutex:
		return "a writer excludes everyone, and a waiting writer keeps new readers out"
	case o.kind == kChan && o.cap == 0:
		return "an unbuffered rendezvous has one partner"
	case o.kind == kChan:
		return "a full buffer takes no value and an empty one gives none"
	case o.kind == kWaitGroup:
		return "Wait passes only when every Add has its Done"
	case o.kind == kOnce:
		return "one goroutine runs f, the others wait for it"
	}
	return "Wait returns only after a Signal or Broadcast"
}

// noPreemption says why no goroutine of cycle c can be made to let go,
// once per kind of object it waits on.
func noPreemption(c []edge) []string {
	var parts []string
	for i := range c {
		var m string
		switch c[(i+1)%len(c)].o.kind {
		case kMutex, kRWMutex:
			m = "a lock is released only by its holder"
		case kChan:
			m = "nothing can make a blocked send or receive give up"
		case kWaitGroup:
			m = "nothing but Done lowers a WaitGroup counter"
		case kOnce:
			m = "nothing can make Do return before f has"
		default:
			m = "nothing but Signal or Broadcast ends a Cond.Wait"
		}
		if !slices.Contains(parts, m) {
			parts = append(parts, m)
		}
	}
	return parts
}

// heldBy lists the locks g holds (and the Once whose f it runs).
func (ex *exec) heldBy(g *gor) []string {
	var held []string
	for _, o := range ex.objs {
		switch {
		case o.owner == g, o.writer == g:
			held = append(held, o.String())
		case slices.Contains(o.readers, g):
			held = append(held, o.String()+" (read)")
		}
	}
	return held
}
