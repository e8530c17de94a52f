package harness

import (
	"fmt"

	"github.com/interleave/concurrency/harness/trace"
)

// Trace is one execution step by step: States[0] is the initial state and
// States[i+1] the state after Steps[i].
type Trace struct {
	Steps  []Step
	States []State
}

// Schedule returns the threads of t's steps in order.
func (t Trace) Schedule() Schedule {
	s := make(Schedule, len(t.Steps))
	for i, st := range t.Steps {
		s[i] = st.Thread
	}
	return s
}

// Final returns the state the execution ends in.
func (t Trace) Final() State { return t.States[len(t.States)-1] }

// Replay executes schedule s on m from the initial state and returns its
// trace. It fails, naming the step, if the schedule asks for a thread that
// does not exist or cannot step at that point.
func Replay(m Model, s Schedule) (Trace, error) {
	state := m.Init()
	tr := Trace{States: []State{state}}
	for i, th := range s {
		n := m.Threads(state)
		if th < 0 || th >= n {
			return tr, fmt.Errorf("schedule not executable: step %d names thread %d, but the model has no such thread (allowed: threads 0..%d)", i+1, th, n-1)
		}
		st, ok := m.Enabled(state, th)
		if !ok {
			why := "it has finished"
			if !finished(m, state, th) {
				why = fmt.Sprintf("it is blocked at %q", st.Label)
			}
			return tr, fmt.Errorf("schedule not executable: step %d names thread %d (%s), but %s (allowed at that step: %s)",
				i+1, th, ThreadName(m, th), why, enabledList(m, state))
		}
		st.Thread = th
		next := m.Apply(state, st)
		if n, ok := m.(Narrator); ok {
			st.Label = n.Narrate(state, st)
		}
		state = next
		tr.Steps = append(tr.Steps, st)
		tr.States = append(tr.States, state)
	}
	return tr, nil
}

func enabledList(m Model, s State) string {
	list := ""
	for st := range EnabledSteps(m, s) {
		if list != "" {
			list += ", "
		}
		list += fmt.Sprint(st.Thread)
	}
	if list == "" {
		return "none, no thread can step"
	}
	return "threads " + list
}

// Rows returns the trace as rendering rows: each step's thread and label.
func (t Trace) Rows() []trace.Row {
	rows := make([]trace.Row, len(t.Steps))
	for i, st := range t.Steps {
		rows[i] = trace.Row{Thread: st.Thread, Text: st.Label}
	}
	return rows
}

// ThreadNames returns the display names of m's threads in state s.
func ThreadNames(m Model, s State) []string {
	names := make([]string, m.Threads(s))
	for i := range names {
		names[i] = ThreadName(m, i)
	}
	return names
}
