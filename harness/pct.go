package harness

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// pctChooser is probabilistic concurrency testing (Burckhardt, Kothari,
// Musuvathi, Nagarakatte, ASPLOS 2010): each run gives the threads
// distinct random priorities d..d+n-1 and picks d-1 random change points
// among the first k steps; the enabled thread of highest priority always
// runs, and at the i-th change point the running thread drops to priority
// d-i. A bug of depth d (d ordering constraints) is then found by one run
// with probability at least 1/(n·k^(d-1)).
type pctChooser struct {
	rng      *rand.Rand
	d        int
	k        int // steps of the longest run so far: the change point range
	prio     []int
	changeAt []int // change points, step numbers in [1, k]
}

func (e *explorer) pct() error {
	c := &pctChooser{rng: rand.New(rand.NewPCG(uint64(e.o.Seed), seedStream)), d: e.o.BugDepth}
	n := e.m.Threads(e.m.Init())
	c.prio = make([]int, n)
	err := e.sample(c)
	if c.k < e.res.MaxDepth {
		c.k = e.res.MaxDepth
	}
	p := pctGuarantee(n, max(c.k, 1), c.d)
	e.res.Guarantee = p
	e.res.Notes = append(e.res.Notes, fmt.Sprintf(
		"pct guarantee: a bug of depth %d is found by one run with probability >= 1/(n*k^(d-1)) = %.3g (n=%d threads, k=%d steps, the longest run), by %d runs with >= %.3g",
		c.d, p, n, max(c.k, 1), e.res.Executions, pctGuaranteeAfter(p, e.res.Executions)))
	return err
}

// pctGuarantee is the probability 1/(n·k^(d-1)) that one run finds a bug
// of depth d.
func pctGuarantee(n, k, d int) float64 {
	return 1 / (float64(n) * math.Pow(float64(k), float64(d-1)))
}

// pctGuaranteeAfter is the probability that at least one of runs
// independent PCT runs, each succeeding with probability p, finds the bug.
func pctGuaranteeAfter(p float64, runs int) float64 {
	return 1 - math.Pow(1-p, float64(runs))
}

// Start draws the priorities and, once a run has measured k, the change
// points. Run 0 has none: it measures the length of an execution.
func (c *pctChooser) Start(run int) {
	for i, p := range c.rng.Perm(len(c.prio)) {
		c.prio[i] = c.d + p
	}
	c.changeAt = c.changeAt[:0]
	if run == 0 {
		return
	}
	for range c.d - 1 {
		c.changeAt = append(c.changeAt, 1+c.rng.IntN(c.k))
	}
}

// Choose runs the enabled thread of highest priority, after lowering the
// running thread's priority at a change point.
func (c *pctChooser) Choose(enabled []Step, step int) int {
	c.k = max(c.k, step+1)
	pick := c.highest(enabled)
	for i, at := range c.changeAt {
		if at == step+1 {
			c.prio[enabled[pick].Thread] = c.d - 1 - i
			pick = c.highest(enabled)
		}
	}
	return pick
}

func (c *pctChooser) highest(enabled []Step) int {
	return slices.IndexFunc(enabled, func(st Step) bool {
		for _, o := range enabled {
			if c.prio[o.Thread] > c.prio[st.Thread] {
				return false
			}
		}
		return true
	})
}
