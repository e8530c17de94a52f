package eventloop

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// Variant selects the program the tasks run.
type Variant string

// The variants; see the package documentation.
const (
	Blocking Variant = "blocking"
	Awaiting Variant = "awaiting"
	Race     Variant = "race"
	Atomic   Variant = "atomic"
	Spin     Variant = "spin"
	Yielding Variant = "yielding"
)

// Operations of task instructions; they are the Action of their steps.
const (
	opSleep     = iota // await sleep(d): suspend for d ticks
	opBeat             // heartbeat's work
	opPut              // q.put_nowait(item)
	opBlockGet         // item = q.get(), blocking: keeps the loop while the queue is empty
	opBlocked          // still inside the blocking q.get(): returns once an item is there
	opAwaitGet         // item = await q.get(): suspends while the queue is empty
	opResumeGet        // the awaited q.get() returns the item
	opHandle           // handle(item)
	opCheck            // if balance >= amount
	opDeduct           // balance -= amount
	opSpin             // while not done: pass
	opWhile            // while not done: (the awaiting version's test)
	opSet              // done = True
	opProceed          // the waiter's work after the loop
	opTick             // the clock: one tick of virtual time
)

// The withdrawal of the race variants.
const (
	startBalance = 100
	amount       = 70
)

// instr is one instruction of a task. next is the instruction after it
// (end when the task finishes); alt is the other branch of a test, or the
// instruction after a get that found an item at once.
type instr struct {
	op        int
	label     string
	next, alt int
	arg       int // ticks for opSleep
	progress  bool
	yield     bool
	access    []harness.Access
}

// end is the pc of a finished task.
const end = 255

type task struct {
	name string
	prog []instr
}

// State layout: the task holding the loop + 1 (0: the loop is idle), the
// queue length, the shared flag or balance, then per task its pc, the
// ticks it still sleeps, and whether it is late (ready while time passed).
const (
	offRunning = iota
	offQueue
	offShared
	offTasks
	perTask = 3
)

// Model is an event loop running a variant's tasks, plus a clock thread
// when the variant has timers.
type Model struct {
	variant Variant
	tasks   []task
	clock   bool             // a clock thread follows the tasks
	steps   [][]harness.Step // steps[task][pc]
	tick    harness.Step
	may     [][]harness.Access // may[task]: every access of its program
}

// New returns the event-loop model of variant v. withdrawals (1..3) is
// the number of withdrawing tasks of race and atomic; period (1..3) is the
// heartbeat's timer in ticks in the other variants.
func New(v Variant, withdrawals, period int) *Model {
	m := &Model{variant: v}
	acc := func(obj string, k harness.AccessKind) []harness.Access {
		return []harness.Access{{Object: obj, Kind: k}}
	}
	heartbeat := task{"heartbeat", []instr{
		{op: opSleep, label: fmt.Sprintf("await sleep(%d)", period), next: 1, arg: period, yield: true},
		{op: opBeat, label: "beat", next: 0, progress: true},
	}}
	switch v {
	case Blocking, Awaiting:
		consumer := task{"consumer", []instr{
			{op: opBlockGet, label: "item = q.get()", next: 1, alt: 2, access: acc("q", harness.Recv)},
			{op: opBlocked, label: "q.get() returns", next: 2, access: acc("q", harness.Recv)},
			{op: opHandle, label: "handle(item)", next: end, progress: true},
		}}
		if v == Awaiting {
			consumer.prog[0] = instr{op: opAwaitGet, label: "item = await q.get()", next: 1, alt: 2, yield: true, access: acc("q", harness.Recv)}
			consumer.prog[1] = instr{op: opResumeGet, label: "await q.get() returns", next: 2, access: acc("q", harness.Recv)}
		}
		producer := task{"producer", []instr{
			{op: opPut, label: "q.put(item)", next: end, progress: true, access: acc("q", harness.Send)},
		}}
		m.tasks, m.clock = []task{producer, consumer, heartbeat}, true
	case Race, Atomic:
		withdraw := func(name string) task {
			check := instr{op: opCheck, label: fmt.Sprintf("if balance >= %d", amount), next: 1, alt: end, access: acc("balance", harness.Read)}
			await := instr{op: opSleep, label: "await log(withdrawal)", next: 2, yield: true}
			deduct := instr{op: opDeduct, label: fmt.Sprintf("balance -= %d", amount), next: 2, progress: true, access: acc("balance", harness.Write)}
			if v == Race {
				deduct.next = end
				return task{name, []instr{check, await, deduct}}
			}
			deduct.next, await.next = 2, end
			return task{name, []instr{check, deduct, await}}
		}
		for i := range withdrawals {
			m.tasks = append(m.tasks, withdraw(string(rune('A'+i))))
		}
	case Spin, Yielding:
		waiter := task{"waiter", []instr{
			{op: opSpin, label: "while not done: pass", next: 1, access: acc("done", harness.Read)},
			{op: opProceed, label: "proceed", next: end, progress: true},
		}}
		if v == Yielding {
			waiter.prog = []instr{
				{op: opWhile, label: "while not done:", next: 1, alt: 2, access: acc("done", harness.Read)},
				{op: opSleep, label: "  await sleep(0)", next: 0, yield: true},
				{op: opProceed, label: "proceed", next: end, progress: true},
			}
		}
		setter := task{"setter", []instr{
			{op: opSet, label: "done = True", next: end, progress: true, access: acc("done", harness.Write)},
		}}
		m.tasks, m.clock = []task{setter, waiter, heartbeat}, true
	default:
		panic("eventloop: unknown variant " + string(v))
	}
	// Every step, the clock's included, reads and writes who holds the loop
	// and the timers: on one loop no two steps are independent.
	loop := harness.Access{Object: "loop", Kind: harness.Write}
	m.steps = make([][]harness.Step, len(m.tasks))
	for th, t := range m.tasks {
		for _, in := range t.prog {
			m.steps[th] = append(m.steps[th], harness.Step{
				Footprint: harness.Footprint{Thread: th, Label: in.label, Access: append([]harness.Access{loop}, in.access...)},
				Action:    in.op, Yield: in.yield, Progress: in.progress,
			})
		}
	}
	m.tick = harness.Step{Footprint: harness.Footprint{Thread: len(m.tasks), Label: "tick", Access: []harness.Access{loop}}, Action: opTick, Progress: true}
	m.may = make([][]harness.Access, len(m.tasks))
	for th := range m.tasks {
		for _, st := range m.steps[th] {
			m.may[th] = append(m.may[th], st.Access...)
		}
	}
	return m
}

// MayAccess implements harness.Lookahead for partial-order reduction: a
// task that has not finished may make any access of its program (tasks
// loop), the clock touches the loop.
func (m *Model) MayAccess(s harness.State, th int) []harness.Access {
	if m.Finished(s, th) {
		return nil
	}
	if th == len(m.tasks) {
		return m.tick.Access
	}
	return m.may[th]
}

// Name implements harness.Model.
func (m *Model) Name() string { return "eventloop" }

// Init implements harness.Model: every task ready at its first
// instruction, the loop idle, the queue empty, done false, the balance
// full.
func (m *Model) Init() harness.State {
	s := make(harness.State, offTasks+perTask*len(m.tasks))
	if m.variant == Race || m.variant == Atomic {
		s[offShared] = startBalance
	}
	return s
}

// Threads implements harness.Model: the tasks, then the clock if any.
func (m *Model) Threads(harness.State) int {
	if m.clock {
		return len(m.tasks) + 1
	}
	return len(m.tasks)
}

// ThreadName implements harness.ThreadNamer.
func (m *Model) ThreadName(th int) string {
	if th == len(m.tasks) {
		return "clock"
	}
	return m.tasks[th].name
}

func at(th int) int { return offTasks + perTask*th }

// Finished implements harness.Finisher. The clock finishes with the last
// task.
func (m *Model) Finished(s harness.State, th int) bool {
	if th < len(m.tasks) {
		return s[at(th)] == end
	}
	for t := range m.tasks {
		if s[at(t)] != end {
			return false
		}
	}
	return true
}

// ready reports whether task th could run if it had the loop: it is not
// finished, not asleep and not suspended on an empty queue.
func (m *Model) ready(s harness.State, th int) bool {
	pc := s[at(th)]
	if pc == end || s[at(th)+1] > 0 {
		return false
	}
	return m.tasks[th].prog[pc].op != opResumeGet || s[offQueue] > 0
}

// Enabled implements harness.Model. A task steps when it holds the loop,
// or when the loop is idle and the task is ready (the loop resumes it);
// the clock ticks when the loop cannot run anything else.
func (m *Model) Enabled(s harness.State, th int) (harness.Step, bool) {
	if th == len(m.tasks) {
		return m.tick, m.ticks(s)
	}
	pc := s[at(th)]
	if pc == end {
		return harness.Step{}, false
	}
	st := m.steps[th][pc]
	switch running := int(s[offRunning]); running {
	case 0:
		return st, m.ready(s, th)
	case th + 1:
		return st, st.Action != opBlocked || s[offQueue] > 0
	}
	return st, false
}

// ticks reports whether time can pass: the loop is idle with a task
// asleep, or the task holding it is stuck in a blocking call or busy in a
// loop that never awaits.
func (m *Model) ticks(s harness.State) bool {
	if m.Finished(s, len(m.tasks)) {
		return false
	}
	if r := int(s[offRunning]); r > 0 {
		switch m.tasks[r-1].prog[s[at(r-1)]].op {
		case opBlocked:
			return s[offQueue] == 0
		case opSpin:
			return true
		}
		return false
	}
	asleep := false
	for th := range m.tasks {
		if m.ready(s, th) {
			return false
		}
		asleep = asleep || s[at(th)+1] > 0
	}
	return asleep
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	out := append(harness.State(nil), s...)
	th := st.Thread
	if th == len(m.tasks) {
		for t := range m.tasks {
			switch {
			case out[at(t)+1] > 0:
				out[at(t)+1]--
			case m.ready(s, t) && int(s[offRunning]) != t+1:
				out[at(t)+2] = 1 // ready, yet time passed without it
			}
		}
		return out
	}
	in := m.tasks[th].prog[out[at(th)]]
	next := in.next
	keep := true // the task keeps the loop after this step
	switch in.op {
	case opSleep:
		out[at(th)+1] = byte(in.arg)
		keep = false
	case opPut:
		out[offQueue]++
	case opBlockGet, opAwaitGet:
		if out[offQueue] > 0 {
			out[offQueue]--
			next = in.alt
		} else if in.op == opAwaitGet {
			keep = false
		}
	case opBlocked, opResumeGet:
		out[offQueue]--
	case opCheck:
		if balance(out) < amount {
			next = in.alt
		}
	case opDeduct:
		out[offShared] -= amount
	case opSpin:
		if out[offShared] == 0 {
			next = int(out[at(th)])
		}
	case opWhile:
		if out[offShared] != 0 {
			next = in.alt
		}
	case opSet:
		out[offShared] = 1
	}
	out[at(th)] = byte(next)
	out[at(th)+2] = 0
	if keep && next != end {
		out[offRunning] = byte(th + 1)
	} else {
		out[offRunning] = 0
	}
	return out
}

func balance(s harness.State) int { return int(int8(s[offShared])) }

// Narrate implements harness.Narrator: tests show their outcome, gets say
// whether they found an item, the clock says what time passing did.
func (m *Model) Narrate(s harness.State, st harness.Step) string {
	switch st.Action {
	case opCheck:
		if b := balance(s); b >= amount {
			return fmt.Sprintf("%s (%d: yes)", st.Label, b)
		}
		return fmt.Sprintf("%s (%d: no)", st.Label, balance(s))
	case opDeduct:
		return fmt.Sprintf("%s (=%d)", st.Label, balance(s)-amount)
	case opBlockGet:
		if s[offQueue] == 0 {
			return "q.get(): empty, blocks"
		}
	case opAwaitGet:
		if s[offQueue] == 0 {
			return "await q.get(): suspends"
		}
	case opSpin:
		if s[offShared] == 0 {
			return st.Label + " (spins)"
		}
	case opTick:
		var woke, late []string
		for t := range m.tasks {
			switch {
			case s[at(t)+1] == 1:
				woke = append(woke, m.tasks[t].name)
			case m.ready(s, t) && int(s[offRunning]) != t+1:
				late = append(late, m.tasks[t].name)
			}
		}
		var what []string
		for _, g := range []struct {
			names []string
			verb  string
		}{{woke, "due"}, {late, "late"}} {
			switch len(g.names) {
			case 0:
			case 1:
				what = append(what, g.names[0]+" "+g.verb)
			default:
				what = append(what, fmt.Sprintf("%d %s", len(g.names), g.verb))
			}
		}
		if len(what) == 0 {
			return "tick"
		}
		return "tick (" + strings.Join(what, ", ") + ")"
	}
	return st.Label
}

// Describe implements harness.Describer.
func (m *Model) Describe(s harness.State) string {
	var parts []string
	if r := s[offRunning]; r > 0 {
		parts = append(parts, "loop held by "+m.tasks[r-1].name)
	} else {
		parts = append(parts, "loop idle")
	}
	switch m.variant {
	case Blocking, Awaiting:
		parts = append(parts, fmt.Sprintf("queue=%d", s[offQueue]))
	case Race, Atomic:
		parts = append(parts, fmt.Sprintf("balance=%d", balance(s)))
	default:
		parts = append(parts, fmt.Sprintf("done=%v", s[offShared] == 1))
	}
	for th, t := range m.tasks {
		var what string
		switch {
		case s[at(th)] == end:
			what = "finished"
		case s[at(th)+1] > 0:
			what = "asleep"
		case int(s[offRunning]) == th+1:
			what = "running"
		case m.ready(s, th):
			what = "ready"
		default:
			what = "waiting for q"
		}
		if s[at(th)+2] == 1 {
			what += " (late)"
		}
		parts = append(parts, t.name+" "+what)
	}
	return strings.Join(parts, ", ")
}

// Stall is the invariant that no task is late: whenever time passes, every
// ready task gets to run before it does again. It reads what every step
// changes (the loop), which keeps reduction sound.
func (m *Model) Stall() harness.Check {
	return harness.InvariantOn("stall", []string{"loop"}, func(s harness.State) error {
		var late []string
		for th, t := range m.tasks {
			if s[at(th)+2] == 1 {
				late = append(late, t.name)
			}
		}
		if len(late) == 0 {
			return nil
		}
		who := late[0] + " is"
		if len(late) > 1 {
			who = strings.Join(late, " and ") + " are"
		}
		r := int(s[offRunning]) - 1
		if r < 0 {
			return fmt.Errorf("%s ready, but time passed without them running", who)
		}
		how := "blocked in q.get() on an empty queue, which only a task on this same loop can fill"
		if m.tasks[r].prog[s[at(r)]].op == opSpin {
			how = "busy in a loop that never awaits (while not done: pass)"
		}
		return fmt.Errorf("%s ready, but time passes and the loop never runs them: %s holds it, %s", who, m.tasks[r].name, how)
	})
}

// Overdraft is the invariant of the race variants: the balance never goes
// negative. Its violation kind is "race": the check and the act it guards
// were split by an await.
func (m *Model) Overdraft() harness.Check {
	return harness.InvariantOn("race", []string{"balance"}, func(s harness.State) error {
		if b := balance(s); b < 0 {
			n := (startBalance - b) / amount
			return fmt.Errorf("balance=%d: %d withdrawals of %d from %d went through, each having seen balance >= %d at its check; the await between check and act let another task in",
				b, n, amount, startBalance, amount)
		}
		return nil
	})
}

// Checks returns the variant's safety checks.
func (m *Model) Checks() []harness.Check {
	if m.variant == Race || m.variant == Atomic {
		return []harness.Check{m.Overdraft()}
	}
	return []harness.Check{m.Stall()}
}

func init() {
	registry.Register(registry.Definition{
		Name: "eventloop",
		Doc:  "event loop: one thread, yet blocking calls stall every task, awaits split check-then-act, busy loops starve the loop",
		Params: []registry.Param{
			{Name: "withdrawals", Doc: "withdrawing tasks (race, atomic)", Default: 2, Min: 1, Max: 3},
			{Name: "period", Doc: "heartbeat timer in ticks (other variants)", Default: 1, Min: 1, Max: 3},
		},
		Variants: []registry.Variant{
			{Name: string(Blocking), Doc: "a task blocks in q.get() for an item another task would put: the loop stalls"},
			{Name: string(Awaiting), Doc: "the task awaits q.get() instead: every task progresses"},
			{Name: string(Race), Doc: "check balance, await, subtract: both withdrawals pass the check, balance < 0"},
			{Name: string(Atomic), Doc: "check and subtract with no await between: balance never < 0"},
			{Name: string(Spin), Doc: "a coroutine busy-waits on a flag without awaiting: the loop starves"},
			{Name: string(Yielding), Doc: "the busy wait awaits sleep(0) each round: all progress (strong fairness)"},
		},
		Build: func(v string, p map[string]int) (harness.Model, []harness.Check) {
			m := New(Variant(v), p["withdrawals"], p["period"])
			return m, m.Checks()
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
	harness.Lookahead
} = (*Model)(nil)
