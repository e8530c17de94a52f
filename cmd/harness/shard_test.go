package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/shard"
	"github.com/interleave/concurrency/internal/oracle"
)

// exploreShards runs every shard of n of explore args into dir and
// returns the result files.
func exploreShards(t *testing.T, dir string, n int, args ...string) []string {
	t.Helper()
	var files []string
	for k := 1; k <= n; k++ {
		file := filepath.Join(dir, fmt.Sprintf("s%d-of-%d.json", k, n))
		out, code, _ := runArgs(append([]string{"explore"}, append(args, "--shard", fmt.Sprintf("%d/%d", k, n), "--shard-out", file)...))
		require.Contains(t, []int{exitOK, exitViolation}, code, out)
		require.Contains(t, out, fmt.Sprintf("shard %d/%d: ", k, n))
		files = append(files, file)
	}
	return files
}

// oracleRow returns the philosophers oracle's states and edges.
func oracleRow(t *testing.T, variant string, n int) (int64, int64) {
	rows, err := oracle.Rows("philosophers.tsv")
	require.NoError(t, err)
	for _, r := range rows {
		if r["variant"] == variant && r["n"] == fmt.Sprint(n) {
			s, _ := r.Int("states")
			e, _ := r.Int("edges")
			return int64(s), int64(e)
		}
	}
	t.Fatalf("no oracle row %s n=%d", variant, n)
	return 0, 0
}

// TestShardMergeModels: the shards of a model exploration merge into the
// unsharded result: the oracle's exact state and edge counts, and the
// same verdict (philosophers naive deadlocks, ordered does not).
func TestShardMergeModels(t *testing.T) {
	for _, c := range []struct {
		variant string
		n       int
		code    int
	}{{"naive", 6, exitViolation}, {"ordered", 7, exitOK}} {
		states, edges := oracleRow(t, c.variant, c.n)
		for _, n := range []int{1, 2, 4} {
			files := exploreShards(t, t.TempDir(), n, "deadlock", "--variant", c.variant, "--param", fmt.Sprintf("n=%d", c.n), "--keep-going")
			out, code, _ := runArgs(append([]string{"merge", "--json"}, files...))
			require.Equal(t, c.code, code, out)
			var got []shard.Merged
			require.NoError(t, jsonUnmarshal(out, &got), out)
			require.Len(t, got, 1)
			require.Equal(t, states, got[0].States, "%s n=%d, %d shards", c.variant, c.n, n)
			require.Equal(t, edges, got[0].Transitions, "%s n=%d, %d shards", c.variant, c.n, n)
			if c.code == exitViolation {
				require.Equal(t, "deadlock", got[0].Violations[0].Kind)
				require.Contains(t, got[0].Violations[0].Replay, "harness replay deadlock")
			}
			text, _, _ := runArgs(append([]string{"merge"}, files...))
			require.Contains(t, text, fmt.Sprintf("states: %d  transitions: %d", states, edges))
			after, code, _ := runArgs(append(append([]string{"merge"}, files...), "--json"))
			require.Equal(t, c.code, code, after)
			require.Equal(t, out, after, "flags after the files are read as flags")
		}
	}
}

// jsonUnmarshal reads the JSON before the trailer runArgs adds.
func jsonUnmarshal(out string, v any) error {
	body, _, _ := strings.Cut(out, "--- ")
	return json.Unmarshal([]byte(body), v)
}

// TestShardMergeRefusals: bad shard specs, and merges of a missing,
// duplicated or foreign shard, are exit 2 with the files named.
func TestShardMergeRefusals(t *testing.T) {
	for _, tc := range []struct{ args, want string }{
		{"explore deadlock --shard 3/2", "shard 3/2: K must be from 1 to N=2"},
		{"explore deadlock --shard 0/2", "shard 0/2: K must be from 1 to N=2"},
		{"explore deadlock --shard 2", "want K/N"},
		{"explore deadlock --shard 1/2 --strategy dfs", "--shard splits a breadth-first search at a level (allowed: a sharded search with strategy bfs)"},
		{"explore deadlock --shard 1/2 --depth 5", "--shard cannot bound the depth"},
		{"explore deadlock --shard 1/2 --fairness weak", "--shard explores on one worker with the exact store"},
		{"explore deadlock --shard-out x.json", "--shard-out with --shard K/N"},
		{"merge", "merge needs the result files"},
		{"merge /nonexistent/x.json", "no such file"},
		{"merge x.json --jsn", "unknown flag --jsn (allowed: --json, --require-complete)"},
		{"merge --json --json x.json", "--json given twice"},
	} {
		out, code, _ := runArgs(strings.Fields(tc.args))
		require.Equal(t, exitUsage, code, "%s: %s", tc.args, out)
		require.Contains(t, out, tc.want, tc.args)
	}
	dir := t.TempDir()
	files := exploreShards(t, dir, 3, "deadlock", "--param", "n=5")
	other := exploreShards(t, t.TempDir(), 2, "deadlock", "--param", "n=5")
	for _, tc := range []struct {
		files []string
		want  string
	}{
		{files[:2], "shard 3/3 missing"},
		{[]string{files[0], files[1], files[2], files[1]}, "shard 2/3 appears twice: " + files[1]},
		{[]string{files[0], files[1], other[1]}, "are shards of different explorations"},
	} {
		out, code, _ := runArgs(append([]string{"merge"}, tc.files...))
		require.Equal(t, exitUsage, code, out)
		require.Contains(t, out, tc.want)
	}
}

// TestShardMergeRT: three rt tests run as N shard processes
// (INTERLEAVE_SHARD, results in INTERLEAVE_SHARD_DIR) merge into at least
// the executions of one run (exactly, for one shard); with a seeded bug,
// the merge is a violation with its replay command.
func TestShardMergeRT(t *testing.T) {
	atRoot(t)
	bin := filepath.Join(t.TempDir(), "rt.test")
	out, err := exec.Command("go", "test", "-c", "-o", bin, "./harness/rt").CombinedOutput()
	require.NoError(t, err, "%s", out)
	run := func(n int, env ...string) []shard.Merged {
		dir := t.TempDir()
		for k := 1; k <= n; k++ {
			cmd := exec.Command(bin, "-test.run", "^TestShardedCatalogue$")
			cmd.Dir = "harness/rt"
			cmd.Env = append(append(os.Environ(), shard.Env+fmt.Sprintf("=%d/%d", k, n), "INTERLEAVE_SHARD_DIR="+dir), env...)
			_ = cmd.Run() // a shard that finds the bug fails
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		out, _, _ := runArgs(append([]string{"merge", "--json"}, files...))
		var got []shard.Merged
		require.NoError(t, jsonUnmarshal(out, &got), out)
		return got
	}
	one := run(1)
	require.Len(t, one, 3)
	for _, n := range []int{2, 4} {
		got := run(n)
		require.Len(t, got, 3)
		for i, m := range got {
			require.Equal(t, one[i].Name, m.Name)
			require.Equal(t, shard.OK, m.Verdict, m.Name)
			require.GreaterOrEqual(t, m.Executions, one[i].Executions, "%s: %d shards", m.Name, n)
			t.Logf("%s: %d shards ran %d executions, one run %d", m.Name, n, m.Executions, one[i].Executions)
		}
	}
	bug := run(2, "INTERLEAVE_SHARD_BUG=1")
	require.Len(t, bug, 4)
	for _, m := range bug {
		if m.Name != "TestShardedCatalogue/lost_update_bug" {
			require.Equal(t, shard.OK, m.Verdict, m.Name)
			continue
		}
		require.Equal(t, shard.Violated, m.Verdict, m.Name)
		require.Contains(t, m.Violations[0].Replay, "go test -run '^TestShardedCatalogue$/^lost_update_bug$'")
	}
}

// TestShardMergeBounded: a shard cut by --max-states makes the merge
// bounded, which --require-complete turns into exit 4.
func TestShardMergeBounded(t *testing.T) {
	files := exploreShards(t, t.TempDir(), 2, "deadlock", "--variant", "ordered", "--param", "n=6", "--max-states", "100")
	out, code, _ := runArgs(append([]string{"merge"}, files...))
	require.Equal(t, exitOK, code, out)
	require.Contains(t, out, "result: bounded")
	out, code, _ = runArgs(append([]string{"merge", "--require-complete"}, files...))
	require.Equal(t, exitIncomplete, code, out)
}

// TestShardEnv: --shard env takes Bazel's shard (a sh_test with
// shard_count), and says what is allowed when the environment has none.
func TestShardEnv(t *testing.T) {
	for _, v := range []string{shard.Env, shard.BazelIndexEnv, shard.BazelTotalEnv, shard.JobIndexEnv, shard.TotalEnv} {
		t.Setenv(v, "")
	}
	out, code, _ := runArgs([]string{"explore", "deadlock", "--shard", "env"})
	require.Equal(t, exitUsage, code, out)
	require.Contains(t, out, "--shard env: the environment names no shard (allowed: INTERLEAVE_SHARD=K/N;")
	dir := t.TempDir()
	t.Setenv(shard.BazelIndexEnv, "1")
	t.Setenv(shard.BazelTotalEnv, "2")
	t.Setenv(shard.BazelStatusEnv, filepath.Join(dir, "status"))
	out, code, _ = runArgs([]string{"explore", "deadlock", "--variant", "ordered", "--shard", "env", "--shard-out", filepath.Join(dir, "r.json")})
	require.Equal(t, exitOK, code, out)
	require.Contains(t, out, "shard 2/2: ")
	require.FileExists(t, filepath.Join(dir, "status"))
}
