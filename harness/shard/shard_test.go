package shard_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/shard"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want shard.Spec
		err  string
	}{
		{"1/1", shard.Spec{K: 1, N: 1}, ""},
		{"3/8", shard.Spec{K: 3, N: 8}, ""},
		{"0/2", shard.Spec{}, "K must be from 1 to N=2"},
		{"3/2", shard.Spec{}, "K must be from 1 to N=2"},
		{"1/0", shard.Spec{}, "N must be from 1 to 10000"},
		{"1/10001", shard.Spec{}, "N must be from 1 to 10000"},
		{"2", shard.Spec{}, "want K/N"},
		{"a/b", shard.Spec{}, "want K/N"},
		{string(make([]byte, 1000)), shard.Spec{}, "(1000 bytes)"},
	} {
		got, err := shard.Parse(tc.in)
		if tc.err != "" {
			require.ErrorContains(t, err, tc.err, tc.in)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.want, got)
	}
}

func TestOwns(t *testing.T) {
	var order []int
	for i := range 7 {
		order = append(order, shard.Owner(i, 3))
	}
	require.Equal(t, []int{1, 2, 3, 3, 2, 1, 1}, order, "dealt back and forth")
	owners := make([]int, 10)
	for k := 1; k <= 3; k++ {
		s := shard.Spec{K: k, N: 3}
		for i := range owners {
			if s.Owns(i) {
				owners[i]++
			}
		}
	}
	for i, n := range owners {
		require.Equal(t, 1, n, "prefix %d", i)
	}
}

func TestFromEnv(t *testing.T) {
	clear := func() {
		for _, v := range []string{shard.Env, shard.TotalEnv, shard.BazelIndexEnv, shard.BazelTotalEnv, shard.BazelStatusEnv, shard.JobIndexEnv} {
			t.Setenv(v, "")
		}
	}
	clear()
	_, ok, err := shard.FromEnv(true)
	require.NoError(t, err)
	require.False(t, ok)

	t.Setenv(shard.JobIndexEnv, "2")
	_, ok, _ = shard.FromEnv(true)
	require.False(t, ok, "an indexed job without INTERLEAVE_SHARDS does not shard")
	t.Setenv(shard.TotalEnv, "4")
	s, ok, err := shard.FromEnv(true)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, shard.Spec{K: 3, N: 4}, s, "JOB_COMPLETION_INDEX counts from 0")

	status := filepath.Join(t.TempDir(), "status")
	t.Setenv(shard.BazelIndexEnv, "0")
	t.Setenv(shard.BazelTotalEnv, "2")
	t.Setenv(shard.BazelStatusEnv, status)
	s, _, err = shard.FromEnv(true)
	require.NoError(t, err)
	require.Equal(t, shard.Spec{K: 1, N: 2}, s, "Bazel before the indexed job")
	require.FileExists(t, status)
	require.Equal(t, 2, shard.BazelShards())
	s, _, _ = shard.FromEnv(false)
	require.Equal(t, shard.Spec{K: 3, N: 4}, s, "Go tests leave Bazel's shards to rules_go")

	t.Setenv(shard.Env, "2/5")
	s, _, _ = shard.FromEnv(true)
	require.Equal(t, shard.Spec{K: 2, N: 5}, s, "INTERLEAVE_SHARD first")

	t.Setenv(shard.Env, "")
	t.Setenv(shard.BazelIndexEnv, "2")
	_, _, err = shard.FromEnv(true)
	require.ErrorContains(t, err, "TEST_SHARD_INDEX/TEST_TOTAL_SHARDS: shard 3/2")
}

// results writes the results of a split into dir and returns them read
// back.
func results(t *testing.T, rs ...shard.Result) []*shard.Result {
	t.Helper()
	dir := t.TempDir()
	var out []*shard.Result
	for i, r := range rs {
		path := filepath.Join(dir, "r"+string(rune('a'+i))+".json")
		require.NoError(t, r.Write(path))
		got, err := shard.Read(path)
		require.NoError(t, err)
		out = append(out, got)
	}
	return out
}

func rtResult(k, n int, verdict string, exec int64, covered []int, v ...shard.Violation) shard.Result {
	return shard.Result{Tool: shard.ToolRT, Name: "TestX", Shard: shard.Spec{K: k, N: n}, Depth: 2, Prefixes: 4,
		Covered: covered, Verdict: verdict, Executions: exec, Violations: v, ElapsedMS: float64(10 * k)}
}

func TestMerge(t *testing.T) {
	long := shard.Violation{Kind: "deadlock", Schedule: "0,1,0,1", Steps: 4}
	short := shard.Violation{Kind: "deadlock", Schedule: "1,0", Steps: 2}
	m, err := shard.Merge(results(t, rtResult(1, 2, shard.OK, 5, []int{0, 3}), rtResult(2, 2, shard.OK, 7, []int{1, 2})))
	require.NoError(t, err)
	require.Equal(t, shard.OK, m.Verdict)
	require.EqualValues(t, 12, m.Executions)
	require.InDelta(t, 20/15.0, m.Imbalance, 1e-9)

	m, err = shard.Merge(results(t, rtResult(1, 2, shard.Violated, 5, []int{0}, long), rtResult(2, 2, shard.Violated, 7, []int{1}, short)))
	require.NoError(t, err)
	require.Equal(t, shard.Violated, m.Verdict)
	require.Equal(t, []shard.Violation{short}, m.Violations, "the shortest counterexample")

	m, err = shard.Merge(results(t, rtResult(1, 2, shard.OK, 5, []int{0, 3}), rtResult(2, 2, shard.Bounded, 7, []int{1})))
	require.NoError(t, err)
	require.Equal(t, shard.Bounded, m.Verdict)
}

func TestMergeRefusals(t *testing.T) {
	a, b := rtResult(1, 2, shard.OK, 5, []int{0, 3}), rtResult(2, 2, shard.OK, 7, []int{1, 2})
	other := b
	other.Name = "TestY"
	stolen := b
	stolen.Covered = []int{0, 1, 2}
	gap := b
	gap.Covered = []int{1}
	for _, tc := range []struct {
		rs   []shard.Result
		want string
	}{
		{[]shard.Result{a}, "shard 2/2 missing"},
		{[]shard.Result{a, b, b}, "shard 2/2 appears twice"},
		{[]shard.Result{a, other}, "shards of different explorations"},
		{[]shard.Result{a, stolen}, "covered prefix 0, which is not its own"},
		{[]shard.Result{a, gap}, "prefix 2 of 4 was covered by no shard"},
	} {
		_, err := shard.Merge(results(t, tc.rs...))
		require.ErrorContains(t, err, tc.want)
	}
	_, err := shard.Merge(nil)
	require.Error(t, err)

	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"tool":"rt"}`), 0o644))
	_, err = shard.Read(bad)
	require.ErrorContains(t, err, "not a shard result")
	require.NoError(t, os.WriteFile(bad, []byte(`{"tool":"rt","shard":{"k":5,"n":2}}`), 0o644))
	_, err = shard.Read(bad)
	require.ErrorContains(t, err, "shard 5/2: K must be from 1 to N=2")
}

// TestStatesUnion: states files of several shards count each state once,
// and a state with different transitions in two files is refused.
func TestStatesUnion(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, states map[string]int) {
		w, err := shard.CreateStates(filepath.Join(dir, name))
		require.NoError(t, err)
		for s, n := range states {
			require.NoError(t, w.Add([]byte(s), n))
		}
		require.NoError(t, w.Close())
	}
	write("a.states", map[string]int{"x": 2, "y": 1})
	write("b.states", map[string]int{"y": 1, "z": 3})
	r := func(k int, file string) shard.Result {
		return shard.Result{Tool: shard.ToolExplore, Name: "m", Shard: shard.Spec{K: k, N: 2}, Depth: -1, Verdict: shard.OK, StatesFile: file}
	}
	var rs []*shard.Result
	for _, x := range []shard.Result{r(1, "a.states"), r(2, "b.states")} {
		path := filepath.Join(dir, x.StatesFile+".json")
		require.NoError(t, x.Write(path))
		got, err := shard.Read(path)
		require.NoError(t, err)
		rs = append(rs, got)
	}
	m, err := shard.Merge(rs)
	require.NoError(t, err)
	require.EqualValues(t, 3, m.States)
	require.EqualValues(t, 6, m.Transitions)

	write("b.states", map[string]int{"y": 2})
	_, err = shard.Merge(rs)
	require.ErrorContains(t, err, "not deterministic")
}
