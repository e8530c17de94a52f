package harness_test

import (
	"fmt"

	"github.com/interleave/concurrency/harness"
)

// op is one instruction of a test program: acquire or release lock obj,
// or set variable obj to val.
type op struct {
	kind harness.AccessKind
	obj  int
	val  byte
}

func acq(l int) op         { return op{kind: harness.Acquire, obj: l} }
func rel(l int) op         { return op{kind: harness.Release, obj: l} }
func set(v int, b byte) op { return op{kind: harness.Write, obj: v, val: b} }
func name(o op) string     { return fmt.Sprintf("%c", 'A'+o.obj) }
func label(o op) string    { return fmt.Sprintf("%s %s", o.kind, name(o)) }

// program is a small model for engine tests: each thread runs its list of
// ops once and finishes. The state holds each thread's pc, then each
// object's value (for a lock: 0 free, else holder+1).
type program struct {
	threads [][]op
	objects int
}

func (p program) Name() string { return "program" }

func (p program) Init() harness.State { return make(harness.State, len(p.threads)+p.objects) }

func (p program) Threads(harness.State) int { return len(p.threads) }

func (p program) Finished(s harness.State, th int) bool { return int(s[th]) == len(p.threads[th]) }

func (p program) Enabled(s harness.State, th int) (harness.Step, bool) {
	if p.Finished(s, th) {
		return harness.Step{}, false
	}
	o := p.threads[th][s[th]]
	st := harness.Step{Footprint: harness.Footprint{Thread: th, Label: label(o),
		Access: []harness.Access{{Object: name(o), Kind: o.kind}}}}
	return st, o.kind != harness.Acquire || s[len(p.threads)+o.obj] == 0
}

func (p program) Apply(s harness.State, st harness.Step) harness.State {
	out := append(harness.State(nil), s...)
	o := p.threads[st.Thread][s[st.Thread]]
	v := &out[len(p.threads)+o.obj]
	switch o.kind {
	case harness.Acquire:
		*v = byte(st.Thread + 1)
	case harness.Release:
		*v = 0
	default:
		*v = o.val
	}
	out[st.Thread]++
	return out
}
