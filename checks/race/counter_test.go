package race_test

import (
	"context"
	"testing"

	"github.com/interleave/concurrency/checks/race"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/counter"
	"github.com/stretchr/testify/require"
)

// On the lost-update counter model: read-then-write is a race, the mutex
// variant is not, and the atomic variant is not once x is declared
// atomic (its x++ is a Write in the footprint, like any store).
func TestCounterModel(t *testing.T) {
	cases := []struct {
		variant counter.Variant
		opts    []race.Option
		race    bool
	}{
		{counter.Race, nil, true},
		{counter.Mutex, nil, false},
		{counter.Atomic, []race.Option{race.Atomic("x")}, false},
		{counter.Atomic, nil, true},
	}
	for _, c := range cases {
		t.Run(string(c.variant), func(t *testing.T) {
			res, err := harness.Explore(context.Background(), counter.New(c.variant, 2, 2), harness.Options{}, race.Model(c.opts...))
			require.NoError(t, err)
			if !c.race {
				require.Equal(t, harness.OK, res.Verdict(), "%v", res.Violations)
				return
			}
			require.NotEmpty(t, res.Violations)
			require.Equal(t, race.Kind, res.Violations[0].Kind)
			require.Contains(t, res.Violations[0].Message, "both access x")
		})
	}
}
