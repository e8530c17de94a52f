package main

import (
	"errors"
	"slices"
	"testing"

	"github.com/interleave/concurrency/harness"
	"github.com/stretchr/testify/require"
)

// TestOptionFlags: every Options field an engine option rule can refuse
// has its flag in optionFlags, so no refusal prints a field the user
// never typed; and the table names no field the engine has dropped.
func TestOptionFlags(t *testing.T) {
	fields := harness.OptionFields()
	for _, f := range fields {
		require.Contains(t, optionFlags, f, "the engine refuses Options.%s, and optionFlags names no flag for it", f)
	}
	for f := range optionFlags {
		require.True(t, slices.Contains(fields, f), "optionFlags names %s, which no engine rule refuses", f)
	}
}

// TestOptionUsage: an engine refusal becomes a usage error naming the
// flag; other errors pass unchanged.
func TestOptionUsage(t *testing.T) {
	err := optionUsage(harness.CheckOptions(harness.Options{ContextBound: true, Preemptions: 65}))
	var ue usageError
	require.True(t, errors.As(err, &ue))
	require.EqualError(t, err, "--preemptions 65 is out of range (allowed: 0..64)")
	other := errors.New("disk full")
	require.Equal(t, other, optionUsage(other))
	require.NoError(t, optionUsage(nil))
}
