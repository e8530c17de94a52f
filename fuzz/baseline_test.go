package fuzz_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/interleave/concurrency/fuzz"
	"github.com/stretchr/testify/require"
)

// Environment of TestRandomBaseline.
const (
	baselineEnv     = "INTERLEAVE_BASELINE"      // time budget per target, e.g. 60s
	baselineSeedEnv = "INTERLEAVE_BASELINE_SEED" // seed of the random inputs (default 1)
	baselineInput   = 512                        // random operation and schedule bytes
)

// TestRandomBaseline is the comparison that scripts/fuzz-time-to-bug.sh
// prints beside the fuzzer: uniformly random inputs, with no coverage
// guidance, fed to each target with its bug on. For a schedule target
// that is pure random scheduling (every choice uniform); for an operation
// target, random operations too; for a native target, random scripts
// (the OS schedules). It runs only when INTERLEAVE_BASELINE
// gives a time budget, and prints one line per target:
//
//	baseline FuzzLostUpdate: found after 0.012s (7 inputs)
//	baseline FuzzX: not found in 60s (81234 inputs)
//
// Select targets with -run 'TestRandomBaseline/^FuzzX$'.
func TestRandomBaseline(t *testing.T) {
	budget, seed := baselineConfig(t)
	for _, name := range names() {
		t.Run(name, func(t *testing.T) {
			if targets[name].noBug {
				fmt.Printf("baseline %s: no seeded bug\n", name)
				return
			}
			skipUninstrumented(t, targets[name])
			fmt.Println(baseline(t, targets[name], budget, seed))
		})
	}
}

func baselineConfig(t *testing.T) (time.Duration, uint64) {
	text := os.Getenv(baselineEnv)
	if text == "" {
		t.Skip("set " + baselineEnv + "=<duration> to measure random time-to-bug")
	}
	budget, err := time.ParseDuration(text)
	require.NoError(t, err, baselineEnv)
	seed := uint64(1)
	if s := os.Getenv(baselineSeedEnv); s != "" {
		seed, err = strconv.ParseUint(s, 10, 64)
		require.NoError(t, err, baselineSeedEnv)
	}
	return budget, seed
}

// baseline runs random inputs through tg with its bug on until one
// crashes or budget runs out, and describes the outcome.
func baseline(t *testing.T, tg target, budget time.Duration, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 0xba5e))
	var found *fuzz.Crash
	fn := tg.build(true, func(_ fataler, c *fuzz.Crash) { found = c })
	in := input{sched: make([]byte, baselineInput)}
	if tg.ops || tg.native {
		in.ops = make([]byte, baselineInput)
	}
	start := time.Now()
	for n := 1; ; n++ {
		for _, b := range [][]byte{in.ops, in.sched} {
			for i := range b {
				b[i] = byte(r.Uint32())
			}
		}
		t.Run("input", func(t *testing.T) { fn(t, in) })
		if found != nil {
			return fmt.Sprintf("baseline %s: found after %.3fs (%d inputs)", tg.name, time.Since(start).Seconds(), n)
		}
		if time.Since(start) >= budget {
			return fmt.Sprintf("baseline %s: not found in %v (%d inputs)", tg.name, budget, n)
		}
	}
}
