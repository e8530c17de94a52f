package rt_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// twoByThree is the benchmark body: 2 goroutines × 3 operations.
func twoByThree(t *rt.T) {
	var mu rt.Mutex
	var n rt.Var[int]
	for range 2 {
		t.Go(func() {
			mu.Lock()
			n.Store(n.Load() + 1)
			mu.Unlock()
		})
	}
}

// BenchmarkExecutions measures executions per second of a 2-goroutine ×
// 3-operation body, with random schedules (every execution is complete),
// per wall-clock second and per second of CPU time of the process (the
// latter is steadier on a shared machine).
func BenchmarkExecutions(b *testing.B) {
	for _, s := range []struct {
		name string
		opt  rt.Option
	}{{"random", rt.WithStrategy(rt.Random)}, {"pct", rt.WithStrategy(rt.PCT)}} {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			rep, err := rt.Explore(twoByThree, s.opt, rt.WithMaxExecutions(b.N))
			require.NoError(b, err)
			require.Nil(b, rep.Failure)
			b.ReportMetric(float64(rep.Executions)/b.Elapsed().Seconds(), "exec/s")
			if cpu := cpuTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(rep.Executions)/cpu.Seconds(), "exec/cpu-s")
			}
		})
	}
	b.Run("dfs-exhaust", func(b *testing.B) {
		total := 0
		for b.Loop() {
			rep, err := rt.Explore(twoByThree)
			require.NoError(b, err)
			require.True(b, rep.Exhausted)
			total += rep.Executions
		}
		b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "exec/s")
	})
}

func BenchmarkMutexSync(b *testing.B) {
	var mu sync.Mutex
	for b.Loop() {
		mu.Lock()
		//lint:ignore SA2001 acquiring the lock is the point here
		mu.Unlock()
	}
}

func BenchmarkMutexRT(b *testing.B) {
	var mu rt.Mutex
	for b.Loop() {
		mu.Lock()
		//lint:ignore SA2001 acquiring the lock is the point here
		mu.Unlock()
	}
}

func BenchmarkMutexSyncParallel(b *testing.B) {
	var mu sync.Mutex
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			//lint:ignore SA2001 acquiring the lock is the point here
			mu.Unlock()
		}
	})
}

func BenchmarkMutexRTParallel(b *testing.B) {
	var mu rt.Mutex
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			//lint:ignore SA2001 acquiring the lock is the point here
			mu.Unlock()
		}
	})
}

func BenchmarkChanPlain(b *testing.B) {
	c := make(chan int, 1)
	for b.Loop() {
		c <- 1
		<-c
	}
}

func BenchmarkChanRT(b *testing.B) {
	c := rt.NewChan[int](1)
	for b.Loop() {
		c.Send(1)
		c.Recv()
	}
}

func BenchmarkChanPlainPingPong(b *testing.B) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
	}()
	for b.Loop() {
		ping <- 1
		<-pong
	}
	close(ping)
}

func BenchmarkChanRTPingPong(b *testing.B) {
	ping, pong := rt.NewChan[int](0), rt.NewChan[int](0)
	rt.Go(func() {
		for {
			v, ok := ping.Recv()
			if !ok {
				return
			}
			pong.Send(v)
		}
	})
	for b.Loop() {
		ping.Send(1)
		pong.Recv()
	}
	ping.Close()
}

// TestExhaustCounts prints, for each catalogue entry, the executions DFS
// needs to find the bug and to exhaust the fixed variant under each
// reduction, with the default preemption bound and unbounded (go test -v
// -run TestExhaustCounts), and checks that DPOR never needs more than no
// reduction.
func TestExhaustCounts(t *testing.T) {
	for _, bound := range []int{rt.DefaultPreemptionBound, -1} {
		t.Logf("executions with preemption bound %d (-1: unbounded):\n%s", bound, exhaustTable(t, bound))
	}
}

func exhaustTable(t *testing.T, bound int) string {
	reds := []rt.Reduction{rt.DPOR, rt.SleepSets, rt.NoReduction}
	var b strings.Builder
	fmt.Fprintf(&b, "%-38s %-28s %s\n", "", "find bug (dpor/sleep/none)", "exhaust fixed (dpor/sleep/none)")
	for _, c := range catalogue {
		var find, exhaust []string
		var n [3]int
		for i, red := range reds {
			opts := []rt.Option{rt.WithReduction(red), rt.WithPreemptionBound(bound), rt.WithMaxExecutions(20000)}
			f := explore(t, c.bug, opts...)
			e := explore(t, c.fixed, opts...)
			require.NotNil(t, f.Failure, "%v %s", red, c.name)
			require.Nil(t, e.Failure, "%v %s", red, c.name)
			find = append(find, fmt.Sprint(f.Executions))
			exhaust = append(exhaust, count(e))
			n[i] = e.Executions
		}
		require.LessOrEqual(t, n[0], n[2], c.name)
		fmt.Fprintf(&b, "%-38s %-28s %s\n", c.name, strings.Join(find, "/"), strings.Join(exhaust, "/"))
	}
	return b.String()
}

func count(r rt.Report) string {
	if r.Exhausted {
		return fmt.Sprint(r.Executions)
	}
	return fmt.Sprintf(">%d", r.Executions)
}

// scaleBody returns a body with n goroutines of 3 operations each on
// shared rt values: every goroutine increments a mutex-protected counter
// (Lock, Unlock), then either sends on a buffered channel or calls Done
// on a WaitGroup; the body waits for the group and drains the channel.
func scaleBody(n int) func(*rt.T) {
	return func(t *rt.T) {
		var mu rt.Mutex
		var wg rt.WaitGroup
		count := 0
		c := rt.NewChan[int](n)
		wg.Add(n / 2)
		for i := range n {
			t.Go(func() {
				mu.Lock()
				count++
				mu.Unlock()
				if i%2 == 0 {
					wg.Done()
				} else {
					c.Send(i)
				}
			})
		}
		wg.Wait()
		for range n - n/2 {
			c.Recv()
		}
	}
}

// BenchmarkScale measures the cost of one execution as the number of
// goroutines grows (go test -run XXX -bench Scale ./harness/rt): ns/op is
// per execution, under DFS with DPOR (the default) and under random;
// cpu-ns/op is the CPU time of the process per execution (steadier on a
// shared machine).
func BenchmarkScale(b *testing.B) {
	for _, s := range []struct {
		name string
		opt  rt.Option
	}{{"dfs", rt.WithStrategy(rt.DFS)}, {"random", rt.WithStrategy(rt.Random)}} {
		for _, n := range []int{20, 50, 100, 200} {
			b.Run(fmt.Sprintf("%s/%d", s.name, n), func(b *testing.B) {
				b.ReportAllocs()
				cpu := cpuTime()
				rep, err := rt.Explore(scaleBody(n), s.opt, rt.WithMaxExecutions(b.N))
				require.NoError(b, err)
				require.Nil(b, rep.Failure)
				require.Equal(b, b.N, rep.Executions)
				if cpu := cpuTime() - cpu; cpu > 0 {
					b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
				}
			})
		}
	}
}
