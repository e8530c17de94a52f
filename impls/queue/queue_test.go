package queue_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/queue"
	"github.com/stretchr/testify/require"
)

// SeededBug is one seeded bug of this package, for the mutation table:
// the option that switches it on, the check that catches it (the
// violation kind), and the command that shows it.
type SeededBug struct {
	Bug     queue.Bug
	Option  string
	Check   string
	Kind    string
	Command string
}

// SeededBugs lists the seeded bugs of this package.
var SeededBugs = []SeededBug{{
	Bug:     queue.BugLostWakeup,
	Option:  "queue.WithBug(queue.BugLostWakeup)",
	Check:   "checks/linearizable under rt.Check",
	Kind:    linearizable.Kind,
	Command: "go test -v -run 'TestLinearizableUnderRT/lost-wakeup' ./impls/queue",
}, {
	Bug:     queue.BugLostWakeup,
	Option:  "queue.WithBug(queue.BugLostWakeup)",
	Check:   "checks/linearizable with real goroutines",
	Kind:    linearizable.Kind,
	Command: "go test -race -v -run 'TestLinearizableNative/lost-wakeup' ./impls/queue",
}}

// scenario is a small workload: a queue capacity and each client's
// operations.
type scenario struct {
	name    string
	cap     int
	clients [][]input
}

var scenarios = []scenario{
	{"two getters wait, two putters", 2, [][]input{
		{{op: opGet}}, {{op: opGet}}, {{op: opPut, val: 1}}, {{op: opPut, val: 2}}}},
	{"two putters wait on a full queue", 1, [][]input{
		{{op: opPut, val: 1}}, {{op: opPut, val: 2}}, {{op: opPut, val: 3}}, {{op: opGet}, {op: opGet}, {op: opGet}}}},
	{"try operations beside blocking ones", 1, [][]input{
		{{op: opTryPut, val: 1}, {op: opPut, val: 2}}, {{op: opTryGet}, {op: opGet}}}},
}

// rtBody runs scenario s under rt: all clients run, and once nothing can
// run any more (rt.WaitIdle returns only then) the history
// is taken with the operations still blocked as observations; Close then
// releases them.
func rtBody(s scenario, bug queue.Bug, dir string) func(*rt.T) {
	return func(t *rt.T) {
		q := queue.New[int](s.cap, queue.WithBug(bug))
		rec := linearizable.NewRecorder()
		var wg rt.WaitGroup
		for _, ops := range s.clients {
			c := rec.Client()
			wg.Go(func() {
				for _, in := range ops {
					do(c, q, in)
				}
			})
		}
		rt.WaitIdle()
		h := rec.HistoryAt(stillBlocked)
		q.Close()
		wg.Wait()
		linearizable.Verify(t, spec(s.cap), h, linearizable.WithHTMLDir(dir), linearizable.WithName("queue"))
	}
}

// maxExecutions leaves room above the few thousand executions the
// scenarios need to be exhausted.
const maxExecutions = 50000

func TestLinearizableUnderRT(t *testing.T) {
	for _, bug := range []queue.Bug{queue.NoBug, queue.BugLostWakeup} {
		t.Run(bug.String(), func(t *testing.T) {
			caught := 0
			for _, s := range scenarios {
				dir := t.ArtifactDir()
				start := time.Now()
				rep, err := rt.Explore(rtBody(s, bug, dir), rt.WithMaxExecutions(maxExecutions))
				require.NoError(t, err)
				t.Logf("%s: %d executions in %v", s.name, rep.Executions, time.Since(start))
				if bug == queue.NoBug {
					require.Nil(t, rep.Failure, "%v", rep.Failure)
					require.True(t, rep.Exhausted)
					continue
				}
				if rep.Failure == nil {
					continue
				}
				caught++
				require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)
				require.Contains(t, rep.Failure.Message, linearizable.Kind+": queue")
				t.Logf("caught (HTML under %s):\n%s", dir, rep.Failure)
			}
			if bug != queue.NoBug {
				require.Positive(t, caught, "the lost wake-up must be caught")
			}
		})
	}
}

const (
	producers = 3
	consumers = 3
	perClient = 40
	// quiet is how long no operation may complete before the native test
	// takes the goroutines still inside Put or Get as blocked.
	quiet = 2 * time.Second
)

// nativeRound runs producers and consumers on real goroutines and returns
// the history taken when all are done or nothing completed for quiet.
func nativeRound(q *queue.Queue[int]) []porcupine.Operation {
	rec := linearizable.NewRecorder()
	var completed atomic.Int64
	var wg sync.WaitGroup
	for i := range producers + consumers {
		c := rec.Client()
		wg.Go(func() {
			for k := range perClient {
				in := input{op: opGet}
				if i < producers {
					in = input{op: opPut, val: i*1000 + k}
				}
				do(c, q, in)
				completed.Add(1)
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	last, since := int64(-1), time.Now()
	for {
		select {
		case <-done:
			return rec.History()
		case <-time.After(10 * time.Millisecond):
		}
		if n := completed.Load(); n != last {
			last, since = n, time.Now()
		} else if time.Since(since) > quiet {
			h := rec.HistoryAt(stillBlocked)
			q.Close()
			<-done
			return h
		}
	}
}

func TestLinearizableNative(t *testing.T) {
	const cap = 2
	t.Run("correct", func(t *testing.T) {
		for range 10 {
			h := nativeRound(queue.New[int](cap))
			linearizable.Verify(t, spec(cap), h, linearizable.WithHTMLDir(t.ArtifactDir()), linearizable.WithName("queue"))
		}
	})
	t.Run("lost-wakeup", func(t *testing.T) {
		const rounds, budget = 2000, 20 * time.Second // it returns when caught, usually within 100 rounds
		start := time.Now()
		for round := 0; round < rounds && time.Since(start) < budget; round++ {
			h := nativeRound(queue.New[int](cap, queue.WithBug(queue.BugLostWakeup)))
			r := linearizable.Check(spec(cap), h, linearizable.WithName("queue"))
			if err := r.Err(); err != nil {
				var v *linearizable.Violation
				require.ErrorAs(t, err, &v)
				path := t.ArtifactDir() + "/queue.html"
				require.NoError(t, r.WriteHTML(path))
				t.Logf("caught in round %d (visualisation %s):\n%v", round+1, path, err)
				return
			}
		}
		t.Fatalf("the lost wake-up was not observed in %d rounds or %v", rounds, budget)
	})
}

// TestSeededBugsListed keeps SeededBugs complete: every seeded bug has an
// entry whose command runs the subtest named after it.
func TestSeededBugsListed(t *testing.T) {
	for b := queue.Bug(1); b.String() != "unknown"; b++ {
		n := 0
		for _, e := range SeededBugs {
			if e.Bug == b {
				n++
				require.Contains(t, e.Command, "/"+b.String()+"'", "the command runs the bug's subtest")
			}
		}
		require.Positive(t, n, "seeded bug %v is not in SeededBugs", b)
	}
}
