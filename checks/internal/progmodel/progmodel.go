// Package progmodel is a tiny model for the tests of the checks: each
// thread runs a fixed list of steps, and a step that acquires an object
// held by another thread is blocked until it is released.
package progmodel

import (
	"slices"

	"github.com/interleave/concurrency/harness"
)

// Op is one step: a label and one access.
type Op struct {
	Label  string
	Object string
	Kind   harness.AccessKind
}

// Model is a fixed program per thread; a looping thread starts over when
// it reaches its end and never finishes.
type Model struct {
	Prog [][]Op
	Loop []bool
	objs []string
}

var _ interface {
	harness.Model
	harness.Finisher
	harness.Holder
} = (*Model)(nil)

// New returns the model of threads; loop[i] makes thread i loop forever.
func New(threads [][]Op, loop ...bool) *Model {
	m := &Model{Prog: threads, Loop: append(loop, make([]bool, len(threads))...)[:len(threads)]}
	for _, ops := range threads {
		for _, op := range ops {
			if (op.Kind == harness.Acquire || op.Kind == harness.Release) && !slices.Contains(m.objs, op.Object) {
				m.objs = append(m.objs, op.Object)
			}
		}
	}
	return m
}

// Name implements harness.Model.
func (m *Model) Name() string { return "prog" }

// Init implements harness.Model: pcs, then a holder+1 per lock object.
func (m *Model) Init() harness.State { return make(harness.State, len(m.Prog)+len(m.objs)) }

// Threads implements harness.Model.
func (m *Model) Threads(harness.State) int { return len(m.Prog) }

// Finished implements harness.Finisher.
func (m *Model) Finished(s harness.State, th int) bool { return int(s[th]) >= len(m.Prog[th]) }

// Enabled implements harness.Model.
func (m *Model) Enabled(s harness.State, th int) (harness.Step, bool) {
	if m.Finished(s, th) {
		return harness.Step{}, false
	}
	op := m.Prog[th][s[th]]
	st := harness.Step{Footprint: harness.Footprint{Thread: th, Label: op.Label,
		Access: []harness.Access{{Object: op.Object, Kind: op.Kind}}}}
	if op.Kind == harness.Acquire {
		h := s[len(m.Prog)+slices.Index(m.objs, op.Object)]
		return st, h == 0
	}
	return st, true
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	out := slices.Clone(s)
	th := st.Thread
	op := m.Prog[th][s[th]]
	switch op.Kind {
	case harness.Acquire:
		out[len(m.Prog)+slices.Index(m.objs, op.Object)] = byte(th + 1)
	case harness.Release:
		out[len(m.Prog)+slices.Index(m.objs, op.Object)] = 0
	}
	out[th]++
	if m.Loop[th] && int(out[th]) == len(m.Prog[th]) {
		out[th] = 0
	}
	return out
}

// Holding implements harness.Holder: the objects th has acquired.
func (m *Model) Holding(s harness.State, th int) []string {
	var held []string
	for i, o := range m.objs {
		if int(s[len(m.Prog)+i]) == th+1 {
			held = append(held, o)
		}
	}
	return held
}
