package harness

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// genModel is a small random model for testing the reduction: threads run
// straight-line programs (some loop forever) over shared variables with
// values 0..2 and locks. Its footprints follow the contract: a step's
// enabledness and effect depend only on the thread's pc and register and
// on the objects it names.
type genModel struct {
	progs [][]genOp
	loop  []bool
	vars  int
	locks int
}

type genOp struct {
	kind, obj, val int
}

const (
	opRead   = iota // reg = v
	opWrite         // v = (reg + val) mod 3
	opLock          // acquire l; blocks while held
	opUnlock        // release l if held by this thread
	opLocal         // reg = reg + 1 mod 3
	opAwait         // block until v == val
	opYield         // nothing, but a yield
	numOps
	// opJump goes to instruction obj if reg == val (symmetry tests only:
	// lookGen does not follow jumps).
	opJump = numOps
)

func (g *genModel) Name() string { return "gen" }

func (g *genModel) Init() State { return make(State, 2*len(g.progs)+g.vars+g.locks) }

func (g *genModel) Threads(State) int { return len(g.progs) }

func (g *genModel) varAt(v int) int  { return 2*len(g.progs) + v }
func (g *genModel) lockAt(l int) int { return 2*len(g.progs) + g.vars + l }

func (g *genModel) access(op genOp) []Access {
	switch op.kind {
	case opRead, opAwait:
		return []Access{{Object: fmt.Sprint("v", op.obj), Kind: Read}}
	case opWrite:
		return []Access{{Object: fmt.Sprint("v", op.obj), Kind: Write}}
	case opLock:
		return []Access{{Object: fmt.Sprint("l", op.obj), Kind: Acquire}}
	case opUnlock:
		return []Access{{Object: fmt.Sprint("l", op.obj), Kind: Release}}
	}
	return nil
}

func (g *genModel) Finished(s State, th int) bool {
	return !g.loop[th] && int(s[2*th]) == len(g.progs[th])
}

func (g *genModel) Enabled(s State, th int) (Step, bool) {
	pc := int(s[2*th])
	if pc == len(g.progs[th]) {
		return Step{}, false
	}
	op := g.progs[th][pc]
	st := Step{Footprint: Footprint{Thread: th, Label: fmt.Sprint(op), Access: g.access(op)}, Action: pc, Yield: op.kind == opYield}
	switch op.kind {
	case opLock:
		return st, s[g.lockAt(op.obj)] == 0
	case opAwait:
		return st, int(s[g.varAt(op.obj)]) == op.val
	}
	return st, true
}

func (g *genModel) Apply(s State, st Step) State {
	out := slices.Clone(s)
	th := st.Thread
	op := g.progs[th][st.Action]
	reg := &out[2*th+1]
	switch op.kind {
	case opRead:
		*reg = out[g.varAt(op.obj)]
	case opWrite:
		out[g.varAt(op.obj)] = byte((int(*reg) + op.val) % 3)
	case opLock:
		out[g.lockAt(op.obj)] = byte(th + 1)
	case opUnlock:
		if out[g.lockAt(op.obj)] == byte(th+1) {
			out[g.lockAt(op.obj)] = 0
		}
	case opLocal:
		*reg = (*reg + 1) % 3
	case opJump:
		if int(*reg) == op.val {
			out[2*th] = byte(op.obj)
			return out
		}
	}
	out[2*th]++
	if g.loop[th] && int(out[2*th]) == len(g.progs[th]) {
		out[2*th] = 0
	}
	return out
}

// lookGen adds the exact lookahead: the accesses of the rest of the
// program, or of all of it for a looping thread.
type lookGen struct{ *genModel }

func (g lookGen) MayAccess(s State, th int) []Access {
	from := int(s[2*th])
	if g.loop[th] {
		from = 0
	}
	var acc []Access
	for _, op := range g.progs[th][from:] {
		acc = append(acc, g.access(op)...)
	}
	return acc
}

func genModelOf(t *rapid.T) *genModel {
	g := &genModel{vars: rapid.IntRange(1, 2).Draw(t, "vars"), locks: rapid.IntRange(0, 2).Draw(t, "locks")}
	threads := rapid.IntRange(2, 4).Draw(t, "threads")
	for th := range threads {
		n := rapid.IntRange(1, 5).Draw(t, fmt.Sprint("len", th))
		var prog []genOp
		for i := range n {
			op := genOp{kind: rapid.IntRange(0, numOps-1).Draw(t, fmt.Sprint("op", th, i)), val: rapid.IntRange(0, 2).Draw(t, fmt.Sprint("val", th, i))}
			switch op.kind {
			case opLock, opUnlock:
				if g.locks == 0 {
					op.kind = opLocal
				} else {
					op.obj = rapid.IntRange(0, g.locks-1).Draw(t, fmt.Sprint("lock", th, i))
				}
			default:
				op.obj = rapid.IntRange(0, g.vars-1).Draw(t, fmt.Sprint("var", th, i))
			}
			prog = append(prog, op)
		}
		g.progs = append(g.progs, prog)
		g.loop = append(g.loop, rapid.IntRange(0, 3).Draw(t, fmt.Sprint("loop", th)) == 0)
	}
	return g
}

// terminals is a test check that records every terminal state it is
// shown and never fails.
type terminals map[string]bool

func (terminals) Name() string { return "terminals" }

func (r terminals) Inspect(_ Model, s State, terminal bool) error {
	if terminal {
		r[string(s)] = true
	}
	return nil
}

func (terminals) TerminalOnly() bool { return true }

// genChecks are a terminal check and, if invariant, an invariant on v0
// and v1 (declared): without it the reducer merges steps and uses sleep sets.
func genChecks(g *genModel, rec terminals, invariant bool) []Check {
	reads := []string{"v0"}
	if g.vars > 1 {
		reads = append(reads, "v1")
	}
	inv := InvariantOn("v-not-all-2", reads, func(s State) error {
		for v := range len(reads) {
			if s[g.varAt(v)] != 2 {
				return nil
			}
		}
		return errors.New("every variable the invariant reads is 2")
	})
	term := Terminal("sum-not-3", func(s State) error {
		sum := 0
		for v := range g.vars {
			sum += int(s[g.varAt(v)])
		}
		if sum == 3 {
			return errors.New("sum = 3")
		}
		return nil
	})
	if !invariant {
		return []Check{term, rec}
	}
	return []Check{inv, term, rec}
}

func reachable(res Result) map[string]bool {
	out := map[string]bool{}
	for k, n := range res.Violating {
		if n > 0 {
			out[k] = true
		}
	}
	return out
}

// TestReductionSound is the soundness property: on random models, the
// reduced search (breadth- and depth-first, with and without a lookahead)
// finds the same kinds of violation as the full search (deadlocks, a
// declared invariant, a terminal check) and reaches exactly the same
// terminal states.
func TestReductionSound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genModelOf(t)
		require.NoError(t, CheckFootprints(lookGen{g}, 1000), "the generator keeps the contract")
		inv := rapid.Bool().Draw(t, "invariant")
		fullTerm := terminals{}
		full, err := Explore(context.Background(), g, Options{KeepGoing: true}, genChecks(g, fullTerm, inv)...)
		require.NoError(t, err)
		require.True(t, full.Complete)
		models := map[string]Model{"no lookahead": g, "lookahead": lookGen{g}}
		for name, m := range models {
			for _, strategy := range []Strategy{BFS, DFS} {
				term := terminals{}
				red, err := Explore(context.Background(), m, Options{KeepGoing: true, POR: true, Strategy: strategy}, genChecks(g, term, inv)...)
				require.NoError(t, err)
				require.Equal(t, Applied{On: true}, red.Reduction)
				require.True(t, red.Complete)
				require.Equal(t, reachable(full), reachable(red), "%s %s: violation kinds", name, strategy)
				require.Equal(t, fullTerm, term, "%s %s: terminal states", name, strategy)
				require.LessOrEqual(t, red.States, full.States)
			}
		}
	})
}

// visitedStates is a test check that records every state it is shown.
type visitedStates map[string]bool

func (visitedStates) Name() string { return "states" }

func (r visitedStates) Inspect(_ Model, s State, _ bool) error {
	r[string(s)] = true
	return nil
}

// TestCooperativeYield: with 0 preemptions a thread keeps running until
// it finishes, unless its last step yielded; then another may run.
func TestCooperativeYield(t *testing.T) {
	local := genOp{kind: opLocal}
	both := func(g *genModel) State { // T0 after one step, T1 after one step
		s := g.Init()
		s[0], s[1], s[2], s[3] = 1, 1, 1, 1
		return s
	}
	for _, yield := range []bool{false, true} {
		first := local
		if yield {
			first = genOp{kind: opYield}
		}
		g := &genModel{progs: [][]genOp{{first, local}, {local, local}}, loop: []bool{false, false}, vars: 1}
		seen := visitedStates{}
		res, err := Explore(context.Background(), g, Options{ContextBound: true}, seen)
		require.NoError(t, err)
		want := both(g)
		if yield {
			want[1] = 0 // a yield step leaves the register alone
		}
		require.Equal(t, yield, seen[string(want)], "yield=%v: T1 runs between T0's steps only after a yield", yield)
		require.Equal(t, 0, res.PerBound[0].Bound)
	}
}
