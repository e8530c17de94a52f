package harness

import (
	"errors"
	"math"
)

// fast is the explorer's scratch space for the hot loop.
type fast struct {
	appender Appender // nil when the model has no AppendApply
	buf      State    // the successor most recently built by apply
	cbuf     State    // its canonical form, under symmetry reduction
}

// apply returns the successor of s after st, in canonical form under
// symmetry reduction. With an Appender or symmetry it is built in e.buf
// or e.cbuf and stays valid only until the next call: callers copy it
// (the visited set does) if they keep it.
func (e *explorer) apply(s State, st Step) State {
	if e.appender == nil {
		return e.canon(e.m.Apply(s, st))
	}
	e.buf = e.appender.AppendApply(e.buf[:0], s, st)
	return e.canon(e.buf)
}

// applyNew returns the successor of s after st, in canonical form under
// symmetry reduction, in memory of its own.
func (e *explorer) applyNew(s State, st Step) State {
	return e.canonNew(e.m.Apply(s, st))
}

// stepOf returns the step thread th takes in s, which must be enabled.
func stepOf(m Model, s State, th int) Step {
	st, _ := m.Enabled(s, th)
	st.Thread = th
	return st
}

// errCompactGraph, errCompactDraw and errCompactDepth name the
// combinations the fingerprint set cannot serve: all need state numbers
// it does not keep.
var (
	errCompactGraph = errors.New("compact: liveness (graph) checks need every state: drop --compact or the liveness check")
	errCompactDraw  = errors.New("compact: the exported state graph (Options.Graph) needs every state: drop Compact or Graph")
	errCompactDepth = errors.New("compact: a depth-bounded depth-first search needs every state: drop --compact or --depth, or use breadth-first search")
	errWorkers      = errors.New("workers must not be negative")
)

// setUp chooses the visited set and the model's fast paths.
func (e *explorer) setUp() error {
	if e.o.Workers < 0 {
		return errWorkers
	}
	e.appender, _ = e.m.(Appender)
	if !e.o.Compact {
		e.seen = newStore()
		e.set = e.seen
		return nil
	}
	switch {
	case e.liveness:
		return errCompactGraph
	case e.o.Graph:
		return errCompactDraw
	case e.o.Strategy == DFS && e.o.Depth > 0:
		return errCompactDepth
	}
	e.set = newFPSet()
	return nil
}

// missProbability bounds the probability that hash compaction missed a
// state: each of the n(n-1)/2 pairs of states collides with probability
// 2^-FingerprintBits, so the probability of any collision is at most
// n(n-1)/2^(FingerprintBits+1).
func (e *explorer) missProbability() float64 {
	if e.seen != nil {
		return 0
	}
	n := float64(e.set.len())
	return math.Min(1, n*(n-1)/math.Exp2(FingerprintBits+1))
}
