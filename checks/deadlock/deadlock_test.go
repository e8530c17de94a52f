package deadlock_test

import (
	"context"
	"testing"

	"github.com/interleave/concurrency/checks/deadlock"
	"github.com/interleave/concurrency/checks/internal/progmodel"
	"github.com/interleave/concurrency/checks/internal/rtcheck"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

type op = progmodel.Op

// pair takes two locks in order and releases them.
func pair(first, second string) []op {
	return []op{
		{Label: "lock " + first, Object: first, Kind: harness.Acquire},
		{Label: "lock " + second, Object: second, Kind: harness.Acquire},
		{Label: "unlock " + second, Object: second, Kind: harness.Release},
		{Label: "unlock " + first, Object: first, Kind: harness.Release},
	}
}

var spinner = []op{{Label: "spin", Object: "y", Kind: harness.Write}}

func TestModelPartialDeadlock(t *testing.T) {
	cases := []struct {
		name  string
		m     *progmodel.Model
		cycle string // the message; "" for no deadlock
	}{
		{"AB/BA while a third thread spins", progmodel.New([][]op{pair("a", "b"), pair("b", "a"), spinner}, false, false, true), "wait-for cycle T0 -> T1 -> T0"},
		{"AB/AB while a third thread spins", progmodel.New([][]op{pair("a", "b"), pair("a", "b"), spinner}, false, false, true), ""},
		{"three-way cycle while a fourth spins", progmodel.New([][]op{pair("a", "b"), pair("b", "c"), pair("c", "a"), spinner}, false, false, false, true), "wait-for cycle T0 -> T1 -> T2 -> T0"},
		// The engine reports a global deadlock first, under the same kind.
		{"three-way cycle", progmodel.New([][]op{pair("a", "b"), pair("b", "c"), pair("c", "a")}), "no thread can step"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := harness.Explore(context.Background(), c.m, harness.Options{}, deadlock.Model())
			require.NoError(t, err)
			if c.cycle == "" {
				require.Equal(t, harness.OK, res.Verdict(), "%v", res.Violations)
				return
			}
			require.NotEmpty(t, res.Violations)
			v := res.Violations[0]
			require.Equal(t, deadlock.Kind, v.Kind)
			require.Contains(t, v.Message, c.cycle)
		})
	}
}

// opaque hides Holding: who holds what must come from the execution.
type opaque struct{ harness.Model }

// Without Holder or Blocker the check replays paths to the states with
// blocked threads and finds the same cycle.
func TestModelFromExecutions(t *testing.T) {
	cases := []struct {
		name  string
		m     harness.Model
		cycle string
	}{
		{"AB/BA while a third thread spins", opaque{progmodel.New([][]op{pair("a", "b"), pair("b", "a"), spinner}, false, false, true)}, "wait-for cycle T0 -> T1 -> T0"},
		{"AB/AB while a third thread spins", opaque{progmodel.New([][]op{pair("a", "b"), pair("a", "b"), spinner}, false, false, true)}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := harness.Explore(context.Background(), c.m, harness.Options{}, deadlock.Model())
			require.NoError(t, err)
			if c.cycle == "" {
				require.Equal(t, harness.OK, res.Verdict(), "%v", res.Violations)
				return
			}
			require.Len(t, res.Violations, 1)
			v := res.Violations[0]
			require.Equal(t, deadlock.Kind, v.Kind)
			require.Contains(t, v.Message, c.cycle)
			require.Contains(t, deadlock.Report(c.m, v.Trace), "  yes  circular wait     T0 → ")
		})
	}
}

// The engine alone misses the partial deadlock: the spinner never lets
// the space reach a terminal state.
func TestEngineMissesPartialDeadlock(t *testing.T) {
	m := progmodel.New([][]op{pair("a", "b"), pair("b", "a"), spinner}, false, false, true)
	res, err := harness.Explore(context.Background(), m, harness.Options{})
	require.NoError(t, err)
	require.Equal(t, harness.OK, res.Verdict())
}

func TestReport(t *testing.T) {
	m := progmodel.New([][]op{pair("a", "b"), pair("b", "a")})
	res, err := harness.Explore(context.Background(), m, harness.Options{}, deadlock.Model())
	require.NoError(t, err)
	require.NotEmpty(t, res.Violations)
	out := deadlock.Report(m, res.Violations[0].Trace)
	require.Contains(t, out, `T0 blocked at "lock b" waiting for b (held by T1`)
	require.Contains(t, out, "\nwait-for cycle: T0 → T1 → T0\n")
	require.Contains(t, out, "  yes  circular wait     T0 → b → T1 → a → T0\n")
	// progmodel's Holding names the locks the trace shows too: once each.
	require.Contains(t, out, "  yes  hold and wait     T0 holds a while waiting for b\n"+
		"                         T1 holds b while waiting for a\n")
}

func abba(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		var a, b rt.Mutex
		var n rt.Var[int]
		var wg rt.WaitGroup
		wg.Go(func() { a.Lock(); b.Lock(); n.Store(n.Load() + 1); b.Unlock(); a.Unlock() })
		wg.Go(func() {
			x, y := &b, &a
			if fixed {
				x, y = &a, &b
			}
			x.Lock()
			y.Lock()
			n.Store(n.Load() + 1)
			y.Unlock()
			x.Unlock()
		})
		wg.Wait()
	}
}

func TestRT(t *testing.T) {
	_, err := deadlock.RT().Explore(abba(false))
	var f *deadlock.Finding
	require.ErrorAs(t, err, &f)
	require.Equal(t, rt.KindDeadlock, f.Kind)
	require.Contains(t, f.Message, "circular wait")

	rep, err := deadlock.RT().Explore(abba(true))
	require.NoError(t, err)
	require.True(t, rep.Exhausted)
	require.Equal(t, deadlock.Kind, deadlock.RT().Name())
}

func TestRTUnknown(t *testing.T) {
	racy := func(t *rt.T) {
		var v rt.Var[int]
		t.Go(func() { v.Store(1) })
		v.Store(2)
	}
	_, err := deadlock.RT().Explore(racy)
	require.ErrorIs(t, err, deadlock.ErrOther)
}

// Verify fails a test on a bug and passes a correct body.
func TestVerify(t *testing.T) {
	msg := rtcheck.Failure(t, func(tb testing.TB) { deadlock.RT().Verify(tb, abba(false)) })
	require.Contains(t, msg, "rt: deadlock:")

	rep := deadlock.RT().Verify(t, abba(true))
	require.True(t, rep.Exhausted)
}
