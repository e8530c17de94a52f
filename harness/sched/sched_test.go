package sched

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// simulate runs one execution of threads with steps[th] steps each under
// c and returns the threads in the order they stepped.
func simulate(c Chooser, run int, steps []int) []int {
	left := slices.Clone(steps)
	var order, enabled []int
	c.Start(run)
	for step := 0; ; step++ {
		enabled = enabled[:0]
		for th, n := range left {
			if n > 0 {
				enabled = append(enabled, th)
			}
		}
		if len(enabled) == 0 {
			return order
		}
		th := enabled[Pick(c, enabled, step)]
		left[th]--
		order = append(order, th)
	}
}

// depthTwo is a bug of depth 2 between two threads of five steps: thread
// 1's first step comes before thread 0's first, and thread 0's last
// before thread 1's second.
func depthTwo(order []int) bool {
	return len(order) == 10 && order[0] == 1 && slices.Equal(order[1:6], []int{0, 0, 0, 0, 0})
}

func hits(c Chooser, runs int) int {
	n := 0
	for run := range runs {
		if depthTwo(simulate(c, run, []int{5, 5})) {
			n++
		}
	}
	return n
}

// TestPCTFindsDepthTwo: PCT for depth 2 finds a depth-2 bug at least as
// often as its guarantee promises (with slack for the draw); for depth 1,
// without change points, each thread runs to its end and it never does.
func TestPCTFindsDepthTwo(t *testing.T) {
	const runs = 400
	c := NewPCT(rand.New(rand.NewPCG(1, 2)), 2, 2)
	got := hits(c, runs)
	want := Guarantee(2, c.K(), 2) * runs / 2
	if c.K() != 10 || float64(got) < want {
		t.Errorf("depth 2: %d of %d runs found the bug (k=%d), want at least %.0f", got, runs, c.K(), want)
	}
	if got := hits(NewPCT(rand.New(rand.NewPCG(1, 2)), 1, 2), runs); got != 0 {
		t.Errorf("depth 1: %d runs found a depth-2 bug, want 0", got)
	}
}

// TestPCTRunZero: run 0 draws no change points and measures k; later runs
// draw d-1 change points in [1, k].
func TestPCTRunZero(t *testing.T) {
	c := NewPCT(rand.New(rand.NewPCG(3, 4)), 4, 3)
	simulate(c, 0, []int{2, 3, 2})
	if len(c.changeAt) != 0 || c.K() != 7 {
		t.Fatalf("run 0: change points %v, k %d; want none and 7", c.changeAt, c.K())
	}
	for run := 1; run < 50; run++ {
		c.Start(run)
		if len(c.changeAt) != 3 || slices.ContainsFunc(c.changeAt, func(at int) bool { return at < 1 || at > 7 }) {
			t.Fatalf("run %d: change points %v, want 3 in [1, 7]", run, c.changeAt)
		}
	}
}

// TestPCTPriorities: the known threads get d..d+n-1; threads first seen
// later (the clock, new goroutines) get distinct priorities among them.
func TestPCTPriorities(t *testing.T) {
	const d = 3
	c := NewPCT(rand.New(rand.NewPCG(5, 6)), d, 3)
	for run := range 20 {
		c.Start(run)
		if got := slices.Sorted(slices.Values(c.prio[1:4])); !slices.Equal(got, []int{d, d + 1, d + 2}) {
			t.Fatalf("run %d: priorities of the known threads %v, want %d..%d", run, got, d, d+2)
		}
		for _, th := range []int{-1, 0, 6, 6, 4} {
			c.see(th)
		}
		seen := slices.DeleteFunc(slices.Clone(c.prio), func(p int) bool { return p == 0 })
		if slices.Sort(seen); len(seen) != 6 || slices.Compact(seen)[5] != d+5 {
			t.Fatalf("run %d: priorities %v, want 6 distinct ones in %d..%d", run, c.prio, d, d+5)
		}
	}
}

// TestPCTSelectCases: where the running thread offers several
// transitions, each of them is drawn.
func TestPCTSelectCases(t *testing.T) {
	c := NewPCT(rand.New(rand.NewPCG(7, 8)), 1, 0)
	seen := map[int]bool{}
	for run := range 40 {
		c.Start(run)
		i := c.Choose([]int{2, 5, 5, 5}, 0)
		if i > 0 {
			seen[i] = true
		}
	}
	if len(seen) != 3 {
		t.Errorf("cases drawn %v, want all of 1, 2, 3", seen)
	}
}

type fixed int

func (fixed) Start(int)                   {}
func (f fixed) Choose(_ []int, _ int) int { return int(f) }

func TestPick(t *testing.T) {
	for _, tc := range []struct{ answer, want int }{{0, 0}, {2, 2}, {3, 0}, {7, 1}, {-1, 2}, {-4, 2}} {
		if got := Pick(fixed(tc.answer), []int{0, 1, 2}, 0); got != tc.want {
			t.Errorf("Pick of answer %d among 3 = %d, want %d", tc.answer, got, tc.want)
		}
	}
}

func TestRandom(t *testing.T) {
	c := NewRandom(rand.New(rand.NewPCG(9, 10)))
	seen := map[int]bool{}
	for range 100 {
		i := c.Choose([]int{0, 1, 2}, 0)
		if i < 0 || i > 2 {
			t.Fatalf("Choose = %d, want an index into 3", i)
		}
		seen[i] = true
	}
	if len(seen) != 3 {
		t.Errorf("drawn %v, want all of 0, 1, 2", seen)
	}
}

// Threads counts the threads of the run that had the most, those known
// at Start and those first seen as they ran.
func TestPCTThreads(t *testing.T) {
	c := NewPCT(rand.New(rand.NewPCG(1, 2)), 2, 1)
	if n := c.Threads(); n != 1 {
		t.Errorf("before any run: %d threads, want the 1 known", n)
	}
	c.Start(0)
	c.Choose([]int{0, 1, 2}, 0)
	if n := c.Threads(); n != 3 {
		t.Errorf("after a run of 3: %d threads, want 3", n)
	}
	c.Start(1)
	c.Choose([]int{0, 1}, 0)
	if n := c.Threads(); n != 3 {
		t.Errorf("after a run of 2: %d threads, want still 3", n)
	}
}
