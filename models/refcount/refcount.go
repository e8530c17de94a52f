package refcount

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// Variant selects how the reference count is changed.
type Variant string

// The variants; see the package documentation.
const (
	Naive  Variant = "naive"
	Atomic Variant = "atomic"
	GIL    Variant = "gil"
	Biased Variant = "biased"
)

// Actions of steps.
const (
	readRC        = iota // tmp = rc
	writeInc             // rc = tmp + 1
	writeDec             // rc = tmp - 1; free next if it is zero
	atomicInc            // rc++ in one step
	atomicDec            // rc-- in one step; free next if it is zero
	use                  // use the object
	free                 // free the object
	takeGIL              // acquire the interpreter lock
	dropGIL              // release it between bytecodes
	readLocal            // biased, owner: tmp = local
	writeLocalInc        // local = tmp + 1
	writeLocalDec        // local = tmp - 1; merge next if it is zero
	merge                // mark shared merged; free next if shared is zero
	sharedInc            // biased, others: shared++ atomically
	sharedDec            // shared-- atomically; free next if zero and merged
)

// State layout. Counts are int8 stored as bytes. rc is the count of the
// naive, atomic and gil variants and the owner's local count of biased.
const (
	offRC      = iota // rc, or local for biased
	offShared         // biased: the shared count
	offMerged         // biased: 1 once the owner has merged
	offGIL            // holder of the GIL + 1, 0 if free
	offFrees          // how many times the object was freed
	offFreer          // thread + 1 that freed it first
	offThreads        // then per thread: pc, tmp, uaf
	perThread  = 3
	// uaf is 1 + the instruction at which the thread first touched the
	// object after it was freed, 0 if it never did. It is kept per thread
	// so that two threads touching freed memory commute.

)

// instr is one instruction of a thread's program. skip is how many of the
// following instructions (the freeing path) are skipped when the count
// did not reach zero.
type instr struct {
	step  harness.Step
	freed harness.Step // the same step once the object is freed
	skip  int
}

// Model is the reference-counted object shared by threads.
type Model struct {
	variant Variant
	threads int
	prog    [][]instr            // prog[th]: the thread's program, built once
	may     [][][]harness.Access // may[th][pc]: every access from pc on
}

// New returns the model of the given variant with threads threads (1..4).
func New(v Variant, threads int) *Model {
	m := &Model{variant: v, threads: threads, prog: make([][]instr, threads)}
	m.may = make([][][]harness.Access, threads)
	for th := range threads {
		m.prog[th] = m.program(th)
		steps := make([]harness.Step, len(m.prog[th]))
		for i, in := range m.prog[th] {
			steps[i] = in.freed // it makes every access the live step makes
		}
		m.may[th] = suffixAccesses(steps)
	}
	return m
}

// suffixAccesses returns, for every pc of a straight-line program, the
// accesses of the steps from pc to its end, each object once: with kind
// Read if every access to it reads, else the first changing kind.
func suffixAccesses(prog []harness.Step) [][]harness.Access {
	may := make([][]harness.Access, len(prog)+1)
	for pc := len(prog) - 1; pc >= 0; pc-- {
		may[pc] = mergeAccesses(may[pc+1], prog[pc].Access)
	}
	return may
}

func mergeAccesses(have, add []harness.Access) []harness.Access {
	out := append([]harness.Access(nil), have...)
next:
	for _, a := range add {
		for i, b := range out {
			if b.Object == a.Object {
				if b.Kind == harness.Read && a.Kind != harness.Read {
					out[i].Kind = harness.Write
				}
				continue next
			}
		}
		out = append(out, a)
	}
	return out
}

// MayAccess implements harness.Lookahead for partial-order reduction:
// every access thread th may still make, from its next step to its end.
func (m *Model) MayAccess(s harness.State, th int) []harness.Access {
	pc := min(int(s[at(th)]), len(m.prog[th]))
	return m.may[th][pc]
}

// program builds thread th's instructions: take a second reference, use,
// drop one, use, drop the last.
func (m *Model) program(th int) []instr {
	var p []instr
	emit := func(action int, label string, skip int, acc ...harness.Access) {
		if touches(action) && action != use {
			// The count lives in the object: touching it reads the object's
			// memory, which conflicts with freeing it.
			acc = append(acc, harness.Access{Object: "obj", Kind: harness.Read})
		}
		st := harness.Step{Footprint: harness.Footprint{Thread: th, Label: label, Access: acc}, Action: action}
		st.Progress = action == use
		st.Yield = action == dropGIL
		freed := st
		if touches(action) {
			// On freed memory the step corrupts the object (and records
			// the use after free): it writes obj.
			freed.Access = nil
			for _, a := range acc {
				if a.Object != "obj" {
					freed.Access = append(freed.Access, a)
				}
			}
			freed.Access = append(freed.Access, harness.Access{Object: "obj", Kind: harness.Write})
		}
		p = append(p, instr{step: st, freed: freed, skip: skip})
	}
	rd := func(obj string) harness.Access { return harness.Access{Object: obj, Kind: harness.Read} }
	wr := func(obj string) harness.Access { return harness.Access{Object: obj, Kind: harness.Write} }
	bytecode := func(body func()) {
		if m.variant == GIL {
			emit(takeGIL, "take GIL", 0, harness.Access{Object: "GIL", Kind: harness.Acquire})
		}
		body()
		if m.variant == GIL {
			emit(dropGIL, "drop GIL", 0, harness.Access{Object: "GIL", Kind: harness.Release})
		}
	}
	owner := m.variant == Biased && th == 0
	incref := func() {
		bytecode(func() {
			switch {
			case owner:
				emit(readLocal, "incref: read local", 0, rd("local"))
				emit(writeLocalInc, "incref: write local", 0, wr("local"))
			case m.variant == Biased:
				emit(sharedInc, "incref: shared++", 0, wr("shared"))
			case m.variant == Atomic:
				emit(atomicInc, "incref: rc++", 0, wr("rc"))
			default:
				emit(readRC, "incref: read rc", 0, rd("rc"))
				emit(writeInc, "incref: write rc", 0, wr("rc"))
			}
		})
	}
	decref := func() {
		bytecode(func() {
			switch {
			case owner:
				emit(readLocal, "decref: read local", 0, rd("local"))
				emit(writeLocalDec, "decref: write local", 2, wr("local"))
				emit(merge, "merge into shared", 1, wr("shared"))
			case m.variant == Biased:
				emit(sharedDec, "decref: shared--", 1, wr("shared"))
			case m.variant == Atomic:
				emit(atomicDec, "decref: rc--", 1, wr("rc"))
			default:
				emit(readRC, "decref: read rc", 0, rd("rc"))
				emit(writeDec, "decref: write rc", 1, wr("rc"))
			}
			emit(free, "free obj", 0, wr("obj"))
		})
	}
	useObj := func() { bytecode(func() { emit(use, "use obj", 0, rd("obj")) }) }
	incref()
	useObj()
	decref()
	useObj()
	decref()
	return p
}

// Name implements harness.Model.
func (m *Model) Name() string { return "refcount" }

// Init implements harness.Model: every thread holds one reference.
func (m *Model) Init() harness.State {
	s := make(harness.State, offThreads+perThread*m.threads)
	if m.variant == Biased {
		s[offRC] = 1                       // the owner's reference
		s[offShared] = byte(m.threads - 1) // everybody else's
	} else {
		s[offRC] = byte(m.threads)
	}
	return s
}

// Threads implements harness.Model.
func (m *Model) Threads(harness.State) int { return m.threads }

func at(th int) int { return offThreads + perThread*th }

// Finished implements harness.Finisher: the thread has dropped both its
// references.
func (m *Model) Finished(s harness.State, th int) bool { return int(s[at(th)]) >= len(m.prog[th]) }

// Enabled implements harness.Model. Only taking the GIL can block.
func (m *Model) Enabled(s harness.State, th int) (harness.Step, bool) {
	pc := int(s[at(th)])
	if pc >= len(m.prog[th]) {
		return harness.Step{}, false
	}
	st := &m.prog[th][pc].step
	if s[offFrees] > 0 {
		st = &m.prog[th][pc].freed
	}
	return *st, st.Action != takeGIL || s[offGIL] == 0
}

// touches reports whether an action reads or writes the object's memory
// (its count included); after the free such an access is a use after free.
func touches(action int) bool {
	switch action {
	case takeGIL, dropGIL, free:
		return false
	}
	return true
}

// Apply implements harness.Model.
func (m *Model) Apply(s harness.State, st harness.Step) harness.State {
	out := append(harness.State(nil), s...)
	th := st.Thread
	t := out[at(th):][:perThread] // pc, tmp, uaf
	pc := int(t[0])
	if touches(st.Action) && out[offFrees] > 0 && t[2] == 0 {
		t[2] = byte(pc + 1)
	}
	next := pc + 1
	zero := func(v byte, ok bool) {
		if v != 0 || !ok {
			next += m.prog[th][pc].skip
		}
	}
	switch st.Action {
	case readRC:
		t[1] = out[offRC]
	case writeInc:
		out[offRC] = t[1] + 1
	case writeDec:
		out[offRC] = t[1] - 1
		zero(out[offRC], true)
	case atomicInc:
		out[offRC]++
	case atomicDec:
		out[offRC]--
		zero(out[offRC], true)
	case readLocal:
		t[1] = out[offRC]
	case writeLocalInc:
		out[offRC] = t[1] + 1
	case writeLocalDec:
		out[offRC] = t[1] - 1
		zero(out[offRC], true)
	case merge:
		out[offMerged] = 1
		zero(out[offShared], true)
	case sharedInc:
		out[offShared]++
	case sharedDec:
		out[offShared]--
		zero(out[offShared], out[offMerged] == 1)
	case free:
		if out[offFrees] == 0 {
			out[offFreer] = byte(th + 1)
		}
		out[offFrees]++
	case takeGIL:
		out[offGIL] = byte(th + 1)
	case dropGIL:
		out[offGIL] = 0
	}
	if st.Action != readRC && st.Action != readLocal {
		t[1] = 0 // tmp only lives from a read to the write after it
	}
	t[0] = byte(next)
	return out
}

func count(b byte) int { return int(int8(b)) }

// Narrate implements harness.Narrator: reads and writes show the values,
// and a step on freed memory says so.
func (m *Model) Narrate(s harness.State, st harness.Step) string {
	tmp := s[at(st.Thread)+1]
	label := st.Label
	switch st.Action {
	case readRC, readLocal:
		label = fmt.Sprintf("%s (=%d)", st.Label, count(s[offRC]))
	case writeInc, writeLocalInc:
		label = fmt.Sprintf("%s=%d", st.Label, count(tmp+1))
	case writeDec, writeLocalDec:
		label = fmt.Sprintf("%s=%d", st.Label, count(tmp-1))
	case atomicInc:
		label = fmt.Sprintf("%s (=%d)", st.Label, count(s[offRC]+1))
	case atomicDec:
		label = fmt.Sprintf("%s (=%d)", st.Label, count(s[offRC]-1))
	case sharedInc:
		label = fmt.Sprintf("%s (=%d)", st.Label, count(s[offShared]+1))
	case sharedDec:
		label = fmt.Sprintf("%s (=%d)", st.Label, count(s[offShared]-1))
	case merge:
		label = fmt.Sprintf("%s (shared=%d)", st.Label, count(s[offShared]))
	case free:
		if s[offFrees] > 0 {
			return "free obj AGAIN"
		}
	}
	if touches(st.Action) && s[offFrees] > 0 {
		label += " FREED!"
	}
	return label
}

// Describe implements harness.Describer.
func (m *Model) Describe(s harness.State) string {
	var parts []string
	if m.variant == Biased {
		merged := ""
		if s[offMerged] == 1 {
			merged = " (merged)"
		}
		parts = append(parts, fmt.Sprintf("local=%d (owner T0), shared=%d%s", count(s[offRC]), count(s[offShared]), merged))
	} else {
		parts = append(parts, fmt.Sprintf("rc=%d", count(s[offRC])))
	}
	switch s[offFrees] {
	case 0:
		parts = append(parts, "obj live")
	case 1:
		parts = append(parts, fmt.Sprintf("obj freed by T%d", s[offFreer]-1))
	default:
		parts = append(parts, fmt.Sprintf("obj freed %d times", s[offFrees]))
	}
	if m.variant == GIL {
		if h := s[offGIL]; h != 0 {
			parts = append(parts, fmt.Sprintf("GIL held by T%d", h-1))
		} else {
			parts = append(parts, "GIL free")
		}
	}
	return strings.Join(parts, ", ")
}

// DoubleFree is the invariant that the object is freed at most once.
func (m *Model) DoubleFree() harness.Check {
	return harness.InvariantOn("double-free", []string{"obj"}, func(s harness.State) error {
		if s[offFrees] > 1 {
			return fmt.Errorf("obj freed %d times: the count reached zero again after T%d freed it", s[offFrees], s[offFreer]-1)
		}
		return nil
	})
}

// UseAfterFree is the invariant that no thread touches the object once it
// is freed.
func (m *Model) UseAfterFree() harness.Check {
	return harness.InvariantOn("use-after-free", []string{"obj"}, func(s harness.State) error {
		for th := range m.threads {
			pc := int(s[at(th)+2]) - 1
			if pc < 0 {
				continue
			}
			what := m.prog[th][pc].step.Label
			freer := fmt.Sprintf("T%d freed it", s[offFreer]-1)
			if int(s[offFreer]) == th+1 {
				freer = "freeing it itself"
			}
			return fmt.Errorf("thread T%d did %q on obj after %s: a lost increment let the count reach zero while T%d still held a reference", th, what, freer, th)
		}
		return nil
	})
}

// Leak is the terminal check that once every thread has dropped its
// references the object has been freed.
func (m *Model) Leak() harness.Check {
	return harness.Terminal("leak", func(s harness.State) error {
		for th := range m.threads {
			if !m.Finished(s, th) {
				return nil
			}
		}
		if s[offFrees] == 0 {
			return fmt.Errorf("obj never freed: every thread dropped its references, but the count is stuck at %s (a decrement was lost)", m.countText(s))
		}
		return nil
	})
}

func (m *Model) countText(s harness.State) string {
	if m.variant == Biased {
		return fmt.Sprintf("local=%d shared=%d", count(s[offRC]), count(s[offShared]))
	}
	return fmt.Sprintf("rc=%d", count(s[offRC]))
}

// Checks returns the three properties: double-free, use-after-free, leak.
// The invariants read only what steps on obj change (freeing it, and
// touching it once freed), so partial-order reduction stays on.
func (m *Model) Checks() []harness.Check {
	return []harness.Check{m.DoubleFree(), m.UseAfterFree(), m.Leak()}
}

func init() {
	registry.Register(registry.Definition{
		Name: "refcount",
		Doc:  "reference counting: non-atomic increments and decrements leak, free objects still in use, free twice",
		Params: []registry.Param{
			{Name: "threads", Doc: "threads sharing the object, each holding one reference", Default: 2, Min: 1, Max: maxThreads},
		},
		Variants: []registry.Variant{
			{Name: string(Naive), Doc: "rc read then written: lost decrements leak, lost increments free too early"},
			{Name: string(Atomic), Doc: "rc++ and rc-- as single atomic steps: freed exactly once, never used after"},
			{Name: string(GIL), Doc: "naive read and write inside one bytecode under the interpreter lock: safe"},
			{Name: string(Biased), Doc: "owner counts locally without atomics, others atomically, merged on hand-off: safe"},
		},
		Build: func(v string, p map[string]int) (harness.Model, []harness.Check) {
			m := New(Variant(v), p["threads"])
			return m, m.Checks()
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
	harness.Lookahead
	harness.Symmetric
} = (*Model)(nil)
