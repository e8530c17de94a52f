package rt_test

import (
	"fmt"

	"github.com/interleave/concurrency/harness/rt"
)

// A Map used with Load then Store lets two goroutines both create the
// session; LoadOrStore does not.
func ExampleMap() {
	open := func(atomically bool) func(*rt.T) {
		return func(t *rt.T) {
			var sessions rt.Map
			var made rt.Int64
			var wg rt.WaitGroup
			for range 2 {
				wg.Go(func() {
					if atomically {
						if _, loaded := sessions.LoadOrStore("alice", 1); !loaded {
							made.Add(1)
						}
					} else if _, ok := sessions.Load("alice"); !ok {
						sessions.Store("alice", made.Add(1))
					}
				})
			}
			wg.Wait()
			if made.Load() != 1 {
				t.Errorf("%d sessions for alice", made.Load())
			}
		}
	}
	summary(rt.Explore(open(false)))
	summary(rt.Explore(open(true)))
	// Output:
	// test failure after 4 executions, schedule 0*3,1*2,2*4,1*2,0*3
	// ok: 9 executions, exhausted=true
}

// The atomic function forms work on any int64, including a Var's value:
// atomic accesses never race with each other, but a plain one races with
// them unless happens-before orders it.
func ExampleAddInt64() {
	totals := map[int64]bool{}
	rep, _ := rt.Explore(func(t *rt.T) {
		var hits rt.Var[int64]
		var wg rt.WaitGroup
		wg.Go(func() { rt.AddInt64(hits.Addr(), 1) })
		wg.Go(func() { rt.AddInt64(hits.Addr(), 1) })
		wg.Wait()
		totals[hits.Load()] = true // ordered after both Adds by Wait
	})
	fmt.Println(totals, rep.Failure == nil, rep.Exhausted)

	rep, _ = rt.Explore(func(t *rt.T) {
		var hits rt.Var[int64]
		t.Go(func() { rt.AddInt64(hits.Addr(), 1) })
		hits.Store(hits.Load() + 1)
	})
	fmt.Println(rep.Failure.Kind)
	// Output:
	// map[2:true] true true
	// data race
}

// OnceValue runs its function once, however many goroutines call it.
func ExampleOnceValue() {
	summary(rt.Explore(func(t *rt.T) {
		var calls rt.Int64
		config := rt.OnceValue(func() string { calls.Add(1); return "loaded" })
		var wg rt.WaitGroup
		for range 3 {
			wg.Go(func() { _ = config() })
		}
		wg.Wait()
		if calls.Load() != 1 || config() != "loaded" {
			t.Error("loaded twice")
		}
	}))
	// Output:
	// ok: 103 executions, exhausted=true
}

// A for range over Chan.All ends when the channel is closed and drained.
func ExampleChan_All() {
	summary(rt.Explore(func(t *rt.T) {
		c := rt.NewChan[int](1)
		t.Go(func() {
			for i := range 3 {
				c.Send(i)
			}
			c.Close()
		})
		sum := 0
		for v := range c.All() {
			sum += v
		}
		if sum != 3 {
			t.Errorf("sum %d", sum)
		}
	}))
	// Output:
	// ok: 2 executions, exhausted=true
}

// A nil channel blocks forever, as in Go: the goroutine sending on it is
// reported.
func ExampleChan_nil() {
	rep, _ := rt.Explore(func(t *rt.T) {
		var results *rt.Chan[int] // forgot rt.NewChan
		t.Go(func() { results.Send(42) })
	})
	fmt.Println(rep.Failure.Kind)
	// Output:
	// leak
}

// Subtests run in the calling goroutine; a failure names the subtest.
func ExampleT_Run() {
	rep, _ := rt.Explore(func(t *rt.T) {
		t.Run("withdraw", func(t *rt.T) {
			var balance rt.Int64
			balance.Store(10)
			var wg rt.WaitGroup
			for range 2 {
				wg.Go(func() {
					if balance.Load() >= 10 {
						balance.Add(-10)
					}
				})
			}
			wg.Wait()
			if b := balance.Load(); b < 0 {
				t.Errorf("balance %d", b)
			}
		})
	})
	fmt.Println(rep.Failure.Message)
	// Output:
	// withdraw: example_lib_test.go:135: balance -10
}

// Cleanup runs after the body, inside the controlled execution: here it
// stops the worker, which would otherwise leak.
func ExampleT_Cleanup() {
	summary(rt.Explore(func(t *rt.T) {
		jobs := rt.NewChan[int](0)
		t.Go(func() {
			for range jobs.All() {
			}
		})
		t.Cleanup(jobs.Close)
		jobs.Send(1)
	}))
	// Output:
	// ok: 3 executions, exhausted=true
}
