package harnesstest

import (
	"fmt"
	"slices"

	"github.com/interleave/concurrency/harness"
)

// CheckFootprints tests, on the first limit states m reaches breadth-first,
// the footprint contract that partial-order reduction relies on (see
// harness/por.go): a step of one thread whose footprint does not conflict
// with another thread's next step neither enables, disables nor changes
// that step, and the two commute. With a harness.Lookahead it also tests
// that MayAccess covers each thread's next step and never grows as the
// search goes on. It returns the first breach, naming the state and the
// steps, or nil. Models should call it in a test: a breach makes
// reduction miss violations.
func CheckFootprints(m harness.Model, limit int) error {
	return walkReachable(m, limit, func(s harness.State) error { return checkState(m, s) }, func(s harness.State, st harness.Step, next harness.State) error {
		return checkShrinks(m, s, next, st)
	})
}

// walkReachable visits the states reachable in m breadth-first, until
// more than limit are seen, calling visit on each state and edge (if not
// nil) on each of its steps, and returns the first error either returns.
func walkReachable(m harness.Model, limit int, visit func(harness.State) error, edge func(s harness.State, st harness.Step, next harness.State) error) error {
	seen := map[string]bool{}
	queue := []harness.State{m.Init()}
	seen[string(queue[0])] = true
	for len(queue) > 0 && len(seen) <= limit {
		s := queue[0]
		queue = queue[1:]
		if err := visit(s); err != nil {
			return err
		}
		for st := range harness.EnabledSteps(m, s) {
			next := m.Apply(s, st)
			if edge != nil {
				if err := edge(s, st, next); err != nil {
					return err
				}
			}
			if !seen[string(next)] {
				seen[string(next)] = true
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// checkState tests every pair of non-conflicting steps of s.
func checkState(m harness.Model, s harness.State) error {
	n := m.Threads(s)
	for i := range n {
		a, ok := m.Enabled(s, i)
		if !ok {
			continue
		}
		a.Thread = i
		if err := checkCovered(m, s, a); err != nil {
			return err
		}
		for j := range n {
			if j == i || finished(m, s, j) {
				continue
			}
			b, bok := m.Enabled(s, j)
			b.Thread = j
			if conflict(a.Access, b.Access) {
				continue
			}
			if err := checkCommute(m, s, a, b, bok); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkCommute tests that a leaves b (enabled if bok) alone and, if b is
// enabled, that a;b and b;a reach the same state.
func checkCommute(m harness.Model, s harness.State, a, b harness.Step, bok bool) error {
	where := func(what string) error {
		return fmt.Errorf("footprint contract broken in %s: %s (%s) and %s (%s) do not conflict, but %s",
			describe(m, s), stepName(m, a), a.Access, stepName(m, b), b.Access, what)
	}
	sa := m.Apply(s, a)
	b1, ok1 := m.Enabled(sa, b.Thread)
	switch {
	case ok1 != bok:
		return where(fmt.Sprintf("the first changes whether the second can step (%v to %v)", bok, ok1))
	case b1.Action != b.Action || b1.Label != b.Label:
		return where(fmt.Sprintf("the first changes the second into %q", b1.Label))
	case !bok:
		return nil
	}
	b1.Thread = b.Thread
	sb := m.Apply(s, b)
	a2, ok2 := m.Enabled(sb, a.Thread)
	if !ok2 || a2.Action != a.Action || a2.Label != a.Label {
		return where("the second changes or disables the first")
	}
	a2.Thread = a.Thread
	if !slices.Equal(m.Apply(sa, b1), m.Apply(sb, a2)) {
		return where("they do not commute: the two orders reach different states")
	}
	return nil
}

// checkCovered tests that MayAccess covers the next step of a's thread.
func checkCovered(m harness.Model, s harness.State, a harness.Step) error {
	look, ok := m.(harness.Lookahead)
	if !ok {
		return nil
	}
	if x, ok := uncovered(a.Access, look.MayAccess(s, a.Thread)); !ok {
		return fmt.Errorf("lookahead broken in %s: MayAccess of %s leaves out %s %s of its next step %q",
			describe(m, s), harness.ThreadName(m, a.Thread), x.Kind, x.Object, a.Label)
	}
	return nil
}

// checkShrinks tests that no thread's MayAccess grows when st is taken.
func checkShrinks(m harness.Model, s, next harness.State, st harness.Step) error {
	look, ok := m.(harness.Lookahead)
	if !ok {
		return nil
	}
	for th := range m.Threads(next) {
		if x, ok := uncovered(look.MayAccess(next, th), look.MayAccess(s, th)); !ok {
			return fmt.Errorf("lookahead broken: after %s in %s, MayAccess of %s grows by %s %s",
				stepName(m, st), describe(m, s), harness.ThreadName(m, th), x.Kind, x.Object)
		}
	}
	return nil
}

// uncovered returns an access of acc that no access of by covers: same
// object, and a change if acc's is one.
func uncovered(acc, by []harness.Access) (harness.Access, bool) {
	for _, x := range acc {
		if !slices.ContainsFunc(by, func(y harness.Access) bool {
			return y.Object == x.Object && (x.Kind == harness.Read || y.Kind != harness.Read)
		}) {
			return x, false
		}
	}
	return harness.Access{}, true
}

func describe(m harness.Model, s harness.State) string {
	if d, ok := m.(harness.Describer); ok {
		return fmt.Sprintf("state %q", d.Describe(s))
	}
	return fmt.Sprintf("state %v", []byte(s))
}

func stepName(m harness.Model, st harness.Step) string {
	return fmt.Sprintf("%s %q", harness.ThreadName(m, st.Thread), st.Label)
}

// finished reports whether thread th of m has finished in s.
func finished(m harness.Model, s harness.State, th int) bool {
	f, ok := m.(harness.Finisher)
	return ok && f.Finished(s, th)
}

// conflict reports whether an access of a conflicts with one of b, as the
// reduction decides it (harness.Access.Conflicts).
func conflict(a, b []harness.Access) bool {
	return slices.ContainsFunc(a, func(x harness.Access) bool { return slices.ContainsFunc(b, x.Conflicts) })
}
