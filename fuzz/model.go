package fuzz

import (
	"fmt"
	"os"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/models/registry"
)

// MaxModelSteps bounds one fuzzed walk of a model: models whose threads
// loop forever (the philosophers) are cut there.
const MaxModelSteps = 64

// Walk executes m from its initial state for at most depth steps,
// choosing among the enabled threads with ch (as run 0), and stops at the first
// state in which a check fails or no thread can step. It returns the
// schedule walked and the violations of the state it stopped in (nil if
// none).
func Walk(m harness.Model, ch sched.Chooser, depth int, checks ...harness.Check) (harness.Schedule, []harness.Violation) {
	s := m.Init()
	tr := harness.Trace{States: []harness.State{s}}
	var enabled []harness.Step
	var threads []int // of the enabled steps, what ch chooses among
	ch.Start(0)
	for len(tr.Steps) < depth {
		enabled, threads = enabled[:0], threads[:0]
		for st := range harness.EnabledSteps(m, s) {
			enabled, threads = append(enabled, st), append(threads, st.Thread)
		}
		if len(enabled) == 0 {
			break
		}
		st := enabled[sched.Pick(ch, threads, len(tr.Steps))]
		s = m.Apply(s, st)
		tr.Steps = append(tr.Steps, st)
		tr.States = append(tr.States, s)
		if vs := harness.Judge(m, tr, checks...); len(vs) > 0 {
			return tr.Schedule(), vs
		}
	}
	return tr.Schedule(), harness.Judge(m, tr, checks...)
}

// RunModel walks the model of inst under ch (or replays the schedule in
// INTERLEAVE_REPLAY) and returns the first violation, replayed with its
// narrated trace, or nil.
func RunModel(inst registry.Instance, ch sched.Chooser) (*harness.Violation, error) {
	var s harness.Schedule
	if text := os.Getenv(rt.ReplayEnv); text != "" {
		var err error
		if s, err = harness.ParseSchedule(text); err != nil {
			return nil, err
		}
	} else if s, _ = Walk(inst.Model, ch, MaxModelSteps, inst.Checks...); s == nil {
		s = harness.Schedule{}
	}
	tr, err := harness.Replay(inst.Model, s)
	if err != nil {
		return nil, err
	}
	vs := harness.Judge(inst.Model, tr, inst.Checks...)
	if len(vs) == 0 {
		return nil, nil
	}
	return &vs[0], nil
}

// ModelReport renders a model violation: the model, the violation, one
// column per thread, the final state and a deadlock's evidence.
func ModelReport(inst registry.Instance, v *harness.Violation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "model %s  variant=%s", inst.Def.Name, inst.Variant)
	if p := inst.ParamString("  "); p != "" {
		b.WriteString("  " + p)
	}
	fmt.Fprintf(&b, "\n%s: %s\n\n", strings.ToUpper(v.Kind), v.Message)
	b.WriteString(trace.FormatColumns(harness.ThreadNames(inst.Model, v.Trace.Final()), v.Trace.Rows()))
	if d, ok := inst.Model.(harness.Describer); ok {
		b.WriteString("\nfinal state: " + d.Describe(v.Trace.Final()) + "\n")
	}
	if d, ok := v.Detail.(*harness.Deadlock); ok {
		d.Evidence.WriteText(&b, 0)
	}
	fmt.Fprintf(&b, "schedule: %s\n", v.Schedule)
	return b.String()
}

// CLIReplay returns the harness CLI command that replays schedule s of
// inst.
func CLIReplay(inst registry.Instance, s harness.Schedule) string {
	cmd := "go run ./cmd/harness replay " + inst.Def.Name + " --variant " + inst.Variant
	if p := inst.ParamString(" --param "); p != "" {
		cmd += " --param " + p
	}
	return cmd + " --schedule " + s.String()
}
