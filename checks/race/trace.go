package race

import (
	"fmt"
	"slices"

	"github.com/interleave/concurrency/harness"
)

// InTrace checks one execution of a model (a harness.Trace, from Replay or
// a reported violation) with vector clocks over the footprints: Acquire,
// Recv and Wait accesses take the happens-before of the object's last
// Release or Send, and plain Read/Write accesses to the same object by
// different threads, at least one a Write, must be ordered by it. Unlike
// Model it finds races in a single schedule whose two accesses happen far
// apart. It returns nil or an error naming both steps.
func InTrace(m harness.Model, tr harness.Trace, opts ...Option) error {
	c := &modelCheck{}
	for _, o := range opts {
		o.apply(c)
	}
	h := hb{clocks: map[int]vclock{}, sync: map[string]vclock{}, last: map[string]*accesses{}}
	for i, st := range tr.Steps {
		if err := h.step(c, m, i+1, st); err != nil {
			return err
		}
	}
	return nil
}

type vclock map[int]int

func (v vclock) join(o vclock) {
	for th, c := range o {
		v[th] = max(v[th], c)
	}
}

// access is one plain access: thread, its clock then, step number, label.
type access struct {
	thread, clock, step int
	label               string
	write               bool
}

type accesses struct {
	write *access
	reads []access
}

type hb struct {
	clocks map[int]vclock    // per thread
	sync   map[string]vclock // release clock per object
	last   map[string]*accesses
}

func (h *hb) clock(th int) vclock {
	if h.clocks[th] == nil {
		h.clocks[th] = vclock{th: 1}
	}
	return h.clocks[th]
}

func (h *hb) step(c *modelCheck, m harness.Model, n int, st harness.Step) error {
	vc := h.clock(st.Thread)
	for _, a := range st.Access {
		if a.Kind == harness.Acquire || a.Kind == harness.Recv || a.Kind == harness.Wait || slices.Contains(c.atomic, a.Object) {
			vc.join(h.sync[a.Object])
		}
	}
	for _, a := range st.Access {
		if !plain(a.Kind) || slices.Contains(c.atomic, a.Object) {
			continue
		}
		cur := access{thread: st.Thread, clock: vc[st.Thread], step: n, label: st.Label, write: a.Kind == harness.Write}
		if prev, ok := h.conflict(a.Object, cur, vc); ok {
			return fmt.Errorf("%s %q (step %d) and %s %q (step %d) both access %s, at least one writes, and nothing orders them",
				harness.ThreadName(m, prev.thread), prev.label, prev.step, harness.ThreadName(m, cur.thread), cur.label, cur.step, a.Object)
		}
	}
	for _, a := range st.Access {
		if a.Kind == harness.Release || a.Kind == harness.Send || slices.Contains(c.atomic, a.Object) {
			if h.sync[a.Object] == nil {
				h.sync[a.Object] = vclock{}
			}
			h.sync[a.Object].join(vc)
		}
	}
	vc[st.Thread]++
	return nil
}

// conflict records cur and returns an earlier access it races with.
func (h *hb) conflict(obj string, cur access, vc vclock) (access, bool) {
	l := h.last[obj]
	if l == nil {
		l = &accesses{}
		h.last[obj] = l
	}
	ordered := func(a access) bool { return a.thread == cur.thread || a.clock <= vc[a.thread] }
	if l.write != nil && !ordered(*l.write) {
		return *l.write, true
	}
	if cur.write {
		for _, r := range l.reads {
			if !ordered(r) {
				return r, true
			}
		}
		l.write, l.reads = &cur, nil
		return access{}, false
	}
	l.reads = append(l.reads, cur)
	return access{}, false
}
