package rt_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// line returns the line of its caller, plus delta.
func line(delta int) string {
	_, _, l, _ := runtime.Caller(1)
	return fmt.Sprint("t_test.go:", l+delta)
}

// tCases are seeded bugs found through the testing methods of rt.T
// (subtests, cleanups, skips and late logs), each with its fix.
var tCases = []checkCase{
	{
		name: "a subtest finds the lost update", kind: rt.KindTestFailure,
		want: []string{"counter/two_adds: t_test.go:", "n = 1, want 2"},
		bug: func(t *rt.T) {
			t.Run("counter", func(t *rt.T) {
				t.Run("two adds", func(t *rt.T) {
					var n rt.Int64
					var wg rt.WaitGroup
					for range 2 {
						wg.Go(func() { n.Store(n.Load() + 1) })
					}
					wg.Wait()
					if got := n.Load(); got != 2 {
						t.Fatalf("n = %d, want 2", got)
					}
				})
			})
		},
		ok: func(t *rt.T) {
			t.Run("counter", func(t *rt.T) {
				t.Run("two adds", func(t *rt.T) {
					var n rt.Int64
					var wg rt.WaitGroup
					for range 2 {
						wg.Go(func() { n.Add(1) })
					}
					wg.Wait()
					if got := n.Load(); got != 2 {
						t.Fatalf("n = %d, want 2", got)
					}
				})
			})
		},
	},
	{
		name: "a worker outlives the body", kind: rt.KindLeak,
		want: []string{"still blocked after the body returned"},
		bug: func(t *rt.T) {
			jobs := rt.NewChan[int](0)
			t.Go(func() {
				for range jobs.All() {
				}
			})
			jobs.Send(1)
		},
		ok: func(t *rt.T) {
			jobs := rt.NewChan[int](0)
			var wg rt.WaitGroup
			wg.Go(func() {
				for range jobs.All() {
				}
			})
			t.Cleanup(wg.Wait) // registered first, runs last
			t.Cleanup(jobs.Close)
			jobs.Send(1)
		},
	},
	{
		name: "Log after the body returned", kind: rt.KindPanic,
		want: []string{"G1 (func at t_test.go:85) panicked: Log in goroutine after the Check body has completed: late"},
		bug: func(t *rt.T) {
			var wg rt.WaitGroup
			wg.Add(1)
			t.Go(func() { wg.Wait(); t.Log("late") })
			wg.Done()
		},
		ok: func(t *rt.T) {
			var wg rt.WaitGroup
			wg.Add(1)
			t.Go(func() { wg.Wait(); t.Log("late") })
			t.Cleanup(rt.WaitIdle) // the goroutine logs before the body completes
			wg.Done()
		},
	},
}

func TestTestingMethods(t *testing.T) {
	runCheckCases(t, tCases)
}

func TestRunAndCleanupOrder(t *testing.T) {
	var got []string
	rep := explore(t, func(t *rt.T) {
		got = got[:0]
		note := func(s string) func() { return func() { got = append(got, s) } }
		t.Cleanup(note("body 1"))
		t.Cleanup(note("body 2"))
		ok := t.Run("a", func(t *rt.T) {
			t.Cleanup(note("a"))
			t.FailNow()
			note("after FailNow")()
		})
		got = append(got, fmt.Sprint("a ok=", ok, " failed=", t.Failed()))
		ok = t.Run("a", func(t *rt.T) { // the same name again
			t.Skip("not today")
		})
		got = append(got, fmt.Sprint("a#01 ok=", ok))
		t.Run("a", func(t *rt.T) { got = append(got, t.Name()) })
	})
	require.Equal(t, rt.KindTestFailure, rep.Failure.Kind, rep.String())
	require.Equal(t, []string{"a", "a ok=false failed=true", "a#01 ok=true", "a#02", "body 2", "body 1"}, got)
}

// failAt is the line of fail's t.Error.
var failAt string

// fail is a test helper: with Helper, its failures point at its caller.
func fail(t *rt.T, helper bool) {
	if helper {
		t.Helper()
	}
	failAt = line(1)
	t.Error("failed here")
}

func TestHelperLocation(t *testing.T) {
	for _, helper := range []bool{false, true} {
		var at string
		rep := explore(t, func(t *rt.T) {
			at = line(1)
			fail(t, helper)
		})
		require.NotNil(t, rep.Failure)
		want := at
		if !helper {
			want = failAt
		}
		require.Contains(t, rep.Failure.Message, want+": failed here", "helper=%v", helper)
	}
}

func TestSkip(t *testing.T) {
	// a skip in the body skips the whole exploration, with its message
	runs := 0
	rep := explore(t, func(t *rt.T) {
		runs++
		t.Go(func() {})
		t.Skipf("needs %s", "a network")
		t.Error("unreachable")
	})
	require.Nil(t, rep.Failure)
	require.Equal(t, "needs a network", rep.Skipped)
	require.Equal(t, 1, runs)
	require.Contains(t, rep.String(), "skipped the test: needs a network")

	// a failure before the skip is not hidden
	rep = explore(t, func(t *rt.T) { t.Error("first"); t.SkipNow() })
	require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)

	// Check skips its test
	tb := &skipTB{fakeTB: fakeTB{name: "TestSkipped"}}
	func() {
		defer func() { require.Equal(t, tb, recover()) }()
		rt.Check(tb, func(t *rt.T) { t.Skip("flaky on CI") })
	}()
	require.Contains(t, tb.skipped, "flaky on CI")
}

type skipTB struct {
	fakeTB
	skipped string
}

func (s *skipTB) Skipf(f string, a ...any) { s.skipped = fmt.Sprintf(f, a...); panic(s) }

func TestTempDir(t *testing.T) {
	var dirs []string
	rep := explore(t, func(t *rt.T) {
		d := t.TempDir()
		if _, err := os.Stat(d); err != nil {
			t.Error(err)
		}
		dirs = append(dirs, d)
	})
	require.Nil(t, rep.Failure, rep.String())
	require.Len(t, dirs, 1)
	_, err := os.Stat(dirs[0])
	require.True(t, os.IsNotExist(err), "removed when the execution ends")

	rt.Check(t, func(t *rt.T) { dirs = append(dirs, t.TempDir()) })
	require.DirExists(t, dirs[1], "the enclosing test's TempDir")
}

// A panic in a subtest names the subtest, as go test does.
func TestPanicNamesSubtest(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		t.Run("outer", func(t *rt.T) {
			t.Run("empty input", func(t *rt.T) {
				var xs []int
				_ = xs[0]
			})
		})
	})
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindPanic, rep.Failure.Kind)
	require.Contains(t, rep.Failure.Message, "G0 panicked in subtest outer/empty_input: runtime error: index out of range")
	require.Contains(t, rep.Failure.Message, "t_test.go:")
}
