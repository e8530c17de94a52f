package race_test

import (
	"context"
	"testing"

	"github.com/interleave/concurrency/checks/internal/progmodel"
	"github.com/interleave/concurrency/checks/internal/rtcheck"
	"github.com/interleave/concurrency/checks/race"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

type op = progmodel.Op

func o(label, object string, kind harness.AccessKind) op {
	return op{Label: label, Object: object, Kind: kind}
}

func locked(label string, k harness.AccessKind) []op {
	return []op{o("lock", "m", harness.Acquire), o(label, "x", k), o("unlock", "m", harness.Release)}
}

func TestModel(t *testing.T) {
	cases := []struct {
		name    string
		threads [][]op
		opts    []race.Option
		want    string // substring of the violation; "" for none
	}{
		{"write and read unlocked", [][]op{{o("write x", "x", harness.Write)}, {o("read x", "x", harness.Read)}}, nil,
			`T0 "write x" and T1 "read x" both access x`},
		{"two writes unlocked", [][]op{{o("w", "x", harness.Write)}, {o("w", "x", harness.Write)}}, nil, "both access x"},
		{"write and read under a lock", [][]op{locked("write x", harness.Write), locked("read x", harness.Read)}, nil, ""},
		{"two reads", [][]op{{o("r", "x", harness.Read)}, {o("r", "x", harness.Read)}}, nil, ""},
		{"different objects", [][]op{{o("w", "x", harness.Write)}, {o("w", "y", harness.Write)}}, nil, ""},
		{"atomic object", [][]op{{o("x++", "x", harness.Write)}, {o("x++", "x", harness.Write)}}, []race.Option{race.Atomic("x")}, ""},
		{"race after a lock", [][]op{append(locked("w", harness.Write), o("late read", "x", harness.Read)), locked("w", harness.Write)}, nil,
			`"late read"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := harness.Explore(context.Background(), progmodel.New(c.threads), harness.Options{}, race.Model(c.opts...))
			require.NoError(t, err)
			if c.want == "" {
				require.Equal(t, harness.OK, res.Verdict(), "%v", res.Violations)
				return
			}
			require.Len(t, res.Violations, 1)
			v := res.Violations[0]
			require.Equal(t, race.Kind, v.Kind)
			require.Contains(t, v.Message, c.want)
		})
	}
}

// incrementer increments a Var from two goroutines, under a mutex if locked.
func incrementer(locked bool) func(*rt.T) {
	return func(t *rt.T) {
		var mu rt.Mutex
		var n rt.Var[int]
		var wg rt.WaitGroup
		for range 2 {
			wg.Go(func() {
				if locked {
					mu.Lock()
					defer mu.Unlock()
				}
				n.Store(n.Load() + 1)
			})
		}
		wg.Wait()
	}
}

func TestRT(t *testing.T) {
	_, err := race.RT().Explore(incrementer(false))
	var f *race.Finding
	require.ErrorAs(t, err, &f)
	require.Equal(t, rt.KindRace, f.Kind)
	require.Contains(t, f.Message, "not ordered by happens-before")

	rep, err := race.RT().Explore(incrementer(true))
	require.NoError(t, err)
	require.True(t, rep.Exhausted)
	require.NoError(t, race.RT().Inspect(rep))
	require.Equal(t, race.Kind, race.RT().Name())
}

func TestRTUnknown(t *testing.T) {
	deadlock := func(t *rt.T) {
		var mu rt.Mutex
		mu.Lock()
		mu.Lock()
	}
	_, err := race.RT().Explore(deadlock)
	require.ErrorIs(t, err, race.ErrOther)

	_, err = race.RT().Explore(incrementer(true), rt.WithMaxExecutions(1))
	require.ErrorIs(t, err, race.ErrBounded)
}

// Verify fails a test on a bug and passes a correct body.
func TestVerify(t *testing.T) {
	msg := rtcheck.Failure(t, func(tb testing.TB) { race.RT().Verify(tb, incrementer(false)) })
	require.Contains(t, msg, "rt: data race:")

	rep := race.RT().Verify(t, incrementer(true))
	require.True(t, rep.Exhausted)
}
