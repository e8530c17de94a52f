package sched

import "testing"

func TestStrategyNames(t *testing.T) {
	for _, tc := range []struct {
		s    Strategy
		name string
	}{{BFS, "bfs"}, {DFS, "dfs"}, {Random, "random"}, {PCT, "pct"}} {
		if got := tc.s.String(); got != tc.name {
			t.Errorf("%d.String() = %q, want %q", tc.s, got, tc.name)
		}
		if got, err := ParseStrategy(tc.name); got != tc.s || err != nil {
			t.Errorf("ParseStrategy(%q) = %v, %v; want %v", tc.name, got, err, tc.s)
		}
	}
	if got := Strategy(9).String(); got != "Strategy(9)" {
		t.Errorf("Strategy(9).String() = %q", got)
	}
	// the CLI golden err_strategy shows this text
	const want = `unknown strategy "astar" (allowed: bfs, dfs, random, pct)`
	if _, err := ParseStrategy("astar"); err == nil || err.Error() != want {
		t.Errorf("ParseStrategy(astar) error %v, want %s", err, want)
	}
}
