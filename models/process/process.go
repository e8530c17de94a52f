package process

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// Variant selects threads or processes, and how fork meets a lock.
type Variant string

// The variants; see the package documentation.
const (
	Threads  Variant = "threads"
	Copies   Variant = "copies"
	Pipes    Variant = "pipes"
	ForkLock Variant = "fork-lock"
	AtFork   Variant = "atfork"
)

// Actions. The counting variants use the first five; the fork variants
// run small programs of the rest.
const (
	actRead    = iota // tmp = x
	actWrite          // x = tmp + 1
	actSend           // send "+1" into the pipe
	actRecv           // parent: receive "+1" and apply it to its x
	actWaitAll        // parent: wait for every child to exit
	actLock           // lock L
	actUnlock         // unlock L
	actFork           // fork: the child gets a copy of memory, L included
	actWaitpid        // wait for the child to exit
	actLog            // write a log line (under the lock)
	actLockC          // the child locks its copy of L
	actUnlockC        // the child unlocks its copy of L
	numActions
)

// Counting variants: state layout. x is the parent's (or the shared) x;
// per worker: position, increments done, tmp, its own copy of x.
const (
	offX, offPipe, offParent, offWorkers = 0, 1, 2, 3
	perWorker                            = 4
)

// Worker positions in the counting variants.
const (
	wRead = iota
	wWrite
	wSend
	wDone
)

// Fork variants: state layout and thread numbers.
const (
	offL, offLC, offPC     = 0, 1, 2 // L's holder (thread+1 or 0), the child's L (1 = locked), pcs
	tMain, tHelper, tChild = 0, 1, 2
	unborn                 = 0xff // the child's pc before the fork
)

// Model is one variant of the threads-versus-processes model.
type Model struct {
	variant    Variant
	workers    int
	increments int
	pipe       int
	base       int // thread number of worker 0 (1 when a parent thread comes first)
	names      []string
	// steps[th][action] for the counting variants; programs for fork.
	steps [][numActions]harness.Step
	progs [][]int // fork variants: each thread's actions in order
}

// New returns the model of variant v. workers, increments and pipe (the
// pipe's capacity in messages) matter only to the counting variants.
func New(v Variant, workers, increments, pipe int) *Model {
	m := &Model{variant: v, workers: workers, increments: increments, pipe: pipe}
	switch v {
	case ForkLock, AtFork:
		m.names = []string{"main", "helper", "child"}
		if v == ForkLock {
			m.progs = [][]int{{actFork, actWaitpid}, {actLock, actLog, actUnlock}, {actLockC, actLog, actUnlockC}}
		} else {
			m.progs = [][]int{{actLock, actFork, actUnlock, actWaitpid}, {actLock, actLog, actUnlock}, {actUnlockC, actLockC, actLog, actUnlockC}}
		}
	case Threads:
		for i := range workers {
			m.names = append(m.names, fmt.Sprintf("T%d", i+1))
		}
	default:
		m.base = 1
		m.names = []string{"parent"}
		for i := range workers {
			m.names = append(m.names, fmt.Sprintf("child%d", i+1))
		}
	}
	m.steps = make([][numActions]harness.Step, len(m.names))
	for th := range m.steps {
		x := "x"
		if v == Copies && th >= m.base {
			x = "x@" + m.names[th]
		}
		step := func(action int, label string, acc ...harness.Access) harness.Step {
			return harness.Step{Footprint: harness.Footprint{Thread: th, Label: label, Access: acc}, Action: action}
		}
		a := func(obj string, k harness.AccessKind) harness.Access { return harness.Access{Object: obj, Kind: k} }
		m.steps[th] = [numActions]harness.Step{
			actRead:    step(actRead, "read x", a(x, harness.Read)),
			actWrite:   step(actWrite, "write x", a(x, harness.Write)),
			actSend:    step(actSend, "send +1", a("pipe", harness.Send)),
			actRecv:    step(actRecv, "recv +1; x++", a("pipe", harness.Recv), a("x", harness.Write)),
			actWaitAll: step(actWaitAll, "wait for children"),
			actLock:    step(actLock, "lock L", a("L", harness.Acquire)),
			actUnlock:  step(actUnlock, "unlock L", a("L", harness.Release)),
			actFork:    step(actFork, "fork", a("L", harness.Read), a("child's L", harness.Write)),
			actWaitpid: step(actWaitpid, "waitpid(child)", a("child", harness.Wait)),
			actLog:     step(actLog, "write log", a("log", harness.Write)),
			actLockC:   step(actLockC, "lock L (own copy)", a("child's L", harness.Acquire)),
			actUnlockC: step(actUnlockC, "unlock L (own copy)", a("child's L", harness.Release)),
		}
		for _, p := range []int{actWrite, actSend, actRecv, actLog} {
			m.steps[th][p].Progress = true
		}
		// Footprints cover every dependency (partial-order reduction relies
		// on it): a worker's write may end it, which the parent waits for;
		// the fork starts the child, and the child's end ends waitpid.
		switch {
		case v == Copies && th == 0:
			for w := range workers {
				m.steps[th][actWaitAll].Access = append(m.steps[th][actWaitAll].Access, a("exit "+m.names[w+1], harness.Wait))
			}
		case v == Copies:
			m.steps[th][actWrite].Access = append(m.steps[th][actWrite].Access, a("exit "+m.names[th], harness.Write))
		case m.forking() && th == tChild:
			for act := range m.steps[th] {
				m.steps[th][act].Access = append(m.steps[th][act].Access, a("child", harness.Write))
			}
		}
	}
	if m.forking() {
		fork := &m.steps[tMain][actFork]
		fork.Access = append(fork.Access, harness.Access{Object: "child", Kind: harness.Write})
	}
	return m
}

func (m *Model) forking() bool { return m.variant == ForkLock || m.variant == AtFork }

// Name implements harness.Model.
func (m *Model) Name() string { return "process" }

// Init implements harness.Model.
func (m *Model) Init() harness.State {
	if m.forking() {
		s := make(harness.State, offPC+3)
		s[offPC+tChild] = unborn
		return s
	}
	s := make(harness.State, offWorkers+perWorker*m.workers)
	for w := range m.workers {
		s[m.at(w)] = m.start()
	}
	return s
}

func (m *Model) start() byte {
	if m.variant == Pipes {
		return wSend
	}
	return wRead
}

func (m *Model) at(w int) int { return offWorkers + perWorker*w }

// Threads implements harness.Model.
func (m *Model) Threads(harness.State) int { return len(m.names) }

// ThreadName implements harness.ThreadNamer.
func (m *Model) ThreadName(th int) string { return m.names[th] }

// Finished implements harness.Finisher.
func (m *Model) Finished(s harness.State, th int) bool {
	if m.forking() {
		return s[offPC+th] == byte(len(m.progs[th]))
	}
	if th < m.base {
		return m.parentDone(s)
	}
	return s[m.at(th-m.base)] == wDone
}

func (m *Model) parentDone(s harness.State) bool {
	if m.variant == Pipes {
		return int(s[offParent]) == m.workers*m.increments
	}
	return s[offParent] == 1
}

func (m *Model) childrenDone(s harness.State) bool {
	for w := range m.workers {
		if s[m.at(w)] != wDone {
			return false
		}
	}
	return true
}

// Enabled implements harness.Model.
func (m *Model) Enabled(s harness.State, th int) (harness.Step, bool) {
	steps := &m.steps[th]
	if m.forking() {
		pc := int(s[offPC+th])
		if pc == unborn {
			return steps[m.progs[th][0]], false
		}
		if pc == len(m.progs[th]) {
			return harness.Step{}, false
		}
		act := m.progs[th][pc]
		switch act {
		case actLock:
			return steps[act], s[offL] == 0
		case actLockC:
			return steps[act], s[offLC] == 0
		case actWaitpid:
			return steps[act], m.Finished(s, tChild)
		}
		return steps[act], true
	}
	if th < m.base {
		switch {
		case m.parentDone(s):
			return harness.Step{}, false
		case m.variant == Pipes:
			return steps[actRecv], s[offPipe] > 0
		}
		return steps[actWaitAll], m.childrenDone(s)
	}
	switch p := s[m.at(th-m.base)]; p {
	case wDone:
		return harness.Step{}, false
	case wSend:
		return steps[actSend], int(s[offPipe]) < m.pipe
	default:
		return steps[p], true // wRead and wWrite are actRead and actWrite
	}
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	out := append(harness.State(nil), s...)
	th := st.Thread
	if m.forking() {
		switch st.Action {
		case actLock:
			out[offL] = byte(th + 1)
		case actUnlock:
			out[offL] = 0
		case actFork:
			out[offLC] = 0
			if s[offL] != 0 {
				out[offLC] = 1
			}
			out[offPC+tChild] = 0
		case actLockC:
			out[offLC] = 1
		case actUnlockC:
			out[offLC] = 0
		}
		out[offPC+th]++
		return out
	}
	switch st.Action {
	case actRecv:
		out[offPipe]--
		out[offParent]++
		out[offX]++
		return out
	case actWaitAll:
		out[offParent] = 1
		return out
	}
	w := out[m.at(th-m.base):][:perWorker] // position, done, tmp, own x
	x := &out[offX]
	if m.variant == Copies {
		x = &w[3]
	}
	switch st.Action {
	case actRead:
		w[2] = *x
		w[0] = wWrite
		return out
	case actWrite:
		*x = w[2] + 1
		w[2] = 0
	case actSend:
		out[offPipe]++
	}
	w[1]++
	w[0] = m.start()
	if int(w[1]) == m.increments {
		w[0] = wDone
	}
	return out
}

// Narrate implements harness.Narrator: values read and written, and the
// state of L at the fork.
func (m *Model) Narrate(s harness.State, st harness.Step) string {
	th := st.Thread
	switch st.Action {
	case actRead, actWrite:
		w := s[m.at(th-m.base):][:perWorker]
		x, own := s[offX], ""
		if m.variant == Copies {
			x, own = w[3], " (own copy)"
		}
		if st.Action == actRead {
			return fmt.Sprintf("read x=%d%s", x, own)
		}
		return fmt.Sprintf("write x=%d%s", w[2]+1, own)
	case actRecv:
		return fmt.Sprintf("recv +1; x=%d", s[offX]+1)
	case actFork:
		if s[offL] == 0 {
			return "fork (L free)"
		}
		return "fork (L locked by " + m.names[s[offL]-1] + ")"
	}
	return st.Label
}

// Describe implements harness.Describer.
func (m *Model) Describe(s harness.State) string {
	if m.forking() {
		parts := []string{"L free"}
		if s[offL] != 0 {
			parts[0] = "L locked by " + m.names[s[offL]-1]
		}
		switch {
		case s[offPC+tChild] == unborn:
			parts = append(parts, "child not forked yet")
		case s[offLC] == 1 && int(s[offPC+tChild]) < len(m.progs[tChild]) && m.progs[tChild][s[offPC+tChild]] == actLockC:
			parts = append(parts, "child's copy of L locked, and no thread in the child will ever unlock it")
		case s[offLC] == 1:
			parts = append(parts, "child's copy of L locked")
		default:
			parts = append(parts, "child's copy of L free")
		}
		return strings.Join(parts, ", ")
	}
	var parts []string
	switch m.variant {
	case Threads:
		parts = append(parts, fmt.Sprintf("x=%d", s[offX]))
	case Copies:
		parts = append(parts, fmt.Sprintf("parent x=%d", s[offX]))
	case Pipes:
		parts = append(parts, fmt.Sprintf("parent x=%d", s[offX]), fmt.Sprintf("pipe holds %d/%d", s[offPipe], m.pipe))
	}
	for w := range m.workers {
		c := s[m.at(w):][:perWorker]
		switch m.variant {
		case Copies:
			parts = append(parts, fmt.Sprintf("%s x=%d did %d/%d", m.names[w+m.base], c[3], c[1], m.increments))
		case Pipes:
			parts = append(parts, fmt.Sprintf("%s sent %d/%d", m.names[w+m.base], c[1], m.increments))
		default:
			parts = append(parts, fmt.Sprintf("%s did %d/%d", m.names[w+m.base], c[1], m.increments))
		}
	}
	return strings.Join(parts, ", ")
}

// BlockedOn implements harness.Blocker: a child waits on a full pipe for
// the parent; the parent waits on an empty pipe or for exits; the forked
// child waits on a copy of L that no thread in the child holds.
func (m *Model) BlockedOn(s harness.State, th int) (string, []int, bool) {
	if m.forking() {
		switch {
		case th == tMain && int(s[offPC+th]) < len(m.progs[th]) && m.progs[th][s[offPC+th]] == actWaitpid:
			return "child's exit", []int{tChild}, true
		case th == tChild && s[offLC] == 1:
			// The copy was locked by a thread that was not copied: nobody
			// in the child can unlock it, so it waits for no thread.
			return "child's L (locked at fork, owner not copied)", nil, true
		}
		return "", nil, false
	}
	var children []int
	for w := range m.workers {
		if s[m.at(w)] != wDone {
			children = append(children, w+m.base)
		}
	}
	switch {
	case th < m.base && m.variant == Pipes:
		return "pipe (empty)", children, true
	case th < m.base:
		return "children's exit", children, true
	case m.variant == Pipes:
		return "pipe (full)", []int{0}, true
	}
	return "", nil, false
}

// LostUpdate is the terminal check of the counting variants: once every
// thread has finished, the x of the (parent) process must hold every
// increment.
func (m *Model) LostUpdate() harness.Check {
	return harness.Terminal("lost-update", func(s harness.State) error {
		for th := range m.names {
			if !m.Finished(s, th) {
				return nil
			}
		}
		want := m.workers * m.increments
		if int(s[offX]) == want {
			return nil
		}
		if m.variant == Copies {
			var copies []string
			for w := range m.workers {
				copies = append(copies, fmt.Sprintf("%s x=%d", m.names[w+m.base], s[m.at(w)+3]))
			}
			return fmt.Errorf("the parent's x=%d after %d children × %d increments (want %d): each child incremented its own copy (%s)",
				s[offX], m.workers, m.increments, want, strings.Join(copies, ", "))
		}
		return fmt.Errorf("x=%d after %d threads × %d increments (want %d)", s[offX], m.workers, m.increments, want)
	})
}

func init() {
	registry.Register(registry.Definition{
		Name: "process",
		Doc:  "threads share memory and lose updates, processes with pipes do not; fork while a thread holds a lock deadlocks the child",
		Params: []registry.Param{
			{Name: "workers", Doc: "incrementing threads or child processes (counting variants)", Default: 2, Min: 1, Max: 4},
			{Name: "increments", Doc: "increments per worker (counting variants)", Default: 2, Min: 1, Max: 6},
			{Name: "pipe", Doc: "pipe capacity in messages (pipes)", Default: 1, Min: 1, Max: 4},
		},
		Variants: []registry.Variant{
			{Name: string(Threads), Doc: "threads share x; read then write loses updates"},
			{Name: string(Copies), Doc: "forked children increment their own copy of x; the parent's x stays 0"},
			{Name: string(Pipes), Doc: "children send +1 through a pipe, the parent alone updates x: nothing lost"},
			{Name: string(ForkLock), Doc: "fork while the helper thread holds L: the child's copy stays locked forever, deadlock"},
			{Name: string(AtFork), Doc: "main holds L across fork and unlocks it on both sides: no deadlock"},
		},
		Build: func(v string, p map[string]int) (harness.Model, []harness.Check) {
			m := New(Variant(v), p["workers"], p["increments"], p["pipe"])
			if m.forking() {
				return m, nil
			}
			return m, []harness.Check{m.LostUpdate()}
		},
	})
}

// What the engine finds on a Model (harness/capabilities.go): a misspelt
// method would turn one off silently.
var _ interface {
	harness.Model
	harness.Finisher
	harness.ThreadNamer
	harness.Describer
	harness.Narrator
	harness.Blocker
} = (*Model)(nil)
