package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/coffman"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/models/registry"
)

// report renders the result of one exploration.
type report struct {
	inst   registry.Instance
	flags  exploreFlags
	opts   harness.Options
	checks []harness.Check
	res    harness.Result
	// headerShown: the header went out before the search started.
	headerShown bool
	// notes are lines about files written (--dot, --html, --shard), put
	// before the last line, which says whether the search is a proof.
	notes string
}

func (r report) header() string {
	h := fmt.Sprintf("explore %s  variant=%s", r.inst.Def.Name, r.inst.Variant)
	if p := r.inst.ParamString("  "); p != "" {
		h += "  " + p
	}
	h += "  strategy=" + r.opts.Strategy.String()
	if r.opts.Depth > 0 {
		h += fmt.Sprintf("  depth=%d", r.opts.Depth)
	}
	if r.opts.MaxStates > 0 {
		h += fmt.Sprintf("  max-states=%d", r.opts.MaxStates)
	}
	if r.flags.fairness != "" {
		h += "  fairness=" + r.flags.fairness
	}
	return h + r.searchHeader() + r.storeHeader()
}

// storeHeader names the store and search options that change how, not
// what, is explored.
func (r report) storeHeader() string {
	h := ""
	if r.opts.Compact {
		h += "  compact"
	}
	if r.opts.Workers > 1 {
		h += fmt.Sprintf("  workers=%d", r.opts.Workers)
	}
	if r.opts.MaxMemory > 0 {
		h += "  max-memory=" + strings.ReplaceAll(trace.FormatBytes(r.opts.MaxMemory), " ", "")
	}
	return h
}

// boundPhrase says what stopped a bounded search.
func boundPhrase(bound harness.Bound) string {
	switch bound.Kind {
	case harness.BoundInterrupted:
		return "the search was interrupted"
	case harness.BoundTimeout:
		return "the search reached its --timeout"
	case harness.BoundMaxMemory:
		return "the search reached --" + bound.String()
	}
	return "the " + bound.String() + " bound"
}

// checked names everything the search looked for.
func (r report) checked() string {
	names := []string{harness.DeadlockKind}
	for _, c := range r.checks {
		names = append(names, c.Name())
	}
	return strings.Join(names, ", ")
}

func (r report) summary() string {
	res := r.res
	switch res.Verdict() {
	case harness.Violated:
		var kinds []string
		for _, v := range res.Violations {
			kinds = append(kinds, v.Kind)
		}
		how := "search stopped at the first violation"
		if res.Complete {
			how = "whole reachable space explored"
		} else if r.opts.KeepGoing && res.Bound != (harness.Bound{}) {
			how = "search bounded by " + res.Bound.String()
		}
		return fmt.Sprintf("result: violation: %s (%s)", strings.Join(kinds, ", "), how)
	case harness.OK:
		return fmt.Sprintf("result: ok: no violation in the whole reachable space (checked: %s)", r.checked())
	}
	return fmt.Sprintf("result: bounded: no violation found before %s; states beyond it were not explored, so this proves nothing about them (checked: %s)", boundPhrase(res.Bound), r.checked())
}

// statsLine is the search's size, for the text report and the HTML page.
func (r report) statsLine() string {
	return fmt.Sprintf("states: %d  transitions: %d  max depth: %d", r.res.States, r.res.Transitions, r.res.MaxDepth)
}

func (r report) writeText(w io.Writer) error {
	var b strings.Builder
	if !r.headerShown {
		b.WriteString(r.header() + "\n")
	}
	b.WriteString(r.summary() + "\n")
	b.WriteString(r.statsLine() + "\n")
	if r.opts.KeepGoing && len(r.res.Violating) > 0 {
		b.WriteString("violating states:" + violatingCounts(r.res.Violating) + "\n")
	}
	b.WriteString(r.searchLines())
	if r.opts.Compact {
		fmt.Fprintf(&b, "hash compaction: %d-bit fingerprints; probability that a state was missed <= %.1e\n", harness.FingerprintBits, r.res.MissProbability)
	}
	if r.flags.timing {
		fmt.Fprintf(&b, "time: %v  (%.0f states/s)\n", r.res.Elapsed.Round(time.Microsecond), float64(r.res.States)/r.res.Elapsed.Seconds())
	}
	for _, v := range r.res.Violations {
		b.WriteString("\n")
		writeViolation(&b, r.inst, v)
		b.WriteString(minimised(v))
		b.WriteString("\nreplay: " + replayCommand(r.inst, v, r.flags.fairness) + "\n")
	}
	b.WriteString(r.notes)
	b.WriteString(finalLine(r.res, b.String()))
	_, err := io.WriteString(w, b.String())
	return err
}

func violatingCounts(m map[string]int) string {
	var kinds []string
	for k := range m {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	s := ""
	for _, k := range kinds {
		s += fmt.Sprintf(" %s=%d", k, m[k])
	}
	return s
}

// writeViolation prints what failed, the schedule as per-thread columns,
// the final state and, for a deadlock, the wait-for cycle and the Coffman
// conditions.
func writeViolation(b *strings.Builder, inst registry.Instance, v harness.Violation) {
	m := inst.Model
	fmt.Fprintf(b, "%s: %s\n\n", strings.ToUpper(v.Kind), v.Message)
	rows := v.Trace.Rows()
	if v.Cycle > 0 {
		at := len(rows) - v.Cycle
		note := trace.Row{Thread: -1, Text: fmt.Sprintf("↻ the %d steps below repeat forever", v.Cycle)}
		rows = append(rows[:at:at], append([]trace.Row{note}, rows[at:]...)...)
	}
	if len(v.Trace.Steps) == 0 {
		b.WriteString("(in the initial state: no step taken)\n")
	} else {
		b.WriteString(trace.FormatColumns(harness.ThreadNames(m, v.Trace.Final()), rows))
	}
	if d, ok := m.(harness.Describer); ok {
		fmt.Fprintf(b, "\nfinal state: %s\n", d.Describe(v.Trace.Final()))
	}
	if d, ok := v.Detail.(*harness.Deadlock); ok {
		writeDeadlock(b, m, d)
	}
}

func writeDeadlock(b *strings.Builder, m harness.Model, d *harness.Deadlock) {
	b.WriteString("\nblocked:\n")
	for _, w := range d.Blocked {
		b.WriteString("  " + blockedLine(m, w) + "\n")
	}
	d.Evidence.WriteText(b, 0)
}

// blockedLine says where w is blocked, on what, and what it holds.
func blockedLine(m harness.Model, w harness.Blocked) string {
	line := fmt.Sprintf("%s at %q", harness.ThreadName(m, w.Thread), w.Step)
	if w.Object != "" {
		line += " waits for " + w.Object
	}
	if len(w.Holding) > 0 {
		line += ", holding " + strings.Join(w.Holding, ", ")
	}
	return line
}

// replayCommand is the exact command that replays v.
func replayCommand(inst registry.Instance, v harness.Violation, fair string) string {
	cmd := fmt.Sprintf("harness replay %s --variant %s", inst.Def.Name, inst.Variant)
	if p := inst.ParamString(" --param "); p != "" {
		cmd += " --param " + p
	}
	cmd += " --schedule " + v.Schedule.String()
	if v.Cycle > 0 {
		if fair == "" {
			fair = fairness.None.String()
		}
		cmd += fmt.Sprintf(" --cycle %d --fairness %s", v.Cycle, fair)
	}
	return cmd
}

// JSON shapes, as DESIGN.md names them.
type jsonReport struct {
	Model      string          `json:"model"`
	Variant    string          `json:"variant"`
	Params     map[string]int  `json:"params"`
	Strategy   string          `json:"strategy"`
	Result     string          `json:"result"`
	Bound      string          `json:"bound,omitempty"`
	Violations []jsonViolation `json:"violations"`
	Stats      jsonStats       `json:"stats"`
	Search     jsonSearch      `json:"search"`
}

type jsonViolation struct {
	Kind       string        `json:"kind"`
	Message    string        `json:"message"`
	Schedule   string        `json:"schedule"`
	Cycle      int           `json:"cycle,omitempty"`
	Steps      []jsonStep    `json:"steps"`
	FinalState string        `json:"final_state,omitempty"`
	Deadlock   *jsonDeadlock `json:"deadlock,omitempty"`
	Replay     string        `json:"replay"`
	// FoundLength is the schedule's length before minimisation.
	FoundLength int `json:"found_length,omitempty"`
}

type jsonStep struct {
	Thread string `json:"thread"`
	Label  string `json:"label"`
}

type jsonDeadlock struct {
	Cycle   []string            `json:"cycle"`
	Coffman []coffman.Condition `json:"coffman"`
}

type jsonStats struct {
	States      int      `json:"states"`
	Transitions int      `json:"transitions"`
	MaxDepth    int      `json:"max_depth"`
	ElapsedMS   *float64 `json:"elapsed_ms,omitempty"`
	// MissProbability is present under --compact.
	MissProbability *float64       `json:"miss_probability,omitempty"`
	Violating       map[string]int `json:"violating,omitempty"`
}

func (r report) writeJSON(w io.Writer) error {
	res := r.res
	j := jsonReport{
		Model: r.inst.Def.Name, Variant: r.inst.Variant, Params: r.inst.Params,
		Strategy: r.opts.Strategy.String(), Result: res.Verdict().String(), Bound: res.Bound.String(),
		Violations: []jsonViolation{},
		Stats:      jsonStats{States: res.States, Transitions: res.Transitions, MaxDepth: res.MaxDepth},
		Search:     r.jsonSearch(),
	}
	if r.opts.KeepGoing {
		j.Stats.Violating = res.Violating
	}
	if r.flags.timing {
		ms := float64(res.Elapsed.Microseconds()) / 1000
		j.Stats.ElapsedMS = &ms
	}
	if r.opts.Compact {
		j.Stats.MissProbability = &res.MissProbability
	}
	m := r.inst.Model
	for _, v := range res.Violations {
		jv := jsonViolation{Kind: v.Kind, Message: v.Message, Schedule: v.Schedule.String(), Cycle: v.Cycle,
			Replay: replayCommand(r.inst, v, r.flags.fairness), FoundLength: v.Found}
		for _, st := range v.Trace.Steps {
			jv.Steps = append(jv.Steps, jsonStep{Thread: harness.ThreadName(m, st.Thread), Label: st.Label})
		}
		if d, ok := m.(harness.Describer); ok {
			jv.FinalState = d.Describe(v.Trace.Final())
		}
		if d, ok := v.Detail.(*harness.Deadlock); ok {
			jv.Deadlock = &jsonDeadlock{Cycle: d.Evidence.Names(), Coffman: d.Evidence.Coffman}
		}
		j.Violations = append(j.Violations, jv)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}
