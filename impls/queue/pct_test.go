package queue_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/queue"
	"github.com/stretchr/testify/require"
)

// randomScenario returns clients with n random operations each, the same
// for every execution; some may stay blocked at the end. (opGet-1 is
// opPut and opTryPut-opPut shifts either to its non-blocking variant.)
func randomScenario(clients, n int, seed uint64) scenario {
	r := rand.New(rand.NewPCG(seed, 0))
	s := scenario{name: "random", cap: 2, clients: make([][]input, clients)}
	for i := range s.clients {
		for k := range n {
			// Even clients consume, odd ones produce; one operation in
			// four is the non-blocking variant.
			op := opGet - opKind(i%2)
			if r.IntN(4) == 0 {
				op += opTryPut
			}
			s.clients[i] = append(s.clients[i], input{op: op, val: 10*i + k})
		}
	}
	return s
}

// TestLinearizableUnderPCT: random workloads too big to exhaust, sampled
// by PCT. The correct queue passes every sampled schedule (a bounded
// verdict); the lost wake-up is found in at least one workload.
func TestLinearizableUnderPCT(t *testing.T) {
	const executions, workloads = 200, 8
	for _, bug := range []queue.Bug{queue.NoBug, queue.BugLostWakeup} {
		t.Run(bug.String(), func(t *testing.T) {
			caught := 0
			for seed := range uint64(workloads) {
				s := randomScenario(4, 3, seed)
				start := time.Now()
				rep, err := rt.Explore(rtBody(s, bug, t.ArtifactDir()), rt.WithStrategy(rt.PCT), rt.WithSeed(seed), rt.WithMaxExecutions(executions))
				require.NoError(t, err)
				t.Logf("workload %d: %d executions in %v", seed, rep.Executions, time.Since(start).Round(time.Millisecond))
				if bug == queue.NoBug {
					require.Nil(t, rep.Failure, "%v", rep.Failure)
					continue
				}
				if rep.Failure != nil {
					require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)
					require.Contains(t, rep.Failure.Message, linearizable.Kind)
					caught++
				}
			}
			if bug != queue.NoBug {
				require.Positive(t, caught)
			}
		})
	}
}
