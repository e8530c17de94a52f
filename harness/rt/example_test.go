package rt_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// summary prints what an exploration found.
func summary(rep rt.Report, err error) {
	switch {
	case err != nil:
		fmt.Println("error:", err)
	case rep.Failure != nil:
		fmt.Printf("%s after %d executions, schedule %s\n", rep.Failure.Kind, rep.Executions, rep.Failure.Schedule)
	default:
		fmt.Printf("ok: %d executions, exhausted=%v\n", rep.Executions, rep.Exhausted)
	}
}

// Explore finds the lost update of an unsynchronised counter as a data
// race, and the mutex fixes it.
func ExampleExplore() {
	counter := func(locked bool) func(*rt.T) {
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
	summary(rt.Explore(counter(false)))
	summary(rt.Explore(counter(true)))
	// Output:
	// data race after 1 executions, schedule 0*3,1*3,2
	// ok: 10 executions, exhausted=true
}

// A failure prints its check, the execution one column per goroutine and
// the schedule.
func ExampleFailure() {
	rep, _ := rt.Explore(func(t *rt.T) {
		var a, b rt.Mutex
		//lint:ignore SA2001 acquiring the lock is the point here
		t.Go(func() { a.Lock(); b.Lock(); b.Unlock(); a.Unlock() })
		b.Lock()
		a.Lock()
		//lint:ignore SA2001 acquiring the lock is the point here
		a.Unlock()
		b.Unlock()
	})
	fmt.Println(rep.Failure)
	// Output:
	// rt: deadlock: goroutines wait for each other in a cycle:
	//   G0 blocked in a.Lock (held by G1) at example_test.go:60
	//   G1 (func at example_test.go:58) blocked in b.Lock (held by G0) at example_test.go:58
	// wait-for cycle: G0 → G1 → G0
	//
	// Coffman conditions (4 of 4 hold):
	//   yes  mutual exclusion  a, b: a mutex has one holder at a time
	//   yes  hold and wait     G0 holds b and waits for a (held by G1)
	//                          G1 holds a and waits for b (held by G0)
	//   yes  no preemption     a lock is released only by its holder
	//   yes  circular wait     G0 → G1 → G0
	//
	// (:N is line N of example_test.go)
	// step  G0          G1 (func at :58)
	//    1  start
	//    2  b.Lock :59
	//    3              a.Lock :58
	// schedule: 0*2,1
}

// WithReplay runs exactly one recorded schedule. On changed code it
// follows the schedule as far as it fits and says where it diverged.
func ExampleWithReplay() {
	body := func(t *rt.T) {
		var n rt.Int64
		t.Go(func() { n.Store(n.Load() + 1) })
		n.Store(n.Load() + 1)
		if n.Load() != 2 {
			t.Errorf("lost update: n = %d", n.Load())
		}
	}
	rep, _ := rt.Explore(body)
	again, _ := rt.Explore(body, rt.WithReplay(rep.Failure.Schedule.String()))
	fmt.Println(again.Executions, again.Failure.Kind, again.Failure.Message)
	changed, _ := rt.Explore(body, rt.WithReplay("0,5"))
	fmt.Println(changed.Diverged)
	// Output:
	// 1 test failure example_test.go:95: lost update: n = 1
	// the schedule diverged at step 2: G5 is not runnable (runnable: G0 G1); continued with default choices
}

// Mutex is sync.Mutex outside Check and a scheduling point inside.
func ExampleMutex() {
	var mu rt.Mutex // native here
	mu.Lock()
	//lint:ignore SA2001 acquiring the lock is the point here
	mu.Unlock()
	summary(rt.Explore(func(t *rt.T) {
		var mu rt.Mutex
		mu.Lock()
		t.Go(func() { mu.Lock() }) // blocks forever: a leak
	}))
	// Output:
	// leak after 1 executions, schedule 0*2
}

// RWMutex keeps new readers out while a writer waits, so a recursive
// RLock can deadlock.
func ExampleRWMutex() {
	summary(rt.Explore(func(t *rt.T) {
		var rw rt.RWMutex
		//lint:ignore SA2001 acquiring the lock is the point here
		t.Go(func() { rw.Lock(); rw.Unlock() })
		rw.RLock()
		rw.RLock()
		//lint:ignore SA2001 acquiring the lock is the point here
		rw.RUnlock()
		rw.RUnlock()
	}))
	// Output:
	// deadlock after 4 executions, schedule 0*2,1
}

// WaitGroup.Wait orders the workers' writes before the read.
func ExampleWaitGroup() {
	summary(rt.Explore(func(t *rt.T) {
		var wg rt.WaitGroup
		var x rt.Var[int]
		wg.Go(func() { x.Store(1) })
		wg.Wait()
		_ = x.Load()
	}))
	// Output:
	// ok: 1 executions, exhausted=true
}

// Once runs its function exactly once in every interleaving.
func ExampleOnce() {
	summary(rt.Explore(func(t *rt.T) {
		var once rt.Once
		var calls rt.Int64
		var wg rt.WaitGroup
		for range 2 {
			wg.Go(func() { once.Do(func() { calls.Add(1) }) })
		}
		wg.Wait()
		if calls.Load() != 1 {
			t.Fatal("calls:", calls.Load())
		}
	}))
	// Output:
	// ok: 9 executions, exhausted=true
}

// Cond.Wait must be called in a loop that checks the condition.
func ExampleCond() {
	summary(rt.Explore(func(t *rt.T) {
		var mu rt.Mutex
		c := rt.NewCond(&mu)
		ready := false
		t.Go(func() { mu.Lock(); ready = true; c.Signal(); mu.Unlock() })
		mu.Lock()
		for !ready {
			c.Wait()
		}
		mu.Unlock()
	}))
	// Output:
	// ok: 3 executions, exhausted=true
}

// Chan is a Go channel outside Check; inside, every send and receive is a
// scheduling point.
func ExampleChan() {
	summary(rt.Explore(func(t *rt.T) {
		c := rt.NewChan[int](0)
		t.Go(func() { c.Send(1); c.Close() })
		sum := 0
		for {
			v, ok := c.Recv()
			if !ok {
				break
			}
			sum += v
		}
		if sum != 1 {
			t.Fatal(sum)
		}
	}))
	// Output:
	// ok: 3 executions, exhausted=true
}

// Select explores every ready case; TrySelect has a default.
func ExampleSelect() {
	summary(rt.Explore(func(t *rt.T) {
		a, b := rt.NewChan[string](1), rt.NewChan[string](1)
		a.Send("a")
		b.Send("b")
		var got string
		rt.Select(a.OnRecv(func(s string, _ bool) { got = s }), b.OnRecv(func(s string, _ bool) { got = s }))
		if got != "a" {
			t.Errorf("select chose %q", got)
		}
		if rt.TrySelect(a.OnRecv(nil)) < 0 {
			t.Log("a was empty")
		}
	}))
	// Output:
	// test failure after 2 executions, schedule 0*4,1,0
}

// Var is a plain variable whose accesses are race-checked.
func ExampleVar() {
	summary(rt.Explore(func(t *rt.T) {
		var v rt.Var[int]
		t.Go(func() { v.Store(1) })
		_ = v.Load()
	}))
	// Output:
	// data race after 1 executions, schedule 0*2,1
}

// Atomic values synchronise, so they never race; a Load followed by a
// Store can still lose an update.
func ExampleAtomic() {
	summary(rt.Explore(func(t *rt.T) {
		var flag rt.Atomic[string]
		var n rt.Int64
		t.Go(func() { flag.Store("set"); n.Add(1) })
		if flag.Load() == "set" && n.Load() != 1 {
			t.Fatal("n not yet incremented")
		}
	}))
	// Output:
	// test failure after 3 executions, schedule 0,1,0*2
}

// Yield is runtime.Gosched: others may run first, and the yielder may go
// on. A goroutine that spins (it polls again and nothing has changed) runs
// again only after the goroutines it kept waiting have run, so a spin loop
// ends whenever a fair scheduler would end it.
func ExampleYield() {
	summary(rt.Explore(func(t *rt.T) {
		var done rt.Bool
		t.Go(func() { done.Store(true) })
		for !done.Load() {
			rt.Yield()
		}
	}))
	// Output:
	// ok: 8 executions, exhausted=true
}

// Time is virtual: the clock jumps to the next deadline, so a one-hour
// sleep takes no time.
func ExampleSleep() {
	start := time.Now()
	summary(rt.Explore(func(t *rt.T) {
		t0 := rt.Now()
		rt.Sleep(time.Hour)
		fmt.Println("slept", rt.Now().Sub(t0))
	}))
	fmt.Println(time.Since(start) < time.Minute)
	// Output:
	// slept 1h0m0s
	// ok: 1 executions, exhausted=true
	// true
}

// After is a timeout channel in virtual time; "t" in a schedule is the
// clock advancing to the next deadline.
func ExampleAfter() {
	summary(rt.Explore(func(t *rt.T) {
		c := rt.NewChan[int](0)
		t.Go(func() { rt.Sleep(2 * time.Second); c.Send(1) })
		rt.Select(c.OnRecv(nil), rt.After(time.Second).OnRecv(nil))
	}))
	// Output:
	// leak after 1 executions, schedule 0*2,t,0,t,1
}

// script answers the choices among several transitions in turn, then 0.
type script []int

func (s *script) Start(int) {}

func (s *script) Choose(threads []int, _ int) int {
	if len(threads) == 1 || len(*s) == 0 {
		return 0
	}
	c := (*s)[0]
	*s = (*s)[1:]
	return c
}

// A Chooser supplies every scheduling decision, for example from a
// fuzzer's bytes.
func ExampleChooser() {
	summary(rt.Explore(func(t *rt.T) {
		var a, b rt.Mutex
		//lint:ignore SA2001 acquiring the lock is the point here
		t.Go(func() { a.Lock(); b.Lock(); b.Unlock(); a.Unlock() })
		b.Lock()
		a.Lock()
		//lint:ignore SA2001 acquiring the lock is the point here
		a.Unlock()
		b.Unlock()
	}, rt.WithChooser(&script{1, 1, 1})))
	// Output:
	// deadlock after 1 executions, schedule 0,1,0
}

// Go is the go statement outside Check and a controlled spawn inside.
func ExampleGo() {
	done := rt.NewChan[bool](0)
	rt.Go(func() { done.Send(true) })
	fmt.Println(done.Recv())
	// Output:
	// true true
}

// The strategies can be swapped; with a seed they are deterministic.
func ExampleWithStrategy() {
	body := func(t *rt.T) {
		var n rt.Int64
		var wg rt.WaitGroup
		wg.Go(func() { n.Store(n.Load() + 1) })
		n.Store(n.Load() + 1)
		wg.Wait()
		if n.Load() != 2 {
			t.Fail()
		}
	}
	summary(rt.Explore(body, rt.WithPreemptionBound(0))) // cooperative: no lost update
	summary(rt.Explore(body))
	summary(rt.Explore(body, rt.WithStrategy(rt.Random), rt.WithSeed(1)))
	summary(rt.Explore(body, rt.WithStrategy(rt.PCT), rt.WithSeed(1)))
	// Output:
	// ok: 1 executions, exhausted=true
	// test failure after 2 executions, schedule 0*3,1*3,0*3
	// test failure after 2 executions, schedule 0*3,1,0,1*2,0*2
	// test failure after 17 executions, schedule 0*3,1*3,0*3
}

// printTB is the part of testing.TB that Check reports through; it prints
// the first and the last line of the report.
type printTB struct{ testing.TB }

func (printTB) Helper()             {}
func (printTB) Name() string        { return "TestLocks" }
func (printTB) Logf(string, ...any) {}
func (printTB) Fatal(args ...any)   { fmt.Println(args...) }
func (printTB) Fatalf(format string, args ...any) {
	lines := strings.Split(fmt.Sprintf(format, args...), "\n")
	fmt.Println(lines[0])
	fmt.Println(lines[len(lines)-1])
}

// Check is the entry point in a test: it fails the test with the report,
// whose last line replays the failing execution.
func ExampleCheck() {
	var t testing.TB = printTB{} // in a test: the *testing.T
	rt.Check(t, func(t *rt.T) {
		var a, b rt.Mutex
		//lint:ignore SA2001 acquiring the locks is the point here
		t.Go(func() { a.Lock(); b.Lock(); b.Unlock(); a.Unlock() })
		b.Lock()
		a.Lock()
		//lint:ignore SA2001 acquiring the locks is the point here
		a.Unlock()
		b.Unlock()
	})
	// Output:
	// execution 3 failed (dfs+dpor, preemption bound 2): rt: deadlock: goroutines wait for each other in a cycle:
	// replay: INTERLEAVE_REPLAY='0*2,1' go test -run '^TestLocks$' github.com/interleave/concurrency/harness/rt
}

// T works with testify's require (and anything taking Errorf and FailNow).
func ExampleT() {
	summary(rt.Explore(func(t *rt.T) {
		var n rt.Int64
		t.Go(func() { n.Add(1) })
		require.Equal(t, int64(1), n.Load(), "read before the increment")
	}))
	// Output:
	// test failure after 1 executions, schedule 0*2
}
