package rt_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/harness/shard"
)

// counters is a body with more schedules than the catalogue's: three
// goroutines each take a lock twice to bump a counter.
var counters = countersOf(3, 2)

// countersOf is g goroutines each taking a lock k times to bump a
// counter.
func countersOf(g, k int) func(*rt.T) {
	return func(t *rt.T) {
		var mu rt.Mutex
		var wg rt.WaitGroup
		n := 0
		for range g {
			wg.Go(func() {
				for range k {
					mu.Lock()
					n++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if n != g*k {
			t.Fatalf("n = %d", n)
		}
	}
}

// shardRun explores body as every shard of n and returns the reports.
func shardRun(t *testing.T, body func(*rt.T), n int, opts ...rt.Option) []rt.Report {
	t.Helper()
	var reps []rt.Report
	for k := 1; k <= n; k++ {
		rep, err := rt.Explore(body, append(slices.Clone(opts), rt.WithShard(k, n))...)
		require.NoError(t, err)
		require.NotNil(t, rep.Shard, "shard %d/%d", k, n)
		reps = append(reps, rep)
	}
	return reps
}

// TestShardsPartitionTheExecutions: the shards of a passing body run
// exactly the executions one run at the same split depth runs, and cover
// each prefix once.
func TestShardsPartitionTheExecutions(t *testing.T) {
	bodies := map[string]func(*rt.T){"counters": counters}
	for _, c := range catalogue {
		bodies[c.name] = c.fixed
	}
	for name, body := range bodies {
		for _, red := range []rt.Reduction{rt.DPOR, rt.NoReduction} {
			t.Run(fmt.Sprintf("%s/%s", name, red), func(t *testing.T) {
				one := shardRun(t, body, 1, rt.WithReduction(red), rt.WithShardDepth(3))[0]
				require.True(t, one.Exhausted, one.String())
				for _, n := range []int{2, 3, 5} {
					reps := shardRun(t, body, n, rt.WithReduction(red), rt.WithShardDepth(3))
					total, covered := 0, []int{}
					for _, r := range reps {
						require.Nil(t, r.Failure, r.String())
						require.True(t, r.Exhausted, r.String())
						require.Equal(t, one.Shard.Prefixes, r.Shard.Prefixes)
						total += r.Executions
						covered = append(covered, r.Shard.Covered...)
					}
					slices.Sort(covered)
					require.Equal(t, one.Executions, total, "%d shards", n)
					require.Equal(t, one.Shard.Covered, covered, "%d shards cover every prefix once", n)
				}
			})
		}
	}
}

// TestShardsFindTheBugs: every bug of the catalogue is found by some
// shard, and what a shard reports replays as the same failure in an
// unsharded run (a shard may meet another symptom of the bug first:
// double-checked initialisation panics on the half-built value in some
// schedules, which one run does not reach before the race).
func TestShardsFindTheBugs(t *testing.T) {
	for _, c := range catalogue {
		t.Run(c.name, func(t *testing.T) {
			for _, n := range []int{2, 4} {
				var kinds []rt.Kind
				for _, r := range shardRun(t, c.bug, n) {
					if r.Failure == nil {
						continue
					}
					kinds = append(kinds, r.Failure.Kind)
					again, err := rt.Explore(c.bug, rt.WithReplay(r.Failure.Schedule.String()))
					require.NoError(t, err)
					require.NotNil(t, again.Failure)
					require.Equal(t, r.Failure.Kind, again.Failure.Kind)
				}
				require.NotEmpty(t, kinds, "no shard of %d found the bug", n)
				require.Contains(t, kinds, c.kind, "no shard of %d found the failure one run finds", n)
			}
		})
	}
}

// TestShardDepthChosen: without WithShardDepth the split has enough
// prefixes per shard, where the tree has them.
func TestShardDepthChosen(t *testing.T) {
	r := shardRun(t, counters, 2)[0]
	require.GreaterOrEqual(t, r.Shard.Prefixes, 2*rt.ShardPrefixesPerShard, r.Shard.String())
	require.Contains(t, r.String(), "; shard 1/2: below ")
}

// TestShardedSampling: random shards draw disjoint streams, shard 1 the
// unsharded one, each with its share of the budget.
func TestShardedSampling(t *testing.T) {
	for _, s := range []rt.Strategy{rt.Random, rt.PCT} {
		opts := []rt.Option{rt.WithStrategy(s), rt.WithSeed(3), rt.WithMaxExecutions(10)}
		whole, err := rt.Explore(counters, opts...)
		require.NoError(t, err)
		reps := shardRun(t, counters, 3, opts...)
		require.Equal(t, 4, reps[0].Executions, "ceil(10/3)")
		require.Equal(t, whole.Seed, reps[1].Seed)
		bug := catalogue[0].bug
		a, _ := rt.Explore(bug, append(opts, rt.WithShard(1, 1))...)
		b, _ := rt.Explore(bug, opts...)
		require.Equal(t, fmt.Sprint(b.Failure), fmt.Sprint(a.Failure), "shard 1/1 is the unsharded run")
	}
}

func TestShardOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		opts []rt.Option
		want string
	}{
		{[]rt.Option{rt.WithShard(0, 2)}, "K must be from 1 to N=2"},
		{[]rt.Option{rt.WithShard(3, 2)}, "K must be from 1 to N=2"},
		{[]rt.Option{rt.WithShard(1, 0)}, "N must be from 1"},
		{[]rt.Option{rt.WithShard(1, 2), rt.WithShardDepth(-1)}, "WithShardDepth(-1)"},
		{[]rt.Option{rt.WithShard(1, 2), rt.WithChooser(nil)}, ""},
	} {
		_, err := rt.Explore(counters, tc.opts...)
		if tc.want == "" {
			continue
		}
		require.ErrorContains(t, err, tc.want)
	}
}

// TestShardFromEnvironment: Check takes the shard from INTERLEAVE_SHARD,
// writes its result for harness merge, refuses to shard again inside
// Bazel's sharding (rules_go deals the test functions out already), and a
// replay ignores sharding.
func TestShardFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(rt.ShardDirEnv, dir)
	t.Setenv(shard.Env, "2/3")
	tb := &fakeTB{name: "TestSharded/sub"}
	runCheck(tb, counters)
	require.Empty(t, tb.failed)
	res, err := shard.Read(filepath.Join(dir, "TestSharded__sub.shard-2-of-3.json"))
	require.NoError(t, err)
	require.Equal(t, shard.Spec{K: 2, N: 3}, res.Shard)
	require.Equal(t, shard.OK, res.Verdict)
	require.Equal(t, "TestSharded/sub", res.Name)

	t.Setenv(shard.BazelIndexEnv, "0")
	t.Setenv(shard.BazelTotalEnv, "2")
	both := &fakeTB{name: "TestBoth"}
	runCheck(both, counters)
	require.Contains(t, both.failed, "rules_go already runs each test function in one of the Bazel shards")
	t.Setenv(shard.Env, "")
	bazel := &fakeTB{name: "TestBazel"}
	runCheck(bazel, counters)
	require.Empty(t, bazel.failed)
	_, err = os.Stat(filepath.Join(dir, "TestBazel.shard-1-of-2.json"))
	require.True(t, os.IsNotExist(err), "Bazel's shard alone is rules_go's business")
	t.Setenv(shard.BazelTotalEnv, "")

	t.Setenv(shard.Env, "4/3")
	bad := &fakeTB{name: "TestBad"}
	runCheck(bad, counters)
	require.Contains(t, bad.failed, "INTERLEAVE_SHARD: shard 4/3: K must be from 1 to N=3")

	t.Setenv(rt.ReplayEnv, "0")
	replay := &fakeTB{name: "TestReplay"}
	runCheck(replay, counters)
	require.Empty(t, replay.failed, "a replay runs its schedule whatever the shard")
	_, err = os.Stat(filepath.Join(dir, "TestReplay.shard-4-of-3.json"))
	require.True(t, os.IsNotExist(err))
}

// TestShardedCatalogue is what harness merge's test runs as shard
// processes (INTERLEAVE_SHARD); on its own it checks that the bodies pass.
// With INTERLEAVE_SHARD_BUG set it adds the lost update's buggy body.
func TestShardedCatalogue(t *testing.T) {
	t.Run("counters", func(t *testing.T) { rt.Check(t, counters) })
	for _, c := range catalogue {
		if c.name == "select starving a case" || c.name == "AB/BA lock order" {
			t.Run(c.name, func(t *testing.T) { rt.Check(t, c.fixed) })
		}
	}
	if os.Getenv("INTERLEAVE_SHARD_LARGE") != "" { // scripts/shard-balance.sh
		t.Run("counters5x3", func(t *testing.T) { rt.Check(t, countersOf(5, 3), rt.WithMaxExecutions(1_000_000)) })
	}
	if os.Getenv("INTERLEAVE_SHARD_BUG") != "" {
		t.Run("lost update bug", func(t *testing.T) { rt.Check(t, catalogue[0].bug) })
	}
}
