package harness

import (
	"iter"
	"strconv"
)

// State is one encoded state of a model: a compact byte string the engine
// hashes and stores. Models choose their own encoding; the engine only
// compares states for equality. A State handed to a model must never be
// modified by it.
type State []byte

// Model is an executable model: a fixed set of deterministic threads over a
// shared state. Implementations are plain data plus pure functions: no
// goroutines, no clocks, no I/O, so that every execution can be enumerated
// and replayed exactly.
type Model interface {
	// Name is the model's registered name, e.g. "deadlock".
	Name() string
	// Init returns the initial state.
	Init() State
	// Threads returns the number of threads in s.
	Threads(s State) int
	// Enabled returns the next step of thread th and whether it can fire
	// in s. A blocked thread returns the step it is waiting to take with
	// ok false, so that reports can say what it waits for; a finished
	// thread returns ok false (see Finisher).
	Enabled(s State, th int) (st Step, ok bool)
	// Apply returns the successor of s after st, which Enabled returned
	// as enabled in s. It must not modify s.
	Apply(s State, st Step) State
}

// EnabledSteps yields the steps enabled in s, thread by thread, each with
// its Thread set: the loop every search and check runs over a state.
func EnabledSteps(m Model, s State) iter.Seq[Step] {
	return func(yield func(Step) bool) {
		for th := range m.Threads(s) {
			if st, ok := m.Enabled(s, th); ok {
				st.Thread = th
				if !yield(st) {
					return
				}
			}
		}
	}
}

// terminal reports whether no step is enabled in s.
func terminal(m Model, s State) bool {
	for range EnabledSteps(m, s) {
		return false
	}
	return true
}

// Step is one atomic step of a thread: its footprint plus what the model
// needs to apply it.
type Step struct {
	Footprint
	// Action is private to the model: Apply uses it to tell steps apart
	// without parsing labels.
	Action int
	// Yield marks a step after which the thread gives up the processor
	// voluntarily, so switching away from it is not a preemption.
	Yield bool
	// Progress marks a step that counts as progress (eating, delivering a
	// message) for livelock detection.
	Progress bool
}

// Footprint is what a step touches: the thread taking it, a short label
// for people ("take fork1"), and the shared objects it accesses. Reports,
// deadlock analysis and reduction are all computed from footprints.
type Footprint struct {
	Thread int
	Label  string
	Access []Access
}

// Access is one access of a step to a named shared object.
type Access struct {
	Object string
	Kind   AccessKind
}

// AccessKind says how a step touches an object.
type AccessKind uint8

// The access kinds. Acquire and Release mark ownership: a thread that
// acquires an object holds it until it releases it, which is how deadlock
// reports find who holds what.
const (
	Read AccessKind = iota
	Write
	Acquire
	Release
	Send
	Recv
	Wait
)

var accessNames = [...]string{"read", "write", "acquire", "release", "send", "recv", "wait"}

func (k AccessKind) String() string {
	if int(k) < len(accessNames) {
		return accessNames[k]
	}
	return "access?"
}

// Conflicts reports whether two accesses to the same object do not
// commute: at least one of them changes the object.
func (a Access) Conflicts(b Access) bool {
	return a.Object == b.Object && (a.Kind != Read || b.Kind != Read)
}

// ThreadName returns the display name of thread th of m.
func ThreadName(m Model, th int) string {
	if n, ok := m.(ThreadNamer); ok {
		return n.ThreadName(th)
	}
	return "T" + strconv.Itoa(th)
}

func finished(m Model, s State, th int) bool {
	f, ok := m.(Finisher)
	return ok && f.Finished(s, th)
}
