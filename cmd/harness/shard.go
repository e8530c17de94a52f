package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/shard"
)

// shardUsage documents the flags of shardFlags in exploreUsage.
const shardUsage = `  --shard K/N         explore shard K of N (1 <= K <= N): breadth-first, the
                      levels above the split alike in every shard, then only
                      this shard's states of the split level; writes the
                      result for 'harness merge' (with --por=off implied;
                      not with --depth, --compact, --workers, --fairness
                      or --dot). --shard env takes K and N from Bazel's
                      TEST_SHARD_INDEX/TEST_TOTAL_SHARDS, a Kubernetes
                      Indexed Job's JOB_COMPLETION_INDEX with
                      INTERLEAVE_SHARDS=N, or INTERLEAVE_SHARD=K/N
  --shard-out FILE    with --shard, write the result to FILE and the states
                      it expanded to FILE.states (default
                      interleave-shard-K-of-N.json)`

// shardFlags are the flags of a sharded exploration.
type shardFlags struct {
	text string
	out  string
	spec shard.Spec
	w    *shard.StatesWriter
}

func (s *shardFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.text, "shard", "", "")
	fs.StringVar(&s.out, "shard-out", "", "")
}

// validate parses --shard and --shard-out; the engine refuses the
// searches that cannot be sharded (harness.CheckOptions).
func (s *shardFlags) validate(set map[string]bool) error {
	if !set["shard"] {
		if set["shard-out"] {
			return usagef("--shard-out names the result of a --shard run (allowed: --shard-out with --shard K/N)")
		}
		return nil
	}
	spec, err := s.parse()
	if err != nil {
		return err
	}
	s.spec = spec
	if s.out == "" {
		s.out = fmt.Sprintf("interleave-shard-%d-of-%d.json", spec.K, spec.N)
	}
	if st, err := os.Stat(filepath.Dir(s.out)); err != nil || !st.IsDir() {
		return usagef("--shard-out %s: directory %s does not exist (allowed: a file in an existing directory)", s.out, filepath.Dir(s.out))
	}
	return nil
}

// parse reads --shard: K/N, or env for the shard the environment names
// (under Bazel's shard_count, a Kubernetes Indexed Job, or
// INTERLEAVE_SHARD).
func (s *shardFlags) parse() (shard.Spec, error) {
	if s.text != "env" {
		spec, err := shard.Parse(s.text)
		if err != nil {
			return spec, usagef("--%v (or --shard env)", err)
		}
		return spec, nil
	}
	spec, ok, err := shard.FromEnv(true)
	switch {
	case err != nil:
		return spec, usagef("--shard env: %v", err)
	case !ok:
		return spec, usagef("--shard env: the environment names no shard (allowed: %s=K/N; Bazel's %s and %s; %s with %s=N)",
			shard.Env, shard.BazelIndexEnv, shard.BazelTotalEnv, shard.JobIndexEnv, shard.TotalEnv)
	}
	return spec, nil
}

// options makes o the shard's search, its expanded states written to the
// states file.
func (s *shardFlags) options(o harness.Options) (harness.Options, error) {
	if !s.spec.On() {
		return o, nil
	}
	w, err := shard.CreateStates(s.out + ".states")
	if err != nil {
		return o, err
	}
	s.w = w
	o.Shard = harness.Sharding{Spec: s.spec, Expanded: func(st harness.State, n int) error { return w.Add(st, n) }}
	return o, nil
}

// write closes the states file and writes the result; it returns the
// line the report ends with.
func (s *shardFlags) write(r report) (string, error) {
	if s.w == nil {
		return "", nil
	}
	if err := s.w.Close(); err != nil {
		return "", err
	}
	res := r.res
	sr := res.Shard
	out := &shard.Result{Tool: shard.ToolExplore, Name: strings.TrimPrefix(r.header(), "explore "), Shard: s.spec, Depth: sr.Depth, Prefixes: sr.Prefixes,
		Covered: sr.Covered, Verdict: res.Verdict().String(), States: int64(sr.Expanded), Transitions: int64(res.Transitions),
		StatesFile: filepath.Base(s.out) + ".states", ElapsedMS: float64(res.Elapsed.Microseconds()) / 1000}
	for _, v := range res.Violations {
		out.Violations = append(out.Violations, shard.Violation{Kind: v.Kind, Schedule: v.Schedule.String(), Steps: len(v.Schedule),
			Message: v.Message, Replay: replayCommand(r.inst, v, r.flags.fairness)})
	}
	if err := out.Write(s.out); err != nil {
		return "", err
	}
	split := "no level was wide enough to split, so it explored everything"
	if sr.Depth >= 0 {
		split = fmt.Sprintf("it expanded %d of the %d states of level %d and what they reach", len(sr.Covered), sr.Prefixes, sr.Depth)
	}
	return fmt.Sprintf("shard %s: %s (%d states expanded); result: %s (combine all %d with: harness merge)\n", s.spec, split, sr.Expanded, s.out, s.spec.N), nil
}
