package sched

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
)

// Strategy is where the scheduling choices of an exploration come from.
// The model explorer takes all four; rt takes DFS, Random and PCT.
type Strategy uint8

// The strategies.
const (
	// BFS explores level by level, so the first violation found has a
	// shortest schedule (the model explorer only).
	BFS Strategy = iota
	// DFS follows one execution to its end before backtracking.
	DFS
	// Random samples seeded random executions (Random).
	Random
	// PCT samples executions with probabilistic concurrency testing
	// (PCT): random thread priorities and d-1 priority change points.
	PCT
)

var strategyNames = [...]string{BFS: "bfs", DFS: "dfs", Random: "random", PCT: "pct"}

// String is the strategy's name as the CLI takes it ("bfs", "dfs", ...).
func (s Strategy) String() string {
	if int(s) < len(strategyNames) {
		return strategyNames[s]
	}
	return fmt.Sprintf("Strategy(%d)", int(s))
}

// ParseStrategy reads a strategy name as the CLI takes it.
func ParseStrategy(name string) (Strategy, error) {
	for i, n := range strategyNames {
		if n == name {
			return Strategy(i), nil
		}
	}
	return 0, fmt.Errorf("unknown strategy %s (allowed: %s)", trace.Quote(name), strings.Join(strategyNames[:], ", "))
}
