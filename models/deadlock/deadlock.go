package deadlock

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// Variant selects how philosophers take their forks.
type Variant string

// The variants; see the package documentation.
const (
	Naive        Variant = "naive"
	Ordered      Variant = "ordered"
	AllOrNothing Variant = "all-or-nothing"
	TryLock      Variant = "trylock"
)

// Position of a philosopher in its cycle: what it does next.
const (
	takeFirst  = iota // thinking: next takes the first fork
	takeSecond        // holds the first fork: next takes the second
	putSecond         // eating: holds both, next puts the second down
	putFirst          // holds the first: next puts it down
)

// Actions of steps, besides the four positions.
const putBack = 4 // trylock: give the first fork back

// nextPos is the position after each action.
var nextPos = [5]byte{takeFirst: takeSecond, takeSecond: putSecond, putSecond: putFirst, putFirst: takeFirst, putBack: takeFirst}

// Model is N dining philosophers. A state packs each philosopher's
// position in two bits; which forks are held follows from the positions.
type Model struct {
	variant Variant
	n       int
	first   []int             // first[i] is the fork philosopher i takes first
	second  []int             // and second
	steps   [][5]harness.Step // steps[i][action], built once
}

// New returns the model of n philosophers (n ≥ 2) in variant v.
func New(v Variant, n int) *Model {
	m := &Model{variant: v, n: n, first: make([]int, n), second: make([]int, n), steps: make([][5]harness.Step, n)}
	for i := range n {
		left, right := i, (i+1)%n
		m.first[i], m.second[i] = left, right
		if v == Ordered && right < left {
			m.first[i], m.second[i] = right, left
		}
		a, b := fork(m.first[i]), fork(m.second[i])
		step := func(action int, label string, kind harness.AccessKind, objs ...string) harness.Step {
			st := harness.Step{Footprint: harness.Footprint{Thread: i, Label: label}, Action: action}
			for _, o := range objs {
				st.Access = append(st.Access, harness.Access{Object: o, Kind: kind})
			}
			return st
		}
		m.steps[i] = [5]harness.Step{
			takeFirst:  step(takeFirst, "take "+a, harness.Acquire, a),
			takeSecond: step(takeSecond, "take "+b, harness.Acquire, b),
			putSecond:  step(putSecond, "put "+b, harness.Release, b),
			putFirst:   step(putFirst, "put "+a, harness.Release, a),
			putBack:    step(putBack, "put back "+a, harness.Release, a),
		}
		// Whether a trylock philosopher takes its second fork or puts the
		// first back depends on the second fork: the put-back step reads it.
		m.steps[i][putBack].Access = append(m.steps[i][putBack].Access, harness.Access{Object: b, Kind: harness.Read})
		m.steps[i][takeSecond].Progress = true
		if v == AllOrNothing {
			both := step(takeFirst, "take "+a+"+"+b, harness.Acquire, a, b)
			both.Progress = true
			m.steps[i][takeFirst] = both
		}
	}
	return m
}

func fork(f int) string { return fmt.Sprintf("fork%d", f) }

// Name implements harness.Model.
func (m *Model) Name() string { return "deadlock" }

// Init implements harness.Model: everybody thinking, all forks free.
func (m *Model) Init() harness.State { return make(harness.State, (m.n+3)/4) }

// Threads implements harness.Model.
func (m *Model) Threads(harness.State) int { return m.n }

// ThreadName implements harness.ThreadNamer.
func (m *Model) ThreadName(th int) string { return fmt.Sprintf("P%d", th) }

func pos(s harness.State, i int) int { return int(s[i/4]>>(2*(i%4))) & 3 }

// holds reports whether philosopher i holds fork f.
func (m *Model) holds(s harness.State, i, f int) bool {
	p := pos(s, i)
	return (f == m.first[i] && p != takeFirst) || (f == m.second[i] && p == putSecond)
}

// held reports whether anybody holds fork f: only its two neighbours can.
func (m *Model) held(s harness.State, f int) bool {
	return m.holds(s, f, f) || m.holds(s, (f+m.n-1)%m.n, f)
}

// Enabled implements harness.Model.
func (m *Model) Enabled(s harness.State, i int) (harness.Step, bool) {
	steps := &m.steps[i]
	switch p := pos(s, i); p {
	case takeFirst:
		if m.variant == AllOrNothing {
			return steps[p], !m.held(s, m.first[i]) && !m.held(s, m.second[i])
		}
		return steps[p], !m.held(s, m.first[i])
	case takeSecond:
		free := !m.held(s, m.second[i])
		if m.variant == TryLock && !free {
			return steps[putBack], true
		}
		return steps[p], free
	default:
		return steps[p], true
	}
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	return m.AppendApply(nil, s, st)
}

// AppendApply implements harness.Appender: the successor is built in the
// engine's buffer, with no allocation.
func (m *Model) AppendApply(dst, s harness.State, st harness.Step) harness.State {
	next := nextPos[st.Action]
	if m.variant == AllOrNothing && st.Action == takeFirst {
		next = putSecond
	}
	full := append(dst, s...)
	out := full[len(dst):]
	i := st.Thread
	out[i/4] = out[i/4]&^(3<<(2*(i%4))) | next<<(2*(i%4))
	return full
}

// Describe implements harness.Describer: who holds which fork.
func (m *Model) Describe(s harness.State) string {
	var held []string
	for f := range m.n {
		for _, i := range []int{f, (f + m.n - 1) % m.n} {
			if m.holds(s, i, f) {
				held = append(held, fmt.Sprintf("%s by P%d", fork(f), i))
			}
		}
	}
	if len(held) == 0 {
		return "all forks on the table"
	}
	return "held: " + strings.Join(held, ", ")
}

func init() {
	registry.Register(registry.Definition{
		Name: "deadlock",
		Doc:  "dining philosophers: deadlock and the four Coffman conditions",
		Params: []registry.Param{
			{Name: "n", Doc: "philosophers (and forks)", Default: 5, Min: 2, Max: 64},
		},
		Variants: []registry.Variant{
			{Name: string(Naive), Doc: "left fork then right: all four Coffman conditions hold, deadlock"},
			{Name: string(Ordered), Doc: "lower-numbered fork first: breaks circular wait"},
			{Name: string(AllOrNothing), Doc: "both forks in one step or none: breaks hold and wait"},
			{Name: string(TryLock), Doc: "put the first fork back if the second is taken: breaks no preemption, can livelock"},
		},
		Build: func(v string, p map[string]int) (harness.Model, []harness.Check) {
			return New(Variant(v), p["n"]), nil
		},
	})
}

// What the engine finds on a Model (harness/capabilities.go): a misspelt
// method would turn one off silently.
var _ interface {
	harness.Model
	harness.ThreadNamer
	harness.Describer
	harness.Appender
	harness.Lookahead
} = (*Model)(nil)
