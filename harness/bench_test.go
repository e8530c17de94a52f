package harness_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/deadlock"
)

// benchN is the philosophers size of the go test benchmarks; N=11..12 and
// the comparison with SPIN are scripts/bench-spin.sh's.
const benchN = 10

// BenchmarkPhilosophers explores the full space of N=10 naive dining
// philosophers (154,450 states, 1,116,130 edges) under each strategy,
// store and worker count, reporting states/s and the store's bytes/state.
func BenchmarkPhilosophers(b *testing.B) {
	for _, strat := range []harness.Strategy{harness.BFS, harness.DFS} {
		for _, compact := range []bool{false, true} {
			for _, workers := range []int{1, 2} {
				if strat == harness.DFS && workers > 1 {
					continue
				}
				store := map[bool]string{false: "exact", true: "compact"}[compact]
				name := fmt.Sprintf("N=%d/%v/%s/workers=%d", benchN, strat, store, workers)
				o := harness.Options{Strategy: strat, KeepGoing: true, Compact: compact, Workers: workers}
				b.Run(name, func(b *testing.B) { benchExplore(b, deadlock.New(deadlock.Naive, benchN), o) })
			}
		}
	}
}

func benchExplore(b *testing.B, m harness.Model, o harness.Options) {
	b.ReportAllocs()
	var res harness.Result
	for b.Loop() {
		var err error
		res, err = harness.Explore(context.Background(), m, o)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.States)*float64(b.N)/b.Elapsed().Seconds(), "states/s")
	b.ReportMetric(float64(res.StoreBytes)/float64(res.States), "store-B/state")
}
