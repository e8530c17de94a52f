package fuzz_test

import (
	"os"
	"regexp"
	"sort"
	"testing"

	"github.com/interleave/concurrency/fuzz"
	"github.com/stretchr/testify/require"
)

// TestSeedsMissTheBugs keeps time-to-bug honest: no seed of any target
// triggers its seeded bug, so with INTERLEAVE_FUZZ_BUG=1 the fuzzer has to
// find the bug itself. The exceptions are bugs that every execution shows
// (marked everySchedule, or, for schedule-only targets, missed by no
// candidate schedule: logged).
func TestSeedsMissTheBugs(t *testing.T) {
	for _, name := range names() {
		tg := targets[name]
		t.Run(name, func(t *testing.T) {
			seeds := seedsOf(tg)
			require.NotEmpty(t, seeds)
			if tg.noBug {
				t.Skip("no seeded bug")
			}
			skipUninstrumented(t, tg)
			every := tg.everySchedule
			if tg.probe != nil && len(seeds) == 1 && tg.probe(seeds[0].sched) {
				t.Logf("every candidate schedule shows the bug of %s: the fuzzer's first input finds it", name)
				every = true
			}
			for i, s := range seeds {
				got, skipped := crashOf(t, tg, true, s)
				require.False(t, skipped, "seed %d (%q) does not decode into an execution", i, s)
				require.Equal(t, every, got != nil, "seed %d (%q): crash %v", i, s, got)
			}
		})
	}
}

// crashOf runs target tg, built with or without its bug, on input in
// in a subtest, and returns the crash it found (or nil) and whether the
// input was skipped (rapid skips an input that runs out before the
// workload is drawn).
func crashOf(t *testing.T, tg target, bug bool, in input) (got *fuzz.Crash, skipped bool) {
	fn := tg.build(bug, func(_ fataler, c *fuzz.Crash) { got = c })
	t.Run("input", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		fn(t, in)
	})
	return got, skipped
}

// TestEveryTargetHasAFuzzFunction checks that the registered targets and
// the Fuzz functions of the package are the same set.
func TestEveryTargetHasAFuzzFunction(t *testing.T) {
	src := readTestFiles(t)
	declared := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(f \*testing\.F\)`).FindAllStringSubmatch(src, -1)
	var fns []string
	for _, m := range declared {
		fns = append(fns, m[1])
	}
	sort.Strings(fns)
	require.Equal(t, names(), fns)
}

func readTestFiles(t *testing.T) string {
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var all string
	for _, e := range entries {
		if regexp.MustCompile(`_test\.go$`).MatchString(e.Name()) {
			b, err := os.ReadFile(e.Name())
			require.NoError(t, err)
			all += string(b)
		}
	}
	return all
}

// names returns the registered targets, sorted.
func names() []string {
	var ns []string
	for n := range targets {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}
