package sched

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// Variant selects the scheduler and the tasks.
type Variant string

// The variants; see the package documentation.
const (
	Cooperative Variant = "cooperative"
	Preemptive  Variant = "preemptive"
	Yielding    Variant = "yielding"
	Batch       Variant = "batch"
	Memory      Variant = "memory"
)

// Operations of a task's program: each takes one time unit.
const (
	opCompute      = iota // one unit of CPU work
	opComputeYield        // one unit of CPU work, then yield the processor
	opComputeRead         // one unit of CPU work, then a disk read: block for io time units
	opMemory              // one unit of memory-bound work: needs the one memory bus
	actTick               // the clock's step
	numActions
)

// Task status.
const (
	stReady = iota
	stRunning
	stBlocked
	stDone
)

// Per-task fields.
const (
	fStatus  = iota
	fPC      // next operation
	fUsed    // time units run since dispatched, up to quantum
	fIO      // time units left of the disk read
	fWaited  // time units waited in the ready queue so far (saturating)
	fMaxWait // the longest wait so far (saturating)
	fRan     // 1 once the task has stepped in the current time unit
	perTask
)

const none = 0xff

// program is a task's operations; after the last it loops back to loop,
// or ends if loop is negative.
type program struct {
	ops  []int
	loop int
}

// Model is one variant of the scheduler model. The state holds, in order:
// the task on each processor (or none), the ready queue (task numbers,
// none-padded), the elapsed time units (finite variants only) and the
// fields of each task.
type Model struct {
	variant Variant
	cpus    int
	quantum int
	io      int
	names   []string // tasks, then "clock"
	progs   []program
	finite  bool // every task ends: the state can count elapsed time
	steps   [][numActions]harness.Step
	offQ    int // start of the ready queue
	offT    int // elapsed time units, if finite
	offTask int
	offBus  int // memory variant: 1 once the bus is used in this time unit
}

// New returns the model of variant v on cpus processors; quantum is the
// round-robin time slice (and how often yielding tasks yield), work the
// length of the CPU-bound tasks and io the duration of a disk read.
func New(v Variant, cpus, quantum, work, io int) *Model {
	m := &Model{variant: v, cpus: cpus, quantum: quantum, io: io}
	computes := func(n int, yield bool) []int {
		ops := make([]int, n)
		for i := range ops {
			ops[i] = opCompute
			if yield && (i+1)%quantum == 0 && i+1 < n {
				ops[i] = opComputeYield
			}
		}
		return ops
	}
	switch v {
	case Batch:
		m.names = []string{"A", "B"}
		m.progs = []program{{computes(work, false), -1}, {computes(work, false), -1}}
		m.finite = true
	case Memory:
		loads := make([]int, work)
		for i := range loads {
			loads[i] = opMemory
		}
		m.names = []string{"A", "B"}
		m.progs = []program{{loads, -1}, {slices.Clone(loads), -1}}
		m.finite = true
	default:
		y := v == Yielding
		hog := []int{opCompute}
		if y {
			hog = computes(quantum+1, true)[:quantum] // ends in a yield
		}
		m.names = []string{"worker", "io", "hog"}
		m.progs = []program{
			{computes(work, y), -1},
			{[]int{opComputeRead, opComputeRead, opCompute}, -1},
			{hog, 0},
		}
	}
	m.names = append(m.names, "clock")
	m.offQ = cpus
	m.offT = m.offQ + m.tasks()
	m.offTask = m.offT
	if m.finite {
		m.offTask++
	}
	m.offBus = m.offTask + perTask*m.tasks()
	labels := [numActions]string{opCompute: "compute", opComputeYield: "compute, yield", opComputeRead: "compute, read disk", opMemory: "load (bus)", actTick: "tick"}
	m.steps = make([][numActions]harness.Step, len(m.names))
	for th := range m.steps {
		for a := range numActions {
			st := harness.Step{Footprint: harness.Footprint{Thread: th, Label: labels[a]}, Action: a}
			st.Progress = true // a unit of work, or a tick of the clock
			st.Yield = a == opComputeYield
			// A task's step reads the scheduler state the clock writes (its
			// processor, whether it has run this time unit); a yield also
			// appends to the ready queue. Partial-order reduction relies on
			// footprints naming every such dependency.
			switch a {
			case actTick:
				st.Access = []harness.Access{{Object: "cpu", Kind: harness.Write}}
				if v == Memory {
					st.Access = append(st.Access, harness.Access{Object: "memory bus", Kind: harness.Write})
				}
			case opMemory:
				st.Access = []harness.Access{{Object: "cpu", Kind: harness.Read}, {Object: "memory bus", Kind: harness.Write}}
			case opComputeYield:
				st.Access = []harness.Access{{Object: "cpu", Kind: harness.Read}, {Object: "ready queue", Kind: harness.Write}}
			default:
				st.Access = []harness.Access{{Object: "cpu", Kind: harness.Read}}
			}
			m.steps[th][a] = st
		}
	}
	return m
}

func (m *Model) tasks() int { return len(m.progs) }

// stateLen is the length of a state; only the memory variant has the bus.
func (m *Model) stateLen() int {
	if m.variant == Memory {
		return m.offBus + 1
	}
	return m.offBus
}

// stalled reports whether running task t waits for the memory bus, which
// another task has used in this time unit.
func (m *Model) stalled(s harness.State, t int) bool {
	f := m.task(s, t)
	return m.variant == Memory && m.progs[t].ops[f[fPC]] == opMemory && s[m.offBus] == 1
}
func (m *Model) clock() int { return len(m.progs) }

func (m *Model) task(s harness.State, t int) []byte {
	return s[m.offTask+perTask*t:][:perTask]
}

// Name implements harness.Model.
func (m *Model) Name() string { return "sched" }

// Init implements harness.Model: every task ready in thread order, the
// first cpus of them dispatched.
func (m *Model) Init() harness.State {
	s := make(harness.State, m.stateLen())
	for c := range m.cpus {
		s[c] = none
	}
	for i := range m.tasks() {
		s[m.offQ+i] = byte(i)
	}
	m.dispatch(s)
	return s
}

// Threads implements harness.Model.
func (m *Model) Threads(harness.State) int { return len(m.names) }

// ThreadName implements harness.ThreadNamer.
func (m *Model) ThreadName(th int) string { return m.names[th] }

// Finished implements harness.Finisher: a task when it has ended, the
// clock when every task has ended and the last time unit is closed.
func (m *Model) Finished(s harness.State, th int) bool {
	if th < m.tasks() {
		return m.task(s, th)[fStatus] == stDone
	}
	for t := range m.tasks() {
		if f := m.task(s, t); f[fStatus] != stDone || f[fRan] == 1 {
			return false
		}
	}
	return true
}

var statusNames = [...]string{stReady: "ready", stRunning: "running", stBlocked: "reading disk", stDone: "done"}

// Status says what task t is doing in s: "ready" (in the ready queue),
// "running", "reading disk" or "done".
func (m *Model) Status(s harness.State, t int) string { return statusNames[m.task(s, t)[fStatus]] }

// Enabled implements harness.Model: a task steps once per time unit while
// it is on a processor; the clock ticks once every running task has
// stepped.
func (m *Model) Enabled(s harness.State, th int) (harness.Step, bool) {
	if th == m.clock() {
		if m.Finished(s, th) {
			return harness.Step{}, false
		}
		for t := range m.tasks() {
			if f := m.task(s, t); f[fStatus] == stRunning && f[fRan] == 0 && !m.stalled(s, t) {
				return m.steps[th][actTick], false
			}
		}
		return m.steps[th][actTick], true
	}
	f := m.task(s, th)
	if f[fStatus] == stDone {
		return harness.Step{}, false
	}
	op := m.progs[th].ops[f[fPC]]
	return m.steps[th][op], f[fStatus] == stRunning && f[fRan] == 0 && !m.stalled(s, th)
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	out := append(harness.State(nil), s...)
	if st.Action == actTick {
		m.tick(out)
		return out
	}
	th := st.Thread
	f := m.task(out, th)
	f[fRan] = 1
	if st.Action == opMemory {
		out[m.offBus] = 1
	}
	p := m.progs[th]
	f[fPC]++
	if int(f[fPC]) == len(p.ops) {
		if p.loop < 0 {
			f[fStatus] = stDone
			m.release(out, th)
			return out
		}
		f[fPC] = byte(p.loop)
	}
	switch st.Action {
	case opComputeYield:
		f[fStatus] = stReady
		m.release(out, th)
		m.enqueue(out, th)
	case opComputeRead:
		f[fStatus], f[fIO] = stBlocked, byte(m.io)
		m.release(out, th)
	}
	return out
}

// tick ends the time unit: waits grow, disk reads progress, the
// round-robin scheduler preempts tasks that used up their quantum, and free
// processors take tasks from the head of the ready queue.
func (m *Model) tick(s harness.State) {
	if m.variant == Memory {
		s[m.offBus] = 0
	}
	limit := m.waitLimit()
	for i := range m.tasks() {
		if t := s[m.offQ+i]; t != none {
			if f := m.task(s, int(t)); f[fRan] == 0 && int(f[fWaited]) <= limit {
				f[fWaited]++
				f[fMaxWait] = max(f[fMaxWait], f[fWaited])
			}
		}
	}
	for t := range m.tasks() {
		f := m.task(s, t)
		ran := f[fRan] == 1
		f[fRan] = 0
		switch f[fStatus] {
		case stRunning:
			if int(f[fUsed]) < m.quantum {
				f[fUsed]++
			}
		case stBlocked:
			if ran {
				break // the read starts at the end of this time unit
			}
			if f[fIO]--; f[fIO] == 0 {
				f[fStatus] = stReady
				m.enqueue(s, t)
			}
		}
	}
	if m.variant == Preemptive || m.finite {
		for c := range m.cpus {
			t := s[c]
			if t != none && int(m.task(s, int(t))[fUsed]) >= m.quantum && s[m.offQ] != none {
				m.task(s, int(t))[fStatus] = stReady
				s[c] = none
				m.enqueue(s, int(t))
			}
		}
	}
	m.dispatch(s)
	if m.finite {
		s[m.offT]++
	}
}

func (m *Model) release(s harness.State, t int) {
	for c := range m.cpus {
		if s[c] == byte(t) {
			s[c] = none
		}
	}
}

func (m *Model) enqueue(s harness.State, t int) {
	q := s[m.offQ:][:m.tasks()]
	for i := range q {
		if q[i] == none {
			q[i] = byte(t)
			return
		}
	}
}

// dispatch gives every free processor the task at the head of the queue.
func (m *Model) dispatch(s harness.State) {
	q := s[m.offQ:][:m.tasks()]
	for c := range m.cpus {
		if s[c] != none || q[0] == none {
			continue
		}
		t := int(q[0])
		copy(q, q[1:])
		q[len(q)-1] = none
		s[c] = byte(t)
		f := m.task(s, t)
		f[fStatus], f[fUsed], f[fWaited] = stRunning, 0, 0
	}
}

// waitLimit is the round-robin guarantee: a ready task waits at most for
// every other task to run one quantum.
func (m *Model) waitLimit() int { return (m.tasks() - 1) * m.quantum }

// Narrate implements harness.Narrator: what a tick changes, and how far a
// finite task is.
func (m *Model) Narrate(s harness.State, st harness.Step) string {
	if st.Action != actTick {
		p := m.progs[st.Thread]
		if p.loop >= 0 {
			return st.Label
		}
		unit := fmt.Sprintf("compute %d/%d", m.task(s, st.Thread)[fPC]+1, len(p.ops))
		switch st.Action {
		case opMemory:
			return fmt.Sprintf("load %d/%d (bus)", m.task(s, st.Thread)[fPC]+1, len(p.ops))
		case opComputeYield:
			return unit + ", yield"
		case opComputeRead:
			return unit + ", read disk"
		}
		return unit
	}
	// Events, tersely to fit a column: "io ready" (its disk read is
	// done), "hog → worker" (hog preempted, worker dispatched on its
	// processor), "io in" (dispatched to a free processor).
	next := m.Apply(s, st)
	var events []string
	for t := range m.tasks() {
		if m.task(s, t)[fStatus] == stBlocked && m.task(next, t)[fStatus] != stBlocked {
			events = append(events, m.names[t]+" ready")
		}
	}
	for c := range m.cpus {
		before, after := s[c], next[c]
		switch {
		case after == before || after == none:
		case before != none && m.task(s, int(before))[fStatus] == stRunning:
			events = append(events, m.names[before]+" → "+m.names[after])
		default:
			events = append(events, m.names[after]+" in")
		}
	}
	if len(events) == 0 {
		return "tick"
	}
	return "tick: " + strings.Join(events, "; ")
}

// Describe implements harness.Describer: who is on which processor, who
// waits, who is blocked, and the time for finite variants.
func (m *Model) Describe(s harness.State) string {
	var parts []string
	if m.finite {
		parts = append(parts, fmt.Sprintf("time %d", s[m.offT]))
	}
	if m.variant == Memory && s[m.offBus] == 1 {
		parts = append(parts, "bus busy")
	}
	for c := range m.cpus {
		on := "idle"
		if t := s[c]; t != none {
			on = m.names[t]
		}
		parts = append(parts, fmt.Sprintf("cpu%d: %s", c, on))
	}
	var ready, blocked, done []string
	for i := range m.tasks() {
		if t := s[m.offQ+i]; t != none {
			ready = append(ready, fmt.Sprintf("%s (waited %d)", m.names[t], m.task(s, int(t))[fWaited]))
		}
	}
	for t := range m.tasks() {
		switch m.task(s, t)[fStatus] {
		case stBlocked:
			blocked = append(blocked, m.names[t])
		case stDone:
			done = append(done, m.names[t])
		}
	}
	for _, g := range []struct {
		name  string
		items []string
	}{{"ready", ready}, {"reading disk", blocked}, {"done", done}} {
		if len(g.items) > 0 {
			parts = append(parts, g.name+": "+strings.Join(g.items, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// BoundedWait is the invariant that no ready task waits more than
// (tasks−1)×quantum time units for a processor, which round-robin
// guarantees. It reads the longest waits, which only the clock's tick
// changes, so partial-order reduction stays on.
func (m *Model) BoundedWait() harness.Check {
	limit := m.waitLimit()
	return harness.InvariantOn("bounded-wait", []string{"cpu"}, func(s harness.State) error {
		for t := range m.tasks() {
			if w := int(m.task(s, t)[fMaxWait]); w > limit {
				return fmt.Errorf("%s has waited %d time units for a processor; round-robin bounds the wait by (tasks−1)×quantum = %d",
					m.names[t], w, limit)
			}
		}
		return nil
	})
}

var errAllDone = errors.New("all tasks done")

// Makespan returns the fewest time units (clock ticks) in which every task
// can finish: the length of the schedule a breadth-first search finds to
// the first state where everything is done, which is also the one with the
// fewest ticks since every task takes a fixed number of steps. Only the
// batch and memory variants' tasks all end.
func (m *Model) Makespan() (int, error) {
	if !m.finite {
		return 0, fmt.Errorf("sched %s has a task that never ends: no makespan (use the batch variant)", m.variant)
	}
	done := harness.Invariant("all-done", func(s harness.State) error {
		if m.Finished(s, m.clock()) {
			return errAllDone
		}
		return nil
	})
	res, err := harness.Explore(context.Background(), m, harness.Options{}, done)
	if err != nil {
		return 0, err
	}
	if len(res.Violations) == 0 {
		return 0, fmt.Errorf("sched %s: no state where every task is done", m.variant)
	}
	return int(res.Violations[0].Trace.Final()[m.offT]), nil
}

func init() {
	registry.Register(registry.Definition{
		Name: "sched",
		Doc:  "schedulers: a task that never yields starves the others under cooperative scheduling, not under round-robin; 2 cpus overlap",
		Params: []registry.Param{
			{Name: "cpus", Doc: "processors", Default: 1, Min: 1, Max: 2},
			{Name: "quantum", Doc: "round-robin time slice; how often yielding tasks yield", Default: 2, Min: 1, Max: 4},
			{Name: "work", Doc: "time units of work of the CPU-bound tasks that end", Default: 3, Min: 1, Max: 6},
			{Name: "io", Doc: "time units a disk read blocks", Default: 2, Min: 1, Max: 4},
		},
		Variants: []registry.Variant{
			{Name: string(Cooperative), Doc: "tasks run until they yield, block or end; the hog never yields and starves io"},
			{Name: string(Preemptive), Doc: "round-robin: a task loses the processor after quantum time units; nobody starves"},
			{Name: string(Yielding), Doc: "cooperative, but CPU-bound tasks yield every quantum units; nobody starves"},
			{Name: string(Batch), Doc: "two CPU-bound tasks: makespan 2×work on 1 cpu, work on 2"},
			{Name: string(Memory), Doc: "two memory-bound tasks share one memory bus: makespan 2×work on 1 cpu and on 2"},
		},
		Build: func(v string, p map[string]int) (harness.Model, []harness.Check) {
			m := New(Variant(v), p["cpus"], p["quantum"], p["work"], p["io"])
			return m, []harness.Check{m.BoundedWait()}
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
} = (*Model)(nil)
