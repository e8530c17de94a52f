package rt

import (
	"fmt"
	"sync"
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
	// Failure is the first failure found, or nil.
	Failure *Failure
}

// String summarises the report; with a failure, it is the full report.
func (r Report) String() string {
	if r.Failure != nil {
		return fmt.Sprintf("execution %d failed: %s", r.Executions, r.Failure)
	}
	verdict := "bounded: the limit was reached before the space was exhausted"
	switch {
	case r.Exhausted && r.PreemptionBound >= 0:
		verdict = fmt.Sprintf("ok: every schedule with at most %d preemptions was explored", r.PreemptionBound)
	case r.Exhausted:
		verdict = "ok: every schedule was explored"
	}
	return fmt.Sprintf("%d executions (%d pruned), %s", r.Executions, r.Pruned, verdict)
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

func explore(name string, body func(*T), cfg *config) (Report, error) {
	checkMu.Lock()
	defer checkMu.Unlock()
	r := newRunner(cfg)
	defer r.stop()
	p := newPicker(cfg)
	rep := Report{PreemptionBound: cfg.bound}
	for {
		ex := r.run(name, body, p, false)
		rep.Executions++
		if ex.err == nil {
			ex.err = replayLeft(p)
		}
		if ex.err != nil {
			return rep, ex.err
		}
		if ex.pruned {
			rep.Pruned++
		}
		if ex.failure != nil {
			rep.Failure = r.report(name, body, ex)
			return rep, nil
		}
		if !p.next() {
			rep.Exhausted = !cfg.replaySet
			return rep, nil
		}
		if rep.Executions >= cfg.maxExec {
			return rep, nil
		}
	}
}

func replayLeft(p picker) error {
	if r, ok := p.(*replayer); ok && r.pos < len(r.s) {
		return fmt.Errorf("rt: replay: the execution ended after %d of %d schedule entries; the schedule does not fit this code", r.pos, len(r.s))
	}
	return nil
}
