package rt

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/interleave/concurrency/harness/trace"
	"github.com/stretchr/testify/require"
)

// The bodies below let native randomness decide whether G1 sends on a
// buffered channel (always enabled) or locks a mutex (disabled while G0
// holds it): DFS sees the difference in the enabled transitions. No
// branch can fail, so exploration ends with the nondeterminism error
// rather than a report.

// fork is the choice G1's first operation depends on.
type fork struct {
	c  *Chan[int]
	mu Mutex
}

func newFork() *fork { return &fork{c: NewChan[int](1)} }

// take is G1's first operation: a send, or a lock held for one step.
func (f *fork) take(send bool) {
	if send {
		f.c.Send(1)
		return
	}
	f.hold()
}

// hold locks and unlocks, the operation under test.
func (f *fork) hold() {
	f.mu.Lock()
	//lint:ignore SA2001 the lock is the rt operation under test
	f.mu.Unlock()
}

func mapBody(t *T) {
	f := newFork()
	t.Go(func() {
		for k := range map[string]int{"a": 1, "b": 2, "c": 3} { // mark:map
			f.take(k == "a")
			break
		}
	})
	f.hold()
}

func randBody(t *T) {
	f := newFork()
	t.Go(func() {
		f.take(rand.IntN(2) == 0) // mark:rand
	})
	f.hold()
}

// decidedEarlier draws in the body, before it starts the goroutine whose
// first operation depends on the draw: the hint must look past the
// goroutine's own code into the function that made its closure.
func decidedEarlier(t *T) {
	first := ""
	for k := range map[string]bool{"a": true, "b": true, "c": true} { // mark:early
		first = k
		break
	}
	f := newFork()
	t.Go(func() { f.take(first == "a") })
	f.hold()
}

// viaHelper draws in a helper the goroutine calls.
func viaHelper(t *T) {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	f := newFork()
	t.Go(func() {
		f.take(anyKey(m) == "a") // mark:call
	})
	f.hold()
}

func anyKey(m map[string]int) string {
	for k := range m { // mark:helper
		return k
	}
	return ""
}

// selectBody lets a native select between two ready channels decide.
func selectBody(t *T) {
	a, b := make(chan int, 1), make(chan int, 1)
	a <- 1
	b <- 1
	f := newFork()
	t.Go(func() {
		select { // mark:select
		case <-a:
			f.take(true)
		case <-b:
			f.take(false)
		}
	})
	f.hold()
}

func fixedBody(t *T) {
	f := newFork()
	t.Go(func() {
		f.c.Send(1)
		f.hold()
	})
	f.hold()
	f.c.Recv()
}

// markLine is the line of nondet_test.go holding the comment "mark:name".
func markLine(t *testing.T, name string) int {
	src, err := os.ReadFile("nondet_test.go")
	require.NoError(t, err)
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasSuffix(l, "// mark:"+name) {
			return i + 1
		}
	}
	require.FailNow(t, "no marker", name)
	return 0
}

// divergedPrefix explores body with DFS until an execution ends with
// errNondeterministic and returns the hint for that execution's schedule,
// as explore does; ok is false if no exploration diverged.
func divergedPrefix(body func(*T)) (hint string, ok bool) {
	checkMu.Lock()
	defer checkMu.Unlock()
	cfg, err := newConfig(nil)
	if err != nil {
		panic(err)
	}
	r := newRunner(cfg)
	defer r.stop()
	for range 100 { // DFS notices in about one exploration in five
		p := newDFS(cfg)
		for {
			ex := r.run("", body, p, false)
			if ex.err == errNondeterministic {
				return r.explainNondeterminism("", body, ex.sched), true
			}
			if ex.err != nil || ex.failure != nil || !p.next() {
				break
			}
		}
	}
	return "", false
}

// explainSchedule runs explainNondeterminism on a given prefix.
func explainSchedule(t *testing.T, body func(*T), s trace.Schedule) string {
	checkMu.Lock()
	defer checkMu.Unlock()
	cfg, err := newConfig(nil)
	require.NoError(t, err)
	r := newRunner(cfg)
	defer r.stop()
	return r.explainNondeterminism("", body, s)
}

func TestExplainNamesTheSource(t *testing.T) {
	for _, c := range []struct {
		name string
		body func(*T)
		want string // with %d for the marked line
		mark string
	}{
		{"map", mapBody, `map iteration at nondet_test.go:%d (range over map map[string]int{"a": 1, "b": 2, "c": 3}) decides what G1 does next: in one run G1 `, "map"},
		{"rand", randBody, "math/rand at nondet_test.go:%d (rand.IntN) decides what G1 does next: in one run G1 ", "rand"},
		{"earlier", decidedEarlier, "map iteration at nondet_test.go:%d (range over map map[string]bool{", "early"},
		{"helper", viaHelper, "map iteration at nondet_test.go:%d (range over map m, in anyKey called at nondet_test.go:", "helper"},
		{"select", selectBody, "a native channel operation at nondet_test.go:%d (select) decides what G1 does next", "select"},
	} {
		t.Run(c.name, func(t *testing.T) {
			hint, ok := divergedPrefix(c.body)
			require.True(t, ok, "DFS never noticed")
			require.Contains(t, hint, fmt.Sprintf(c.want, markLine(t, c.mark)))
			// the symptom: G1's two possible first operations
			require.Regexp(t, `in one run G1 (c\.Send|f\.mu\.Lock) at nondet_test.go:\d+, in another G1 (c\.Send|f\.mu\.Lock) at nondet_test.go:\d+$`, hint)
			t.Log(hint)
		})
	}
}

func TestExplainDeterministic(t *testing.T) {
	// any prefix, fitting the body or not: every run does the same
	s := trace.Schedule{0, 0, 1, 1, 0, 1}
	require.Empty(t, explainSchedule(t, fixedBody, s))
	require.Empty(t, explainSchedule(t, fixedBody, s[:3]))
	require.Empty(t, explainSchedule(t, fixedBody, nil))
	require.Empty(t, explainSchedule(t, fixedBody, trace.Schedule{7, 7, 7}), "a prefix that does not fit")
}

// Without a native source in sight (a counter outside the body), the hint
// still names the goroutine and the operations that differ.
func TestExplainUnknownCause(t *testing.T) {
	calls := 0
	body := func(t *T) {
		calls++
		f := newFork()
		t.Go(func() { f.take(calls%2 == 0) })
		f.hold()
	}
	hint := explainSchedule(t, body, trace.Schedule{0, 0})
	require.Contains(t, hint, "the same schedule led G1 to different operations")
	require.Regexp(t, `in one run G1 (c\.Send|f\.mu\.Lock) at nondet_test.go:\d+, in another G1 (c\.Send|f\.mu\.Lock) at nondet_test.go:\d+$`, hint)
	t.Log(hint)
}

func TestExplainFindsNothingWithoutSource(t *testing.T) {
	f := newFinder()
	fr := []frame{{fn: "x.F", file: "/nonexistent/x.go", line: 3}}
	require.Nil(t, f.between(fr, fr))
	require.Nil(t, f.widen(fr))
}

func TestClosureDepth(t *testing.T) {
	for fn, want := range map[string]int{
		"github.com/a/b.TestX":               0,
		"github.com/a/b.TestX.func1":         1,
		"github.com/a/b.TestX.func1.2":       2,
		"github.com/a/b.(*T).m.func3.func1":  2,
		"github.com/a/b.v1.Foo.func2.gowrap": 0,
	} {
		require.Equal(t, want, closureDepth(fn), fn)
	}
}

func TestPkgName(t *testing.T) {
	for path, want := range map[string]string{
		"math/rand/v2": "rand", "math/rand": "rand", "time": "time", "gopkg.in/yaml.v3": "yaml",
	} {
		require.Equal(t, want, pkgName(path), path)
	}
}

// TestExploreNamesMapIteration is the end-to-end check: Explore's error
// names the map iteration (explore appends explainNondeterminism's hint).
func TestExploreNamesMapIteration(t *testing.T) {
	var err error
	for range 100 { // DFS notices in about one exploration in five
		if _, err = Explore(mapBody); err != nil {
			break
		}
	}
	require.ErrorContains(t, err, "not deterministic")
	require.ErrorContains(t, err, fmt.Sprintf("map iteration at nondet_test.go:%d", markLine(t, "map")))
}
