package kv_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/kv"
	"github.com/stretchr/testify/require"
)

// workload returns clients lists of n operations each on two keys, the
// same for every execution.
func workload(clients, n int, seed uint64) [][]input {
	r := rand.New(rand.NewPCG(seed, 0))
	w := make([][]input, clients)
	for i := range w {
		for range n {
			w[i] = append(w[i], input{op: opKind(r.IntN(4)), key: []string{"a", "b"}[r.IntN(2)], val: 1 + r.IntN(3)})
		}
	}
	return w
}

func workloadBody(w [][]input, bug kv.Bug) func(*rt.T) {
	return func(t *rt.T) {
		m := kv.New[int](kv.WithBug(bug), kv.WithShards(2))
		rec := linearizable.NewRecorder()
		var wg rt.WaitGroup
		for _, ops := range w {
			c := rec.Client()
			wg.Go(func() {
				for _, in := range ops {
					do(c, m, in)
				}
			})
		}
		wg.Wait()
		linearizable.Verify(t, spec, rec.History(), linearizable.WithName("kv"))
	}
}

// TestLinearizableUnderPCT: a larger workload (3 clients, 6 operations
// each) is too big to exhaust, so PCT samples schedules: the correct map
// passes every sampled schedule (a bounded verdict), the seeded bug is
// found.
func TestLinearizableUnderPCT(t *testing.T) {
	const executions = 300
	w := workload(3, 6, 7)
	for _, bug := range []kv.Bug{kv.NoBug, kv.BugGetThenPut} {
		t.Run(bug.String(), func(t *testing.T) {
			start := time.Now()
			rep, err := rt.Explore(workloadBody(w, bug), rt.WithStrategy(rt.PCT), rt.WithSeed(1), rt.WithMaxExecutions(executions))
			require.NoError(t, err)
			t.Logf("%d executions in %v", rep.Executions, time.Since(start).Round(time.Millisecond))
			if bug == kv.NoBug {
				require.Nil(t, rep.Failure, "%v", rep.Failure)
				require.Equal(t, executions, rep.Executions)
				return
			}
			require.NotNil(t, rep.Failure, "PCT must find the lost update in %d executions", executions)
			require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)
			require.Contains(t, rep.Failure.Message, linearizable.Kind)
		})
	}
}
