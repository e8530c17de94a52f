package shard

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
)

// Spec is shard K of N, K from 1 to N. The zero Spec means "not sharded".
type Spec struct {
	K int `json:"k"`
	N int `json:"n"`
}

// On reports whether s shards anything.
func (s Spec) On() bool { return s.N > 0 }

// Owns reports whether prefix i (numbered from 0 in search order) is this
// shard's.
func (s Spec) Owns(i int) bool { return !s.On() || Owner(i, s.N) == s.K }

// Owner is the shard (from 1) of N that prefix i goes to. Prefixes are
// dealt in rounds of N, every other round in reverse (1..N, N..1, ...):
// the subtrees of the first prefixes of a search tend to be the largest
// (they have the most choices left), and dealing back and forth spreads
// them.
func Owner(i, n int) int {
	pos := i % n
	if (i/n)%2 == 1 {
		pos = n - 1 - pos
	}
	return pos + 1
}

func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// maxShards bounds N: beyond it the prefixes per shard get too few to
// balance, and a typo (1/1000000) is more likely than intent.
const maxShards = 10000

// Parse reads "K/N", K from 1 to N.
func Parse(text string) (Spec, error) {
	ks, ns, ok := strings.Cut(text, "/")
	k, errK := strconv.Atoi(ks)
	n, errN := strconv.Atoi(ns)
	if !ok || errK != nil || errN != nil {
		return Spec{}, fmt.Errorf("shard %s: want K/N, shard K of N with 1 <= K <= N (e.g. 2/4)", trace.Quote(text))
	}
	return Make(k, n)
}

// Make checks 1 <= k <= n <= 10000.
func Make(k, n int) (Spec, error) {
	switch {
	case n < 1 || n > maxShards:
		return Spec{}, fmt.Errorf("shard %d/%d: N must be from 1 to %d", k, n, maxShards)
	case k < 1 || k > n:
		return Spec{}, fmt.Errorf("shard %d/%d: K must be from 1 to N=%d", k, n, n)
	}
	return Spec{K: k, N: n}, nil
}

// The environment variables FromEnv reads.
const (
	Env            = "INTERLEAVE_SHARD"       // K/N
	TotalEnv       = "INTERLEAVE_SHARDS"      // N, with JOB_COMPLETION_INDEX
	BazelIndexEnv  = "TEST_SHARD_INDEX"       // from 0
	BazelTotalEnv  = "TEST_TOTAL_SHARDS"      // N
	BazelStatusEnv = "TEST_SHARD_STATUS_FILE" // touched to say the test shards
	JobIndexEnv    = "JOB_COMPLETION_INDEX"   // Kubernetes Indexed Job, from 0
)

// FromEnv returns the shard the environment asks for: INTERLEAVE_SHARD,
// else Bazel's TEST_SHARD_INDEX/TEST_TOTAL_SHARDS when bazel is set, else a
// Kubernetes Indexed Job's JOB_COMPLETION_INDEX with INTERLEAVE_SHARDS (a
// job's index alone says nothing of the total, and an indexed job may not
// mean to shard). ok is false when none is set. Under Bazel it touches
// TEST_SHARD_STATUS_FILE, which tells Bazel the test honours sharding.
//
// Go tests must not take Bazel's shard: rules_go's test main already
// runs each test function in one shard only (function i in shard i mod
// N), so a Check sharded again would leave executions unexplored (see
// BazelShards).
func FromEnv(bazel bool) (s Spec, ok bool, err error) {
	if v := os.Getenv(Env); v != "" {
		s, err = Parse(v)
		return s, true, wrap(Env, err)
	}
	if idx, total := os.Getenv(BazelIndexEnv), os.Getenv(BazelTotalEnv); bazel && idx != "" && total != "" {
		s, err = fromIndex(idx, total)
		if err == nil {
			err = touch(os.Getenv(BazelStatusEnv))
		}
		return s, true, wrap(BazelIndexEnv+"/"+BazelTotalEnv, err)
	}
	if idx, total := os.Getenv(JobIndexEnv), os.Getenv(TotalEnv); idx != "" && total != "" {
		s, err = fromIndex(idx, total)
		return s, true, wrap(JobIndexEnv+"/"+TotalEnv, err)
	}
	return Spec{}, false, nil
}

// BazelShards returns Bazel's TEST_TOTAL_SHARDS when it shards the test
// (more than one), else 0.
func BazelShards() int {
	n, err := strconv.Atoi(os.Getenv(BazelTotalEnv))
	if err != nil || n < 2 {
		return 0
	}
	return n
}

// fromIndex reads a 0-based index and a total.
func fromIndex(idx, total string) (Spec, error) {
	i, errI := strconv.Atoi(idx)
	n, errN := strconv.Atoi(total)
	if errI != nil || errN != nil {
		return Spec{}, fmt.Errorf("index %s and total %s: want whole numbers, 0 <= index < total", trace.Quote(idx), trace.Quote(total))
	}
	return Make(i+1, n)
}

func touch(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	return f.Close()
}

func wrap(from string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", from, err)
}
