package harnesstest

import (
	"fmt"
	"slices"

	"github.com/interleave/concurrency/harness"
)

// CheckSymmetry tests, on the first limit states m reaches breadth-first,
// the contract symmetry reduction relies on: Canonical is idempotent, and
// every state s and its canonical form c have the same multiset of
// canonical successors and the same verdicts (deadlock, and each of
// checks, with the same terminal status). It returns the first breach,
// naming the state, or nil; nil if m declares no symmetry. Models that
// implement harness.Symmetric should call it in a test with their checks:
// a breach makes the reduced search miss violations or report schedules
// that do not replay.
func CheckSymmetry(m harness.Model, limit int, checks ...harness.Check) error {
	sym, ok := m.(harness.Symmetric)
	if !ok {
		return nil
	}
	canon := func(s harness.State) harness.State { return sym.Canonical(nil, s) }
	return walkReachable(m, limit, func(s harness.State) error {
		c := canon(s)
		if cc := canon(c); !slices.Equal(cc, c) {
			return fmt.Errorf("symmetry contract broken: Canonical is not idempotent: %s becomes %s, then %s", describe(m, s), describe(m, c), describe(m, cc))
		}
		succ := canonicalSuccessors(m, canon, s)
		if want := canonicalSuccessors(m, canon, c); !slices.Equal(succ, want) {
			return fmt.Errorf("symmetry contract broken: %s and its canonical form %s have different canonical successors (%d and %d; %s)",
				describe(m, s), describe(m, c), len(succ), len(want), firstDifference(m, succ, want))
		}
		ks, kc := verdicts(m, checks, s), verdicts(m, checks, c)
		if !slices.Equal(ks, kc) {
			return fmt.Errorf("symmetry contract broken: %s fails %v but its canonical form %s fails %v", describe(m, s), ks, describe(m, c), kc)
		}
		return nil
	}, nil)
}

// canonicalSuccessors returns, sorted, the canonical forms of the
// successors of s.
func canonicalSuccessors(m harness.Model, canon func(harness.State) harness.State, s harness.State) []string {
	var out []string
	for st := range harness.EnabledSteps(m, s) {
		out = append(out, string(canon(m.Apply(s, st))))
	}
	slices.Sort(out)
	return out
}

// firstDifference names a successor one list has more often than the
// other.
func firstDifference(m harness.Model, a, b []string) string {
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		count[s]--
	}
	for _, s := range append(a, b...) {
		switch {
		case count[s] > 0:
			return "only the state has " + describe(m, harness.State(s))
		case count[s] < 0:
			return "only the canonical form has " + describe(m, harness.State(s))
		}
	}
	return "same states"
}

// verdicts returns the kinds of violation m has in s: a deadlock if s is
// terminal with unfinished threads, and failing checks, as the search
// judges them.
func verdicts(m harness.Model, checks []harness.Check, s harness.State) []string {
	var kinds []string
	for _, v := range harness.Judge(m, harness.Trace{States: []harness.State{s}}, checks...) {
		kinds = append(kinds, v.Kind)
	}
	return kinds
}
