package main

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/interleave/concurrency/harness"
	"github.com/stretchr/testify/require"
)

// TestOptionFlags: every Options field has its entry in optionFlags, so
// no engine refusal prints a field the user never typed; and the table
// names no field the engine has dropped.
func TestOptionFlags(t *testing.T) {
	fields := reflect.VisibleFields(reflect.TypeFor[harness.Options]())
	for _, f := range fields {
		require.Contains(t, optionFlags, f.Name, "Options.%s has no entry in optionFlags", f.Name)
	}
	for name := range optionFlags {
		require.True(t, slices.ContainsFunc(fields, func(f reflect.StructField) bool { return f.Name == name }), "optionFlags names %s, which Options does not have", name)
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
