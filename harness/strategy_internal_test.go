package harness

import (
	"fmt"
	"testing"

	"github.com/interleave/concurrency/harness/internal/store"
)

// TestSearcherFor: the one place that picks a search maps each option
// combination to the search the options documentation promises; a case
// ordered wrong (say, workers before the compacted store, or the graph
// left out of the parallel test) fails it.
func TestSearcherFor(t *testing.T) {
	r := &reducer{}
	for _, tc := range []struct {
		o     Options
		r     *reducer
		graph bool
		want  searcher
	}{
		{Options{}, nil, false, breadthFirst{}},
		{Options{Compact: true}, nil, false, compactBFS{}},
		{Options{Workers: 4}, nil, false, parallelBFS{}},
		{Options{Workers: 4, Compact: true}, nil, false, parallelBFS{}},
		{Options{Workers: 4}, nil, true, breadthFirst{}},
		{Options{Strategy: DFS, Workers: 4}, nil, false, depthFirst{}},
		{Options{Strategy: DFS}, r, false, reducedDFS{r: r}},
		{Options{Workers: 4}, r, false, reducedBFS{r: r}},
		{Options{Strategy: Random}, nil, false, sampler{}},
		{Options{Strategy: PCT}, nil, false, sampler{pct: true}},
		{Options{Strategy: DFS, ContextBound: true}, r, false, preemptionBounded{}},
	} {
		if got := searcherFor(tc.o, tc.r, tc.graph); got != tc.want {
			t.Errorf("searcherFor(%+v, reducer %v, graph %v) = %s, want %s", tc.o, tc.r != nil, tc.graph, searcherName(got), searcherName(tc.want))
		}
	}
}

func searcherName(s searcher) string { return fmt.Sprintf("%T%+v", s, s) }

// TestFingerprintBits: the length reports and the miss probability use is
// the length the fingerprint set keeps.
func TestFingerprintBits(t *testing.T) {
	if FingerprintBits != store.FingerprintBits {
		t.Fatalf("FingerprintBits = %d, the fingerprint set keeps %d", FingerprintBits, store.FingerprintBits)
	}
}
