package rt_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// counterOp is one operation a goroutine performs on a shared counter.
type counterOp string

const (
	opAdd       counterOp = "add"        // n.Add(1)
	opCAS       counterOp = "cas-loop"   // CompareAndSwap retry loop
	opLocked    counterOp = "locked-inc" // Load+Store under a mutex
	opLoadStore counterOp = "load-store" // Load then Store: loses updates
)

// counterBody runs the drawn operations, one goroutine per slice, and
// checks that no increment was lost.
func counterBody(perG [][]counterOp) func(*rt.T) {
	return func(t *rt.T) {
		var n rt.Int64
		var mu rt.Mutex
		var wg rt.WaitGroup
		total := 0
		for _, ops := range perG {
			total += len(ops)
			wg.Go(func() {
				for _, op := range ops {
					apply(op, &n, &mu)
				}
			})
		}
		wg.Wait()
		if got := n.Load(); got != int64(total) {
			t.Errorf("lost update: counter %d after %d increments", got, total)
		}
	}
}

func apply(op counterOp, n *rt.Int64, mu *rt.Mutex) {
	switch op {
	case opAdd:
		n.Add(1)
	case opCAS:
		for v := n.Load(); !n.CompareAndSwap(v, v+1); v = n.Load() {
		}
	case opLocked:
		mu.Lock()
		n.Store(n.Load() + 1)
		mu.Unlock()
	case opLoadStore:
		n.Store(n.Load() + 1)
	}
}

// counterProperty draws the operations of two goroutines from ops and
// explores every schedule of each drawn case; a failure fails the rapid
// case (which rapid then shrinks) with the rt report and schedule.
func counterProperty(ops ...counterOp) func(*rapid.T) {
	return func(r *rapid.T) {
		gen := rapid.SliceOfN(rapid.SampledFrom(ops), 1, 3)
		perG := [][]counterOp{gen.Draw(r, "g1"), gen.Draw(r, "g2")}
		rep, err := rt.Explore(counterBody(perG))
		if err != nil {
			r.Fatal(err)
		}
		if rep.Failure != nil {
			r.Fatalf("ops %v:\n%s", perG, rep.Failure)
		}
	}
}

// recordingTB is a rapid.TB that keeps the failure instead of failing.
type recordingTB struct {
	testing.TB
	failure string
}

func (r *recordingTB) Helper()                   {}
func (r *recordingTB) Name() string              { return "TestRapid" }
func (r *recordingTB) Logf(string, ...any)       {}
func (r *recordingTB) Log(...any)                {}
func (r *recordingTB) Errorf(f string, a ...any) { r.failure += fmt.Sprintf(f, a...) }
func (r *recordingTB) Error(a ...any)            { r.failure += fmt.Sprint(a...) }
func (r *recordingTB) Fatalf(f string, a ...any) { r.Errorf(f, a...) }
func (r *recordingTB) Fatal(a ...any)            { r.Error(a...) }
func (r *recordingTB) FailNow()                  {}
func (r *recordingTB) Fail()                     {}
func (r *recordingTB) Failed() bool              { return r.failure != "" }
func (r *recordingTB) Skipf(string, ...any)      {}
func (r *recordingTB) Skip(...any)               {}
func (r *recordingTB) SkipNow()                  {}
func (r *recordingTB) Setenv(string, string)     {}
func (r *recordingTB) TempDir() string           { return "" }
func (r *recordingTB) Cleanup(func())            {}

func init() {
	// failures here are expected: keep rapid from writing fail files
	_ = flag.Set("rapid.nofailfile", "true")
}

func TestRapidDrawsOpsAndRtExploresSchedules(t *testing.T) {
	bad := &recordingTB{}
	rapid.Check(bad, counterProperty(opAdd, opCAS, opLocked, opLoadStore))
	require.Contains(t, bad.failure, "lost update")
	require.Contains(t, bad.failure, "schedule:")
	// rapid shrinks the drawn operations to a minimal case: one racy
	// read-modify-write and one other increment.
	require.Regexp(t, `ops \[\[[\w-]+\] \[[\w-]+\]\]`, bad.failure)

	good := &recordingTB{}
	rapid.Check(good, counterProperty(opAdd, opCAS))
	require.Empty(t, good.failure)
}

// Example_rapid shows rapid drawing what each goroutine does and rt
// exploring every schedule of each drawn case. With a non-atomic
// increment among the choices, rapid reports a shrunk case with its
// schedule; with atomic increments only, every case passes.
func Example_rapid() {
	tb := &recordingTB{}
	rapid.Check(tb, counterProperty(opAdd, opCAS))
	fmt.Println("failure:", strings.TrimSpace(tb.failure) != "")
	// Output:
	// failure: false
}
