package harness

import (
	"github.com/interleave/concurrency/harness/internal/store"
)

// Limits of the sampling strategies.
const (
	// DefaultRuns is the number of executions random and PCT search run
	// when Options.Runs is 0.
	DefaultRuns = 100
	// DefaultWalk bounds the steps of one random or PCT execution when
	// Options.Depth is 0: models whose threads loop forever never end one.
	DefaultWalk = 1000
	// MaxBugDepth bounds Options.BugDepth.
	MaxBugDepth = 16
	// MaxPreemptions bounds Options.Preemptions.
	MaxPreemptions = 64
)

// BoundStats are the figures of one preemption bound: the executions
// explored with at most Bound preemptions, and the states first reached
// at that bound.
type BoundStats struct {
	Bound      int `json:"bound"`
	Executions int `json:"executions"`
	NewStates  int `json:"new_states"`
}

// run picks the search for the options, runs it and shortens the
// schedules of the violations found by anything but a plain breadth-first
// search (whose schedules are shortest already) or a preemption-bounded
// one (whose schedules must keep within the bound).
func (e *explorer) run() error {
	e.sym, e.res.Symmetry = e.symmetryPlan()
	r, why := e.porPlan()
	e.res.Reduction = why
	var err error
	switch {
	case e.o.ContextBound:
		err = e.preemptionBounded()
	case e.o.Strategy == Random:
		err = e.sample(e.randomChooser())
	case e.o.Strategy == PCT:
		err = e.pct()
	case r != nil && e.o.Strategy == DFS:
		err = e.reducedDFS(r)
	case r != nil:
		err = e.reducedBFS(r)
	case e.o.Strategy == DFS:
		err = e.dfs()
	default:
		err = e.bfs()
	}
	if err != nil || e.o.ContextBound || (e.o.Strategy == BFS && r == nil) {
		return err
	}
	if f, ok := e.set.(*store.Fingerprints); ok {
		f.Release()
	}
	return e.minimizeAll()
}
