package harness

import (
	"math"

	"github.com/interleave/concurrency/harness/internal/store"
)

// fast is the explorer's scratch space for the hot loop.
type fast struct {
	appender Appender // nil when the model has no AppendApply
	buf      State    // the successor most recently built by apply
	cbuf     State    // its canonical form, under symmetry reduction
}

// apply returns the successor of s after st, in canonical form under
// symmetry reduction. With an Appender or symmetry it is built in e.buf
// or e.cbuf and stays valid only until the next call: callers copy it
// (the visited set does) if they keep it.
func (e *explorer) apply(s State, st Step) State {
	if e.appender == nil {
		return e.canon(e.m.Apply(s, st))
	}
	e.buf = e.appender.AppendApply(e.buf[:0], s, st)
	return e.canon(e.buf)
}

// applyNew returns the successor of s after st, in canonical form under
// symmetry reduction, in memory of its own.
func (e *explorer) applyNew(s State, st Step) State {
	return e.canonNew(e.m.Apply(s, st))
}

// stepOf returns the step thread th takes in s, which must be enabled.
func stepOf(m Model, s State, th int) Step {
	st, _ := m.Enabled(s, th)
	st.Thread = th
	return st
}

// setUp chooses the visited set and the model's fast paths; plan has
// refused the searches the fingerprint set cannot serve.
func (e *explorer) setUp() {
	e.appender, _ = e.m.(Appender)
	if !e.o.Compact {
		e.seen = store.NewExact()
		e.set = e.seen
		return
	}
	e.set = store.NewFingerprints()
}

// missProbability bounds the probability that hash compaction missed a
// state: each of the n(n-1)/2 pairs of states collides with probability
// 2^-FingerprintBits, so the probability of any collision is at most
// n(n-1)/2^(FingerprintBits+1).
func (e *explorer) missProbability() float64 {
	if e.seen != nil {
		return 0
	}
	n := float64(e.set.Len())
	return math.Min(1, n*(n-1)/math.Exp2(FingerprintBits+1))
}
