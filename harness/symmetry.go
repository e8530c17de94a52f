package harness

import "fmt"

// Symmetry reduction (Options.Symmetry) explores one state per orbit of
// the model's symmetry group, in the manner of Murphi's scalarsets and
// SPIN's symmetry option (Ip and Dill 1996; Emerson and Sistla 1996): a
// model whose threads run the same program can have its states permuted
// by renaming the threads, and a permuted state behaves like the original
// with the threads renamed. The model maps every state to a canonical
// representative of its orbit (Symmetric); the engine stores and expands
// canonical states only, so it searches the quotient graph, in which a
// state with k interchangeable threads stands for up to k! states.
//
// The engine knows nothing about permutations. What it relies on is the
// contract harnesstest.CheckSymmetry tests: for every reachable state s,
// the states canonical(s) and s have the same canonical successors (as a
// multiset) and the same verdicts (deadlock and every check). Then every reachable
// state has its canonical form reached by the quotient search, and every
// canonical state reached is the canonical form of a reachable state with
// the same verdict, so the same kinds of violation are found.
//
// Schedules stay concrete. The search records, for every state, the
// threads that lead to it through canonical states; a reported schedule
// is rebuilt from the initial state by taking, at each step, the lowest
// thread whose successor has the canonical form of the next state on the
// recorded path (by the contract one exists). Reports, traces and replay
// lines are then computed on that concrete execution, and replaying it
// needs no symmetry.
//
// Symmetry combines with breadth- and depth-first search, depth bounds,
// hash compaction and parallel workers. With partial-order reduction it
// keeps persistent sets, merging and the cycle proviso but drops sleep
// sets, whose thread numbers canonicalisation renames. A persistent set
// is computed on the canonical state, itself a state of the model, so
// the usual arguments carry over: a path to a terminal state from a
// stored state starts, after commuting, with a persistent step, and the
// rest of it, permuted, leads on from the canonical successor; for
// invariants, the proviso (a reduced state's persistent successors are
// all new) numbers the states along reduced steps in increasing order, so
// a step is postponed at most as many times as there are stored states.
// TestSymmetrySound checks the combination on random models (and fails
// if the proviso is dropped under symmetry). Symmetry is not applied to
// liveness (graph) checks, whose lassos must close on concrete states,
// to preemption bounding, which counts switches between named threads, or
// to the sampling strategies.

// symmetryPlan decides whether symmetry reduction applies to this search
// and returns the canonicaliser (nil if it does not) and the status for
// Result.Symmetry: the zero Applied when it was not asked for and the
// model declares none, off, on, or off with the reason.
func (e *explorer) symmetryPlan() (Symmetric, Applied) {
	sym, declared := e.m.(Symmetric)
	switch {
	case !e.o.Symmetry && !declared:
		return nil, Applied{}
	case !e.o.Symmetry:
		return nil, Applied{Off: true}
	case !declared:
		return nil, offFor(fmt.Sprintf("model %s declares no symmetry (harness.Symmetric)", e.m.Name()))
	case e.o.Strategy == Random || e.o.Strategy == PCT:
		return nil, offFor(e.o.Strategy.String() + " search samples executions")
	case e.o.ContextBound:
		return nil, offFor("preemption bounding counts switches between named threads")
	case e.graph != nil:
		return nil, e.graphReason("lassos over concrete states", "concrete states")
	}
	return sym, Applied{On: true}
}

// canon returns the canonical form of s, built in e.cbuf: it stays valid
// only until the next call. Without symmetry it returns s.
func (e *explorer) canon(s State) State {
	if e.sym == nil {
		return s
	}
	e.cbuf = e.sym.Canonical(e.cbuf[:0], s)
	return e.cbuf
}

// canonNew returns the canonical form of s in memory of its own; without
// symmetry it returns s.
func (e *explorer) canonNew(s State) State {
	if e.sym == nil {
		return s
	}
	return e.sym.Canonical(nil, s)
}

// initial returns the state the search starts from: the canonical form
// of the model's initial state.
func (e *explorer) initial() State { return e.canonNew(e.m.Init()) }

// concrete turns a schedule recorded by a symmetry-reduced search (each
// step taken from the canonical form of the state before it) into a
// schedule of the model, which reaches a state with the same canonical
// form. Without symmetry it returns q.
func (e *explorer) concrete(q Schedule) (Schedule, error) {
	if e.sym == nil {
		return q, nil
	}
	m := e.m
	s := m.Init()
	c := e.canonNew(s)
	out := make(Schedule, 0, len(q))
	for i, th := range q {
		st, ok := m.Enabled(c, th)
		if !ok {
			return nil, fmt.Errorf("internal: symmetry: step %d of the recorded path (thread %d) cannot be taken", i+1, th)
		}
		st.Thread = th
		next := e.canonNew(m.Apply(c, st))
		u, ns := e.matching(s, next)
		if u < 0 {
			return nil, fmt.Errorf("symmetry contract broken: in %s no step leads to a state with the canonical form of %s, which the canonical form %s reaches (harnesstest.CheckSymmetry finds such breaches)",
				describe(m, s), describe(m, next), describe(m, c))
		}
		out = append(out, u)
		s, c = ns, next
	}
	return out, nil
}

// matching returns the lowest thread whose step from s leads to a state
// with canonical form target, and that state; -1 if there is none.
func (e *explorer) matching(s, target State) (int, State) {
	for st := range EnabledSteps(e.m, s) {
		ns := e.m.Apply(s, st)
		if string(e.sym.Canonical(nil, ns)) == string(target) {
			return st.Thread, ns
		}
	}
	return -1, nil
}

// describe names s in an error message, in the model's words if it has
// them.
func describe(m Model, s State) string {
	if d, ok := m.(Describer); ok {
		return fmt.Sprintf("state %q", d.Describe(s))
	}
	return fmt.Sprintf("state %v", []byte(s))
}
