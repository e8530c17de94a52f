package sched

import "math/rand/v2"

// Chooser is the one source of scheduling decisions of a sampled or
// driven execution, for both explorers and the fuzzers.
//
// Start begins execution number run (0, 1, ...). Choose is then called
// at every step of that execution, also when only one transition is
// enabled (PCT counts every step): threads[i] is the thread of enabled
// transition i (never empty; a thread's transitions are adjacent), and
// step is the number of steps already taken. It
// returns an index into threads; callers reduce other values modulo
// len(threads). A Chooser that draws from a finite input (a fuzzer's
// bytes) should draw nothing when len(threads) is 1.
type Chooser interface {
	Start(run int)
	Choose(threads []int, step int) int
}

// Pick asks c for one of threads and keeps the answer in range.
func Pick(c Chooser, threads []int, step int) int {
	n := len(threads)
	i := c.Choose(threads, step) % n
	if i < 0 {
		i += n
	}
	return i
}

type random struct{ rng *rand.Rand }

// NewRandom returns a Chooser that picks every transition uniformly from
// rng, one draw per step (also where one transition is enabled, so that a
// seed fixes the whole run whatever the model).
func NewRandom(rng *rand.Rand) Chooser { return &random{rng} }

func (*random) Start(int) {}

func (c *random) Choose(threads []int, _ int) int { return c.rng.IntN(len(threads)) }
