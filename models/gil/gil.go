package gil

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// Variant selects the threads and the GIL's switching rule.
type Variant string

// The variants; see the package documentation.
const (
	CPU       Variant = "cpu"
	IO        Variant = "io"
	Race      Variant = "race"
	Locked    Variant = "locked"
	Convoy    Variant = "convoy"
	Handoff   Variant = "handoff"
	Processes Variant = "processes"
)

// Bytecodes: the operations of threads' programs, run holding the GIL.
const (
	opCompute = iota // local computation
	opIO             // start blocking I/O: releases the GIL
	opCheck          // if balance >= 1 (remembered in a local flag)
	opAct            // balance -= 1, if the check said yes
	opLock           // threading.Lock.acquire
	opUnlock         // threading.Lock.release
	opSend           // processes: put a withdrawal request on the queue
	opRecv           // processes: the bank takes a request off the queue
	numOps
)

// Other actions: the GIL's own steps and what happens without it.
const (
	actTake      = numOps + iota // take the free GIL
	actDrop                      // forced switch: drop the GIL for a waiter
	actIODone                    // I/O completes; the thread wants the GIL back
	actLockBlock                 // opLock on a held lock: block, releasing the GIL
	actLockGet                   // a thread blocked on the lock gets it
	actRequest                   // a waiter's timeout expires: it asks the holder to drop the GIL
	numActions
)

// Phases of a thread.
const (
	phWant = iota // runnable, waiting for the GIL
	phRun         // holds the GIL (its interpreter's lock), runs bytecode
	phIO          // in blocking I/O, GIL released
	phLock        // blocked on the threading.Lock, GIL released
	phDone
)

var phaseNames = [...]string{phWant: "wants the GIL", phRun: "runs", phIO: "in I/O", phLock: "waits for the lock", phDone: "done"}

// State layout: global fields, then per thread its phase, pc, check flag
// and how many bytecodes it has waited for the GIL.
const (
	offGIL     = iota // holder+1, 0 when free
	offPending        // new GIL: the thread that dropped it, +1, until another takes it
	offBalance        // balance + balanceBias
	offLock           // threading.Lock holder+1, 0 when free
	offQueue          // requests in the queue (processes)
	offSlice          // bytecodes the holder has run while somebody waited, since it took the GIL
	offRequest        // 1 when a waiter has asked the holder to drop the GIL
	offThreads
	perThread   = 4
	balanceBias = 8
)

// queueCap bounds the processes' request queue.
const queueCap = 2

// program is one thread's bytecode; after the last one it loops back to
// loop, or finishes if loop is negative.
type program struct {
	ops  []int
	loop int
}

// Model is one variant of the GIL model.
type Model struct {
	variant  Variant
	interval int
	names    []string
	progs    []program
	steps    [][numActions]harness.Step
}

// New returns the model of variant v: interval is the switch interval in
// bytecodes a waiter waits before the holder must drop the GIL, and work
// the number of computing bytecodes in a burst.
func New(v Variant, interval, work int) *Model {
	m := &Model{variant: v, interval: interval}
	computes := func(n int) []int {
		ops := make([]int, n)
		for i := range ops {
			ops[i] = opCompute
		}
		return ops
	}
	handler := append(append([]int{opIO}, computes(work)...), opCheck, opAct)
	switch v {
	case CPU:
		m.names = []string{"T1", "T2"}
		m.progs = []program{{computes(work), -1}, {computes(work), -1}}
	case IO:
		m.names = []string{"T1", "T2"}
		p := program{[]int{opCompute, opIO, opCompute, opIO, opCompute}, -1}
		m.progs = []program{p, p}
	case Race:
		m.names = []string{"T1", "T2"}
		m.progs = []program{{handler, -1}, {handler, -1}}
	case Locked:
		m.names = []string{"T1", "T2"}
		p := append(append([]int{opIO}, computes(work)...), opLock, opCheck, opAct, opUnlock)
		m.progs = []program{{p, -1}, {p, -1}}
	case Convoy, Handoff:
		m.names = []string{"cpu", "io"}
		m.progs = []program{{[]int{opCompute}, 0}, {[]int{opCompute, opIO}, 0}}
	case Processes:
		m.names = []string{"bank", "client1", "client2"}
		client := program{append(computes(work), opSend), -1}
		m.progs = []program{{[]int{opRecv, opCheck, opAct, opRecv, opCheck, opAct}, -1}, client, client}
	}
	labels := [numActions]string{
		opCompute: "compute", opIO: "start I/O, drop GIL", opCheck: "if balance >= 1", opAct: "balance -= 1",
		opLock: "lock.acquire()", opUnlock: "lock.release()", opSend: "send withdraw", opRecv: "recv request",
		actTake: "take GIL", actDrop: "drop GIL (switch)", actIODone: "I/O done",
		actLockBlock: "lock.acquire(): wait, drop GIL", actLockGet: "get lock",
		actRequest: "timeout: request switch",
	}
	access := [numActions][]harness.Access{
		opCheck:      {{Object: "balance", Kind: harness.Read}},
		opAct:        {{Object: "balance", Kind: harness.Write}},
		opLock:       {{Object: "lock", Kind: harness.Acquire}},
		opUnlock:     {{Object: "lock", Kind: harness.Release}},
		opSend:       {{Object: "queue", Kind: harness.Send}},
		opRecv:       {{Object: "queue", Kind: harness.Recv}},
		opIO:         {{Object: "GIL", Kind: harness.Release}},
		actTake:      {{Object: "GIL", Kind: harness.Acquire}},
		actDrop:      {{Object: "GIL", Kind: harness.Release}},
		actLockBlock: {{Object: "GIL", Kind: harness.Release}},
		actLockGet:   {{Object: "lock", Kind: harness.Acquire}},
		actRequest:   {{Object: "drop request", Kind: harness.Write}},
	}
	m.steps = make([][numActions]harness.Step, len(m.names))
	for th := range m.steps {
		for a := range numActions {
			acc := access[a]
			if v != Processes && (len(acc) == 0 || acc[0].Object != "GIL") {
				// Under a GIL every step reads or changes the interpreter's
				// scheduling state (who holds it, who waits and how long),
				// so every step's footprint names it: partial-order
				// reduction must not reorder them.
				acc = append([]harness.Access{{Object: "GIL", Kind: harness.Write}}, acc...)
			}
			m.steps[th][a] = harness.Step{
				Footprint: harness.Footprint{Thread: th, Label: labels[a], Access: acc},
				Action:    a,
				Progress:  a == opCompute || a == opAct,
			}
		}
	}
	return m
}

// Name implements harness.Model.
func (m *Model) Name() string { return "gil" }

func at(th int) int { return offThreads + perThread*th }

// Init implements harness.Model: balance 1; under a GIL every thread starts
// wanting it, as processes every thread runs its own interpreter.
func (m *Model) Init() harness.State {
	s := make(harness.State, at(len(m.names)))
	s[offBalance] = balanceBias + 1
	if m.variant == Processes {
		for th := range m.names {
			s[at(th)] = phRun
		}
	}
	return s
}

// Threads implements harness.Model.
func (m *Model) Threads(harness.State) int { return len(m.names) }

// ThreadName implements harness.ThreadNamer.
func (m *Model) ThreadName(th int) string { return m.names[th] }

// Finished implements harness.Finisher.
func (m *Model) Finished(s harness.State, th int) bool { return s[at(th)] == phDone }

// Phase says what thread th is doing in s: "runs", "wants the GIL", "in
// I/O", "waits for the lock" or "done".
func (m *Model) Phase(s harness.State, th int) string { return phaseNames[s[at(th)]] }

// mustDrop reports whether the GIL holder has to give it up: a waiter
// asked it to, or since it took the GIL it has run interval bytecodes
// while another thread waited.
func (m *Model) mustDrop(s harness.State, holder int) bool {
	return (s[offRequest] == 1 || int(s[offSlice]) >= m.interval) && m.othersWant(s, holder)
}

// mayRequest reports whether a waiter's timeout may expire now: the
// holder has run at least one bytecode while it waited, and fewer than
// interval (after interval the holder drops the GIL anyway). Bytecodes take
// different times, so the switch can fall after any of them.
func (m *Model) mayRequest(s harness.State) bool {
	return s[offGIL] != 0 && s[offRequest] == 0 && s[offSlice] >= 1 && int(s[offSlice]) < m.interval
}

func (m *Model) othersWant(s harness.State, th int) bool {
	for o := range m.names {
		if o != th && s[at(o)] == phWant {
			return true
		}
	}
	return false
}

// takeFirst reports whether the GIL is free while a thread waits for it.
// Taking it is then the only thing that can happen: handing over a free
// lock is much faster than an I/O completes, so a returning I/O thread
// finds the GIL already taken instead of racing the waiter for it.
func (m *Model) takeFirst(s harness.State) bool {
	return s[offGIL] == 0 && m.othersWant(s, -1)
}

// Enabled implements harness.Model.
func (m *Model) Enabled(s harness.State, th int) (harness.Step, bool) {
	steps := &m.steps[th]
	t := s[at(th):][:perThread]
	switch t[0] {
	case phDone:
		return harness.Step{}, false
	case phWant:
		// Under the new GIL the thread that was forced to drop it may not
		// take it back before somebody else has.
		if m.mayRequest(s) {
			return steps[actRequest], true
		}
		handoff := s[offPending] == byte(th+1) && m.othersWant(s, th)
		return steps[actTake], s[offGIL] == 0 && !handoff
	case phIO:
		return steps[actIODone], !m.takeFirst(s)
	case phLock:
		return steps[actLockGet], s[offLock] == 0 && !m.takeFirst(s)
	}
	if m.variant != Processes && m.mustDrop(s, th) {
		return steps[actDrop], true
	}
	switch op := m.progs[th].ops[t[1]]; op {
	case opLock:
		if s[offLock] != 0 {
			return steps[actLockBlock], true
		}
	case opRecv:
		return steps[op], s[offQueue] > 0
	case opSend:
		return steps[op], s[offQueue] < queueCap
	}
	return steps[m.progs[th].ops[t[1]]], true
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	out := append(harness.State(nil), s...)
	th := st.Thread
	t := out[at(th):][:perThread]
	switch st.Action {
	case actTake:
		out[offGIL] = byte(th + 1)
		if out[offPending] != byte(th+1) {
			out[offPending] = 0
		}
		t[0], t[3] = phRun, 0
		out[offSlice], out[offRequest] = 0, 0
		return out
	case actRequest:
		out[offRequest] = 1
		return out
	case actDrop:
		out[offGIL], out[offRequest] = 0, 0
		out[offPending] = 0
		if m.variant != Convoy {
			out[offPending] = byte(th + 1)
		}
		t[0] = phWant
		return out
	case actIODone:
		t[0] = phWant
		return out
	case actLockBlock:
		out[offGIL] = 0
		t[0] = phLock
		return out
	case actLockGet:
		out[offLock] = byte(th + 1)
		t[0] = phWant
		m.advance(out, th)
		return out
	}
	// A bytecode: everybody waiting for this interpreter's lock has waited
	// one more bytecode.
	if m.variant != Processes {
		if m.othersWant(out, th) && int(out[offSlice]) < m.interval {
			out[offSlice]++
		}
		for o := range m.names {
			w := out[at(o):][:perThread]
			if o != th && w[0] == phWant && int(w[3]) <= m.interval {
				w[3]++
			}
		}
	}
	switch st.Action {
	case opIO:
		out[offGIL] = 0
		t[0] = phIO
	case opCheck:
		t[2] = 0
		if out[offBalance] >= balanceBias+1 {
			t[2] = 1
		}
	case opAct:
		if t[2] == 1 {
			out[offBalance]--
		}
		t[2] = 0
	case opLock:
		out[offLock] = byte(th + 1)
	case opUnlock:
		out[offLock] = 0
	case opSend:
		out[offQueue]++
	case opRecv:
		out[offQueue]--
	}
	m.advance(out, th)
	return out
}

// advance moves th past its current bytecode: to the next, back to the
// loop start, or out of the program, which releases the GIL.
func (m *Model) advance(s harness.State, th int) {
	t := s[at(th):][:perThread]
	p := m.progs[th]
	t[1]++
	if int(t[1]) < len(p.ops) {
		return
	}
	if p.loop >= 0 {
		t[1] = byte(p.loop)
		return
	}
	t[0] = phDone
	if s[offGIL] == byte(th+1) {
		s[offGIL] = 0
	}
}

// Narrate implements harness.Narrator: the balance a check sees and the
// balance an act leaves.
func (m *Model) Narrate(s harness.State, st harness.Step) string {
	bal := int(s[offBalance]) - balanceBias
	switch st.Action {
	case opCheck:
		if bal >= 1 {
			return fmt.Sprintf("if balance >= 1 (=%d): yes", bal)
		}
		return fmt.Sprintf("if balance >= 1 (=%d): no", bal)
	case opAct:
		if s[at(st.Thread)+2] == 0 {
			return "skip withdrawal"
		}
		return fmt.Sprintf("balance -= 1 (=%d)", bal-1)
	case opRecv:
		return "recv request"
	}
	return st.Label
}

// Describe implements harness.Describer.
func (m *Model) Describe(s harness.State) string {
	var parts []string
	if m.variant != Processes {
		parts = append(parts, m.gilHolder(s))
	}
	switch m.variant {
	case Race, Locked, Processes:
		parts = append(parts, fmt.Sprintf("balance=%d", int(s[offBalance])-balanceBias))
	}
	for th, name := range m.names {
		p := m.Phase(s, th)
		if s[at(th)] == phWant && s[at(th)+3] > 0 {
			p += fmt.Sprintf(" (waited %d bytecodes)", s[at(th)+3])
		}
		parts = append(parts, name+" "+p)
	}
	return strings.Join(parts, ", ")
}

func (m *Model) gilHolder(s harness.State) string {
	if s[offGIL] == 0 {
		return "GIL free"
	}
	return "GIL held by " + m.names[s[offGIL]-1]
}

// BlockedOn implements harness.Blocker: the bank waits on an empty queue
// for the clients, a client on a full queue for the bank.
func (m *Model) BlockedOn(s harness.State, th int) (string, []int, bool) {
	if m.variant != Processes || s[at(th)] != phRun {
		return "", nil, false
	}
	if th == 0 {
		var by []int
		for c := 1; c < len(m.names); c++ {
			if s[at(c)] != phDone {
				by = append(by, c)
			}
		}
		return "queue (empty)", by, true
	}
	return "queue (full)", []int{0}, true
}

// ExclusiveBytecode is the invariant that at most one thread of an
// interpreter runs bytecode at a time, and that it is the GIL's holder.
// What it reads changes only in steps whose footprint names the GIL, so
// partial-order reduction stays on (and, under a GIL, reorders nothing).
func (m *Model) ExclusiveBytecode() harness.Check {
	return harness.InvariantOn("exclusive-bytecode", []string{"GIL"}, func(s harness.State) error {
		if m.variant == Processes {
			return nil // one thread per interpreter
		}
		var running []string
		for th, name := range m.names {
			if s[at(th)] == phRun {
				running = append(running, name)
				if s[offGIL] != byte(th+1) {
					return fmt.Errorf("%s runs bytecode without holding the GIL", name)
				}
			}
		}
		if len(running) > 1 {
			return fmt.Errorf("%s run bytecode at the same time", strings.Join(running, " and "))
		}
		return nil
	})
}

// BoundedWait is the invariant that no thread waits more than interval
// bytecodes of other threads for the GIL. Waits change only in steps
// whose footprint names the GIL.
func (m *Model) BoundedWait() harness.Check {
	return harness.InvariantOn("bounded-wait", []string{"GIL"}, func(s harness.State) error {
		for th, name := range m.names {
			if w := int(s[at(th)+3]); w > m.interval {
				return fmt.Errorf("%s has waited more than %d bytecodes (the switch interval) for the GIL", name, m.interval)
			}
		}
		return nil
	})
}

// Overdraft is the invariant that the balance never goes below zero.
func (m *Model) Overdraft() harness.Check {
	return harness.InvariantOn("overdraft", []string{"balance"}, func(s harness.State) error {
		if b := int(s[offBalance]) - balanceBias; b < 0 {
			return fmt.Errorf("balance=%d: both threads saw balance 1 before either withdrew", b)
		}
		return nil
	})
}

// Checks returns the properties variant v claims: every variant claims
// exclusive bytecode and bounded waiting, the withdrawal variants no
// overdraft.
func (m *Model) Checks() []harness.Check {
	checks := []harness.Check{m.ExclusiveBytecode(), m.BoundedWait()}
	switch m.variant {
	case Race, Locked, Processes:
		checks = append(checks, m.Overdraft())
	}
	return checks
}

func init() {
	registry.Register(registry.Definition{
		Name: "gil",
		Doc:  "global interpreter lock: bytecode never runs in parallel, I/O waits overlap, but check-then-act still races",
		Params: []registry.Param{
			{Name: "interval", Doc: "switch interval: bytecodes a waiter waits before the holder must drop the GIL", Default: 2, Min: 1, Max: 4},
			{Name: "work", Doc: "computing bytecodes per burst", Default: 3, Min: 1, Max: 4},
		},
		Variants: []registry.Variant{
			{Name: string(Race), Doc: "check-then-act over two bytecodes: a forced switch between them overdraws the balance"},
			{Name: string(Locked), Doc: "the same under a threading.Lock: no overdraft"},
			{Name: string(CPU), Doc: "two CPU-bound threads: never two bytecodes at once, switches within the interval"},
			{Name: string(IO), Doc: "two I/O-bound threads: the GIL is released during I/O, so waits overlap"},
			{Name: string(Convoy), Doc: "old GIL: the CPU-bound thread retakes the GIL it dropped and starves the I/O thread"},
			{Name: string(Handoff), Doc: "new GIL: a forced drop hands the GIL to the waiter, nobody waits past the interval"},
			{Name: string(Processes), Doc: "one interpreter per process; the bank owns the balance, clients send requests: no race"},
		},
		Build: func(v string, p map[string]int) (harness.Model, []harness.Check) {
			m := New(Variant(v), p["interval"], p["work"])
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
	harness.Blocker
} = (*Model)(nil)
