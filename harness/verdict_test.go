package harness

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestResultStrings: the typed verdict, bound and reduction status print
// the words reports and JSON have always used.
func TestResultStrings(t *testing.T) {
	for _, c := range []struct {
		v    interface{ String() string }
		want string
	}{
		{OK, "ok"},
		{Violated, "violation"},
		{Bounded, "bounded"},
		{Bound{}, ""},
		{Bound{BoundDepth, 4}, "depth 4"},
		{Bound{BoundMaxStates, 100}, "max-states 100"},
		{Bound{BoundMaxMemory, 3 << 29}, "max-memory 1.5 GiB"},
		{Bound{BoundPreemptions, 0}, "preemptions 0"},
		{Bound{BoundRuns, 100}, "100 runs"},
		{Bound{Kind: BoundTimeout}, "timeout"},
		{Bound{Kind: BoundInterrupted}, "interrupted"},
		{Applied{}, ""},
		{Applied{On: true}, "on"},
		{Applied{On: true, Reason: "on one worker"}, "on (on one worker)"},
		{Applied{Off: true}, "off"},
		{offFor("a depth bound"), "off: a depth bound"},
	} {
		require.Equal(t, c.want, c.v.String(), "%#v", c.v)
	}
}

// TestReductionOnOneWorker: reduction asked for with several workers is
// on, noting that it runs on one.
func TestReductionOnOneWorker(t *testing.T) {
	g := &genModel{progs: [][]genOp{{{kind: opLocal}}, {{kind: opLocal}}}, loop: []bool{false, false}, vars: 1}
	res, err := Explore(t.Context(), g, Options{POR: true, Workers: 2})
	require.NoError(t, err)
	require.Equal(t, Applied{On: true, Reason: "on one worker: the reduced search is sequential"}, res.Reduction)
	require.Equal(t, OK, res.Verdict())
	require.Equal(t, Bound{}, res.Bound)
}
