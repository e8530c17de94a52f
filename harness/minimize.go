package harness

import "slices"

// maxMinimizeSteps bounds the model steps that minimising one schedule may
// replay: delta debugging is quadratic, and long depth-first schedules
// would otherwise take longer than the search that found them.
const maxMinimizeSteps = 1 << 23

// minimizeAll shortens the schedule of every violation found (lassos
// excepted: their cycle must stay a cycle) and records the length it was
// found with.
func (e *explorer) minimizeAll() error {
	for i, v := range e.res.Violations {
		if v.Cycle > 0 {
			continue
		}
		short := Minimize(e.m, v.Kind, v.Schedule, e.checks...)
		if len(short) >= len(v.Schedule) {
			continue
		}
		nv, err := e.violation(v.Kind, v.Message, short)
		if err != nil {
			return err
		}
		nv.Found = len(v.Schedule)
		e.res.Violations[i] = nv
	}
	return nil
}

// Minimize shortens schedule s, which ends in a violation of kind kind,
// by delta debugging (Zeller and Hildebrandt 2002) over its steps: it
// removes chunks of steps, halving the chunk size when nothing can go, as
// long as what is left still reaches a state with a violation of the same
// kind (a shorter prefix that does is taken at once); before and after,
// it tries dropping each run of one thread's consecutive steps. First of
// all it takes the shortest path to the violation through the states s
// passes (shortcut), which undoes the detours of a depth-first search in
// linear time, where delta debugging is quadratic.
//
// A candidate is run leniently: each step remembers the action its
// thread took (Step.Action), and a step is skipped when its thread cannot
// take that action at that point, so that removing one step of a thread
// does not turn its later steps into different ones. The result is the
// schedule actually run, so it always replays, and it is 1-minimal when
// the step budget allows: removing any single step loses the violation.
// Steps of s that cannot be taken are skipped from the start; a schedule
// that reaches no violation of the kind is returned unchanged.
func Minimize(m Model, kind string, s Schedule, checks ...Check) Schedule {
	mz := minimizer{m: m, kind: kind, checks: checks, budget: maxMinimizeSteps}
	best, ok := mz.test(mz.plan(s))
	if !ok {
		return s
	}
	best = mz.dropRuns(mz.shortcut(best))
	for n := 2; len(best) >= 2 && mz.budget > 0; {
		chunk := (len(best) + n - 1) / n
		reduced := false
		for lo := 0; lo < len(best) && mz.budget > 0; lo += chunk {
			cand := append(append([]move{}, best[:lo]...), best[min(lo+chunk, len(best)):]...)
			if got, ok := mz.test(cand); ok {
				best, reduced = got, true
				n = max(n-1, 2)
				break
			}
		}
		if !reduced {
			if chunk == 1 {
				break
			}
			n = min(2*n, len(best))
		}
	}
	best = mz.dropRuns(best)
	out := make(Schedule, len(best))
	for i, mv := range best {
		out[i] = mv.thread
	}
	return out
}

// move is one step of a schedule being minimised: the thread and the
// action it took.
type move struct{ thread, action int }

// shortcut returns the shortest path from the initial state to the last
// state of s that goes only through states s passes: one step often leads
// from one of them to a much later one. s ends at its first state with the
// violation, so the path found ends there too.
func (mz *minimizer) shortcut(s []move) []move {
	states := []State{mz.m.Init()}
	for _, mv := range s {
		last := states[len(states)-1]
		states = append(states, mz.m.Apply(last, stepOf(mz.m, last, mv.thread)))
	}
	first := make(map[string]int, len(states))
	for i, st := range states {
		if _, ok := first[string(st)]; !ok {
			first[string(st)] = i
		}
	}
	from := make([]int, len(states)) // breadth-first tree: position + 1 of the parent
	via := make([]move, len(states))
	from[0] = 1
	target := len(states) - 1
	for queue := []int{0}; len(queue) > 0 && from[target] == 0 && mz.budget > 0; queue = queue[1:] {
		i := queue[0]
		for th := range mz.m.Threads(states[i]) {
			mz.budget--
			st, ok := mz.m.Enabled(states[i], th)
			if !ok {
				continue
			}
			st.Thread = th
			j, ok := first[string(mz.m.Apply(states[i], st))]
			if ok && from[j] == 0 {
				from[j], via[j] = i+1, move{thread: th, action: st.Action}
				queue = append(queue, j)
			}
		}
	}
	if from[target] == 0 {
		return s
	}
	var path []move
	for j := target; j != 0; j = from[j] - 1 {
		path = append(path, via[j])
	}
	slices.Reverse(path)
	return path
}

// dropRuns removes runs of one thread's consecutive steps, or as much of
// each run as it can (the longest part first), while the violation stays:
// a thread going around its loop a few more times is one run, which
// chunks of a power-of-two size often cut at the wrong step.
func (mz *minimizer) dropRuns(s []move) []move {
	for lo := 0; lo < len(s) && mz.budget > 0; {
		hi := lo + 1
		for hi < len(s) && s[hi].thread == s[lo].thread {
			hi++
		}
		shrunk := false
		for k := hi - lo; k >= 1 && !shrunk && mz.budget > 0; k-- {
			cand := append(append([]move{}, s[:lo]...), s[lo+k:]...)
			if got, ok := mz.test(cand); ok {
				s, shrunk = got, true
			}
		}
		if !shrunk {
			lo = hi
		}
	}
	return s
}

type minimizer struct {
	m      Model
	kind   string
	checks []Check
	budget int
}

// plan runs s, skipping the steps of threads that cannot step, and
// returns the steps taken with their actions.
func (mz *minimizer) plan(s Schedule) []move {
	state := mz.m.Init()
	var plan []move
	for _, th := range s {
		if th < 0 || th >= mz.m.Threads(state) {
			continue
		}
		if st, ok := mz.m.Enabled(state, th); ok {
			st.Thread = th
			state = mz.m.Apply(state, st)
			plan = append(plan, move{thread: th, action: st.Action})
		}
	}
	return plan
}

// test runs plan, skipping each step whose thread cannot take its action
// at that point, and returns the steps actually taken up to the first
// state with a violation of the kind, if there is one.
func (mz *minimizer) test(plan []move) ([]move, bool) {
	state := mz.m.Init()
	var taken []move
	for i := 0; ; i++ {
		mz.budget--
		if mz.has(state) {
			return taken, true
		}
		for ; i < len(plan); i++ {
			mv := plan[i]
			if mv.thread < 0 || mv.thread >= mz.m.Threads(state) {
				continue
			}
			if st, ok := mz.m.Enabled(state, mv.thread); ok && st.Action == mv.action {
				st.Thread = mv.thread
				state = mz.m.Apply(state, st)
				taken = append(taken, mv)
				break
			}
		}
		if i >= len(plan) || mz.budget <= 0 {
			return nil, false
		}
	}
}

// has reports whether state has a violation of the kind.
func (mz *minimizer) has(state State) bool {
	kinds, _ := inspectState(mz.m, mz.checks, state, terminal(mz.m, state))
	for _, k := range kinds {
		if k == mz.kind {
			return true
		}
	}
	return false
}
