package registry_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/counter"
	"github.com/interleave/concurrency/models/registry"
)

// TestInstantiate: defaults fill in what is not given, parameters print in
// declared order, and every bad input is refused naming what is allowed.
func TestInstantiate(t *testing.T) {
	d, err := registry.Lookup("counter")
	require.NoError(t, err)
	inst, err := d.Instantiate("", map[string]int{"increments": 3})
	require.NoError(t, err)
	require.Equal(t, string(counter.Race), inst.Variant)
	require.Equal(t, "threads=2 increments=3", inst.ParamString(" "))
	for _, c := range []struct {
		variant string
		params  map[string]int
		want    string
	}{
		{"nope", nil, `unknown variant "nope" for model counter (allowed: race, mutex, atomic)`},
		{"", map[string]int{"k": 1}, `unknown parameter "k" for model counter (allowed: threads (1..8), increments (1..8))`},
		{"", map[string]int{"threads": 9}, "parameter threads=9 out of range for model counter (allowed: 1..8)"},
	} {
		_, err := d.Instantiate(c.variant, c.params)
		require.EqualError(t, err, c.want)
	}
	_, err = registry.Lookup("nope")
	require.EqualError(t, err, `unknown model "nope" (allowed: counter)`)
}

// TestParseParam reads name=value and refuses anything else.
func TestParseParam(t *testing.T) {
	name, v, err := registry.ParseParam("n=5")
	require.NoError(t, err)
	require.Equal(t, "n", name)
	require.Equal(t, 5, v)
	_, _, err = registry.ParseParam("=5")
	require.EqualError(t, err, `malformed parameter "=5" (allowed: name=value, e.g. n=5)`)
	_, _, err = registry.ParseParam("n=x")
	require.EqualError(t, err, "parameter n=x is not an integer (allowed: whole numbers, e.g. n=3)")
}

// TestRegisterRefuses a second model of the same name and one that
// cannot be built.
func TestRegisterRefuses(t *testing.T) {
	build := func(string, map[string]int) (harness.Model, []harness.Check) { return nil, nil }
	require.PanicsWithValue(t, "registry: model counter registered twice", func() {
		registry.Register(registry.Definition{Name: "counter", Variants: []registry.Variant{{Name: "v"}}, Build: build})
	})
	require.PanicsWithValue(t, "registry: model unbuildable needs a variant and a Build function", func() {
		registry.Register(registry.Definition{Name: "unbuildable", Build: build})
	})
}
