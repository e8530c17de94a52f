package harness

import (
	"fmt"
	"slices"
	"strings"

	"github.com/interleave/concurrency/harness/coffman"
)

// Deadlock explains a deadlocked state from the trace that reaches it: who
// waits for what, who holds it, the wait-for cycle if there is one, and
// which of the four Coffman conditions hold, each with its evidence.
type Deadlock struct {
	Blocked []Blocked
	Cycle   []int // threads around the wait-for cycle, lowest first; nil if none
	// Evidence is the cycle by name and the four conditions, as every
	// report (text, JSON, HTML) shows them.
	Evidence coffman.Evidence
}

// Blocked is one blocked thread: the step it cannot take, the object it
// needs, and who holds that object (-1 if nobody holds it).
type Blocked struct {
	Thread  int
	Step    string
	Object  string
	Holder  int
	HeldAt  int      // the step (1-based) at which Holder acquired Object
	Holding []string // objects the waiting thread holds
	// WaitsFor are the threads that could unblock it: the holder of a
	// lock, or whatever a Blocker names (the reader of a full buffer).
	WaitsFor []int
}

// hold records who acquired an object and at which step.
type hold struct{ thread, step int }

// AnalyzeDeadlock builds the wait-for graph of the final state of tr. Who
// holds what comes from the Acquire and Release accesses in the trace; what
// a blocked thread waits for comes from the Acquire accesses of the step it
// is blocked on.
func AnalyzeDeadlock(m Model, tr Trace) *Deadlock {
	holds := map[string]hold{}
	foreignRelease := 0
	for i, st := range tr.Steps {
		for _, a := range st.Access {
			switch a.Kind {
			case Acquire:
				holds[a.Object] = hold{st.Thread, i + 1}
			case Release:
				if h, ok := holds[a.Object]; ok && h.thread != st.Thread {
					foreignRelease++
				}
				delete(holds, a.Object)
			}
		}
	}
	final := tr.Final()
	d := &Deadlock{}
	waitsFor := map[int][]int{}
	blocker, _ := m.(Blocker)
	for th := range m.Threads(final) {
		st, ok := m.Enabled(final, th)
		if ok || finished(m, final, th) {
			continue
		}
		w := Blocked{Thread: th, Step: st.Label, Holder: -1, Holding: heldBy(holds, th)}
		if h, ok := m.(Holder); ok {
			w.Holding = appendNew(w.Holding, h.Holding(final, th))
		}
		if blocker != nil {
			if obj, by, ok := blocker.BlockedOn(final, th); ok {
				w.Object, w.WaitsFor = obj, by
				waitsFor[th] = by
				d.Blocked = append(d.Blocked, w)
				continue
			}
		}
		for _, a := range st.Access {
			if a.Kind != Acquire {
				continue
			}
			if h, ok := holds[a.Object]; ok && h.thread != th {
				w.Object, w.Holder, w.HeldAt = a.Object, h.thread, h.step
				w.WaitsFor = []int{h.thread}
				waitsFor[th] = w.WaitsFor
				break
			}
			if w.Object == "" {
				w.Object = a.Object
			}
		}
		d.Blocked = append(d.Blocked, w)
	}
	d.Cycle = findCycle(waitsFor, len(ThreadNames(m, final)))
	d.Evidence.Cycle = d.waits(m)
	d.Evidence.Coffman = conditions(m, d, foreignRelease)
	return d
}

// appendNew appends the objects of more that held does not list yet: a
// Holder may name locks the trace already shows.
func appendNew(held, more []string) []string {
	for _, o := range more {
		if !slices.Contains(held, o) {
			held = append(held, o)
		}
	}
	return held
}

func heldBy(holds map[string]hold, th int) []string {
	var objs []string
	for obj, h := range holds {
		if h.thread == th {
			objs = append(objs, obj)
		}
	}
	slices.Sort(objs)
	return objs
}

// findCycle searches the wait-for graph depth-first from every thread in
// order and returns the first cycle found, rotated so that its lowest
// thread comes first.
func findCycle(waitsFor map[int][]int, n int) []int {
	state := make([]int8, n) // 0 new, 1 on the path, 2 done
	var path []int
	var visit func(th int) []int
	visit = func(th int) []int {
		state[th] = 1
		path = append(path, th)
		for _, next := range waitsFor[th] {
			switch state[next] {
			case 1:
				return rotateMin(path[slices.Index(path, next):])
			case 0:
				if c := visit(next); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[th] = 2
		return nil
	}
	for th := range n {
		if state[th] == 0 {
			if c := visit(th); c != nil {
				return c
			}
		}
	}
	return nil
}

func rotateMin(c []int) []int {
	lo := 0
	for i, th := range c {
		if th < c[lo] {
			lo = i
		}
	}
	return append(append([]int{}, c[lo:]...), c[:lo]...)
}

func (d *Deadlock) wait(th int) Blocked {
	for _, w := range d.Blocked {
		if w.Thread == th {
			return w
		}
	}
	return Blocked{Thread: th, Holder: -1}
}

// waits names the cycle's threads, each with what it waits for and why
// the next one can free it.
func (d *Deadlock) waits(m Model) []coffman.Wait {
	var ws []coffman.Wait
	for i, th := range d.Cycle {
		w, next := d.wait(th), d.Cycle[(i+1)%len(d.Cycle)]
		why := ThreadName(m, next) + " can free it"
		if w.Holder == next {
			why = fmt.Sprintf("held by %s since step %d", ThreadName(m, next), w.HeldAt)
		}
		ws = append(ws, coffman.Wait{Who: ThreadName(m, th), Object: w.Object, Why: why})
	}
	return ws
}

func conditions(m Model, d *Deadlock, foreignRelease int) []coffman.Condition {
	name := func(th int) string { return ThreadName(m, th) }
	var mutex, hw []string
	var held int
	for _, w := range d.Blocked {
		switch {
		case w.Holder >= 0:
			held++
			mutex = append(mutex, fmt.Sprintf("%s needs %s, held by %s since step %d", name(w.Thread), w.Object, name(w.Holder), w.HeldAt))
		case len(w.WaitsFor) > 0:
			held++
			var by []string
			for _, th := range w.WaitsFor {
				by = append(by, name(th))
			}
			mutex = append(mutex, fmt.Sprintf("%s waits on %s, which only %s can free", name(w.Thread), w.Object, strings.Join(by, " or ")))
		case w.Object != "":
			held++
			mutex = append(mutex, fmt.Sprintf("%s waits on %s, which no thread can free", name(w.Thread), w.Object))
		}
		if len(w.Holding) > 0 && w.Object != "" {
			hw = append(hw, fmt.Sprintf("%s holds %s while waiting for %s", name(w.Thread), strings.Join(w.Holding, "+"), w.Object))
		}
	}
	conds := []coffman.Condition{
		{Name: coffman.MutualExclusion, Holds: held > 0, Evidence: orNone(mutex, "no blocked thread waits for an object another thread holds")},
		{Name: coffman.HoldAndWait, Holds: len(hw) > 0, Evidence: orNone(hw, "no blocked thread holds anything while it waits")},
		{Name: coffman.NoPreemption, Holds: foreignRelease == 0, Evidence: []string{"every release in the trace is made by the holder itself; nothing takes a held object away"}},
	}
	if foreignRelease > 0 {
		conds[2].Evidence = []string{fmt.Sprintf("%d release(s) in the trace were made by a thread other than the holder", foreignRelease)}
	}
	circ := coffman.Condition{Name: coffman.CircularWait, Holds: d.Cycle != nil, Evidence: []string{"the wait-for graph has no cycle"}}
	if ws := d.Evidence.Cycle; ws != nil {
		var b strings.Builder
		for _, w := range ws {
			fmt.Fprintf(&b, "%s → %s → ", w.Who, w.Object)
		}
		b.WriteString(ws[0].Who)
		circ.Evidence = []string{b.String()}
	}
	return append(conds, circ)
}

func orNone(items []string, none string) []string {
	if len(items) == 0 {
		return []string{none}
	}
	return items
}
