package rt

import (
	"fmt"
	"sync"
	"time"
)

// checkMu serialises explorations: one execution at a time per process.
var checkMu sync.Mutex

// Report is the outcome of an exploration.
type Report struct {
	// Executions is the number of executions run (including pruned ones).
	Executions int
	// Pruned counts executions cut short because every way on was
	// redundant (sleep sets) or beyond the preemption bound.
	Pruned int
	// Exhausted is true when DFS explored every schedule within the
	// preemption bound: no bug there. False means bounded (unknown).
	Exhausted bool
	// PreemptionBound is the bound DFS explored with (-1: unbounded).
	PreemptionBound int
	// Strategy and Reduction are what explored; Replayed is set when one
	// recorded schedule was run, Chooser when a Chooser made the choices.
	Strategy  Strategy
	Reduction Reduction
	Replayed  bool
	Chooser   bool
	// MaxExecutions is the budget the exploration had.
	MaxExecutions int
	// OutOfTime is set when the time budget (WithTimeBudget) stopped the
	// exploration with schedules left.
	OutOfTime bool
	// Diverged says where a replayed schedule stopped fitting the code
	// ("" if it fit): the rest of the execution took default choices.
	Diverged string
	// Seed and PCTDepth are those of the Random and PCT strategies.
	Seed     uint64
	PCTDepth int
	// Guarantee is, after PCT executions without a failure, PCT's lower
	// bound on the probability that they would have found a bug of depth
	// PCTDepth (sched.Guarantee over the most goroutines and the longest
	// execution seen); 0 for other strategies.
	Guarantee float64
	// Frontier is, when DFS stopped at MaxExecutions, the number of
	// choices it had still to try on its current path (a lower bound of
	// what was left unexplored); 0 otherwise.
	Frontier int
	// Failure is the first failure found, or nil.
	Failure *Failure
	// Skipped is the message of a T.Skip that ended the exploration.
	Skipped string
	// Shard is set when the exploration was one shard of several
	// (WithShard): what part it explored.
	Shard *ShardReport
}

// String summarises the report; with a failure, it is the full report.
// It says what was explored and what cut the search, and claims "ok" for
// the whole space only when DFS exhausted it.
func (r Report) String() string {
	if r.Failure != nil {
		return fmt.Sprintf("execution %d failed (%s): %s", r.Executions, r.Method(), r.Failure)
	}
	if r.Skipped != "" {
		return fmt.Sprintf("execution %d skipped the test: %s", r.Executions, r.Skipped)
	}
	return fmt.Sprintf("%d executions (%d pruned; %s), %s%s", r.Executions, r.Pruned, r.Method(), r.verdict(), r.Shard)
}

// Method says how the executions were chosen, with the bound or seed
// that makes them reproducible: "dfs+dpor, preemption bound 2", "random
// seed 7", "pct depth 3 seed 7", "replay" or "chooser".
func (r Report) Method() string {
	switch {
	case r.Replayed && r.Diverged != "":
		return "replay; " + r.Diverged
	case r.Replayed:
		return "replay"
	case r.Chooser:
		return "chooser"
	case r.Strategy == Random:
		return fmt.Sprintf("random seed %d", r.Seed)
	case r.Strategy == PCT:
		return fmt.Sprintf("pct depth %d seed %d", r.PCTDepth, r.Seed)
	}
	bound := "no preemption bound"
	if r.PreemptionBound >= 0 {
		bound = fmt.Sprintf("preemption bound %d", r.PreemptionBound)
	}
	if r.Reduction == NoReduction {
		return "dfs, " + bound
	}
	return fmt.Sprintf("dfs+%s, %s", r.Reduction, bound)
}

func (r Report) verdict() string {
	switch {
	case r.Replayed:
		return "ok: the replayed schedule passed (one execution; nothing else explored)"
	case r.Chooser:
		return fmt.Sprintf("bounded: no failure in the %d executions the Chooser drove; other schedules were not explored", r.Executions)
	case r.Strategy == PCT && r.Guarantee > 0:
		return fmt.Sprintf("bounded: no failure in %d %s executions (seeded sampling never proves that no schedule fails; a bug of depth %d would have been found with probability >= %.3g)", r.Executions, r.Strategy, r.PCTDepth, r.Guarantee)
	case r.Strategy != DFS:
		return fmt.Sprintf("bounded: no failure in %d %s executions (seeded sampling never proves that no schedule fails)", r.Executions, r.Strategy)
	case !r.Exhausted && r.OutOfTime:
		return fmt.Sprintf("bounded: the time budget (WithTimeBudget) ran out after %d executions, before every schedule was explored", r.Executions)
	case !r.Exhausted:
		return fmt.Sprintf("bounded: the budget of %d executions (WithMaxExecutions) ran out before every schedule was explored", r.MaxExecutions)
	}
	what := "every schedule"
	if r.PreemptionBound >= 0 {
		what = fmt.Sprintf("every schedule with at most %d preemptions (WithPreemptionBound; deeper ones unexplored)", r.PreemptionBound)
	}
	switch r.Reduction {
	case DPOR, SleepSets:
		what += fmt.Sprintf(", one per order of dependent steps (%s)", r.Reduction)
	}
	return "ok: " + what
}

// Explore runs body under the scheduling choices of opts until a failure,
// the end of the space or the execution limit, without a testing.TB: the
// Report says what was found. The error is for bad options, a replay
// schedule that does not fit, or a nondeterministic body.
func Explore(body func(*T), opts ...Option) (Report, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return Report{}, err
	}
	return explore("", body, cfg)
}

func explore(name string, body func(*T), cfg *config) (rep Report, err error) {
	if err := raceSetupError(); err != nil {
		return Report{}, err
	}
	checkMu.Lock()
	defer checkMu.Unlock()
	r := newRunner(cfg)
	defer r.stop()
	p := newPicker(cfg)
	d, _ := p.(*dfs)
	if d != nil && cfg.shard.On() {
		if d.sh, err = r.newDShard(name, body, cfg); err != nil {
			return Report{}, err
		}
	}
	rep = Report{PreemptionBound: cfg.bound, Strategy: cfg.strategy, Reduction: cfg.reduction,
		Replayed: cfg.replaySet, Chooser: cfg.chooser != nil && !cfg.replaySet, MaxExecutions: cfg.maxExec,
		Seed: cfg.seed, PCTDepth: cfg.pctDepth}
	cfg.progress.begin()
	start := time.Now()
	if cfg.shard.On() {
		defer func() { rep.Shard = shardReportOf(cfg, d) }()
	}
	for {
		ex := r.run(name, body, p, false)
		if d != nil && d.sh != nil && d.sh.skip && ex.err == nil {
			if !p.next() { // another shard's prefix: not this shard's execution
				rep.Exhausted = true
				return rep, d.sh.finished()
			}
			continue
		}
		rep.Executions++
		if rp, ok := p.(*replayer); ok {
			rep.Diverged = rp.diverged
		}
		if ex.err == errNondeterministic {
			if h := r.explainNondeterminism(name, body, ex.sched); h != "" {
				ex.err = fmt.Errorf("%w: %s", ex.err, h)
			}
		}
		if ex.err != nil {
			return rep, ex.err
		}
		if ex.pruned {
			rep.Pruned++
		}
		if cfg.onEnd != nil {
			kind := Kind("")
			if ex.failure != nil {
				kind = ex.failure.Kind
			}
			cfg.onEnd(kind, ex.pruned)
		} else if ex.failure != nil {
			rep.Failure = r.report(name, body, ex)
			rep.finishPage(name)
			return rep, r.carried
		}
		if ex.t.skipped && ex.failure == nil {
			rep.Skipped = ex.t.skipMsg
			return rep, nil
		}
		more := p.next()
		rep.OutOfTime = more && cfg.timeBudget > 0 && time.Since(start) >= cfg.timeBudget
		if !more || rep.Executions >= cfg.maxExec || rep.OutOfTime {
			rep.Exhausted = !more && !cfg.replaySet
			rep.Failure = r.lateMisuse(ex)
			rep.Guarantee = pctGuarantee(p, cfg, rep.Executions)
			rep.finishPage(name)
			if d != nil && more {
				rep.Frontier = d.frontier()
			}
			if d != nil && d.sh != nil && !more {
				return rep, d.sh.finished()
			}
			return rep, nil
		}
		cfg.progress.update(rep.Executions, p, cfg)
	}
}
