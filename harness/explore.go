package harness

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/interleave/concurrency/harness/internal/store"
	"github.com/interleave/concurrency/harness/sched"
)

// Strategy is the order in which Explore visits states (package sched
// holds the one list both explorers share).
type Strategy = sched.Strategy

// The search strategies.
const (
	// BFS explores level by level, so the first violation found has a
	// shortest schedule.
	BFS = sched.BFS
	// DFS follows one execution to its end before backtracking: less
	// memory for the frontier and often a faster first hit.
	DFS = sched.DFS
	// Random samples Options.Runs seeded random executions (random.go).
	Random = sched.Random
	// PCT samples executions with probabilistic concurrency testing
	// (pct.go): random thread priorities and Options.BugDepth-1 priority
	// change points.
	PCT = sched.PCT
)

// DeadlockKind is the violation kind of a reachable state in which no
// thread can step and not every thread has finished.
const DeadlockKind = string(sched.KindDeadlock)

// Options bound and steer one exploration. The zero value explores the
// whole reachable space breadth-first and stops at the first violation.
type Options struct {
	Strategy Strategy
	// Depth bounds the steps of one execution; 0 means unbounded.
	Depth int
	// MaxStates bounds the distinct states stored; 0 means unbounded.
	MaxStates int
	// KeepGoing explores the whole space instead of stopping at the first
	// violation: it keeps the first violation of each kind and counts the
	// violating states of each kind in Stats.Violating.
	KeepGoing bool
	// POR turns on partial-order reduction where it is sound (por.go);
	// Result.Reduction says whether it was applied. The zero value explores
	// every interleaving and reproduces shared/oracles exactly.
	POR bool
	// Symmetry explores one state per orbit under permutations of
	// interchangeable threads, for models that implement Symmetric
	// (symmetry.go); Result.Symmetry says whether it was applied. Every
	// check must give the same verdict on all states of an orbit
	// (harnesstest.CheckSymmetry tests it). Counts are then of canonical states;
	// reported schedules are concrete executions of the model.
	Symmetry bool
	// ContextBound bounds preemptions to Preemptions (preempt.go); with 0
	// the search is cooperative scheduling.
	ContextBound bool
	Preemptions  int
	// Runs, Seed and BugDepth steer the random and PCT strategies: Runs
	// executions (0 for DefaultRuns) drawn from Seed, and PCT's bug depth
	// (0 for sched.DefaultBugDepth).
	Runs     int
	Seed     int64
	BugDepth int
	// Compact stores a 64-bit fingerprint per state instead of the state
	// (hash compaction; FingerprintBits says how many bits, of which 56
	// are stored and the rest implied by where they are stored): far less
	// memory, at a small probability, reported in Stats.MissProbability,
	// that a state collides with another and is missed. Graph checks and
	// depth-bounded depth-first search need the exact store.
	Compact bool
	// Workers is the number of goroutines expanding states; 0 and 1 mean
	// one. Breadth-first search without reduction (POR false) and without
	// graph checks uses them all and returns exactly what one worker
	// returns; other searches use one.
	Workers int
	// MaxMemory stops the search, with a partial result bounded by
	// "max-memory", once the memory it holds passes this many bytes; 0
	// means no limit.
	MaxMemory uint64
	// Progress, if set, is called from the search about once a second
	// with the figures so far.
	Progress func(Progress)
	// Graph records every edge the search fires and returns the explored
	// graph in Result.Graph, also when the search stops early (dot.go
	// draws it). Like graph checks it needs the exact store and a
	// breadth- or depth-first search on one worker, and turns reduction
	// off: the graph has every interleaving of the explored states.
	Graph bool
	// Shard makes the search one shard of several (shard.go): a
	// breadth-first search that expands, at the split level, only the
	// states this shard owns.
	Shard Sharding
}

// Stats are the figures of one exploration.
type Stats struct {
	States      int // distinct states reached
	Transitions int // steps fired: the edges of the explored graph
	MaxDepth    int // the longest execution explored, in steps
	Elapsed     time.Duration
	StoreBytes  int // memory held by the visited set
	// Merged counts the visits partial-order reduction made to states it
	// passed through without storing (a single-step persistent set): they
	// are checked like stored states but not counted in States.
	Merged int
	// MissProbability bounds, under Options.Compact, the probability that
	// a state was missed because its fingerprint collided with another
	// state's; 0 for the exact store.
	MissProbability float64
	// Violating counts violating states by kind; it covers the whole space
	// only with Options.KeepGoing.
	Violating map[string]int
}

// Violation is a property that fails in a reachable state, with the
// execution that reaches it.
type Violation struct {
	Kind     string // DeadlockKind or the failing Check's name
	Message  string // what is wrong in the final state
	Schedule Schedule
	// Cycle is, for a lasso (a liveness violation), the number of steps at
	// the end of Schedule that repeat forever; 0 otherwise.
	Cycle int
	// Found is the length of the schedule as the search found it, when
	// Minimize shortened it to Schedule; 0 otherwise.
	Found int
	Trace Trace
	// Detail holds kind-specific analysis: *Deadlock for deadlocks.
	Detail any
}

// Result is the outcome of Explore.
type Result struct {
	Stats
	Violations []Violation
	// Complete is true when every reachable state was explored; a search
	// cut by a bound (Bound says which) proves nothing beyond it.
	Complete bool
	Bound    Bound
	// Reduction is on, off, or off with the reason when Options.POR asked
	// for partial-order reduction that does not apply to this search.
	Reduction Applied
	// Symmetry is on, off, or off with the reason when Options.Symmetry
	// asked for symmetry reduction that does not apply to this search; the
	// zero Applied when it was not asked for and the model declares no
	// symmetry.
	Symmetry Applied
	// Executions counts the executions of sampling and preemption-bounded
	// searches; PerBound has the figures of each preemption bound.
	Executions int
	PerBound   []BoundStats
	// Guarantee is PCT's probability that one run finds a bug of the
	// given depth; Notes are lines of strategy-specific figures.
	Guarantee float64
	Notes     []string
	// Graph is the explored graph when Options.Graph asked for it.
	Graph *Graph
	// Shard says what part a sharded search explored.
	Shard *ShardResult
}

// Verdict is Violated, OK (complete search, nothing found) or Bounded
// (nothing found, but the search did not cover every state).
func (r Result) Verdict() Verdict {
	switch {
	case len(r.Violations) > 0:
		return Violated
	case r.Complete:
		return OK
	}
	return Bounded
}

// Explore enumerates the reachable states of m under o, reporting
// deadlocks and violations of checks. Cancelling ctx (or its deadline)
// stops the search with a bounded result, not an error; errors are reserved
// for options it refuses (an *OptionError, as CheckOptions returns it) and
// failures of the engine or the model.
func Explore(ctx context.Context, m Model, o Options, checks ...Check) (Result, error) {
	o, err := plan(o, checks)
	if err != nil {
		return Result{}, err
	}
	e := &explorer{ctx: ctx, m: m, o: o, checks: checks,
		res: Result{Stats: Stats{Violating: map[string]int{}}}}
	for _, c := range checks {
		if _, ok := c.(GraphCheck); ok {
			e.graph, e.liveness = &graphRecorder{}, true
		}
	}
	if o.Graph {
		e.graph = &graphRecorder{}
	}
	e.setUp()
	start := time.Now()
	err = e.run()
	e.res.States = e.set.Len()
	e.res.StoreBytes = e.set.Bytes()
	e.res.MissProbability = e.missProbability()
	e.res.Complete = err == nil && !e.stopped && e.res.Bound == (Bound{})
	if err == nil {
		err = e.inspectGraph()
	}
	if err == nil && o.Graph {
		e.res.Graph = e.built()
	}
	e.res.Elapsed = time.Since(start)
	return e.res, err
}

type explorer struct {
	ctx     context.Context
	m       Model
	o       Options
	checks  []Check
	sym     Symmetric    // the canonicaliser; nil without symmetry reduction
	seen    *store.Exact // the exact store; nil under Options.Compact
	set     visited      // seen, or the fingerprint set
	res     Result
	stopped bool // a violation ended the search early
	steps   []Step
	ticks   int
	graph   *graphRecorder // nil unless a GraphCheck or Options.Graph needs the edges
	g       *Graph         // the graph built from graph, once
	// liveness is set when a GraphCheck is among the checks, for the
	// reasons reductions give when they are off.
	liveness bool
	fast
	mon monitor // progress.go
}

// edge records a fired step for graph checks.
func (e *explorer) edge(from, to uint32, st Step) {
	if e.graph != nil {
		e.graph.add(from, to, st)
	}
}

// inspectGraph runs the graph checks on a completely explored space.
func (e *explorer) inspectGraph() error {
	if !e.liveness || !e.res.Complete {
		return nil
	}
	g := e.built()
	for _, c := range e.checks {
		gc, ok := c.(GraphCheck)
		if !ok {
			continue
		}
		for _, v := range gc.InspectGraph(g) {
			if e.res.Violating[v.Kind]++; e.res.Violating[v.Kind] > 1 {
				continue
			}
			tr, err := Replay(e.m, v.Schedule)
			if err != nil {
				return fmt.Errorf("internal: %s lasso does not replay: %w", v.Kind, err)
			}
			if v.Cycle > 0 && string(tr.States[len(tr.States)-1-v.Cycle]) != string(tr.Final()) {
				return fmt.Errorf("internal: %s cycle does not return to its first state", v.Kind)
			}
			v.Trace = tr
			e.res.Violations = append(e.res.Violations, v)
		}
	}
	return nil
}

// built builds the graph from the recorded edges the first time it is
// asked for.
func (e *explorer) built() *Graph {
	if e.g == nil {
		e.g = e.graph.build(e.m, e.seen)
	}
	return e.g
}

// graphReason says why a reduction is off when the edges are recorded,
// for liveness checks or for the exported graph (Options.Graph).
func (e *explorer) graphReason(liveness, graph string) Applied {
	if e.liveness {
		return offFor("liveness (graph) checks need " + liveness)
	}
	return offFor("the exported state graph has " + graph)
}

// successors appends the enabled steps of s to e.steps and returns them.
func (e *explorer) successors(s State) []Step {
	lo := len(e.steps)
	for st := range EnabledSteps(e.m, s) {
		e.steps = append(e.steps, st)
	}
	return e.steps[lo:]
}

// inspect runs the deadlock test and the checks on s.
func (e *explorer) inspect(s State, terminal bool) (kinds, msgs []string) {
	return inspectState(e.m, e.checks, s, terminal)
}

// inspectState returns the kinds and messages of what fails in s: a
// deadlock if s is terminal with unfinished threads, and failing checks.
func inspectState(m Model, checks []Check, s State, terminal bool) (kinds, msgs []string) {
	if terminal {
		var waiting []string
		for th := range m.Threads(s) {
			if !finished(m, s, th) {
				waiting = append(waiting, ThreadName(m, th))
			}
		}
		if len(waiting) > 0 {
			kinds = append(kinds, DeadlockKind)
			msgs = append(msgs, fmt.Sprintf("no thread can step, and %s not finished", listOf(waiting)))
		}
	}
	for _, c := range checks {
		if err := c.Inspect(m, s, terminal); err != nil {
			kinds = append(kinds, c.Name())
			msgs = append(msgs, err.Error())
		}
	}
	return kinds, msgs
}

// Judge returns the violations in the final state of tr, as Explore would
// report them had it reached that state: a deadlock and failing checks.
// Replaying a reported schedule and judging it reproduces the violation.
func Judge(m Model, tr Trace, checks ...Check) []Violation {
	s := tr.Final()
	kinds, msgs := inspectState(m, checks, s, terminal(m, s))
	var vs []Violation
	for i, kind := range kinds {
		v := Violation{Kind: kind, Message: msgs[i], Schedule: tr.Schedule(), Trace: tr}
		if kind == DeadlockKind {
			v.Detail = AnalyzeDeadlock(m, tr)
		}
		vs = append(vs, v)
	}
	return vs
}

func listOf(names []string) string {
	if len(names) == 1 {
		return names[0] + " has"
	}
	return strings.Join(names, ", ") + " have"
}

// report records the violations found in a state; schedule rebuilds the
// execution reaching it only when it is needed. It returns true when the
// search must stop.
func (e *explorer) report(kinds, msgs []string, schedule func() Schedule) (bool, error) {
	for i, kind := range kinds {
		e.res.Violating[kind]++
		if e.res.Violating[kind] > 1 {
			continue
		}
		s, err := e.concrete(schedule())
		if err != nil {
			return true, err
		}
		v, err := e.violation(kind, msgs[i], s)
		if err != nil {
			return true, err
		}
		e.res.Violations = append(e.res.Violations, v)
	}
	if len(kinds) > 0 && !e.o.KeepGoing {
		e.stopped = true
		return true, nil
	}
	return false, nil
}

func (e *explorer) violation(kind, msg string, s Schedule) (Violation, error) {
	tr, err := Replay(e.m, s)
	if err != nil {
		return Violation{}, fmt.Errorf("internal: the model is not deterministic: the schedule of a %s does not replay: %w", kind, err)
	}
	for _, v := range Judge(e.m, tr, e.checks...) {
		if v.Kind == kind {
			return v, nil
		}
	}
	if e.sym != nil {
		return Violation{}, fmt.Errorf("symmetry contract broken: the %s (%s) found in a canonical state is not judged in the state its schedule reaches: a check is not invariant under thread permutations (harnesstest.CheckSymmetry finds such breaches)", kind, msg)
	}
	return Violation{}, fmt.Errorf("internal: the model is not deterministic: the %s (%s) is gone when its schedule is replayed", kind, msg)
}

// interrupted polls the context every few thousand states.
func (e *explorer) interrupted() bool {
	e.ticks++
	if e.ticks&checkEvery != 0 {
		return false
	}
	return e.checkpoint() // progress.go: context, memory limit, progress
}

// add stores s unless the state budget is spent; stop reports that the
// budget ran out on a new state.
func (e *explorer) add(s State) (id uint32, added, stop bool, err error) {
	if e.o.MaxStates > 0 && e.set.Len() >= e.o.MaxStates {
		if id, ok := e.set.Find(s); ok {
			return id, false, false, nil
		}
		e.res.Bound = Bound{BoundMaxStates, uint64(e.o.MaxStates)}
		return 0, false, true, nil
	}
	id, added, err = e.set.Add(s)
	return id, added, false, err
}

func (e *explorer) cutByDepth() {
	if e.res.Bound == (Bound{}) {
		e.res.Bound = Bound{BoundDepth, uint64(e.o.Depth)}
	}
}
