package rt

import (
	"fmt"
	"time"

	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/harness/shard"
	"github.com/interleave/concurrency/harness/trace"
)

// Strategy selects where the scheduling choices of an exploration come
// from: DFS, Random or PCT (the list is package sched's, which the model
// explorer shares; rt refuses its BFS).
type Strategy = sched.Strategy

const (
	// DFS explores the choices depth-first with sleep-set reduction and a
	// preemption bound. It is the default and can exhaust the space.
	DFS = sched.DFS
	// Random picks every choice uniformly from a seeded generator.
	Random = sched.Random
	// PCT is probabilistic concurrency testing: random priorities with
	// depth-1 priority change points (see WithPCTDepth).
	PCT = sched.PCT
)

// Limits and defaults of an exploration.
const (
	// DefaultPreemptionBound is the preemption bound of DFS.
	DefaultPreemptionBound = 2
	// DefaultMaxExecutions bounds the number of executions of one Check.
	DefaultMaxExecutions = 10000
	// DefaultMaxSteps bounds the scheduling steps of one execution.
	DefaultMaxSteps = 10000
	// DefaultBlockTimeout is how long a goroutine may run or block outside
	// rt before it is reported.
	DefaultBlockTimeout = time.Second
	// DefaultPCTDepth is the bug depth targeted by PCT, the model
	// explorer's too.
	DefaultPCTDepth = sched.DefaultBugDepth
)

// Option configures Check and Explore.
type Option interface{ apply(*config) }

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	strategy   Strategy
	bound      int
	maxExec    int
	maxSteps   int
	seed       uint64
	pctDepth   int
	replay     trace.Schedule
	replaySet  bool
	replayText string
	chooser    Chooser
	reduction  Reduction
	timeout    time.Duration
	maxExecSet bool
	idleClock  bool
	carryOver  bool
	timeBudget time.Duration
	shard      shard.Spec // shard.go
	shardErr   error      // a shard the environment asked for, badly
	shardDepth int
	tb         TB // the test of Check, for T.TempDir

	// onEnd, when set (tests only), is called after every execution and
	// the exploration goes on past failures.
	onEnd func(kind Kind, pruned bool)
	// progress, when set (Check), prints progress lines (progress.go).
	progress *progress
}

// WithStrategy selects the exploration strategy (default DFS).
func WithStrategy(s Strategy) Option { return optionFunc(func(c *config) { c.strategy = s }) }

// WithPreemptionBound bounds the number of preemptions per execution for
// DFS: switching away from a goroutine that could go on (and did not
// Yield) is a preemption. 0 is cooperative scheduling; a negative k means
// unbounded. The default is DefaultPreemptionBound.
func WithPreemptionBound(k int) Option { return optionFunc(func(c *config) { c.bound = k }) }

// WithMaxExecutions bounds the number of executions (default
// DefaultMaxExecutions; 1 with WithChooser).
func WithMaxExecutions(n int) Option {
	return optionFunc(func(c *config) { c.maxExec, c.maxExecSet = n, true })
}

// WithMaxSteps bounds the steps of one execution; an execution that
// exceeds it is reported as a step-limit failure (a livelock or a body
// that is too long).
func WithMaxSteps(n int) Option { return optionFunc(func(c *config) { c.maxSteps = n }) }

// WithSeed seeds the Random and PCT strategies.
func WithSeed(seed uint64) Option { return optionFunc(func(c *config) { c.seed = seed }) }

// WithPCTDepth sets the bug depth d of PCT (d-1 priority change points).
func WithPCTDepth(d int) Option { return optionFunc(func(c *config) { c.pctDepth = d }) }

// WithReplay runs exactly the one execution described by schedule, as
// printed in a failure report.
func WithReplay(schedule string) Option {
	return optionFunc(func(c *config) { c.replaySet, c.replayText = true, schedule })
}

// WithChooser takes every scheduling choice from ch (for example the
// bytes of a fuzzer). It overrides WithStrategy.
func WithChooser(ch Chooser) Option { return optionFunc(func(c *config) { c.chooser = ch }) }

// Reduction selects the partial-order reduction of DFS.
type Reduction int

const (
	// DPOR is dynamic partial-order reduction (Flanagan and Godefroid)
	// with sleep sets: only the reorderings of dependent operations that
	// an execution reveals are explored. The default.
	DPOR Reduction = iota
	// SleepSets explores every choice except those sleep sets prove
	// redundant.
	SleepSets
	// NoReduction executes every interleaving within the preemption bound.
	NoReduction
)

// String names the reduction.
func (r Reduction) String() string {
	switch r {
	case DPOR:
		return "dpor"
	case SleepSets:
		return "sleep-sets"
	case NoReduction:
		return "none"
	}
	return fmt.Sprintf("Reduction(%d)", int(r))
}

// WithReduction selects the partial-order reduction of DFS (default DPOR).
func WithReduction(r Reduction) Option { return optionFunc(func(c *config) { c.reduction = r }) }

// WithIdleClock makes the clock advance only when no goroutine can run
// (or every one that can is spinning), as if computation took no time.
// By default time may pass at any scheduling point, as in Go; models that
// measure virtual time as a cost of waiting (a lock's switch interval,
// say) want this.
func WithIdleClock() Option { return optionFunc(func(c *config) { c.idleClock = true }) }

// WithTimeBudget stops the exploration after the execution during which
// d has passed (wall-clock time), as WithMaxExecutions does after a
// number of executions. The report then says the search was bounded by
// time; how far it got depends on the machine, so two runs may differ.
func WithTimeBudget(d time.Duration) Option { return optionFunc(func(c *config) { c.timeBudget = d }) }

// WithCarryOver lets a Var or atomic made outside the body (a package's
// variable) keep its value from one execution to the next, as a package
// variable does between go test -count runs, instead of failing. Each
// execution then starts from a different state: a failure that depends
// on the values carried may not replay in a new process, and partial-order
// reduction assumes the executions it prunes would have started alike.
// harness test uses it, since ordinary code has such variables.
func WithCarryOver() Option { return optionFunc(func(c *config) { c.carryOver = true }) }

// WithBlockTimeout sets how long a goroutine may stay outside rt (blocked
// on a native primitive or spinning) before it is reported.
func WithBlockTimeout(d time.Duration) Option { return optionFunc(func(c *config) { c.timeout = d }) }

func newConfig(opts []Option) (*config, error) {
	c := &config{strategy: DFS, bound: DefaultPreemptionBound, maxExec: DefaultMaxExecutions,
		maxSteps: DefaultMaxSteps, timeout: DefaultBlockTimeout, pctDepth: DefaultPCTDepth}
	for _, o := range opts {
		o.apply(c)
	}
	if c.chooser != nil && !c.maxExecSet {
		c.maxExec = 1
	}
	switch {
	case c.maxExec < 1:
		return nil, fmt.Errorf("rt: WithMaxExecutions(%d): want at least 1", c.maxExec)
	case c.maxSteps < 1:
		return nil, fmt.Errorf("rt: WithMaxSteps(%d): want at least 1", c.maxSteps)
	case c.timeout <= 0:
		return nil, fmt.Errorf("rt: WithBlockTimeout(%v): want a positive duration", c.timeout)
	case c.pctDepth < 1:
		return nil, fmt.Errorf("rt: WithPCTDepth(%d): want at least 1", c.pctDepth)
	case c.reduction < DPOR || c.reduction > NoReduction:
		return nil, fmt.Errorf("rt: unknown reduction %v: use DPOR, SleepSets or NoReduction", c.reduction)
	case c.strategy != DFS && c.strategy != Random && c.strategy != PCT:
		return nil, fmt.Errorf("rt: WithStrategy(%v): rt explores with DFS, Random or PCT", c.strategy)
	}
	if err := c.checkShard(); err != nil {
		return nil, err
	}
	if c.replaySet {
		s, err := trace.ParseSchedule(c.replayText)
		if err != nil {
			return nil, fmt.Errorf("rt: replay: %w", err)
		}
		c.replay = s
	}
	return c, nil
}
