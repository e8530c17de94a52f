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

// searcher is one search order: a value picked from the options by
// searcherFor, which explores with the explorer's model, checks and
// visited set.
type searcher interface {
	search(e *explorer) error
}

// searcherFor is the one place that picks the search for the options:
// r is the partial-order reducer (nil when reduction is off) and graph
// says whether the edges are recorded (parallel workers record none).
func searcherFor(o Options, r *reducer, graph bool) searcher {
	switch {
	case o.ContextBound:
		return preemptionBounded{}
	case o.Strategy == Random || o.Strategy == PCT:
		return sampler{pct: o.Strategy == PCT}
	case r != nil && o.Strategy == DFS:
		return reducedDFS{r: r}
	case r != nil:
		return reducedBFS{r: r}
	case o.Strategy == DFS:
		return depthFirst{}
	case o.Workers > 1 && !graph:
		return parallelBFS{}
	case o.Compact:
		return compactBFS{}
	}
	return breadthFirst{}
}

// run runs the search the options pick and shortens the schedules of the
// violations found by anything but a plain breadth-first search (whose
// schedules are shortest already) or a preemption-bounded one (whose
// schedules must keep within the bound).
func (e *explorer) run() error {
	e.sym, e.res.Symmetry = e.symmetryPlan()
	r, why := e.porPlan()
	e.res.Reduction = why
	err := searcherFor(e.o, r, e.graph != nil).search(e)
	if err != nil || e.o.ContextBound || (e.o.Strategy == BFS && r == nil) {
		return err
	}
	if f, ok := e.set.(*store.Fingerprints); ok {
		f.Release()
	}
	return e.minimizeAll()
}
