package shim

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

// The flags of an instrumented test binary; harness test passes its own
// -interleave.* flags through to them.
var (
	strategy   = flag.String("interleave.strategy", "dfs", "where scheduling choices come from: dfs, random or pct")
	bound      = flag.Int("interleave.bound", rt.DefaultPreemptionBound, "preemption bound of dfs (-1: none)")
	executions = flag.Int("interleave.executions", rt.DefaultMaxExecutions, "executions per test at most")
	seed       = flag.Uint64("interleave.seed", 1, "seed of random and pct")
	budget     = flag.Duration("interleave.time", time.Minute, "stop exploring a test after this long (0: no limit)")
	replay     = flag.String("interleave.replay", "", "replay this schedule (as printed in a report) instead of exploring")
)

var strategies = map[string]rt.Strategy{"dfs": rt.DFS, "random": rt.Random, "pct": rt.PCT}

// Options are rt's options for the flags given.
func Options() ([]rt.Option, error) {
	s, ok := strategies[*strategy]
	if !ok {
		return nil, fmt.Errorf("-interleave.strategy=%q: allowed are dfs, random, pct", *strategy)
	}
	if *executions < 1 {
		return nil, fmt.Errorf("-interleave.executions=%d: must be at least 1", *executions)
	}
	if *bound < -1 {
		return nil, fmt.Errorf("-interleave.bound=%d: must be -1 (no bound) or at least 0", *bound)
	}
	opts := []rt.Option{rt.WithStrategy(s), rt.WithMaxExecutions(*executions),
		rt.WithSeed(*seed), rt.WithPreemptionBound(*bound), rt.WithCarryOver()}
	if *budget > 0 {
		opts = append(opts, rt.WithTimeBudget(*budget))
	}
	if r := strings.TrimSpace(*replay); r != "" {
		opts = append(opts, rt.WithReplay(r))
	}
	return opts, nil
}
