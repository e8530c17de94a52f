package harness

import (
	"fmt"
	"math/rand/v2"

	"github.com/interleave/concurrency/harness/sched"
)

// pct samples executions with probabilistic concurrency testing
// (sched.PCTChooser) and notes its guarantee for the longest run.
func (e *explorer) pct() error {
	c := sched.NewPCT(rand.New(rand.NewPCG(uint64(e.o.Seed), seedStream)), e.o.BugDepth, e.m.Threads(e.m.Init()))
	err := e.sample(c)
	p := c.Guarantee()
	e.res.Guarantee = p
	e.res.Notes = append(e.res.Notes, fmt.Sprintf(
		"pct guarantee: a bug of depth %d is found by one run with probability >= 1/(n*k^(d-1)) = %.3g (n=%d threads, k=%d steps, the longest run), by %d runs with >= %.3g",
		e.o.BugDepth, p, max(c.Threads(), 1), max(c.K(), 1), e.res.Executions, sched.GuaranteeAfter(p, e.res.Executions)))
	return err
}
