package rt

import (
	"fmt"
	"math/rand/v2"

	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/harness/trace"
)

// Chooser is the one source of scheduling decisions (sched.Chooser, the
// model explorer's and the fuzzers' too). Start begins each execution;
// Choose is called at every step, also where one transition is possible,
// with the goroutine id of each possible transition (trace.TimeStep for
// the clock): the goroutine that ran last first, then the others by id,
// one entry per ready case of a select. It returns an index (other values
// are reduced modulo the number of transitions). Random, PCT, replay and
// fuzzing differ only in where the choices come from.
type Chooser = sched.Chooser

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
		return newChooserPicker(c.chooser)
	case c.strategy == Random:
		return newChooserPicker(sched.NewRandom(rand.New(rand.NewPCG(c.seed, c.streamOf(0x5eed)))))
	case c.strategy == PCT:
		return newChooserPicker(sched.NewPCT(rand.New(rand.NewPCG(c.seed, c.streamOf(0x9c7))), c.pctDepth, 0))
	}
	return newDFS(c)
}

// chooserPicker asks a Chooser, one execution after the other.
type chooserPicker struct {
	c       Chooser
	run     int
	threads []int
}

func newChooserPicker(c Chooser) *chooserPicker {
	c.Start(0)
	return &chooserPicker{c: c}
}

func (p *chooserPicker) pick(ex *exec, trs []trans) int {
	p.threads = p.threads[:0]
	for _, t := range trs {
		p.threads = append(p.threads, t.gid)
	}
	return sched.Pick(p.c, p.threads, ex.steps)
}

func (p *chooserPicker) next() bool {
	p.run++
	p.c.Start(p.run)
	return true
}

// pctGuarantee is the probability, at least, that the executions of rt's
// own PCT found a bug of depth cfg.pctDepth; 0 for anything else.
func pctGuarantee(p picker, cfg *config, executions int) float64 {
	cp, ok := p.(*chooserPicker)
	if !ok || cfg.chooser != nil || cfg.strategy != PCT {
		return 0
	}
	return sched.GuaranteeAfter(cp.c.(*sched.PCTChooser).Guarantee(), executions)
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
