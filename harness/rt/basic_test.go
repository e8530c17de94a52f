package rt_test

import (
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

func explore(t *testing.T, body func(*rt.T), opts ...rt.Option) rt.Report {
	t.Helper()
	rep, err := rt.Explore(body, opts...)
	require.NoError(t, err)
	return rep
}

// foundAndFixed checks that rt finds bug as a failure of kind and that
// every schedule of fixed passes.
func foundAndFixed(t *testing.T, kind rt.Kind, bug, fixed func(*rt.T), opts ...rt.Option) {
	t.Helper()
	rep := explore(t, bug, opts...)
	require.NotNil(t, rep.Failure, rep.String())
	require.Equal(t, kind, rep.Failure.Kind, rep.String())
	rep = explore(t, fixed, opts...)
	require.Nil(t, rep.Failure, rep.String())
	require.True(t, rep.Exhausted, rep.String())
}

func TestLostUpdateRace(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		var n rt.Var[int]
		var wg rt.WaitGroup
		for range 2 {
			wg.Go(func() { n.Store(n.Load() + 1) })
		}
		wg.Wait()
	})
	require.NotNil(t, rep.Failure, rep.String())
	require.Equal(t, rt.KindRace, rep.Failure.Kind)
	t.Log(rep)
}

func TestMutexCounterOK(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		var n rt.Var[int]
		var mu rt.Mutex
		var wg rt.WaitGroup
		for range 2 {
			wg.Go(func() { mu.Lock(); n.Store(n.Load() + 1); mu.Unlock() })
		}
		wg.Wait()
		require.Equal(t, 2, n.Load())
	})
	require.Nil(t, rep.Failure, rep.String())
	require.True(t, rep.Exhausted)
	t.Log(rep)
}
