package shim

import (
	"flag"
	"fmt"
	"os"
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
	clock      = flag.String("interleave.clock", "eager", "when virtual time passes: eager (at any scheduling point) or idle (only when no goroutine can run)")
	steps      = flag.Int("interleave.steps", 100000, "steps per execution at most (more is reported as a livelock)")
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
	if *clock != "idle" && *clock != "eager" {
		return nil, fmt.Errorf("-interleave.clock=%q: allowed are idle, eager", *clock)
	}
	if *steps < 1 {
		return nil, fmt.Errorf("-interleave.steps=%d: must be at least 1", *steps)
	}
	if *bound < -1 {
		return nil, fmt.Errorf("-interleave.bound=%d: must be -1 (no bound) or at least 0", *bound)
	}
	opts := []rt.Option{rt.WithStrategy(s), rt.WithMaxExecutions(*executions),
		rt.WithSeed(*seed), rt.WithPreemptionBound(*bound), rt.WithCarryOver()}
	// a loaded machine (or -race) can keep a goroutine between two rt
	// operations for longer than rt's default before it counts as blocked
	opts = append(opts, rt.WithMaxSteps(*steps), rt.WithBlockTimeout(10*time.Second))
	if *clock == "idle" {
		opts = append(opts, rt.WithIdleClock())
	}
	if *budget > 0 {
		opts = append(opts, rt.WithTimeBudget(*budget))
	}
	if r := strings.TrimSpace(*replay); r != "" {
		opts = append(opts, rt.WithReplay(r))
	}
	return opts, nil
}

// SetPackage makes replay commands name the package under test by its
// import path (see rt.PackageEnv).
func SetPackage(path string) { os.Setenv(rt.PackageEnv, path) }
