package deadlock

import (
	"fmt"
	"slices"
	"strings"

	"github.com/interleave/concurrency/checks/internal/rtcheck"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
)

// Kind is the violation kind of both checks (harness.DeadlockKind, the
// same text as rt.KindDeadlock).
const Kind = harness.DeadlockKind

// Holder is harness.Holder: Model needs it (or harness.Blocker) to find who
// a blocked thread waits for.
//
// Deprecated: use harness.Holder; its method is Holding, not Holds.
type Holder = harness.Holder

// Model returns the deadlock check for models: a harness.Check that fails
// in a state with a wait-for cycle among blocked threads, even when other
// threads can still step. For a model that implements neither
// harness.Blocker nor harness.Holder, who holds what is only known from the
// execution, so the check is a harness.GraphCheck: once the space is
// explored it replays a shortest path to each state where two or more
// threads are blocked while another can step, and looks for a cycle with
// harness.AnalyzeDeadlock.
func Model() harness.Check { return modelCheck{} }

type modelCheck struct{}

// Name implements harness.Check.
func (modelCheck) Name() string { return Kind }

// Inspect implements harness.Check.
func (modelCheck) Inspect(m harness.Model, s harness.State, _ bool) error {
	g := WaitFor(m, s)
	if cyc := g.Cycle(); cyc != nil {
		return fmt.Errorf("wait-for cycle %s: each waits for the next and none can step", cycleNames(m, cyc))
	}
	return nil
}

// InspectGraph implements harness.GraphCheck, for models without
// harness.Blocker or harness.Holder.
func (modelCheck) InspectGraph(g *harness.Graph) []harness.Violation {
	m := g.Model()
	if _, ok := m.(harness.Blocker); ok {
		return nil
	}
	if _, ok := m.(harness.Holder); ok {
		return nil
	}
	paths := shortestPaths(g)
	for i := range uint32(g.Len()) {
		s := g.State(i)
		blocked, enabled := 0, false
		for th := range m.Threads(s) {
			if _, ok := m.Enabled(s, th); ok {
				enabled = true
			} else if !g.Finished(i, th) {
				blocked++
			}
		}
		if !enabled || blocked < 2 {
			continue // a global deadlock is the engine's; one thread cannot form a cycle
		}
		sched := paths(i)
		tr, err := harness.Replay(m, sched)
		if err != nil {
			continue
		}
		if d := harness.AnalyzeDeadlock(m, tr); d.Cycle != nil {
			return []harness.Violation{{Kind: Kind, Schedule: sched, Detail: d,
				Message: fmt.Sprintf("wait-for cycle %s: each waits for the next and none can step", cycleNames(m, d.Cycle))}}
		}
	}
	return nil
}

// shortestPaths returns the schedule of a shortest path from the initial
// state to any state, from one breadth-first search.
func shortestPaths(g *harness.Graph) func(uint32) harness.Schedule {
	type back struct {
		from   uint32
		thread int
	}
	prev := map[uint32]back{0: {}}
	queue := []uint32{0}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, e := range g.Out(u) {
			if _, ok := prev[e.To]; !ok {
				prev[e.To] = back{u, int(e.Thread)}
				queue = append(queue, e.To)
			}
		}
	}
	return func(i uint32) harness.Schedule {
		var s harness.Schedule
		for v := i; v != 0; v = prev[v].from {
			s = append(s, prev[v].thread)
		}
		slices.Reverse(s)
		return s
	}
}

func cycleNames(m harness.Model, cyc []int) string {
	names := make([]string, 0, len(cyc)+1)
	for _, th := range append(cyc, cyc[0]) {
		names = append(names, harness.ThreadName(m, th))
	}
	return strings.Join(names, " -> ")
}

// Graph is a wait-for graph: Edges[th] are the threads blocked thread th
// waits for.
type Graph struct{ Edges map[int][]int }

// WaitFor builds the wait-for graph of the blocked threads of s.
func WaitFor(m harness.Model, s harness.State) Graph {
	g := Graph{Edges: map[int][]int{}}
	blocker, _ := m.(harness.Blocker)
	holder, _ := m.(harness.Holder)
	n := m.Threads(s)
	for th := range n {
		st, ok := m.Enabled(s, th)
		if ok || finished(m, s, th) {
			continue
		}
		if blocker != nil {
			if _, by, ok := blocker.BlockedOn(s, th); ok {
				g.Edges[th] = by
				continue
			}
		}
		if holder == nil {
			continue
		}
		for _, a := range st.Access {
			if a.Kind != harness.Acquire {
				continue
			}
			for other := range n {
				if other != th && slices.Contains(holder.Holding(s, other), a.Object) {
					g.Edges[th] = append(g.Edges[th], other)
				}
			}
		}
	}
	return g
}

// Cycle returns a cycle of the graph rotated to start at its lowest
// thread, or nil.
func (g Graph) Cycle() []int {
	state := map[int]int{} // 1 on the path, 2 done
	var path []int
	var visit func(th int) []int
	visit = func(th int) []int {
		state[th] = 1
		path = append(path, th)
		for _, next := range g.Edges[th] {
			if state[next] == 1 {
				return rotate(path[slices.Index(path, next):])
			}
			if state[next] == 0 {
				if c := visit(next); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[th] = 2
		return nil
	}
	keys := make([]int, 0, len(g.Edges))
	for th := range g.Edges {
		keys = append(keys, th)
	}
	slices.Sort(keys)
	for _, th := range keys {
		if state[th] == 0 {
			if c := visit(th); c != nil {
				return c
			}
		}
	}
	return nil
}

func rotate(c []int) []int {
	lo := slices.Index(c, slices.Min(c))
	return append(slices.Clone(c[lo:]), c[:lo]...)
}

func finished(m harness.Model, s harness.State, th int) bool {
	f, ok := m.(harness.Finisher)
	return ok && f.Finished(s, th)
}

// Report renders a deadlock found in a model (by Model or by the engine)
// from the execution that reaches it: who waits for what, the wait-for
// cycle and the four Coffman conditions with their evidence.
func Report(m harness.Model, tr harness.Trace) string {
	d := harness.AnalyzeDeadlock(m, tr)
	var b strings.Builder
	for _, w := range d.Blocked {
		fmt.Fprintf(&b, "%s blocked at %q", harness.ThreadName(m, w.Thread), w.Step)
		if w.Object != "" {
			fmt.Fprintf(&b, " waiting for %s", w.Object)
		}
		if w.Holder >= 0 {
			fmt.Fprintf(&b, " (held by %s since step %d)", harness.ThreadName(m, w.Holder), w.HeldAt)
		}
		b.WriteString("\n")
	}
	d.Evidence.WriteText(&b, 0)
	return b.String()
}

// Finding is a deadlock found under rt: every goroutine blocked, with the
// wait-for cycle and the Coffman conditions when locks form one.
type Finding = rtcheck.Finding

// ErrOther and ErrBounded are wrapped by RT().Explore when the verdict is
// unknown: another failure stopped the search, or the limit was reached.
// ErrBounded is checks.ErrBounded and ErrOther wraps checks.ErrUnknown, the
// values every check shares.
var (
	ErrOther   = rtcheck.ErrOther
	ErrBounded = rtcheck.ErrBounded
)

// RTCheck is the deadlock check for code under the controlled runtime. Its
// Inspect judges an rt.Report; Verify fails a test unless the space is
// exhausted without a finding; its Explore runs a body under rt.Explore and
// returns a *Finding for a deadlock, an error wrapping ErrOther or
// ErrBounded for an unknown verdict, and nil when the space was exhausted.
type RTCheck struct{ rtcheck.Check }

// RT returns the deadlock check for code under the controlled runtime.
func RT() RTCheck { return RTCheck{rtcheck.Check{Kind: rt.KindDeadlock}} }
