package refcount_test

import (
	"errors"
	"testing"

	"github.com/interleave/concurrency/checks/race"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/refcount"
	"github.com/stretchr/testify/require"
)

// share hands the owner's value to workers goroutines, each with its own
// reference, and drops the owner's: the finaliser must run exactly once,
// after every use.
func share(workers int, opts ...refcount.Option) func(*rt.T) {
	return func(t *rt.T) {
		var fins rt.Int32
		h := refcount.New("v", func(string) { fins.Add(1) }, opts...)
		o := h.Owner()
		var wg rt.WaitGroup
		for range workers {
			require.NoError(t, h.Retain())
			wg.Go(func() {
				_, err := h.Get()
				require.NoError(t, err)
				require.NoError(t, h.Release())
			})
		}
		require.NoError(t, o.Retain())
		require.NoError(t, o.Release())
		require.NoError(t, o.Release())
		wg.Wait()
		require.Equal(t, int32(1), fins.Load(), "finaliser calls")
	}
}

var variants = []struct {
	name string
	opts []refcount.Option
}{
	{"atomic", nil},
	{"biased", []refcount.Option{refcount.WithBiased()}},
}

// The correct variants pass the race check and the exactly-once check on
// every schedule (within the default preemption bound).
func TestVariantsUnderRT(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			rep, err := race.RT().Explore(share(2, v.opts...))
			require.NoError(t, err)
			t.Logf("%s: %s", v.name, rep)
		})
	}
}

// TestSeededBugs: the non-atomic count is a data race on the count.
func TestSeededBugs(t *testing.T) {
	t.Run("non-atomic count", func(t *testing.T) {
		for _, v := range variants {
			opts := append(v.opts, refcount.WithBug(refcount.BugNonAtomicCount))
			_, err := race.RT().Explore(share(2, opts...))
			var f *race.Finding
			require.ErrorAs(t, err, &f, v.name)
			require.Equal(t, rt.KindRace, f.Kind)
			require.Contains(t, f.Message, "not ordered by happens-before")
			t.Log(f)
		}
	})
}

func TestMisuse(t *testing.T) {
	cases := []struct {
		name string
		opts []refcount.Option
		use  func(h *refcount.Handle[int]) error
		want error
	}{
		{"release twice", nil, func(h *refcount.Handle[int]) error { _ = h.Release(); return h.Release() }, refcount.ErrDoubleFree},
		{"owner releases twice (biased)", []refcount.Option{refcount.WithBiased()},
			func(h *refcount.Handle[int]) error { _ = h.Owner().Release(); return h.Owner().Release() }, refcount.ErrDoubleFree},
		{"get after free", nil, func(h *refcount.Handle[int]) error { _ = h.Release(); _, err := h.Get(); return err }, refcount.ErrUseAfterFree},
		{"retain after free (biased)", []refcount.Option{refcount.WithBiased()},
			func(h *refcount.Handle[int]) error { _ = h.Owner().Release(); return h.Retain() }, refcount.ErrUseAfterFree},
		{"balanced", nil, func(h *refcount.Handle[int]) error { _ = h.Retain(); _ = h.Release(); return h.Release() }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fins := 0
			h := refcount.New(7, func(int) { fins++ }, c.opts...)
			err := c.use(h)
			require.True(t, errors.Is(err, c.want), "got %v, want %v", err, c.want)
			require.Equal(t, 1, fins, "finaliser calls")
		})
	}
}
