package refcount_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/interleave/concurrency/impls/refcount"
	"github.com/interleave/concurrency/internal/seeded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests pass under go test and under harness test, which explores
// their interleavings; -refcount.bug switches a seeded bug on:
//
//	harness test ./impls/refcount -refcount.bug=nonatomic
var seededBug = seeded.Flag("refcount", map[string]refcount.Bug{"nonatomic": refcount.BugNonAtomicCount})

var variants = []struct {
	name string
	opts []refcount.Option
}{
	{"atomic", nil},
	{"biased", []refcount.Option{refcount.WithBiased()}},
}

// TestFinalisedOnce: the owner hands a reference to each of two workers
// and drops its own; every use succeeds and the finaliser runs exactly
// once, after the last release (the non-atomic count loses a release
// between its read and its write, where harness test switches goroutines
// at the runtime.Gosched that widens the window).
func TestFinalisedOnce(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			var fins atomic.Int32
			h := refcount.New("v", func(string) { fins.Add(1) }, append(v.opts, refcount.WithBug(seededBug(t)))...)
			o := h.Owner()
			var wg sync.WaitGroup
			for range 2 {
				require.NoError(t, h.Retain())
				wg.Go(func() {
					_, err := h.Get()
					assert.NoError(t, err)
					assert.NoError(t, h.Release())
				})
			}
			require.NoError(t, o.Retain())
			require.NoError(t, o.Release())
			require.NoError(t, o.Release())
			wg.Wait()
			require.Equal(t, int32(1), fins.Load(), "finaliser calls")
		})
	}
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
