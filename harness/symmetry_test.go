package harness

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// symModel is a genModel whose threads all run one program, with a
// canonicaliser: the per-thread records (pc, register) are sorted, with
// the locks a thread holds as a tie-break, and lock owners (thread + 1)
// are renamed alike. mutant, if set, breaks it on purpose.
type symModel struct {
	*genModel
	mutant string
}

// The seeded wrong canonicalisers.
const (
	noRename     = "no-rename"     // sorts the threads but leaves lock owners as they were
	dropRegister = "drop-register" // forgets each thread's register
)

func (g symModel) Canonical(dst, s State) State {
	n := len(g.progs)
	held := make([]int, n) // bit l: the thread holds lock l
	for l := range g.locks {
		if o := s[g.lockAt(l)]; o != 0 {
			held[o-1] |= 1 << l
		}
	}
	order := make([]int, n) // order[i]: the thread whose record goes to place i
	for i := range order {
		order[i] = i
	}
	key := func(th int) []int { return []int{int(s[2*th]), int(s[2*th+1]), held[th]} }
	slices.SortStableFunc(order, func(a, b int) int { return slices.Compare(key(a), key(b)) })
	rename := make([]int, n)
	for i, th := range order {
		rename[th] = i
	}
	full := append(dst, s...)
	out := full[len(dst):]
	for i, th := range order {
		out[2*i], out[2*i+1] = s[2*th], s[2*th+1]
		if g.mutant == dropRegister {
			out[2*i+1] = 0
		}
	}
	for l := range g.locks {
		if o := s[g.lockAt(l)]; o != 0 && g.mutant != noRename {
			out[g.lockAt(l)] = byte(rename[o-1] + 1)
		}
	}
	return full
}

// symModelOf draws a model of 2 to 4 threads running one program.
func symModelOf(t *rapid.T) symModel {
	g := &genModel{vars: rapid.IntRange(1, 2).Draw(t, "vars"), locks: rapid.IntRange(0, 2).Draw(t, "locks")}
	n := rapid.IntRange(1, 5).Draw(t, "len")
	var prog []genOp
	for i := range n {
		op := genOp{kind: rapid.IntRange(0, opJump).Draw(t, fmt.Sprint("op", i)), val: rapid.IntRange(0, 2).Draw(t, fmt.Sprint("val", i))}
		switch op.kind {
		case opJump: // branches let a cycle skip instructions, which the cycle proviso is for
			op.obj = rapid.IntRange(0, n-1).Draw(t, fmt.Sprint("target", i))
		case opLock, opUnlock:
			if g.locks == 0 {
				op.kind = opLocal
			} else {
				op.obj = rapid.IntRange(0, g.locks-1).Draw(t, fmt.Sprint("lock", i))
			}
		default:
			op.obj = rapid.IntRange(0, g.vars-1).Draw(t, fmt.Sprint("var", i))
		}
		prog = append(prog, op)
	}
	loop := rapid.IntRange(0, 3).Draw(t, "loop") == 0
	for range rapid.IntRange(2, 4).Draw(t, "threads") {
		g.progs = append(g.progs, prog)
		g.loop = append(g.loop, loop)
	}
	return symModel{genModel: g}
}

// canonicalSet maps states to their canonical forms.
func canonicalSet(g symModel, states map[string]bool) map[string]bool {
	out := map[string]bool{}
	for s := range states {
		out[string(g.Canonical(nil, State(s)))] = true
	}
	return out
}

// symmetrySearches are the searches symmetry reduction is tested in.
var symmetrySearches = []Options{
	{Strategy: BFS}, {Strategy: DFS}, {Strategy: BFS, Compact: true}, {Strategy: DFS, Compact: true},
	{Strategy: BFS, Workers: 2}, {Strategy: BFS, POR: true}, {Strategy: DFS, POR: true}, {Strategy: BFS, Depth: 3},
	{Strategy: DFS, Depth: 3},
}

// agreement explores g in full (no reduction, the same strategy and depth
// bound) and with symmetry reduction in each of symmetrySearches, and
// returns the first disagreement: violation
// kinds, the canonical forms of the terminal states, or an error.
func agreement(g symModel, invariant bool) error {
	for _, search := range symmetrySearches {
		fullTerm := terminals{}
		full, err := Explore(context.Background(), g, Options{Strategy: search.Strategy, Depth: search.Depth, KeepGoing: true}, genChecks(g.genModel, fullTerm, invariant)...)
		if err != nil {
			return err
		}
		o := search
		o.KeepGoing, o.Symmetry = true, true
		term := terminals{}
		red, err := Explore(context.Background(), g, o, genChecks(g.genModel, term, invariant)...)
		switch {
		case err != nil:
			return fmt.Errorf("%+v: %w", search, err)
		case red.Symmetry != Applied{On: true}:
			return fmt.Errorf("%+v: symmetry %s", search, red.Symmetry)
		case !maps(reachable(full), reachable(red)):
			return fmt.Errorf("%+v: violation kinds %v in full, %v reduced", search, reachable(full), reachable(red))
		case !maps(canonicalSet(g, fullTerm), canonicalSet(g, term)): // Judge shows the recorder concrete states too
			return fmt.Errorf("%+v: terminal states differ", search)
		case red.States > full.States:
			return fmt.Errorf("%+v: %d states reduced, %d in full", search, red.States, full.States)
		}
		for _, v := range red.Violations {
			tr, err := Replay(g, v.Schedule)
			if err != nil || !slices.ContainsFunc(Judge(g, tr, genChecks(g.genModel, terminals{}, invariant)...), func(w Violation) bool { return w.Kind == v.Kind }) {
				return fmt.Errorf("%+v: the %s schedule %s does not replay to it", search, v.Kind, v.Schedule)
			}
		}
	}
	return nil
}

func maps(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// TestSymmetrySound is the soundness property of symmetry reduction: on
// random models of identical threads over shared variables and locks
// whose owners the canonicaliser renames, the reduced search (breadth-
// and depth-first, compacted, parallel, with partial-order reduction,
// depth-bounded) finds the same kinds of violation (deadlocks, an
// invariant, a terminal check) as the full search, reaches the canonical
// forms of exactly its terminal states, and reports schedules that
// replay. The canonicaliser passes CheckSymmetry.
func TestSymmetrySound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := symModelOf(t)
		if !small(g) {
			return
		}
		inv := rapid.Bool().Draw(t, "invariant")
		require.NoError(t, CheckSymmetry(g, maxSymStates, genChecks(g.genModel, terminals{}, inv)...))
		require.NoError(t, agreement(g, inv))
	})
}

// maxSymStates bounds the reachable states of the random models the
// properties look at: four threads of five instructions can reach
// millions, and small models find the bugs (and keep the tests fast).
const maxSymStates = 5000

// small reports whether g reaches at most maxSymStates states, so that
// CheckSymmetry with that limit covers all of them.
func small(g symModel) bool {
	res, err := Explore(context.Background(), g.genModel, Options{KeepGoing: true, MaxStates: maxSymStates})
	return err == nil && res.Complete
}

// TestSymmetryContractGuards is the mutation property: with a wrong
// canonicaliser, either CheckSymmetry reports the breach or the reduced
// search still agrees with the full one. So a model that passes
// CheckSymmetry on its reachable states can trust the reduction.
func TestSymmetryContractGuards(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := symModelOf(t)
		if !small(g) {
			return
		}
		g.mutant = rapid.SampledFrom([]string{noRename, dropRegister}).Draw(t, "mutant")
		inv := rapid.Bool().Draw(t, "invariant")
		if CheckSymmetry(g, maxSymStates, genChecks(g.genModel, terminals{}, inv)...) != nil {
			return
		}
		require.NoError(t, agreement(g, inv))
	})
}

// TestSymmetrySeeded: each seeded wrong canonicaliser makes the reduced
// search disagree with the full one on a fixed model, and CheckSymmetry
// reports it; the right one passes both.
func TestSymmetrySeeded(t *testing.T) {
	lockTwice := &genModel{progs: [][]genOp{{{kind: opLock}, {kind: opUnlock}}, {{kind: opLock}, {kind: opUnlock}}},
		loop: []bool{false, false}, vars: 1, locks: 1}
	readWrite := []genOp{{kind: opRead}, {kind: opWrite, val: 1}}
	lostUpdate := &genModel{progs: [][]genOp{readWrite, readWrite}, loop: []bool{false, false}, vars: 1}
	for _, c := range []struct {
		mutant string
		g      *genModel
		breach string
	}{
		{noRename, lockTwice, "different canonical successors"},
		{dropRegister, lostUpdate, "different canonical successors"},
	} {
		t.Run(c.mutant, func(t *testing.T) {
			checks := genChecks(c.g, terminals{}, false)
			require.NoError(t, CheckSymmetry(symModel{genModel: c.g}, 1000, checks...))
			require.NoError(t, agreement(symModel{genModel: c.g}, false))
			wrong := symModel{genModel: c.g, mutant: c.mutant}
			require.ErrorContains(t, CheckSymmetry(wrong, 1000, checks...), c.breach)
			require.Error(t, agreement(wrong, false), "the wrong canonicaliser changes what the search finds")
		})
	}
}

// TestSymmetryNotIdempotent: a canonicaliser that is not idempotent is
// reported as such.
func TestSymmetryNotIdempotent(t *testing.T) {
	g := &genModel{progs: [][]genOp{{{kind: opLocal}}, {{kind: opLocal}}}, loop: []bool{false, false}, vars: 1}
	err := CheckSymmetry(bumping{symModel{genModel: g}}, 100)
	require.ErrorContains(t, err, "not idempotent")
}

// bumping adds one to the first variable every time it canonicalises.
type bumping struct{ symModel }

func (b bumping) Canonical(dst, s State) State {
	out := b.symModel.Canonical(dst, s)
	out[len(dst)+b.varAt(0)]++
	return out
}

// TestSymmetryNotApplied: the searches and checks symmetry reduction
// leaves alone say why, and a model without a symmetry is not reduced;
// partial-order reduction for an invariant stays on with it.
func TestSymmetryNotApplied(t *testing.T) {
	g := symModel{genModel: &genModel{progs: [][]genOp{{{kind: opLocal}}, {{kind: opLocal}}}, loop: []bool{false, false}, vars: 1}}
	for _, c := range []struct {
		m    Model
		o    Options
		want Applied
	}{
		{g, Options{}, Applied{Off: true}},
		{g.genModel, Options{}, Applied{}},
		{g, Options{Symmetry: true}, Applied{On: true}},
		{g.genModel, Options{Symmetry: true}, Applied{Off: true, Reason: "model gen declares no symmetry (harness.Symmetric)"}},
		{g, Options{Symmetry: true, Strategy: Random}, Applied{Off: true, Reason: "random search samples executions"}},
		{g, Options{Symmetry: true, ContextBound: true}, Applied{Off: true, Reason: "preemption bounding counts switches between named threads"}},
	} {
		res, err := Explore(context.Background(), c.m, c.o)
		require.NoError(t, err)
		require.Equal(t, c.want, res.Symmetry, "%+v", c.o)
	}
	inv := Invariant("never", func(State) error { return nil })
	res, err := Explore(context.Background(), g, Options{Symmetry: true}, graphOnly{inv})
	require.NoError(t, err)
	require.Equal(t, Applied{Off: true, Reason: "liveness (graph) checks need lassos over concrete states"}, res.Symmetry)
	res, err = Explore(context.Background(), g, Options{Symmetry: true, POR: true}, InvariantOn("v0", []string{"v0"}, func(State) error { return nil }))
	require.NoError(t, err)
	require.Equal(t, Applied{On: true}, res.Symmetry)
	require.Equal(t, Applied{On: true}, res.Reduction, "persistent sets with the cycle proviso combine with symmetry")
}

// graphOnly is a GraphCheck that finds nothing.
type graphOnly struct{ Check }

func (graphOnly) InspectGraph(*Graph) []Violation { return nil }
