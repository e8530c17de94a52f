package harness

import (
	"math/rand/v2"

	"github.com/interleave/concurrency/harness/sched"
)

// seedStream is the second PCG word: fixed, so a seed alone fixes a run.
const seedStream = 0x696e7465726c6561 // "interlea"

func (e *explorer) randomChooser() sched.Chooser {
	return sched.NewRandom(rand.New(rand.NewPCG(uint64(e.o.Seed), seedStream)))
}

// walkLimit bounds the steps of one sampled execution.
func (e *explorer) walkLimit() int {
	if e.o.Depth > 0 {
		return e.o.Depth
	}
	return DefaultWalk
}

// sample runs executions from the initial state, each step chosen by c,
// until one fails (unless KeepGoing) or the runs are spent. States counts
// the distinct states visited; every state is checked when first visited.
func (e *explorer) sample(c sched.Chooser) error {
	for run := range e.o.Runs {
		if e.interrupted() {
			return nil
		}
		c.Start(run)
		stop, err := e.walk(c)
		e.res.Executions++
		if stop || err != nil {
			return err
		}
	}
	e.res.Bound = Bound{BoundRuns, uint64(e.o.Runs)}
	return nil
}

// walk runs one execution chosen by c and reports whether the search
// must stop.
func (e *explorer) walk(c sched.Chooser) (bool, error) {
	s := e.m.Init()
	var path Schedule
	var threads []int // of the enabled steps, what c chooses among
	for step := 0; ; step++ {
		e.res.MaxDepth = max(e.res.MaxDepth, step)
		e.steps = e.steps[:0]
		enabled := e.successors(s)
		_, added, stop, err := e.add(s)
		if stop || err != nil {
			return true, err
		}
		if added {
			if kinds, msgs := e.inspect(s, len(enabled) == 0); len(kinds) > 0 {
				if stop, err := e.report(kinds, msgs, func() Schedule { return append(Schedule(nil), path...) }); stop {
					return true, err
				}
			}
		}
		if len(enabled) == 0 || step == e.walkLimit() {
			return false, nil
		}
		threads = threads[:0]
		for _, st := range enabled {
			threads = append(threads, st.Thread)
		}
		st := enabled[sched.Pick(c, threads, step)]
		path = append(path, st.Thread)
		e.res.Transitions++
		s = e.m.Apply(s, st)
	}
}
