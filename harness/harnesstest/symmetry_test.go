package harnesstest_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/harnesstest"
)

// flags is threads that each raise their own flag once: interchangeable,
// so sorting the flags is a canonical form.
type flags struct{ n int }

func (f flags) Name() string                  { return "flags" }
func (f flags) Init() harness.State           { return make(harness.State, f.n) }
func (f flags) Threads(harness.State) int     { return f.n }
func (flags) Describe(s harness.State) string { return string(rune('0'+s[0])) + string(rune('0'+s[1])) }

func (flags) Enabled(s harness.State, th int) (harness.Step, bool) {
	return harness.Step{Footprint: harness.Footprint{Label: "raise"}}, s[th] == 0
}

func (flags) Apply(s harness.State, st harness.Step) harness.State {
	next := slices.Clone(s)
	next[st.Thread] = 1
	return next
}

func (flags) Canonical(dst, s harness.State) harness.State {
	out := append(dst, s...)
	slices.Sort(out[len(dst):])
	return out
}

// TestCheckSymmetryVerdicts: a check that tells the threads apart gives
// a state and its canonical form different verdicts and is reported; a
// check that does not passes.
func TestCheckSymmetryVerdicts(t *testing.T) {
	firstFirst := harness.Invariant("first-first", func(s harness.State) error {
		if s[0] == 0 && s[1] == 1 {
			return errors.New("T1 before T0")
		}
		return nil
	})
	require.EqualError(t, harnesstest.CheckSymmetry(flags{2}, 100, firstFirst),
		`symmetry contract broken: state "10" fails [] but its canonical form state "01" fails [first-first]`)
	count := harness.Invariant("at-most-2", func(s harness.State) error {
		if s[0]+s[1] > 2 {
			return errors.New("three flags")
		}
		return nil
	})
	require.NoError(t, harnesstest.CheckSymmetry(flags{2}, 100, count))
}
