package kv_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/impls/kv"
	"github.com/interleave/concurrency/internal/seeded"
	"github.com/stretchr/testify/require"
)

// The tests pass under go test and under harness test, which explores
// their interleavings; -kv.bug switches a seeded bug on for harness test
// to find:
//
//	harness test ./impls/kv -kv.bug=getthenput
var seededBug = seeded.Flag("kv", map[string]kv.Bug{"getthenput": kv.BugGetThenPut})

// newMap is a map of two shards with the seeded bug the flag names.
func newMap(t testing.TB) *kv.Map[int] {
	return kv.New[int](kv.WithBug(seededBug(t)), kv.WithShards(2))
}

// TestUpdatesAddUp: concurrent increments of one key are all counted
// (get-then-put loses one).
func TestUpdatesAddUp(t *testing.T) {
	const adders = 2
	m := newMap(t)
	var wg sync.WaitGroup
	for range adders {
		wg.Go(func() { m.Update("x", func(old int, _ bool) int { return old + 1 }) })
	}
	wg.Wait()
	v, _ := m.Get("x")
	require.Equal(t, adders, v, "increments lost")
}

// workload is each client's operations.
type workload struct {
	name    string
	clients [][]input
}

var workloads = []workload{
	{"two adders and a writer", [][]input{
		{{op: opAdd, key: "x", val: 1}, {op: opGet, key: "x"}},
		{{op: opAdd, key: "x", val: 1}, {op: opGet, key: "x"}},
		{{op: opPut, key: "y", val: 7}, {op: opDelete, key: "y"}},
	}},
	{"random on two keys", random(3, 3, 7)},
}

// random returns clients lists of n operations each on two keys.
func random(clients, n int, seed uint64) [][]input {
	r := rand.New(rand.NewPCG(seed, 0))
	w := make([][]input, clients)
	for i := range w {
		for range n {
			w[i] = append(w[i], input{op: opKind(r.IntN(4)), key: []string{"a", "b"}[r.IntN(2)], val: 1 + r.IntN(3)})
		}
	}
	return w
}

// TestLinearizable: every history is linearizable with respect to a
// sequential map (spec), checked with porcupine on a prefix taken while
// the clients run (their unfinished operations pending) and once they are
// done.
func TestLinearizable(t *testing.T) {
	for _, w := range workloads {
		t.Run(w.name, func(t *testing.T) {
			m := newMap(t)
			rec := linearizable.NewRecorder()
			var wg sync.WaitGroup
			for _, ops := range w.clients {
				c := rec.Client()
				wg.Go(func() {
					for _, in := range ops {
						do(c, m, in)
					}
				})
			}
			early := rec.History()
			wg.Wait()
			linearizable.Verify(t, spec, early, linearizable.WithName("kv-early"))
			linearizable.Verify(t, spec, rec.History(), linearizable.WithName("kv"))
		})
	}
}
