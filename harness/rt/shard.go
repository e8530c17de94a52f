package rt

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/interleave/concurrency/harness/shard"
)

// Sharding splits one exploration over N processes (shard.Spec). DFS
// splits the tree of executions at a prefix depth: the first Depth choice
// points branch on every goroutine that may run there (as DPOR would
// once it had seen every race), every shard runs them alike, numbers the
// prefixes they reach in search order, and explores below prefix i only
// if it owns i (shard.Spec.Owns). An execution into another shard's prefix
// is cut at the Depth-th choice point and not counted. So the shards
// together run exactly the executions of one run at the same depth. The
// top branching can add executions to those of a run with no split (in
// the catalogue, at most 10% for trees of hundreds of executions, up to
// twice as many for trees of ten); shard 1 of 1 does not split. Random and PCT shards draw from
// disjoint seed streams, each with its share of the execution budget.

// WithShard makes the exploration shard k of n (1 <= k <= n). Check reads
// it from the environment as well (INTERLEAVE_SHARD=K/N, or a Kubernetes
// Indexed Job's index with INTERLEAVE_SHARDS=N; not Bazel's
// TEST_SHARD_INDEX, which rules_go uses to deal out test functions).
func WithShard(k, n int) Option {
	return optionFunc(func(c *config) {
		c.shard, c.shardErr = shard.Make(k, n)
		if c.shardErr != nil {
			c.shardErr = fmt.Errorf("rt: WithShard: %w", c.shardErr)
		}
	})
}

// shardFromEnv is the shard the environment asks for (shard.FromEnv), as
// an option; no option if none.
//
// Not Bazel's: under Bazel, rules_go runs each test function in one of
// TEST_TOTAL_SHARDS shards, and a Check sharded again there would leave
// executions unexplored, so that is refused.
func shardFromEnv() Option {
	return optionFunc(func(c *config) {
		s, ok, err := shard.FromEnv(false)
		switch {
		case err != nil:
			c.shardErr = fmt.Errorf("rt: %w", err)
		case ok && shard.BazelShards() > 0:
			c.shardErr = fmt.Errorf("rt: %s=%s and Bazel's %s=%d: rules_go already runs each test function in one of the Bazel shards, so sharding its executions too would leave some unexplored (allowed: shard_count = 1 and one go_test target per shard with %s=K/N in env, or Bazel's sharding alone)", shard.Env, s, shard.BazelTotalEnv, shard.BazelShards(), shard.Env)
		case ok:
			c.shard = s
		}
	})
}

// WithShardDepth fixes the prefix depth DFS splits at, instead of the
// smallest depth with at least ShardPrefixesPerShard prefixes per shard.
// Runs whose results are merged must use the same depth.
func WithShardDepth(d int) Option { return optionFunc(func(c *config) { c.shardDepth = d }) }

// ShardPrefixesPerShard is how many prefixes per shard the split depth is
// chosen for: more prefixes, dealt back and forth (shard.Owner), balance
// the shards better
// at the cost of running the top of the tree in every shard.
const ShardPrefixesPerShard = 64

// maxShardDepth bounds the split depth looked for.
const maxShardDepth = 64

// ShardReport says what part of the exploration a shard explored.
type ShardReport struct {
	Spec shard.Spec
	// Depth and Prefixes: DFS split the tree after Depth choice points,
	// into Prefixes prefixes (in all shards); Covered are the ones this
	// shard explored below (numbered in search order). All zero for
	// Random and PCT.
	Depth, Prefixes int
	Covered         []int
}

// String says which part the shard explored, after a report's verdict
// (empty for no shard).
func (s *ShardReport) String() string {
	switch {
	case s == nil:
		return ""
	case s.Prefixes == 0:
		return fmt.Sprintf("; shard %s: its own seed stream and share of the budget", s.Spec)
	}
	return fmt.Sprintf("; shard %s: below %d of the %d prefixes of depth %d", s.Spec, len(s.Covered), s.Prefixes, s.Depth)
}

// dshard is a DFS's part in a sharded exploration.
type dshard struct {
	spec    shard.Spec
	depth   int
	total   int  // the prefixes at depth (shardDepth)
	group   int  // the prefix of the current execution
	skip    bool // it is another shard's
	covered []int
}

func newDShard(spec shard.Spec, depth, total int) *dshard {
	s := &dshard{spec: spec, depth: depth, total: total, group: -1}
	s.enter()
	return s
}

// enter starts the next prefix.
func (s *dshard) enter() {
	s.group++
	s.skip = !s.spec.Owns(s.group)
	if !s.skip {
		s.covered = append(s.covered, s.group)
	}
}

// finished checks, at the end of the tree, that the shard met as many
// prefixes as the count before it: else the body is not deterministic.
func (s *dshard) finished() error {
	if s.group+1 != s.total {
		return fmt.Errorf("%w: the tree had %d prefixes at depth %d when counted and %d when explored", errNondeterministic, s.total, s.depth, s.group+1)
	}
	return nil
}

// checkShard validates the shard options.
func (c *config) checkShard() error {
	if c.replaySet {
		c.shard, c.shardErr = shard.Spec{}, nil // a replay runs one schedule, whole
	}
	if c.shardErr != nil {
		return c.shardErr
	}
	if !c.shard.On() {
		return nil
	}
	if c.chooser != nil {
		return fmt.Errorf("rt: WithShard does not apply with WithChooser: the Chooser makes every choice")
	}
	if c.shardDepth < 0 || c.shardDepth > maxShardDepth {
		return fmt.Errorf("rt: WithShardDepth(%d): want 0 (choose) to %d", c.shardDepth, maxShardDepth)
	}
	if c.strategy != DFS && c.shard.N > 1 {
		c.maxExec = (c.maxExec + c.shard.N - 1) / c.shard.N // this shard's part of the budget
	}
	return nil
}

// streamOf is the random stream of a shard: shard 1 (and no sharding)
// draws what an unsharded run draws.
func (c *config) streamOf(base uint64) uint64 {
	if !c.shard.On() {
		return base
	}
	return base + uint64(c.shard.K-1)
}

// newDShard sets up a sharded DFS. One shard of one needs no split: it
// is the unsharded search.
func (r *runner) newDShard(name string, body func(*T), cfg *config) (*dshard, error) {
	if cfg.shard.N == 1 && cfg.shardDepth == 0 {
		return newDShard(cfg.shard, 0, 1), nil
	}
	depth, total, err := r.shardDepth(name, body, cfg)
	return newDShard(cfg.shard, depth, total), err
}

// shardDepth returns the prefix depth of a sharded DFS and the number of
// prefixes there: the given depth, or the smallest with at least
// ShardPrefixesPerShard prefixes per shard (or where the tree stops
// branching), found by running the top of the tree at growing depths.
func (r *runner) shardDepth(name string, body func(*T), cfg *config) (depth, prefixes int, err error) {
	count := func(d int) (int, error) {
		p := newDFS(cfg)
		p.sh = newDShard(shard.Spec{K: 0, N: cfg.shard.N}, d, 0) // owns no prefix: each execution stops at depth d
		for {
			if ex := r.run(name, body, p, false); ex.err != nil {
				return 0, ex.err
			}
			if !p.next() {
				return p.sh.group + 1, nil
			}
		}
	}
	if cfg.shardDepth > 0 {
		n, err := count(cfg.shardDepth)
		return cfg.shardDepth, n, err
	}
	prev := 0
	for d := 1; d <= maxShardDepth; d++ {
		n, err := count(d)
		if err != nil || n >= ShardPrefixesPerShard*cfg.shard.N || n == prev {
			return d, n, err
		}
		prev = n
	}
	return maxShardDepth, prev, nil
}

// shardReportOf says what part a shard explored: DFS's prefixes, or
// only the spec for the seeded strategies.
func shardReportOf(cfg *config, d *dfs) *ShardReport {
	if d == nil || d.sh == nil {
		return &ShardReport{Spec: cfg.shard}
	}
	return &ShardReport{Spec: d.sh.spec, Depth: d.sh.depth, Prefixes: d.sh.total, Covered: d.sh.covered}
}

// shardResult is the Result of a sharded Check, for shard.Merge.
func shardResult(name string, rep Report, elapsed time.Duration) *shard.Result {
	res := &shard.Result{Tool: shard.ToolRT, Name: name, Shard: rep.Shard.Spec, Depth: rep.Shard.Depth,
		Prefixes: rep.Shard.Prefixes, Covered: rep.Shard.Covered, Executions: int64(rep.Executions),
		ElapsedMS: float64(elapsed.Microseconds()) / 1000}
	switch {
	case rep.Failure != nil:
		f := rep.Failure
		res.Verdict = shard.Violated
		res.Violations = []shard.Violation{{Kind: string(f.Kind), Schedule: f.Schedule.String(), Steps: len(f.Schedule),
			Message: screenMessage(f.Message), Replay: ReplayCommand(name, f.Schedule)}}
	case rep.Exhausted:
		res.Verdict = shard.OK
	default:
		res.Verdict = shard.Bounded
	}
	return res
}

// ShardDirEnv names a directory where Check writes each sharded test's
// result as <test>.shard-K-of-N.json, for harness merge (besides the
// test's artifact directory).
const ShardDirEnv = "INTERLEAVE_SHARD_DIR"

// saveShardResult writes a sharded Check's result to the test's artifact
// directory and to INTERLEAVE_SHARD_DIR, and returns where.
func saveShardResult(t TB, res *shard.Result) ([]string, error) {
	file := fmt.Sprintf("shard-%d-of-%d.json", res.Shard.K, res.Shard.N)
	var paths []string
	if dir, err := artifactDir(t); err == nil {
		paths = append(paths, filepath.Join(dir, file))
	}
	if dir := os.Getenv(ShardDirEnv); dir != "" {
		safe := strings.NewReplacer("/", "__", " ", "_").Replace(res.Name)
		paths = append(paths, filepath.Join(dir, safe+"."+file))
	}
	for _, path := range paths {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := res.Write(path); err != nil {
			return nil, err
		}
	}
	return paths, nil
}
