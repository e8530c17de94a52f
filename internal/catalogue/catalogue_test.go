package catalogue_test

import (
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/internal/catalogue"
	"github.com/stretchr/testify/require"
)

// TestBugs checks that DFS finds every bug with its kind, that the failure
// replays, and that every fixed body exhausts its space.
func TestBugs(t *testing.T) {
	for _, b := range catalogue.Bugs() {
		t.Run(b.Target, func(t *testing.T) {
			rep, err := rt.Explore(b.Body(false))
			require.NoError(t, err)
			require.NotNil(t, rep.Failure, "bug not found: %s", rep)
			require.Equal(t, b.Kind, rep.Failure.Kind, rep.String())

			again, err := rt.Explore(b.Body(false), rt.WithReplay(rep.Failure.Schedule.String()))
			require.NoError(t, err)
			require.NotNil(t, again.Failure, "replay did not fail")
			require.Equal(t, rep.Failure.String(), again.Failure.String())

			ok, err := rt.Explore(b.Body(true))
			require.NoError(t, err)
			require.Nil(t, ok.Failure, "fixed body failed: %s", ok)
			require.True(t, ok.Exhausted, ok.String())
		})
	}
}

func TestLookup(t *testing.T) {
	for _, b := range catalogue.Bugs() {
		got, ok := catalogue.Lookup(b.Target)
		require.True(t, ok)
		require.Equal(t, b.Name, got.Name)
	}
	_, ok := catalogue.Lookup("NoSuchBug")
	require.False(t, ok)
}
