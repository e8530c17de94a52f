package fuzz_test

import (
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/refcount"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// impls/refcount: the owner hands a reference to each of 1-2 goroutines;
// everyone runs drawn Get and Retain/Release pairs and drops its
// reference, the owner at a drawn point. No call may fail and the
// finaliser must run exactly once. The correct code is the atomic or the
// biased count (drawn); the seeded bug is the non-atomic count, whose
// lost updates (a goroutine switch at the runtime.Gosched between its read
// and its write) make a call fail or the finaliser run other than once.
// Marked everySchedule: it is a data race on every schedule.
func init() {
	tg := implTarget("FuzzRefcount", drawRefcount)
	tg.everySchedule = true
	register(tg)
}

func FuzzRefcount(f *testing.F) { run(f, "FuzzRefcount") }

// refOps is one goroutine's workload: true is a Retain/Release pair,
// false a Get.
type refOps []bool

func drawRefcount(t *rapid.T, bug bool) func(*rt.T) {
	var opts []refcount.Option
	switch {
	case bug:
		opts = append(opts, refcount.WithBug(refcount.BugNonAtomicCount))
	case rapid.Bool().Draw(t, "biased"):
		opts = append(opts, refcount.WithBiased())
	}
	others := rapid.SliceOfN(rapid.SliceOfN(rapid.Bool(), 0, 3), 1, 2).Draw(t, "others")
	owner := rapid.SliceOfN(rapid.Bool(), 0, 3).Draw(t, "owner")
	dropAt := rapid.IntRange(0, len(owner)).Draw(t, "owner drops after")
	return func(t *rt.T) {
		var frees rt.Int64
		h := refcount.New(7, func(int) { frees.Add(1) }, opts...)
		o := h.Owner()
		var wg rt.WaitGroup
		for _, ops := range others {
			require.NoError(t, h.Retain()) // a reference for the goroutine, on the shared count
			wg.Go(func() {
				useRef(t, h.Retain, h.Release, h.Get, ops)
				require.NoError(t, h.Release())
			})
		}
		// The owner keeps a second reference while it works past dropAt.
		require.NoError(t, o.Retain())
		useRef(t, o.Retain, o.Release, h.Get, owner[:dropAt])
		require.NoError(t, o.Release())
		useRef(t, o.Retain, o.Release, h.Get, owner[dropAt:])
		require.NoError(t, o.Release())
		wg.Wait()
		require.Equal(t, int64(1), frees.Load(), "the finaliser must run exactly once")
	}
}

// useRef runs ops while holding a reference.
func useRef(t *rt.T, retain, release func() error, get func() (int, error), ops refOps) {
	for _, pair := range ops {
		if pair {
			require.NoError(t, retain())
			require.NoError(t, release())
			continue
		}
		v, err := get()
		require.NoError(t, err)
		require.Equal(t, 7, v)
	}
}
