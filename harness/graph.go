package harness

import (
	"github.com/interleave/concurrency/harness/internal/store"
)

// GraphCheck is a Check that needs the whole explored graph rather than
// one state at a time: liveness properties such as starvation and
// livelock, whose counterexamples are lassos (a path to a cycle that
// repeats forever). When one is passed to Explore, the engine records every
// edge and, once the search has covered the whole space, calls
// InspectGraph. Its Inspect method is called per state like any check and
// may simply return nil.
type GraphCheck interface {
	Check
	InspectGraph(g *Graph) []Violation
}

// Edge is one fired step in the explored graph: the state it leads to, the
// thread that took it and whether it was a progress step.
type Edge struct {
	To       uint32
	Thread   uint16
	Progress bool
}

// Graph is the explored state graph, states numbered from 0 (the initial
// state).
type Graph struct {
	m     Model
	seen  *store.Exact
	start []uint32 // edges of state i are edges[start[i]:start[i+1]]
	edges []Edge
}

// graphRecorder collects edges during the search, in any order.
type graphRecorder struct {
	from  []uint32
	edges []Edge
}

func (r *graphRecorder) add(from, to uint32, st Step) {
	r.from = append(r.from, from)
	r.edges = append(r.edges, Edge{To: to, Thread: uint16(st.Thread), Progress: st.Progress})
}

// build sorts the recorded edges by source state, keeping the order of
// each state's edges.
func (r *graphRecorder) build(m Model, seen *store.Exact) *Graph {
	n := seen.Len()
	g := &Graph{m: m, seen: seen, start: make([]uint32, n+1), edges: make([]Edge, len(r.edges))}
	for _, f := range r.from {
		g.start[f+1]++
	}
	for i := range n {
		g.start[i+1] += g.start[i]
	}
	next := append([]uint32(nil), g.start[:n]...)
	for i, f := range r.from {
		g.edges[next[f]] = r.edges[i]
		next[f]++
	}
	return g
}

// Model is the model the graph was explored from.
func (g *Graph) Model() Model { return g.m }

// Len is the number of states.
func (g *Graph) Len() int { return g.seen.Len() }

// State returns state i; callers must not modify it.
func (g *Graph) State(i uint32) State { return g.seen.Get(i) }

// Out returns the edges leaving state i, one per enabled thread.
func (g *Graph) Out(i uint32) []Edge { return g.edges[g.start[i]:g.start[i+1]] }

// Finished reports whether thread th has finished in state i.
func (g *Graph) Finished(i uint32, th int) bool { return finished(g.m, g.seen.Get(i), th) }

// PathTo returns a shortest schedule from the initial state to state i.
func (g *Graph) PathTo(i uint32) Schedule {
	return g.Path(0, i, func(uint32) bool { return true }, func(Edge) bool { return true })
}

// Path returns a shortest schedule from state a to state b that stays in
// states accepted by inState and uses edges accepted by useEdge, or nil
// if there is none (an empty, non-nil schedule when a == b).
func (g *Graph) Path(a, b uint32, inState func(uint32) bool, useEdge func(Edge) bool) Schedule {
	if a == b {
		return Schedule{}
	}
	type back struct {
		from   uint32
		thread uint16
	}
	prev := map[uint32]back{a: {from: a}}
	queue := []uint32{a}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, e := range g.Out(u) {
			if _, seen := prev[e.To]; seen || !useEdge(e) || !inState(e.To) {
				continue
			}
			prev[e.To] = back{u, e.Thread}
			if e.To == b {
				var s Schedule
				for v := b; v != a; v = prev[v].from {
					s = append(s, int(prev[v].thread))
				}
				for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
					s[i], s[j] = s[j], s[i]
				}
				return s
			}
			queue = append(queue, e.To)
		}
	}
	return nil
}
