package counter

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// Variant selects how an increment is made.
type Variant string

// The variants; see the package documentation.
const (
	Race   Variant = "race"
	Mutex  Variant = "mutex"
	Atomic Variant = "atomic"
)

// Actions, which are also the positions of a thread in its loop.
const (
	acquire = iota
	read
	write
	release
	increment // atomic x++
	done
)

// State layout: x, the lock bit, then per thread its position, the
// increments it has done and its tmp.
const (
	offX, offLock, offThreads = 0, 1, 2
	perThread                 = 3
)

// Model is the lost-update counter: threads × increments.
type Model struct {
	variant    Variant
	threads    int
	increments int
	steps      [][done]harness.Step
}

// New returns the counter model of the given variant.
func New(v Variant, threads, increments int) *Model {
	m := &Model{variant: v, threads: threads, increments: increments, steps: make([][done]harness.Step, threads)}
	for th := range threads {
		step := func(action int, label, obj string, kind harness.AccessKind) harness.Step {
			return harness.Step{
				Footprint: harness.Footprint{Thread: th, Label: label, Access: []harness.Access{{Object: obj, Kind: kind}}},
				Action:    action,
			}
		}
		m.steps[th] = [done]harness.Step{
			acquire:   step(acquire, "lock", "lock", harness.Acquire),
			read:      step(read, "read x", "x", harness.Read),
			write:     step(write, "write x", "x", harness.Write),
			release:   step(release, "unlock", "lock", harness.Release),
			increment: step(increment, "x++", "x", harness.Write),
		}
	}
	return m
}

// Name implements harness.Model.
func (m *Model) Name() string { return "counter" }

// Init implements harness.Model.
func (m *Model) Init() harness.State {
	s := make(harness.State, offThreads+perThread*m.threads)
	for th := range m.threads {
		s[offThreads+perThread*th] = byte(m.start())
	}
	return s
}

// start is the first action of every increment.
func (m *Model) start() int {
	switch m.variant {
	case Mutex:
		return acquire
	case Atomic:
		return increment
	}
	return read
}

// Threads implements harness.Model.
func (m *Model) Threads(harness.State) int { return m.threads }

func at(th int) int { return offThreads + perThread*th }

// Finished implements harness.Finisher.
func (m *Model) Finished(s harness.State, th int) bool { return s[at(th)] == done }

// Enabled implements harness.Model.
func (m *Model) Enabled(s harness.State, th int) (harness.Step, bool) {
	p := s[at(th)]
	if p == done {
		return harness.Step{}, false
	}
	return m.steps[th][p], p != acquire || s[offLock] == 0
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	return m.AppendApply(nil, s, st)
}

// AppendApply implements harness.Appender: the successor is built in the
// engine's buffer, with no allocation.
func (m *Model) AppendApply(dst, s harness.State, st harness.Step) harness.State {
	full := append(dst, s...)
	out := full[len(dst):]
	t := out[at(st.Thread):][:perThread] // position, increments done, tmp
	switch st.Action {
	case acquire:
		out[offLock] = 1
		t[0] = read
	case read:
		t[2] = out[offX]
		t[0] = write
	case write, increment:
		if st.Action == write {
			out[offX] = t[2] + 1
		} else {
			out[offX]++
		}
		t[1]++
		t[2] = 0
		t[0] = m.afterIncrement(t[1])
	case release:
		out[offLock] = 0
		t[0] = byte(m.start())
		if int(t[1]) == m.increments {
			t[0] = done
		}
	}
	return full
}

// afterIncrement is where a thread goes once it has made its n-th
// increment: mutex threads release first; the others loop or finish.
func (m *Model) afterIncrement(n byte) byte {
	switch {
	case m.variant == Mutex:
		return release
	case int(n) == m.increments:
		return done
	}
	return byte(m.start())
}

// Narrate implements harness.Narrator: reads and writes show the value.
func (m *Model) Narrate(s harness.State, st harness.Step) string {
	switch st.Action {
	case read:
		return fmt.Sprintf("read x (=%d)", s[offX])
	case write:
		return fmt.Sprintf("write x=%d", s[at(st.Thread)+2]+1)
	case increment:
		return fmt.Sprintf("x++ (=%d)", s[offX]+1)
	}
	return st.Label
}

// Describe implements harness.Describer.
func (m *Model) Describe(s harness.State) string {
	parts := []string{fmt.Sprintf("x=%d", s[offX])}
	if m.variant == Mutex {
		parts = append(parts, map[byte]string{0: "lock free", 1: "lock held"}[s[offLock]])
	}
	for th := range m.threads {
		parts = append(parts, fmt.Sprintf("T%d did %d/%d", th, s[at(th)+1], m.increments))
	}
	return strings.Join(parts, ", ")
}

// LostUpdate is the terminal check: once every thread has finished, x must
// be threads × increments.
func (m *Model) LostUpdate() harness.Check {
	return harness.Terminal("lost-update", func(s harness.State) error {
		for th := range m.threads {
			if !m.Finished(s, th) {
				return nil
			}
		}
		if want := m.threads * m.increments; int(s[offX]) != want {
			return fmt.Errorf("x=%d after %d threads × %d increments (want %d)", s[offX], m.threads, m.increments, want)
		}
		return nil
	})
}

func init() {
	registry.Register(registry.Definition{
		Name: "counter",
		Doc:  "lost update: x++ split into read and write loses increments without a lock",
		Params: []registry.Param{
			{Name: "threads", Doc: "incrementing threads", Default: 2, Min: 1, Max: 8},
			{Name: "increments", Doc: "increments per thread", Default: 2, Min: 1, Max: 8},
		},
		Variants: []registry.Variant{
			{Name: string(Race), Doc: "read then write, no lock: updates are lost"},
			{Name: string(Mutex), Doc: "lock, read, write, unlock: no update lost"},
			{Name: string(Atomic), Doc: "one read-modify-write step (x++): no update lost"},
		},
		Build: func(v string, p map[string]int) (harness.Model, []harness.Check) {
			m := New(Variant(v), p["threads"], p["increments"])
			return m, []harness.Check{m.LostUpdate()}
		},
	})
}

// What the engine finds on a Model (harness/capabilities.go): a misspelt
// method would turn one off silently.
var _ interface {
	harness.Model
	harness.Finisher
	harness.Describer
	harness.Narrator
	harness.Appender
	harness.Lookahead
	harness.Symmetric
} = (*Model)(nil)
