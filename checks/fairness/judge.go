package fairness

import "github.com/interleave/concurrency/harness"

// CycleVerdict judges the cycle at the end of a replayed lasso.
type CycleVerdict struct {
	Closes   bool  // the cycle returns to the state it started from
	Fair     bool  // the cycle is fair under the assumption judged
	Unfair   []int // threads the cycle treats unfairly
	Starving []int // unfinished threads with no progress on the cycle
	Livelock bool  // nobody makes progress on the cycle
}

// JudgeCycle judges the last cycle steps of tr under fairness f, so that a
// lasso printed by the explorer can be checked again by replaying it.
func JudgeCycle(m harness.Model, tr harness.Trace, cycle int, f Fairness) CycleVerdict {
	n := len(tr.Steps)
	states := tr.States[n-cycle : n] // the states the cycle's steps are taken from
	steps := tr.Steps[n-cycle:]
	threads := m.Threads(tr.States[0])
	v := CycleVerdict{Closes: string(tr.States[n-cycle]) == string(tr.Final()), Fair: true, Livelock: true}

	marked := false
	for _, st := range tr.Steps {
		marked = marked || st.Progress
	}
	enabledAt := make([][]bool, len(states))
	for i, s := range states {
		enabledAt[i] = make([]bool, threads)
		for th := range threads {
			st, ok := m.Enabled(s, th)
			enabledAt[i][th] = ok
			marked = marked || (ok && st.Progress)
		}
	}
	scheduled := make([]bool, threads)
	progressed := make([]bool, threads)
	for _, st := range steps {
		scheduled[st.Thread] = true
		if st.Progress || !marked {
			progressed[st.Thread] = true
			v.Livelock = false
		}
	}
	for th := range threads {
		if !scheduled[th] && !fairTo(f, th, enabledAt) {
			v.Fair = false
			v.Unfair = append(v.Unfair, th)
		}
		if !progressed[th] {
			if f, ok := m.(harness.Finisher); !ok || !f.Finished(states[0], th) {
				v.Starving = append(v.Starving, th)
			}
		}
	}
	return v
}

// fairTo says whether a cycle that never schedules th is fair to it.
func fairTo(f Fairness, th int, enabledAt [][]bool) bool {
	some, all := false, true
	for _, e := range enabledAt {
		some = some || e[th]
		all = all && e[th]
	}
	switch f {
	case Weak:
		return !all
	case Strong:
		return !some
	}
	return true
}
