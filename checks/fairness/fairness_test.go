package fairness_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/deadlock"
)

// TestPhilosophers pins the liveness verdicts of the dining philosophers
// under each fairness assumption: trylock livelocks once the scheduler is
// weakly fair, ordered never livelocks, and a philosopher can starve in
// ordered unless the scheduler is strongly fair.
func TestPhilosophers(t *testing.T) {
	cases := []struct {
		variant deadlock.Variant
		fair    fairness.Fairness
		want    []string // violation kinds, in order found
	}{
		{deadlock.TryLock, fairness.Weak, []string{fairness.StarvationKind, fairness.LivelockKind}},
		{deadlock.TryLock, fairness.Strong, []string{fairness.StarvationKind, fairness.LivelockKind}},
		{deadlock.Ordered, fairness.None, []string{fairness.StarvationKind}},
		{deadlock.Ordered, fairness.Weak, []string{fairness.StarvationKind}},
		{deadlock.Ordered, fairness.Strong, nil},
		{deadlock.AllOrNothing, fairness.Weak, []string{fairness.StarvationKind}},
		{deadlock.AllOrNothing, fairness.Strong, nil},
	}
	for _, c := range cases {
		t.Run(string(c.variant)+"/"+c.fair.String(), func(t *testing.T) {
			m := deadlock.New(c.variant, 3)
			res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true},
				fairness.Starvation(c.fair), fairness.Livelock(c.fair))
			require.NoError(t, err)
			require.True(t, res.Complete)
			var kinds []string
			for _, v := range res.Violations {
				kinds = append(kinds, v.Kind)
				require.Positive(t, v.Cycle, "a liveness violation is a lasso")
				require.Equal(t, v.Schedule, v.Trace.Schedule())
				stem := v.Trace.States[len(v.Trace.States)-1-v.Cycle]
				require.Equal(t, stem, v.Trace.Final(), "the cycle returns to where it started")
			}
			require.Equal(t, c.want, kinds)
		})
	}
}
