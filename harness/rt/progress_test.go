package rt

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// fourIncrements is a body whose exploration takes a few dozen
// executions: four goroutines increment a counter under a mutex.
func fourIncrements(t *T) {
	var mu Mutex
	n := new(Var[int])
	for range 4 {
		t.Go(func() { mu.Lock(); n.Store(n.Load() + 1); mu.Unlock() })
	}
}

// fakeClock advances by step at every reading.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Unix(0, 0)
	return func() time.Time { t = t.Add(step); return t }
}

func TestProgressLines(t *testing.T) {
	for _, c := range []struct {
		name  string
		opts  []Option
		every time.Duration
		want  []string
	}{
		{"dfs every 2s", []Option{WithMaxExecutions(7)}, 2 * time.Second, []string{
			"rt: T: 2 executions, 1/s, frontier %d choices still to try",
			"rt: T: 4 executions, 1/s, frontier %d choices still to try",
			"rt: T: 6 executions, 1/s, frontier %d choices still to try",
		}},
		{"dfs every 3s", []Option{WithMaxExecutions(7)}, 3 * time.Second, []string{
			"rt: T: 3 executions, 1/s, frontier %d choices still to try",
			"rt: T: 6 executions, 1/s, frontier %d choices still to try",
		}},
		{"random", []Option{WithStrategy(Random), WithMaxExecutions(5)}, 2 * time.Second, []string{
			"rt: T: 2 executions, 1/s, 3 of the budget of 5 executions left",
			"rt: T: 4 executions, 1/s, 1 of the budget of 5 executions left",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := newConfig(c.opts)
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			cfg.progress = &progress{w: &out, name: "T", every: c.every, now: fakeClock(time.Second)}
			if _, err := explore("T", fourIncrements, cfg); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(lines) != len(c.want) {
				t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(c.want), out.String())
			}
			for i, l := range lines {
				var f int
				if strings.Contains(c.want[i], "%d") {
					if _, err := fmt.Sscanf(l[strings.Index(l, "frontier"):], "frontier %d", &f); err != nil || f < 1 {
						t.Fatalf("line %q: want a positive frontier", l)
					}
					if want := fmt.Sprintf(c.want[i], f); l != want {
						t.Errorf("line %d = %q, want %q", i, l, want)
					}
				} else if l != c.want[i] {
					t.Errorf("line %d = %q, want %q", i, l, c.want[i])
				}
			}
		})
	}
}

// TestFrontier checks that the frontier of DFS stopped at a budget counts
// choices that are all still explored: it is positive while executions
// remain, never more than the executions that remain, and 0 when the
// space is exhausted.
func TestFrontier(t *testing.T) {
	full, err := Explore(fourIncrements)
	if err != nil || !full.Exhausted {
		t.Fatal(full, err)
	}
	for _, red := range []Reduction{DPOR, SleepSets, NoReduction} {
		all, _ := Explore(fourIncrements, WithReduction(red))
		for k := 1; k < full.Executions; k += 3 {
			cut, err := Explore(fourIncrements, WithReduction(red), WithMaxExecutions(k))
			if err != nil {
				t.Fatal(err)
			}
			left := all.Executions - k
			switch {
			case left > 0 && (cut.Exhausted || cut.Frontier < 1 || cut.Frontier > left):
				t.Errorf("%v, budget %d: frontier %d, want 1..%d (exhausted %v)", red, k, cut.Frontier, left, cut.Exhausted)
			case left <= 0 && cut.Frontier != 0:
				t.Errorf("%v, budget %d: frontier %d of an exhausted space", red, k, cut.Frontier)
			}
		}
	}
}

func TestBudgetNote(t *testing.T) {
	stopped := Report{Strategy: DFS, Executions: 10, MaxExecutions: 10, Frontier: 4}
	for _, c := range []struct {
		name string
		rep  Report
		want string
	}{
		{"dfs stopped at the budget", stopped,
			"rt: T: stopped at the budget of 10 executions (WithMaxExecutions) with 4 choices still to try: no failure found, but not every schedule was explored\n"},
		{"dfs exhausted", Report{Strategy: DFS, Executions: 3, MaxExecutions: 10, Exhausted: true}, ""},
		{"failure", Report{Executions: 10, MaxExecutions: 10, Failure: &Failure{}}, ""},
		{"random", Report{Executions: 10, MaxExecutions: 10, Strategy: Random}, ""},
		{"replay", Report{Executions: 1, MaxExecutions: 10, Replayed: true}, ""},
		{"chooser", Report{Executions: 1, MaxExecutions: 1, Chooser: true}, ""},
	} {
		if got := budgetNote("T", c.rep); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
