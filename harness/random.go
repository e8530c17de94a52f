package harness

import (
	"math/rand/v2"
)

// Chooser is the one source of scheduling decisions of a sampled
// execution: Choose picks one of the enabled steps (given in thread
// order) at the given step number of the run.
type Chooser interface {
	// Start begins run number run.
	Start(run int)
	// Choose returns an index into enabled.
	Choose(enabled []Step, step int) int
}

// seedStream is the second PCG word: fixed, so a seed alone fixes a run.
const seedStream = 0x696e7465726c6561 // "interlea"

type randomChooser struct{ rng *rand.Rand }

func (e *explorer) randomChooser() Chooser {
	return &randomChooser{rng: rand.New(rand.NewPCG(uint64(e.o.Seed), seedStream))}
}

func (c *randomChooser) Start(int) {}

func (c *randomChooser) Choose(enabled []Step, _ int) int { return c.rng.IntN(len(enabled)) }

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
func (e *explorer) sample(c Chooser) error {
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
func (e *explorer) walk(c Chooser) (bool, error) {
	s := e.m.Init()
	var path Schedule
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
		st := enabled[c.Choose(enabled, step)]
		path = append(path, st.Thread)
		e.res.Transitions++
		s = e.m.Apply(s, st)
	}
}
