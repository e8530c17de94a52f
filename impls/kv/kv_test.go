package kv_test

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/kv"
	"github.com/stretchr/testify/require"
)

// SeededBug is one seeded bug of this package, for the mutation table:
// the option that switches it on, the check that catches it (the
// violation kind), and the command that shows it.
type SeededBug struct {
	Bug     kv.Bug
	Option  string
	Check   string
	Kind    string
	Command string
}

// SeededBugs lists the seeded bugs of this package.
var SeededBugs = []SeededBug{{
	Bug:     kv.BugGetThenPut,
	Option:  "kv.WithBug(kv.BugGetThenPut)",
	Check:   "checks/linearizable under rt.Check",
	Kind:    linearizable.Kind,
	Command: "go test -v -run 'TestLinearizableUnderRT/get-then-put' ./impls/kv",
}, {
	Bug:     kv.BugGetThenPut,
	Option:  "kv.WithBug(kv.BugGetThenPut)",
	Check:   "checks/linearizable with real goroutines",
	Kind:    linearizable.Kind,
	Command: "go test -race -v -run 'TestLinearizableNative/get-then-put' ./impls/kv",
}}

// rtBody: two clients add 1 to the same key and read it; a third writes
// and deletes another key (a second partition).
func rtBody(bug kv.Bug, dir string) func(*rt.T) {
	return func(t *rt.T) {
		m := kv.New[int](kv.WithBug(bug), kv.WithShards(2))
		rec := linearizable.NewRecorder()
		var wg rt.WaitGroup
		for range 2 {
			c := rec.Client()
			wg.Go(func() {
				do(c, m, input{op: opAdd, key: "x", val: 1})
				do(c, m, input{op: opGet, key: "x"})
			})
		}
		c := rec.Client()
		wg.Go(func() {
			do(c, m, input{op: opPut, key: "y", val: 7})
			do(c, m, input{op: opDelete, key: "y"})
		})
		// Taken while the clients run: whatever they have not finished is
		// pending, and the prefix must be linearizable too.
		early := rec.History()
		wg.Wait()
		linearizable.Verify(t, spec, early, linearizable.WithHTMLDir(dir), linearizable.WithName("kv-early"))
		linearizable.Verify(t, spec, rec.History(), linearizable.WithHTMLDir(dir), linearizable.WithName("kv"))
	}
}

func TestLinearizableUnderRT(t *testing.T) {
	for _, bug := range []kv.Bug{kv.NoBug, kv.BugGetThenPut} {
		t.Run(bug.String(), func(t *testing.T) {
			dir := t.ArtifactDir()
			start := time.Now()
			rep, err := rt.Explore(rtBody(bug, dir))
			require.NoError(t, err)
			t.Logf("%d executions in %v", rep.Executions, time.Since(start))
			if bug == kv.NoBug {
				require.Nil(t, rep.Failure, "%v", rep.Failure)
				require.True(t, rep.Exhausted, "the space within the preemption bound is exhausted")
				return
			}
			require.NotNil(t, rep.Failure, "the lost update must be found")
			require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)
			require.Contains(t, rep.Failure.Message, linearizable.Kind+": kv")
			t.Logf("caught (HTML under %s):\n%s", dir, rep.Failure)
		})
	}
}

// nativeRound runs clients goroutines doing ops random operations each
// (half of them adds) on keys and returns the history.
func nativeRound(m *kv.Map[int], keys []string, clients, ops int, seed uint64) []porcupine.Operation {
	rec := linearizable.NewRecorder()
	var wg sync.WaitGroup
	for i := range clients {
		c := rec.Client()
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		wg.Go(func() {
			for range ops {
				in := input{op: opKind(r.IntN(4)), key: keys[r.IntN(len(keys))], val: r.IntN(5)}
				if r.IntN(2) == 0 {
					in.op = opAdd
				}
				do(c, m, in)
			}
		})
	}
	wg.Wait()
	return rec.History()
}

const (
	nativeClients = 4
	nativeOps     = 100
	nativeBugOps  = 20 // short histories for a short report
	nativeRounds  = 2000
	nativeBudget  = 8 * time.Second
)

func TestLinearizableNative(t *testing.T) {
	t.Run("correct", func(t *testing.T) {
		for round := range 20 {
			h := nativeRound(kv.New[int](), []string{"a", "b", "c"}, nativeClients, nativeOps, uint64(round))
			linearizable.Verify(t, spec, h, linearizable.WithHTMLDir(t.ArtifactDir()), linearizable.WithName("kv"))
		}
	})
	t.Run("get-then-put", func(t *testing.T) {
		start := time.Now()
		for round := 0; round < nativeRounds && time.Since(start) < nativeBudget; round++ {
			h := nativeRound(kv.New[int](kv.WithBug(kv.BugGetThenPut)), []string{"a"}, nativeClients, nativeBugOps, uint64(round))
			r := linearizable.Check(spec, h, linearizable.WithName("kv"))
			if err := r.Err(); err != nil {
				var v *linearizable.Violation
				require.ErrorAs(t, err, &v)
				path := t.ArtifactDir() + "/kv.html"
				require.NoError(t, r.WriteHTML(path))
				t.Logf("caught in round %d after %v (visualisation %s):\n%v", round+1, time.Since(start), path, err)
				return
			}
		}
		t.Fatalf("the lost update of get-then-put was not observed in %d rounds or %v", nativeRounds, nativeBudget)
	})
}

// TestSeededBugsListed keeps SeededBugs complete: every seeded bug has an
// entry whose command runs the subtest named after it.
func TestSeededBugsListed(t *testing.T) {
	for b := kv.Bug(1); b.String() != "unknown"; b++ {
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
