//go:build race

package rt_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/report"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// raceCase is a program of plain variables for rt's race mode: bug has a
// race the race detector must report as an rt data race, with a replay
// line that reproduces it; ok is its fix, which must pass (no report,
// not even of rt's own bookkeeping). Either may be nil.
type raceCase struct {
	name    string
	bug, ok func(t *rt.T)
}

// box is a plain variable shared through a pointer.
type box struct{ v int }

// use reads its argument where it is called.
//
//go:noinline
func use(int) {}

var raceCases = []raceCase{
	{
		name: "counter",
		bug: func(t *rt.T) {
			x := 0
			var wg rt.WaitGroup
			for range 2 {
				wg.Go(func() { x++ })
			}
			wg.Wait()
		},
		ok: func(t *rt.T) {
			x := 0
			var mu rt.Mutex
			var wg rt.WaitGroup
			for range 2 {
				wg.Go(func() { mu.Lock(); x++; mu.Unlock() })
			}
			wg.Wait()
			use(x)
		},
	},
	{
		name: "map",
		bug: func(t *rt.T) {
			m := map[int]int{}
			t.Go(func() { m[1] = 1 })
			m[2] = 2
		},
		ok: func(t *rt.T) { // readers share the read lock, the writer excludes them
			m := map[int]int{}
			var rw rt.RWMutex
			var wg rt.WaitGroup
			for range 2 {
				wg.Go(func() { rw.RLock(); use(m[1]); rw.RUnlock() })
			}
			wg.Go(func() { rw.Lock(); m[1] = 1; rw.Unlock() })
			wg.Wait()
			use(m[1])
		},
	},
	{
		name: "append",
		bug: func(t *rt.T) {
			var s []int
			t.Go(func() { s = append(s, 1) })
			s = append(s, 2)
		},
		ok: func(t *rt.T) { // through an unbuffered channel, both ways
			var s []int
			c := rt.NewChan[int](0)
			t.Go(func() {
				s = append(s, 1) // before the send: the receive is after it
				c.Send(1)
			})
			c.Recv()
			s = append(s, 2)

			y := 0
			d := rt.NewChan[int](0)
			t.Go(func() {
				d.Send(1)
				y++ // after the send completes: the receive is before it
			})
			y++
			d.Recv()
		},
	},
	{
		name: "waitgroup",
		bug: func(t *rt.T) { // waits on the wrong WaitGroup
			x := 0
			var started, finished rt.WaitGroup
			finished.Add(1)
			t.Go(func() { x = 1; finished.Done() })
			started.Wait()
			use(x)
		},
		ok: func(t *rt.T) {
			x := 0
			var finished rt.WaitGroup
			finished.Add(1)
			t.Go(func() { x = 1; finished.Done() })
			finished.Wait()
			use(x)
		},
	},
	{
		name: "mutex",
		bug: func(t *rt.T) { // a write under one mutex, a read under another
			x := 0
			var a, b rt.Mutex
			t.Go(func() { a.Lock(); x = 1; a.Unlock() })
			b.Lock()
			use(x)
			b.Unlock()
		},
		ok: func(t *rt.T) {
			x := 0
			var a rt.Mutex
			t.Go(func() { a.Lock(); x = 1; a.Unlock() })
			a.Lock()
			use(x)
			a.Unlock()
		},
	},
	{
		name: "once",
		bug: func(t *rt.T) { // a race inside the Once's function
			x := 0
			var once rt.Once
			t.Go(func() { once.Do(func() { x++ }) })
			x++
		},
		ok: func(t *rt.T) { // Do returns after the function returned
			x := 0
			var once rt.Once
			var wg rt.WaitGroup
			for range 2 {
				wg.Go(func() { once.Do(func() { x = 1 }); use(x) })
			}
			once.Do(func() { x = 1 })
			use(x)
			wg.Wait()
		},
	},
	{
		name: "oncefunc",
		bug: func(t *rt.T) {
			x := 0
			f := rt.OnceFunc(func() { x++ })
			t.Go(f)
			x++
		},
		ok: func(t *rt.T) {
			x := 0
			get := rt.OnceValue(func() int { x = 1; return 1 })
			t.Go(func() { get(); use(x) })
			get()
			use(x)
		},
	},
	{
		name: "afterfunc",
		bug: func(t *rt.T) { // a write after arming races with the function
			x := 0
			done := rt.NewChan[struct{}](0)
			rt.AfterFunc(time.Second, func() { x++; done.Close() })
			x++
			done.Recv()
		},
		ok: func(t *rt.T) { // arming is before firing; close before receive
			x := 1
			done := rt.NewChan[struct{}](0)
			rt.AfterFunc(time.Second, func() { x++; done.Close() })
			done.Recv()
			use(x)
		},
	},
	{
		name: "timer",
		bug: func(t *rt.T) {
			x := 0
			tm := rt.NewTimer(time.Second)
			t.Go(func() { tm.C.Recv(); use(x) })
			x = 1
		},
		ok: func(t *rt.T) { // arming (Reset) is before the tick's receive
			x := 0
			tm := rt.NewTimer(time.Hour)
			tm.Stop()
			t.Go(func() { tm.C.Recv(); use(x) })
			x = 1
			tm.Reset(time.Second)
		},
	},
	{
		name: "select",
		bug: func(t *rt.T) { // a race inside a case's callback
			x := 0
			c := rt.NewChan[int](0)
			t.Go(func() { rt.Select(c.OnRecv(func(int, bool) { x++ })) })
			c.Send(1)
			x++
		},
		ok: func(t *rt.T) { // a case is its channel operation
			x := 0
			c, d := rt.NewChan[int](1), rt.NewChan[int](0)
			t.Go(func() { x = 1; c.Send(1) })
			rt.Select(c.OnRecv(func(int, bool) { x++ }), d.OnRecv(nil))
		},
	},
	{
		name: "cleanup",
		bug: func(t *rt.T) {
			x := 0
			t.Cleanup(func() { x++ })
			t.Go(func() { x++ })
		},
		ok: func(t *rt.T) {
			x := 0
			var wg rt.WaitGroup
			t.Cleanup(func() { wg.Wait(); x++ })
			wg.Go(func() { x++ })
		},
	},
	{
		name: "subtest",
		bug: func(t *rt.T) {
			x := 0
			t.Go(func() { x++ })
			t.Run("sub", func(t *rt.T) { x++ })
		},
		ok: func(t *rt.T) {
			x := 0
			var mu rt.Mutex
			t.Go(func() { mu.Lock(); x++; mu.Unlock() })
			t.Run("sub", func(t *rt.T) { mu.Lock(); x++; mu.Unlock() })
		},
	},
	{
		name: "buffered",
		bug: func(t *rt.T) { // published with the send before the write
			c := rt.NewChan[*box](1)
			t.Go(func() { b := &box{}; c.Send(b); b.v = 1 })
			b, _ := c.Recv()
			use(b.v)
		},
		ok: func(t *rt.T) {
			c := rt.NewChan[*box](1)
			t.Go(func() { b := &box{}; b.v = 1; c.Send(b) })
			b, _ := c.Recv()
			use(b.v)
		},
	},
	{
		name: "slot",
		bug: func(t *rt.T) { // the second send does not wait for the first receive
			x := 0
			c := rt.NewChan[int](2)
			t.Go(func() { c.Send(0); c.Send(1); use(x) })
			x = 1
			c.Recv()
		},
		ok: func(t *rt.T) { // the k-th receive is before the (k+cap)-th send completes
			x := 0
			c := rt.NewChan[int](1)
			t.Go(func() { c.Send(0); c.Send(1); use(x) })
			x = 1
			c.Recv()
			c.Recv()
		},
	},
	{
		name: "close",
		bug: func(t *rt.T) {
			x := 0
			c := rt.NewChan[int](0)
			t.Go(func() { c.Close(); x = 1 })
			c.Recv()
			use(x)
		},
		ok: func(t *rt.T) {
			x := 0
			c := rt.NewChan[int](0)
			t.Go(func() { x = 1; c.Close() })
			for range c.All() {
			}
			use(x)
		},
	},
	{
		name: "range",
		bug: func(t *rt.T) { // a race in a range loop over a channel
			x := 0
			c := rt.NewChan[int](1)
			t.Go(func() {
				for range c.All() {
					x++
				}
			})
			c.Send(1)
			x++
			c.Close()
		},
	},
	{
		name: "cond",
		ok: func(t *rt.T) {
			x, ready := 0, false
			var mu rt.Mutex
			cv := rt.NewCond(&mu)
			t.Go(func() { mu.Lock(); x, ready = 1, true; cv.Signal(); mu.Unlock() })
			t.Go(func() { mu.Lock(); cv.Broadcast(); mu.Unlock() })
			mu.Lock()
			for !ready {
				cv.Wait()
			}
			use(x)
			mu.Unlock()
		},
	},
	{
		name: "atomic",
		bug: func(t *rt.T) { // the flag is set before the data is written
			x := 0
			var flag rt.Int64
			t.Go(func() { flag.Store(1); x = 1 })
			if flag.Load() == 1 {
				use(x)
			}
		},
		ok: func(t *rt.T) {
			x := 0
			var flag rt.Int64
			t.Go(func() { x = 1; flag.Store(1) })
			if flag.Load() == 1 {
				use(x)
			}
		},
	},
	{
		name: "atomicfunc",
		bug: func(t *rt.T) { // an atomic and a plain access to one variable
			var n int64
			t.Go(func() { rt.AddInt64(&n, 1) })
			n = 5
		},
		ok: func(t *rt.T) {
			x := 0
			var flag int32
			t.Go(func() { x = 1; rt.StoreInt32(&flag, 1) })
			t.Go(func() { rt.CompareAndSwapInt32(&flag, 0, 2) })
			if rt.LoadInt32(&flag) == 1 {
				use(x)
			}
		},
	},
	{
		name: "context",
		bug: func(t *rt.T) {
			x := 0
			ctx, cancel := rt.WithCancel(context.Background())
			t.Go(func() { cancel(); x = 1 })
			rt.Done(ctx).Recv()
			use(x)
		},
		ok: func(t *rt.T) {
			x := 0
			ctx, cancel := rt.WithCancel(context.Background())
			t.Go(func() { x = 1; cancel() })
			if ctx.Err() != nil {
				use(x)
			}
			rt.Done(ctx).Recv()
			use(x)
		},
	},
	{
		name: "contextafterfunc",
		bug: func(t *rt.T) {
			x := 0
			ctx, cancel := rt.WithCancel(context.Background())
			rt.ContextAfterFunc(ctx, func() { x++ })
			t.Go(cancel)
			x++
		},
		ok: func(t *rt.T) {
			x := 0
			ctx, cancel := rt.WithTimeout(context.Background(), time.Second)
			defer cancel()
			done := rt.NewChan[int](0)
			x++
			rt.ContextAfterFunc(ctx, func() { x++; done.Close() })
			done.Recv()
			use(x)
		},
	},
	{
		name: "go",
		bug: func(t *rt.T) {
			x := 0
			t.Go(func() { use(x) })
			x = 1
		},
		ok: func(t *rt.T) {
			x := 1
			t.Go(func() { use(x) })
			rt.Go(func() { use(x) })
		},
	},
	{
		name: "syncmap",
		bug: func(t *rt.T) { // a race inside Range's function
			x := 0
			var m rt.Map
			m.Store(1, 1)
			t.Go(func() { m.Range(func(k, v any) bool { x++; return true }) })
			x++
		},
		ok: func(t *rt.T) { // a Store is before the Load that observes it
			b := &box{}
			var m rt.Map
			t.Go(func() { b.v = 1; m.Store(1, b) })
			if v, ok := m.Load(1); ok {
				use(v.(*box).v)
			}
		},
	},
	{
		name: "pool",
		bug: func(t *rt.T) { // a race inside New
			x := 0
			p := &rt.Pool{New: func() any { x++; return 1 }}
			t.Go(func() { p.Get() })
			x++
		},
		ok: func(t *rt.T) { // a Put is before the Get that returns its item
			var p rt.Pool
			t.Go(func() { b := &box{}; b.v = 1; p.Put(b) })
			if b, ok := p.Get().(*box); ok {
				use(b.v)
			}
		},
	},
}

// TestRaceModeChild runs the race cases in a test binary that
// TestRaceMode starts in race mode.
func TestRaceModeChild(t *testing.T) {
	if os.Getenv(rt.RaceEnv) != "1" {
		t.Skip("run by TestRaceMode in race mode")
	}
	for _, c := range raceCases {
		t.Run(c.name, func(t *testing.T) {
			if c.bug != nil {
				t.Run("bug", func(t *testing.T) { rt.Check(t, c.bug) })
			}
			if c.ok != nil {
				t.Run("ok", func(t *testing.T) { rt.Check(t, c.ok) })
			}
		})
	}
}

// TestRaceMode runs each seeded race in race mode (a test binary of its
// own, as the race detector fails the test that raced), then its replay;
// and every fix together, which must pass.
func TestRaceMode(t *testing.T) {
	env, err := rt.RaceEnviron(t.TempDir())
	require.NoError(t, err)
	out, failed := runRaceChild(t, "^TestRaceModeChild$/./^ok$", env)
	require.False(t, failed, "a correct program failed in race mode:\n%s", out)
	require.Regexp(t, `PASS: TestRaceModeChild/counter/ok`, out)
	out, failed = runRaceChild(t, "^TestRaceModeChild$/^counter$/^ok$", []string{rt.RaceEnv + "=1", "GORACE="})
	require.True(t, failed, out)
	require.Contains(t, out, "needs GORACE=suppressions=", "race mode without the suppressions is refused")
	replayLine := regexp.MustCompile(`replay: INTERLEAVE_REPLAY='([^']*)'`)
	for _, c := range raceCases {
		if c.bug == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			run := "^TestRaceModeChild$/^" + c.name + "$/^bug$"
			out, failed := runRaceChild(t, run, env)
			require.True(t, failed, out)
			require.Contains(t, out, "rt: data race: the race detector reported a race", out)
			require.Contains(t, out, "WARNING: DATA RACE", out)
			require.Contains(t, out, "racemode_race_test.go:", "the report names the racing code")
			m := replayLine.FindStringSubmatch(out)
			require.NotNil(t, m, out)
			out, failed = runRaceChild(t, run, append(env, rt.ReplayEnv+"="+m[1]))
			require.True(t, failed, out)
			require.Contains(t, out, "execution 1 failed (replay): rt: data race", out)
		})
	}
}

// TestRaceModeChildPage prints the race of the counter's Page, for
// TestRaceModePage.
func TestRaceModeChildPage(t *testing.T) {
	if os.Getenv(rt.RaceEnv) != "1" {
		t.Skip("run by TestRaceModePage in race mode")
	}
	rep, err := rt.Explore(raceCases[0].bug)
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	js, err := json.Marshal(rep.Failure.Page.Race)
	require.NoError(t, err)
	fmt.Printf("page race: %s\n", js)
}

// TestRaceModePage: the Page of a race the race detector reported has
// both accesses, where and with what stack (the detector's goroutine
// numbers are not rt's, so no lane).
func TestRaceModePage(t *testing.T) {
	env, err := rt.RaceEnviron(t.TempDir())
	require.NoError(t, err)
	out, _ := runRaceChild(t, "^TestRaceModeChildPage$", env)
	m := regexp.MustCompile(`page race: (.*)`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	var r report.Race
	require.NoError(t, json.Unmarshal([]byte(m[1]), &r))
	for _, a := range []report.Access{r.First, r.Second} {
		require.Regexp(t, `^(read|write) at racemode_race_test\.go:\d+$`, a.Text)
		require.Contains(t, a.Stack, "racemode_race_test.go:")
		require.Equal(t, [2]int{-1, -1}, [2]int{a.Lane, a.Step})
	}
	require.Contains(t, r.Missing, "no rt operation orders the ")
}

// runRaceChild runs the tests that match run in this test binary with
// env added, and returns their output and whether they failed.
func runRaceChild(t *testing.T, run string, env []string) (string, bool) {
	cmd := exec.Command(os.Args[0], "-test.run="+run, "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	s := string(out)
	if err != nil {
		_, isExit := err.(*exec.ExitError)
		require.True(t, isExit, "%v: %s", err, s)
	}
	require.NotContains(t, s, "no tests to run")
	return s, err != nil || strings.Contains(s, "--- FAIL")
}
