package sched

import (
	"math"
	"math/rand/v2"
)

// DefaultBugDepth is the bug depth d PCT targets unless told otherwise:
// 2 covers the ordering and atomicity violations most bugs are (one
// ordering constraint besides the first thread), and its guarantee
// 1/(n·k) is k times that of depth 3.
const DefaultBugDepth = 2

// PCTChooser is probabilistic concurrency testing (Burckhardt, Kothari,
// Musuvathi, Nagarakatte, ASPLOS 2010): each run gives the threads
// distinct random priorities d..d+n-1 and picks d-1 random change points
// among the first k steps; the enabled thread of highest priority always
// runs, and at the i-th change point the running thread drops to
// priority d-1-i. A bug of depth d (d ordering constraints) is then
// found by one run with probability at least 1/(n·k^(d-1)) (Guarantee).
//
// Run 0 draws no change points: it measures k, the steps of the longest
// run so far. A thread not known at Start (rt discovers goroutines as
// they spawn) gets a priority when first seen, at a random rank among
// the others; where the chosen thread has several enabled transitions
// (the ready cases of a select), one of them is drawn.
type PCTChooser struct {
	rng      *rand.Rand
	d, n     int
	k        int   // steps of the longest run so far: the change point range
	most     int   // threads of the run with the most so far
	prio     []int // by thread+1 (trace.TimeStep is 0); 0: not seen in this run
	ranked   int   // threads given a priority of d or more in this run
	changeAt []int // change points, step numbers in [1, k]
}

// NewPCT returns a PCT chooser for bug depth d (at least 1) that knows
// threads 0..n-1 at the start of every run, drawing from rng.
func NewPCT(rng *rand.Rand, d, n int) *PCTChooser {
	return &PCTChooser{rng: rng, d: d, n: n, prio: make([]int, n+1)}
}

// K is the change point range: the steps of the longest run so far.
func (c *PCTChooser) K() int { return c.k }

// Guarantee is the probability, at least, that one run finds a bug of
// depth d among the most threads and the longest run seen so far.
func (c *PCTChooser) Guarantee() float64 {
	return Guarantee(max(c.Threads(), 1), max(c.k, 1), c.d)
}

// Threads is the most threads one run has had so far: the n of the
// guarantee when threads appear as they run (rt's goroutines).
func (c *PCTChooser) Threads() int { return max(c.most, c.n) }

// Start draws the priorities of the known threads and, after run 0, the
// change points.
func (c *PCTChooser) Start(run int) {
	clear(c.prio)
	for i, p := range c.rng.Perm(c.n) {
		c.prio[i+1] = c.d + p
	}
	c.ranked = c.n
	c.changeAt = c.changeAt[:0]
	if run == 0 {
		return
	}
	for range c.d - 1 {
		c.changeAt = append(c.changeAt, 1+c.rng.IntN(max(c.k, 1)))
	}
}

// Choose runs the enabled thread of highest priority, after lowering the
// running thread's priority at a change point.
func (c *PCTChooser) Choose(threads []int, step int) int {
	c.k = max(c.k, step+1)
	for _, t := range threads {
		c.see(t)
	}
	pick := c.highest(threads)
	for i, at := range c.changeAt {
		if at == step+1 {
			c.prio[threads[pick]+1] = c.d - 1 - i
			pick = c.highest(threads)
		}
	}
	return c.among(threads, pick)
}

// see gives thread t a priority if it has none yet in this run: a random
// rank among the ranked threads, those at or above it moving up one.
func (c *PCTChooser) see(t int) {
	if t+1 < len(c.prio) && c.prio[t+1] != 0 {
		return
	}
	for len(c.prio) <= t+1 {
		c.prio = append(c.prio, 0)
	}
	r := c.d + c.rng.IntN(c.ranked+1)
	for i, p := range c.prio {
		if p >= r {
			c.prio[i]++
		}
	}
	c.prio[t+1] = r
	c.ranked++
	c.most = max(c.most, c.ranked)
}

// highest returns the first index of the thread of highest priority.
func (c *PCTChooser) highest(threads []int) int {
	best := 0
	for i, t := range threads {
		if c.prio[t+1] > c.prio[threads[best]+1] {
			best = i
		}
	}
	return best
}

// among draws one of the transitions of the thread at index pick, which
// are adjacent, when it has more than one.
func (c *PCTChooser) among(threads []int, pick int) int {
	n := 1
	for pick+n < len(threads) && threads[pick+n] == threads[pick] {
		n++
	}
	if n == 1 {
		return pick
	}
	return pick + c.rng.IntN(n)
}

// Guarantee is the probability 1/(n·k^(d-1)) that one PCT run finds a
// bug of depth d among n threads and k steps.
func Guarantee(n, k, d int) float64 {
	return 1 / (float64(n) * math.Pow(float64(k), float64(d-1)))
}

// GuaranteeAfter is the probability that at least one of runs
// independent runs, each succeeding with probability p, finds the bug.
func GuaranteeAfter(p float64, runs int) float64 {
	return 1 - math.Pow(1-p, float64(runs))
}
