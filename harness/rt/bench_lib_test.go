package rt_test

import (
	"sync"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// libOps is how many operations one execution of the library benchmarks
// performs (below the default step limit).
const libOps = 1000

// benchLib measures op natively (outside Check) and inside Check, where
// each call is a scheduling step of a one-goroutine execution.
func benchLib(b *testing.B, op func(i int)) {
	b.Run("native", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			op(i)
		}
	})
	b.Run("check", func(b *testing.B) {
		n := 0
		for b.Loop() {
			rep, err := rt.Explore(func(*rt.T) {
				for i := range libOps {
					op(i)
				}
			}, rt.WithMaxExecutions(1))
			require.NoError(b, err)
			require.Nil(b, rep.Failure)
			n += libOps
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/step")
	})
}

func BenchmarkLibMap(b *testing.B) {
	var m rt.Map
	benchLib(b, func(i int) { m.Store(i&7, i) })
}

// BenchmarkLibSyncMap is the baseline of BenchmarkLibMap/native.
func BenchmarkLibSyncMap(b *testing.B) {
	var m sync.Map
	b.Run("native", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			m.Store(i&7, i)
		}
	})
}

func BenchmarkLibAddInt64(b *testing.B) {
	var v rt.Var[int64]
	benchLib(b, func(int) { rt.AddInt64(v.Addr(), 1) })
}

func BenchmarkLibInt64Add(b *testing.B) {
	var v rt.Int64
	benchLib(b, func(int) { v.Add(1) })
}
