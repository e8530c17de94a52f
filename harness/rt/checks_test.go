package rt_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// checkCase is a seeded bug for one check, with the text its report must
// contain, and a correct variant that must pass.
type checkCase struct {
	name string
	kind rt.Kind
	want []string
	bug  func(*rt.T)
	ok   func(*rt.T)
	opts []rt.Option
}

var checkCases = []checkCase{
	{
		name: "panic in a goroutine", kind: rt.KindPanic,
		want: []string{"G1 (func at checks_test.go:33) panicked: runtime error: index out of range [1]", "checks_test.go:"},
		bug: func(t *rt.T) {
			xs := []int{1}
			i := new(rt.Int64)
			t.Go(func() { _ = xs[i.Add(1)] })
		},
		ok: func(t *rt.T) {
			xs := []int{1}
			i := new(rt.Int64)
			t.Go(func() { _ = xs[i.Add(1)-1] })
		},
	},
	{
		name: "deadlock on a channel", kind: rt.KindDeadlock,
		want: []string{"G0 blocked in a.Recv (unbuffered, no sender)", "G1 (func at checks_test.go:46) blocked in b.Recv"},
		bug: func(t *rt.T) {
			a, b := rt.NewChan[int](0), rt.NewChan[int](0)
			t.Go(func() { b.Recv(); a.Send(1) })
			a.Recv()
			b.Send(1)
		},
		ok: func(t *rt.T) {
			a, b := rt.NewChan[int](0), rt.NewChan[int](0)
			t.Go(func() { b.Recv(); a.Send(1) })
			b.Send(1)
			a.Recv()
		},
	},
	{
		name: "data race on a Var", kind: rt.KindRace,
		want: []string{"v: G", "Store at checks_test.go:", "not ordered by happens-before"},
		bug: func(t *rt.T) {
			var v rt.Var[int]
			done := rt.NewChan[bool](1)
			t.Go(func() { v.Store(1); done.Send(true) })
			v.Store(2)
			done.Recv()
		},
		ok: func(t *rt.T) {
			var v rt.Var[int]
			done := rt.NewChan[bool](1)
			t.Go(func() { v.Store(1); done.Send(true) })
			done.Recv()
			v.Store(2)
		},
	},
	{
		name: "race hidden behind another sender's message", kind: rt.KindRace,
		want: []string{"x: G1 (func at checks_test.go:81) x.Store at checks_test.go:"},
		bug: func(t *rt.T) {
			var x rt.Var[int]
			c := rt.NewChan[int](2)
			t.Go(func() { x.Store(1); c.Send(1) })
			t.Go(func() { c.Send(2) })
			c.Recv() // may be G2's message: nothing orders G1's Store before the Load
			_ = x.Load()
			c.Recv()
		},
		ok: func(t *rt.T) {
			var x rt.Var[int]
			c := rt.NewChan[int](2)
			t.Go(func() { x.Store(1); c.Send(1) })
			t.Go(func() { c.Send(2) })
			c.Recv()
			c.Recv()
			_ = x.Load()
		},
	},
	{
		name: "leaked goroutine", kind: rt.KindLeak,
		want: []string{"1 goroutine(s) still blocked", "G1 (func at checks_test.go:103) blocked in mu.Lock (held by G0, which has exited)"},
		bug: func(t *rt.T) {
			var mu rt.Mutex
			mu.Lock()
			t.Go(func() { mu.Lock() })
		},
		ok: func(t *rt.T) {
			var mu rt.Mutex
			mu.Lock()
			t.Go(func() { mu.Lock() })
			mu.Unlock()
		},
	},
	{
		name: "t.Errorf in a goroutine", kind: rt.KindTestFailure,
		want: []string{"odd value 1"},
		bug: func(t *rt.T) {
			var n rt.Int64
			var wg rt.WaitGroup // Errorf after the body returned would panic
			wg.Go(func() {
				if v := n.Add(1); v%2 == 1 {
					t.Errorf("odd value %d", v)
				}
			})
			wg.Wait()
		},
		ok: func(t *rt.T) {
			var n rt.Int64
			var wg rt.WaitGroup // Errorf after the body returned would panic
			wg.Go(func() {
				if v := n.Add(2); v%2 == 1 {
					t.Errorf("odd value %d", v)
				}
			})
			wg.Wait()
		},
	},
	{
		name: "t.Fatal stops the execution", kind: rt.KindTestFailure,
		want: []string{"fatal: 1"},
		bug: func(t *rt.T) {
			var n rt.Int64
			n.Add(1)
			t.Fatal("fatal:", n.Load())
			t.Go(func() { select {} }) // never reached
		},
		ok: func(t *rt.T) {
			var n rt.Int64
			if n.Add(1) != 1 {
				t.Fatal("fatal:", n.Load())
			}
		},
	},
	{
		name: "livelock hits the step limit", kind: rt.KindStepLimit,
		want: []string{"exceeded 200 steps"},
		bug: func(t *rt.T) {
			var flag rt.Bool
			for !flag.Load() {
				rt.Yield()
			}
		},
		ok: func(t *rt.T) {
			var flag rt.Bool
			t.Go(func() { flag.Store(true) })
			for !flag.Load() {
				rt.Yield()
			}
		},
		opts: []rt.Option{rt.WithMaxSteps(200)},
	},
}

func TestChecks(t *testing.T) {
	runCheckCases(t, checkCases)
}

func TestBlockedOutsideRT(t *testing.T) {
	native := make(chan int)
	start := time.Now()
	rep := explore(t, func(t *rt.T) {
		var mu rt.Mutex
		t.Go(func() {
			mu.Lock()
			<-native // a native channel: invisible to rt
			mu.Unlock()
		})
		mu.Lock()
		//lint:ignore SA2001 acquiring the lock is the point here
		mu.Unlock()
	}, rt.WithBlockTimeout(100*time.Millisecond))
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindBlocked, rep.Failure.Kind, rep.String())
	require.Contains(t, rep.Failure.Message, "G1 (func at checks_test.go:181) blocked in chan receive (a native channel, not rt.Chan) at checks_test.go:183")
	require.Contains(t, rep.Failure.Message, "checks_test.go:", "the report shows where it is stuck")
	require.Less(t, time.Since(start), 5*time.Second)
	close(native) // the abandoned goroutines wake and exit at their next rt operation
	time.Sleep(10 * time.Millisecond)
}

func TestNondeterministicBody(t *testing.T) {
	calls := 0
	_, err := rt.Explore(func(t *rt.T) {
		calls++
		var mu rt.Mutex
		//lint:ignore SA2001 acquiring the lock is the point here
		t.Go(func() { mu.Lock(); mu.Unlock() })
		if calls%2 == 0 {
			//lint:ignore SA2001 acquiring the lock is the point here
			t.Go(func() { mu.Lock(); mu.Unlock() })
		}
		mu.Lock()
		//lint:ignore SA2001 acquiring the lock is the point here
		mu.Unlock()
	})
	require.Error(t, err)
	require.Contains(t, err.Error(), "not deterministic")
}

func TestReplayErrors(t *testing.T) {
	body := catalogue[3].bug
	for _, c := range []struct{ schedule, want string }{
		{"x", "malformed schedule"},
	} {
		_, err := rt.Explore(body, rt.WithReplay(c.schedule))
		require.ErrorContains(t, err, c.want, c.schedule)
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []rt.Option{rt.WithMaxExecutions(0), rt.WithMaxSteps(0),
		rt.WithBlockTimeout(0), rt.WithPCTDepth(0), rt.WithStrategy(rt.Strategy(9))} {
		_, err := rt.Explore(func(*rt.T) {}, o)
		require.Error(t, err)
	}
}

// strategies lists the strategies and the options that select them.
var strategies = []struct {
	name string
	opts []rt.Option
}{
	{"dfs", nil},
	{"dfs-noreduction", []rt.Option{rt.WithReduction(rt.NoReduction)}},
	{"random", []rt.Option{rt.WithStrategy(rt.Random), rt.WithSeed(7), rt.WithMaxExecutions(2000)}},
	{"pct", []rt.Option{rt.WithStrategy(rt.PCT), rt.WithSeed(7), rt.WithMaxExecutions(2000)}},
}

func TestStrategiesFindBugsDeterministically(t *testing.T) {
	for _, s := range strategies {
		for _, c := range catalogue {
			t.Run(s.name+"/"+c.name, func(t *testing.T) {
				a := explore(t, c.bug, s.opts...)
				require.NotNil(t, a.Failure, a.String())
				require.Equal(t, c.kind, a.Failure.Kind)
				b := explore(t, c.bug, s.opts...)
				require.Equal(t, a.String(), b.String(), "same options, same report")
			})
		}
	}
}

func TestPreemptionBound(t *testing.T) {
	lost := catalogue[0].bug
	coop := explore(t, lost, rt.WithPreemptionBound(0))
	require.Nil(t, coop.Failure, "a lost update needs a preemption")
	require.True(t, coop.Exhausted)
	one := explore(t, lost, rt.WithPreemptionBound(1))
	require.NotNil(t, one.Failure)
}

func TestReductionPrunes(t *testing.T) {
	body := func(t *rt.T) {
		var a, b rt.Var[int]
		var wg rt.WaitGroup
		wg.Go(func() { a.Store(1); a.Store(2); a.Store(3) })
		wg.Go(func() { b.Store(1); b.Store(2); b.Store(3) })
		wg.Wait()
	}
	with := explore(t, body, rt.WithPreemptionBound(-1))
	without := explore(t, body, rt.WithPreemptionBound(-1), rt.WithReduction(rt.NoReduction))
	require.True(t, with.Exhausted)
	require.True(t, without.Exhausted)
	require.Less(t, with.Executions, without.Executions)
}

func TestMaxExecutionsIsBounded(t *testing.T) {
	rep := explore(t, catalogue[0].fixed, rt.WithMaxExecutions(2))
	require.Equal(t, 2, rep.Executions)
	require.False(t, rep.Exhausted)
	require.Contains(t, rep.String(), "bounded")
}

type lastChooser struct{ starts, calls, steps int }

func (c *lastChooser) Start(int) { c.starts++ }

func (c *lastChooser) Choose(threads []int, step int) int {
	c.calls++
	c.steps = max(c.steps, step+1)
	return len(threads) - 1
}

func TestChooser(t *testing.T) {
	ch := &lastChooser{}
	rep := explore(t, catalogue[3].bug, rt.WithChooser(ch))
	require.Equal(t, 1, rep.Executions)
	require.Equal(t, 1, ch.starts)
	require.Positive(t, ch.calls)
	require.Equal(t, ch.calls, ch.steps, "Choose is called at every step, step counting the steps taken")
	require.NotNil(t, rep.Failure, "always running the newest goroutine interleaves the locks")
}

// TestVirtualTime: a sleep ends at its deadline or later, timers fire in
// deadline order, and the clock may move on before a woken goroutine runs
// (as in Go, sleeps do not order goroutines).
func TestVirtualTime(t *testing.T) {
	body := func(t *rt.T) {
		order := rt.NewChan[int](2)
		start := rt.Now()
		t.Go(func() { rt.Sleep(2 * time.Hour); order.Send(2) })
		t.Go(func() {
			rt.Sleep(time.Hour)
			require.GreaterOrEqual(t, rt.Since(start), time.Hour)
			order.Send(1)
		})
		first, second := rt.After(time.Minute), rt.After(time.Second)
		require.Equal(t, 1, rt.Select(first.OnRecv(nil), second.OnRecv(nil)), "the earlier timer fires first")
		a, _ := order.Recv()
		b, _ := order.Recv()
		require.Equal(t, 2*time.Hour, rt.Now().Sub(start))
		require.Equal(t, []int{1, 2}, []int{a, b}, "sleeps order the sends")
	}
	rep := explore(t, body)
	require.NotNil(t, rep.Failure, rep.String())
	require.Contains(t, rep.Failure.Message, "sleeps order the sends")
	require.Contains(t, rep.Failure.Schedule.String(), "t")
}

// fakeTB records what Check reports.
type fakeTB struct {
	testing.TB
	name   string
	failed string
}

func (f *fakeTB) Helper()             {}
func (f *fakeTB) Name() string        { return f.name }
func (f *fakeTB) Logf(string, ...any) {}
func (f *fakeTB) Fatal(args ...any)   { f.failed = fmt.Sprint(args...); panic(f) }
func (f *fakeTB) Fatalf(s string, a ...any) {
	f.failed = strings.TrimSpace(fmt.Sprintf(s, a...))
	panic(f)
}

func runCheck(tb *fakeTB, body func(*rt.T)) {
	defer func() {
		if r := recover(); r != nil && r != tb {
			panic(r)
		}
	}()
	rt.Check(tb, body)
}

func TestCheckReportsReplayCommand(t *testing.T) {
	tb := &fakeTB{name: "TestAB/sub case"}
	runCheck(tb, catalogue[3].bug)
	require.Contains(t, tb.failed, "rt: deadlock")
	last := tb.failed[strings.LastIndex(tb.failed, "\n")+1:]
	require.Equal(t, "replay: INTERLEAVE_REPLAY='0*3,1,2' go test -run '^TestAB$/^sub case$' github.com/interleave/concurrency/harness/rt", last)

	t.Setenv(rt.ReplayEnv, "0*3,1,2")
	replayed := &fakeTB{name: "TestAB/sub case"}
	runCheck(replayed, catalogue[3].bug)
	require.Contains(t, replayed.failed, "execution 1 failed")
	require.Equal(t, tb.failed[strings.Index(tb.failed, "rt:"):], replayed.failed[strings.Index(replayed.failed, "rt:"):])

	ok := &fakeTB{name: "TestOK"}
	t.Setenv(rt.ReplayEnv, "")
	runCheck(ok, catalogue[3].fixed)
	require.Empty(t, ok.failed)
}

func TestNoGoroutinesLeftBehind(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	for _, c := range catalogue {
		explore(t, c.bug)
		explore(t, c.fixed)
	}
}

func TestByteChooserDrivesOneExecution(t *testing.T) {
	found := 0
	for b := range 8 {
		rep := explore(t, catalogue[3].bug, rt.WithChooser(choice.New([]byte{byte(b), byte(b >> 1), byte(b >> 2)})))
		require.Equal(t, 1, rep.Executions)
		if rep.Failure != nil {
			found++
		}
	}
	require.Positive(t, found, "some byte strings interleave the locks")
	require.Less(t, found, 8, "and some do not")
}

func TestAssertionStackIsTrimmed(t *testing.T) {
	rep := explore(t, catalogue[0].bug)
	require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)
	require.Contains(t, rep.Failure.Message, "internal/catalogue/catalogue.go:")
	require.NotContains(t, rep.Failure.Message, "explore.go")
	require.NotContains(t, rep.Failure.Message, "asm_")
}

// arrivalOrders records, per execution, the order in which two racing goroutines
// got to a shared counter.
func arrivalOrders(opts ...rt.Option) []string {
	var runs []string
	_, _ = rt.Explore(func(t *rt.T) {
		var n rt.Int64
		var order [3]int64
		var wg rt.WaitGroup
		for g := range 3 {
			wg.Go(func() { order[g] = n.Add(1) })
		}
		wg.Wait()
		runs = append(runs, fmt.Sprint(order))
	}, append(opts, rt.WithMaxExecutions(50))...)
	return runs
}

func TestSameOptionsSameExecutions(t *testing.T) {
	for _, s := range strategies {
		t.Run(s.name, func(t *testing.T) {
			a, b := arrivalOrders(s.opts...), arrivalOrders(s.opts...)
			require.NotEmpty(t, a)
			require.Equal(t, a, b)
		})
	}
	require.NotEqual(t, arrivalOrders(rt.WithStrategy(rt.Random), rt.WithSeed(1)), arrivalOrders(rt.WithStrategy(rt.Random), rt.WithSeed(2)),
		"the seed matters")
}

// TestHappensBeforeIsPerMessage replays the schedule in which G1's message
// is in the buffer when G0 receives G2's: a clock per channel would order
// G1's Store before G0's Load and hide the race.
func TestHappensBeforeIsPerMessage(t *testing.T) {
	body := checkCases[3].bug
	require.Equal(t, "race hidden behind another sender's message", checkCases[3].name)
	rep := explore(t, body, rt.WithReplay("0,2,1*2,0*2"))
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindRace, rep.Failure.Kind, rep.String())
	require.Contains(t, rep.Failure.Trace, "c.Send")
}

func TestCondWithRLocker(t *testing.T) {
	for _, fixed := range []bool{false, true} {
		rep := explore(t, func(t *rt.T) {
			var rw rt.RWMutex
			c := rt.NewCond(rw.RLocker())
			var ready rt.Bool
			t.Go(func() {
				if fixed {
					rw.Lock()
					defer rw.Unlock()
				}
				ready.Store(true) // without the lock: may land between check and Wait
				c.Broadcast()
			})
			rw.RLock()
			for !ready.Load() {
				c.Wait()
			}
			rw.RUnlock()
		})
		if fixed {
			require.Nil(t, rep.Failure, rep.String())
		} else {
			require.NotNil(t, rep.Failure)
			require.Equal(t, rt.KindDeadlock, rep.Failure.Kind, rep.String())
		}
	}
}

func TestRendezvousShowsPartner(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		c := rt.NewChan[int](0)
		t.Go(func() { c.Send(1) })
		if v, _ := c.Recv(); v == 1 {
			panic("received")
		}
	})
	require.NotNil(t, rep.Failure)
	require.Regexp(t, `c\.(Send|Recv) →G[01]`, rep.Failure.Trace)
}

// runCheckCases checks that every case's bug is found as its kind, with
// the wanted lines in its report, and that its fix passes every schedule.
func runCheckCases(t *testing.T, cases []checkCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := explore(t, c.bug, c.opts...)
			require.NotNil(t, rep.Failure, rep.String())
			require.Equal(t, c.kind, rep.Failure.Kind, rep.String())
			for _, w := range c.want {
				require.Contains(t, rep.Failure.String(), w)
			}
			ok := explore(t, c.ok, c.opts...)
			require.Nil(t, ok.Failure, ok.String())
			require.True(t, ok.Exhausted, ok.String())
		})
	}
}
