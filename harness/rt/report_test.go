package rt_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/stretchr/testify/require"
)

// lostUpdate fails in some schedules only; noop never fails.
func lostUpdate(t *rt.T) {
	var n rt.Int64
	t.Go(func() { n.Store(n.Load() + 1) })
	n.Store(n.Load() + 1)
	if n.Load() != 2 {
		t.Fatal("lost update")
	}
}

func noop(t *rt.T) { t.Go(func() {}) }

// The failure and the summary say how executions were chosen, so that a
// reader knows what "not found" covered and how to reproduce the search.
func TestReportSaysStrategy(t *testing.T) {
	cases := []struct {
		name string
		opts []rt.Option
		want string
	}{
		{"default", nil, "dfs+dpor, preemption bound 2"},
		{"unbounded sleep sets", []rt.Option{rt.WithPreemptionBound(-1), rt.WithReduction(rt.SleepSets)}, "dfs+sleep-sets, no preemption bound"},
		{"no reduction", []rt.Option{rt.WithReduction(rt.NoReduction), rt.WithPreemptionBound(1)}, "dfs, preemption bound 1"},
		{"random", []rt.Option{rt.WithStrategy(rt.Random), rt.WithSeed(7), rt.WithMaxExecutions(50)}, "random seed 7"},
		{"pct", []rt.Option{rt.WithStrategy(rt.PCT), rt.WithSeed(3), rt.WithMaxExecutions(50)}, "pct depth 2 seed 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad, err := rt.Explore(lostUpdate, c.opts...)
			require.NoError(t, err)
			require.NotNil(t, bad.Failure, bad.String())
			require.Contains(t, bad.String(), "failed ("+c.want+"): rt: test failure")
			good, err := rt.Explore(noop, c.opts...)
			require.NoError(t, err)
			require.Nil(t, good.Failure)
			require.Contains(t, good.String(), "; "+c.want+"), ")
		})
	}
}

func TestReplayReportSaysReplay(t *testing.T) {
	bad, err := rt.Explore(lostUpdate)
	require.NoError(t, err)
	again, err := rt.Explore(lostUpdate, rt.WithReplay(bad.Failure.Schedule.String()))
	require.NoError(t, err)
	require.Contains(t, again.String(), "execution 1 failed (replay): rt: test failure")
}

// pop takes the last element; the seeded bug forgets the empty case.
func pop(s *rt.Var[[]int], checkEmpty bool) {
	v := s.Load()
	if checkEmpty && len(v) == 0 {
		return
	}
	s.Store(v[:len(v)-1])
}

func popper(checkEmpty bool) func(*rt.T) {
	return func(t *rt.T) {
		var mu rt.Mutex
		s := new(rt.Var[[]int])
		s.Store([]int{1})
		for range 2 {
			t.Go(func() { mu.Lock(); pop(s, checkEmpty); mu.Unlock() })
		}
	}
}

// A panic report shows the panicking goroutine's user frames, innermost
// first, so that the caller of the failing helper is visible.
func TestPanicShowsStack(t *testing.T) {
	rep, err := rt.Explore(popper(false))
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	msg := rep.Failure.Message
	require.Contains(t, msg, "panicked: runtime error: slice bounds out of range")
	require.Regexp(t, `innermost first, user code only\):\n    rt_test\.pop at report_test\.go:\d+\n    rt_test\.\S*popper\.func1\.1 at report_test\.go:\d+`, msg)
	require.NotContains(t, msg, "runtime.")

	rep, err = rt.Explore(popper(true))
	require.NoError(t, err)
	require.Nil(t, rep.Failure, rep.String())
}

// A schedule replayed on changed code is followed as far as it fits; the
// report says where it diverged and the rest takes default choices.
func TestReplayDiverges(t *testing.T) {
	cases := []struct{ schedule, diverged string }{
		{"0*3,1,0", ""},
		{"0,7", "the schedule diverged at step 2: G7 is not runnable (runnable: G0 G1); continued with default choices"},
		{"0", "the schedule diverged at step 2: the schedule ended after 1 entries (runnable: G0 G1); continued with default choices"},
		{"0*3,1,0,1,1", "the schedule diverged: the execution ended after step 5 with 2 of 7 entries unused"},
	}
	for _, c := range cases {
		t.Run(c.schedule, func(t *testing.T) {
			rep, err := rt.Explore(lostUpdate, rt.WithReplay(c.schedule))
			require.NoError(t, err)
			require.Equal(t, c.diverged, rep.Diverged)
			if c.diverged != "" {
				require.Contains(t, rep.String(), "(replay; "+c.diverged+")")
			}
		})
	}
}

// ring passes a token around n goroutines for rounds rounds. With the
// seeded bug the last goroutine records the round after passing the
// token on, so G0's final read races with its write; fixed, it records
// the round first.
func ring(n, rounds int, fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		chans := make([]*rt.Chan[int], n+1)
		for i := range chans {
			chans[i] = rt.NewChan[int](0)
		}
		last := new(rt.Var[int])
		for i := range n {
			in, out := chans[i], chans[i+1]
			t.Go(func() {
				for range rounds {
					v, _ := in.Recv()
					if i == n-1 && fixed {
						last.Store(v)
					}
					out.Send(v + 1)
					if i == n-1 && !fixed {
						last.Store(v)
					}
				}
			})
		}
		for r := range rounds {
			chans[0].Send(r * n)
			chans[n].Recv()
		}
		_ = last.Load()
	}
}

// crowd starts n goroutines that each take a lock once and exit, then
// echoes trips values through a second goroutine. With the seeded bug the
// echo goroutine records the value after sending it back, so G0's final
// read races with its last write; fixed, it records it first.
func crowd(n, trips int, fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		var mu rt.Mutex
		var wg rt.WaitGroup
		hits := new(rt.Var[int])
		for range n - 1 {
			wg.Go(func() { mu.Lock(); hits.Store(hits.Load() + 1); mu.Unlock() })
		}
		wg.Wait()
		ping, pong := rt.NewChan[int](0), rt.NewChan[int](0)
		last := new(rt.Var[int])
		t.Go(func() {
			for range trips {
				v, _ := ping.Recv()
				if fixed {
					last.Store(v)
				}
				pong.Send(v)
				if !fixed {
					last.Store(v)
				}
			}
		})
		for i := range trips {
			ping.Send(i)
			pong.Recv()
		}
		_ = last.Load()
	}
}

// A failure in a program of 200 goroutines and a 20,000-step schedule
// still fits on a screen: the racing goroutines get columns, the others
// one line, and the replay string is short and reproduces the failure.
// With -long, 200 goroutines pass a token round a ring 100 times.
func TestReportFitsOnScreen(t *testing.T) {
	prog := func(fixed bool, scale int) func(*rt.T) { return crowd(200, 65*scale, fixed) }
	if *long {
		prog = func(fixed bool, scale int) func(*rt.T) { return ring(200, scale, fixed) }
	}
	opts := []rt.Option{rt.WithMaxSteps(100000), rt.WithMaxExecutions(1), rt.WithReduction(rt.NoReduction)}
	rep, err := rt.Explore(prog(false, 100), opts...)
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	f := rep.Failure
	require.Equal(t, rt.KindRace, f.Kind)
	text := rep.String()
	t.Logf("%d steps, replay %d bytes, report %d lines, full trace %d lines:\n%s", len(f.Schedule), len(f.Schedule.String()), strings.Count(text, "\n")+1, strings.Count(f.FullTrace, "\n"), text)
	require.GreaterOrEqual(t, len(f.Schedule), 20000)
	require.LessOrEqual(t, strings.Count(text, "\n")+1, 60)
	require.Less(t, len(f.Schedule.String()), 2000)
	require.Contains(t, f.FullTrace, fmt.Sprintf("\n%6d  ", len(f.Schedule)), "the full trace has every step")

	// The report run replayed f.Schedule (it would say so if that did not
	// reproduce the failure); the printed form parses back to it.
	require.NotContains(t, f.Message, "did not reproduce")
	back, err := trace.ParseSchedule(f.Schedule.String())
	require.NoError(t, err)
	require.Equal(t, f.Schedule, back)

	ok, err := rt.Explore(prog(true, 2), opts...) // smaller: the fix does not depend on the size
	require.NoError(t, err)
	require.Nil(t, ok.Failure)
}

// artifactTB is a real test whose Fatalf is recorded instead of failing.
type artifactTB struct {
	*testing.T
	report string
}

func (a *artifactTB) Fatalf(format string, args ...any) {
	a.report = fmt.Sprintf(format, args...)
	panic(a)
}

// Check writes the whole failure to the test's artifact directory when
// the report leaves steps out, and the report says where.
func TestCheckSavesFullTrace(t *testing.T) {
	for _, c := range []struct {
		name  string
		body  func(*rt.T)
		saved bool
	}{
		{"ten goroutines", crowd(10, 20, false), true},
		{"two goroutines", lostUpdate, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := &artifactTB{T: t}
			func() {
				defer func() {
					if r := recover(); r != nil && r != tb {
						panic(r)
					}
				}()
				rt.Check(tb, c.body)
			}()
			require.NotEmpty(t, tb.report, "the seeded bug is not found")
			_, path, found := strings.Cut(tb.report, "full trace: ")
			require.Equal(t, c.saved, found, tb.report)
			if !found {
				return
			}
			path, _, _ = strings.Cut(path, "\n")
			full, err := os.ReadFile(path)
			require.NoError(t, err)
			require.Contains(t, string(full), "G3 (func at :")
			_, replay, _ := strings.Cut(tb.report, "INTERLEAVE_REPLAY='")
			replay, _, _ = strings.Cut(replay, "'")
			s, err := trace.ParseSchedule(replay)
			require.NoError(t, err)
			require.Contains(t, string(full), fmt.Sprintf("\n%6d  G", len(s)), "every step is in the full trace")
			require.Contains(t, tb.report, "G1–G9 (9 more)")
			require.NotContains(t, tb.report, "G3 (func at :")
		})
	}
}

// senders starts n goroutines that each send a result; the seeded bug
// receives only one, leaking the others.
func senders(n int, fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		results := rt.NewChan[int](0)
		for i := range n {
			t.Go(func() { results.Send(i) })
		}
		want := 1
		if fixed {
			want = n
		}
		for range want {
			results.Recv()
		}
	}
}

// A leak of a hundred goroutines blocked alike is one line and a count.
func TestLeakOfManyFitsOnScreen(t *testing.T) {
	opts := []rt.Option{rt.WithMaxExecutions(1)}
	rep, err := rt.Explore(senders(100, false), opts...)
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindLeak, rep.Failure.Kind)
	text := rep.Failure.String()
	require.LessOrEqual(t, strings.Count(text, "\n")+1, 60, text)
	require.Regexp(t, `\n  G2, G3, G4 and 96 more \(func at report_test\.go:\d+\) blocked in results\.Send \(unbuffered, no receiver\) at report_test\.go:\d+; nobody can release them`, text)
	require.Contains(t, rep.Failure.Message, "99 goroutine(s) still blocked", "the message counts every goroutine")
	require.Equal(t, 1, strings.Count(rep.Failure.Message, "blocked in results.Send"), "goroutines blocked alike share one line")

	rep, err = rt.Explore(senders(100, true), opts...)
	require.NoError(t, err)
	require.Nil(t, rep.Failure)
}

// A long execution of two goroutines keeps both columns and folds the
// runs of steps, keeping the two racing steps.
func TestLongRunsFold(t *testing.T) {
	body := func(fixed bool) func(*rt.T) {
		return func(t *rt.T) {
			var mu rt.Mutex
			x, spins := new(rt.Var[int]), new(rt.Var[int])
			t.Go(func() {
				mu.Lock()
				x.Store(1)
				mu.Unlock()
			})
			for range 60 {
				spins.Store(spins.Load() + 1)
			}
			if fixed {
				mu.Lock()
				defer mu.Unlock()
			}
			_ = x.Load()
		}
	}
	rep, err := rt.Explore(body(false), rt.WithMaxExecutions(1))
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	text := rep.Failure.String()
	require.LessOrEqual(t, strings.Count(text, "\n")+1, 40, text)
	require.Regexp(t, `step +G0 +G1 \(func at :\d+\)\n`, text)
	require.Regexp(t, `… \d+ more steps by the same goroutine`, text)
	require.Regexp(t, `\n +\d+ +x\.Load :\d+\n`, text)
	require.Regexp(t, `\n +\d+ +x\.Store :\d+\n`, text)

	rep, err = rt.Explore(body(true))
	require.NoError(t, err)
	require.Nil(t, rep.Failure, rep.String())
}

// twoAdds never fails; its two goroutines are both ready at a choice.
func twoAdds(t *rt.T) {
	var n rt.Int64
	t.Go(func() { n.Add(1) })
	n.Add(1)
}

// A PCT search that finds nothing says what it would have found: with
// depth 1 every run finds a depth-1 bug among n goroutines with
// probability 1/n, so 3 runs over twoAdds' 2 goroutines find it with
// 1-(1/2)^3. Other strategies claim nothing.
func TestPCTReportsGuarantee(t *testing.T) {
	rep, err := rt.Explore(twoAdds, rt.WithStrategy(rt.PCT), rt.WithPCTDepth(1), rt.WithMaxExecutions(3))
	require.NoError(t, err)
	require.InDelta(t, 0.875, rep.Guarantee, 1e-12, rep.String())
	require.Contains(t, rep.String(), "a bug of depth 1 would have been found with probability >= 0.875")
	rep, err = rt.Explore(twoAdds, rt.WithStrategy(rt.Random), rt.WithMaxExecutions(3))
	require.NoError(t, err)
	require.Zero(t, rep.Guarantee)
	require.NotContains(t, rep.String(), "would have been found")
}
