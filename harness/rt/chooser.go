package rt

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/interleave/concurrency/harness/trace"
)

// Chooser is the one source of scheduling decisions: at every point where
// more than one transition is possible (n > 1), Choose(n) picks one of
// them (0 ≤ result < n; other values are reduced modulo n). The
// transitions are ordered: the goroutine that ran last first, then the
// others by id (a select offers one transition per ready case). Random,
// replay and fuzzing differ only in where the choices come from.
type Chooser interface {
	Choose(n int) int
}

// picker is the internal form of a strategy: it sees the transitions
// (ordered: the running goroutine first, then by id) and returns an index,
// or -1 to abandon the execution. next prepares the following execution
// and reports whether there is one.
type picker interface {
	pick(ex *exec, trs []trans) int
	next() bool
}

func newPicker(c *config) picker {
	switch {
	case c.replaySet:
		return &replayer{s: c.replay}
	case c.chooser != nil:
		return chooserPicker{c.chooser}
	case c.strategy == Random:
		return randomPicker{rand.New(rand.NewPCG(c.seed, c.streamOf(0x5eed)))}
	case c.strategy == PCT:
		return newPCT(c)
	}
	return newDFS(c)
}

type chooserPicker struct{ c Chooser }

func (p chooserPicker) pick(_ *exec, trs []trans) int {
	if len(trs) == 1 {
		return 0
	}
	i := p.c.Choose(len(trs)) % len(trs)
	if i < 0 {
		i += len(trs)
	}
	return i
}

func (chooserPicker) next() bool { return true }

type randomPicker struct{ r *rand.Rand }

func (p randomPicker) pick(_ *exec, trs []trans) int { return p.r.IntN(len(trs)) }
func (randomPicker) next() bool                      { return true }

// pct is probabilistic concurrency testing (Burckhardt et al.): the
// highest-priority enabled goroutine runs; at depth-1 random steps the
// running goroutine drops to the lowest priorities.
type pct struct {
	r       *rand.Rand
	depth   int
	k       int // estimated execution length
	prio    []int
	changes []int
	step    int
	low     int
}

func newPCT(c *config) *pct {
	p := &pct{r: rand.New(rand.NewPCG(c.seed, c.streamOf(0x9c7))), depth: c.pctDepth, k: 16}
	p.reset()
	return p
}

func (p *pct) reset() {
	p.prio, p.step, p.low = p.prio[:0], 0, 0
	p.changes = p.changes[:0]
	for range p.depth - 1 {
		p.changes = append(p.changes, 1+p.r.IntN(p.k))
	}
}

func (p *pct) pick(_ *exec, trs []trans) int {
	p.step++
	for _, t := range trs {
		for len(p.prio) <= slot(t.gid) {
			p.prio = append(p.prio, p.depth+p.r.IntN(1<<20))
		}
	}
	best := p.best(trs)
	if slices.Contains(p.changes, p.step) {
		p.low--
		p.prio[slot(trs[best].gid)] = p.low
		best = p.best(trs)
	}
	n := 0
	for _, t := range trs {
		if t.g == trs[best].g {
			n++
		}
	}
	return best + p.r.IntN(n)
}

// best returns the first transition of the highest-priority goroutine
// (a goroutine's transitions are adjacent).
func (p *pct) best(trs []trans) int {
	b := 0
	for i, t := range trs {
		if p.prio[slot(t.gid)] > p.prio[slot(trs[b].gid)] {
			b = i
		}
	}
	return b
}

func (p *pct) next() bool {
	p.k = max(p.k, p.step)
	p.reset()
	return true
}

// replayer follows a recorded schedule. Where the schedule stops fitting
// (the code changed since it was recorded) it notes where and goes on
// with default choices (the goroutine that ran last keeps running), so a
// replay on changed code still shows what that code does.
type replayer struct {
	s        trace.Schedule
	pos      int
	diverged string // where the schedule stopped fitting, "" while it fits
}

func (r *replayer) pick(ex *exec, trs []trans) int {
	if r.diverged != "" {
		return 0
	}
	if r.pos >= len(r.s) {
		return r.diverge(ex, fmt.Sprintf("the schedule ended after %d entries (runnable: %s)", len(r.s), names(trs)))
	}
	g := r.s[r.pos]
	r.pos++
	idx := transOf(trs, g)
	if len(idx) == 0 {
		return r.diverge(ex, fmt.Sprintf("%s is not runnable (runnable: %s)", threadName(g), names(trs)))
	}
	if len(idx) == 1 {
		return idx[0]
	}
	if r.pos >= len(r.s) || r.s[r.pos] >= len(idx) {
		return idx[r.diverge(ex, fmt.Sprintf("the schedule does not name one of the %d ready select cases of %s", len(idx), threadName(g)))]
	}
	r.pos++
	return idx[r.s[r.pos-1]]
}

// diverge notes that the schedule stopped fitting at the step being
// chosen and returns the default choice.
func (r *replayer) diverge(ex *exec, why string) int {
	r.diverged = fmt.Sprintf("the schedule diverged at step %d: %s; continued with default choices", ex.steps+1, why)
	return 0
}

// finish notes entries left over when the execution ended.
func (r *replayer) finish(ex *exec) {
	if r.diverged == "" && r.pos < len(r.s) {
		r.diverged = fmt.Sprintf("the schedule diverged: the execution ended after step %d with %d of %d entries unused", ex.steps, len(r.s)-r.pos, len(r.s))
	}
}

func (r *replayer) next() bool { return false }

// transOf returns the indices of goroutine g's transitions in trs.
func transOf(trs []trans, g int) []int {
	var idx []int
	for i, t := range trs {
		if t.gid == g {
			idx = append(idx, i)
		}
	}
	return idx
}

func names(trs []trans) string {
	var s []byte
	for i, t := range trs {
		if i > 0 && t.g == trs[i-1].g {
			continue
		}
		if len(s) > 0 {
			s = append(s, ' ')
		}
		s = append(s, gname(t.g)...)
	}
	if len(s) == 0 {
		return "none"
	}
	return string(s)
}
